import Foundation

/// The data behind the precision guards: common words per language, given names, thresholds.
///
/// Loaded from `Resources/guards` (see its README for sources and licences). Thresholds are data
/// (`thresholds.tsv`) so that `explain` can show them and a user can change them.
struct GuardData: Sendable {
    /// Highest Zipf frequency of each lower-case word among the languages checked in Latin text.
    var latinCommonWords: [String: Float] = [:]
    /// The same for Cyrillic text.
    var cyrillicCommonWords: [String: Float] = [:]
    /// Lower-cased given names, all languages and scripts.
    var givenNames: Set<String> = []
    /// `key` → `value` from thresholds.tsv.
    var thresholds: [String: String] = [:]

    /// A name is a common word when its Zipf frequency is at least this.
    var commonWordMinZipf: Float { Float(thresholds["common_word_min_zipf"] ?? "") ?? 3.5 }
    /// Entities at least this populous may be matched by a capitalized common word mid-sentence.
    var commonWordMinPopulation: Int { Int(thresholds["common_word_min_population"] ?? "") ?? 100_000 }
    /// Entity types that pass the common-word guard whenever the word is capitalized.
    var commonWordAlwaysTypes: Set<String> {
        Set((thresholds["common_word_always_types"] ?? "country,region").split(separator: ",").map {
            String($0).trimmingCharacters(in: .whitespaces)
        })
    }
    /// Words at least this frequent are basic vocabulary (may, man, of): capitalized mid-sentence
    /// they still need `common_word_very_common_min_population`.
    var veryCommonZipf: Float { Float(thresholds["common_word_very_common_zipf"] ?? "") ?? 5.5 }
    /// Population a very common word's place needs.
    var veryCommonMinPopulation: Int { Int(thresholds["common_word_very_common_min_population"] ?? "") ?? 1_000_000 }
    /// Population a common word's place needs where capitalization says nothing (sentence start,
    /// all-caps text).
    var sentenceStartMinPopulation: Int { Int(thresholds["common_word_sentence_start_min_population"] ?? "") ?? 1_000_000 }
    /// Languages whose given-name lists alone do not make a word a given name.
    var givenNameIgnoredLanguages: Set<String> { languages("given_name_ignore_if_only_langs", default: "en") }
    /// Languages whose common words guard Latin-script text.
    var latinLanguages: Set<String> { languages("common_word_languages_latin", default: "en") }
    /// Languages whose common words guard Cyrillic text.
    var cyrillicLanguages: Set<String> { languages("common_word_languages_cyrillic", default: "ru,uk,be") }

    private func languages(_ key: String, default value: String) -> Set<String> {
        Set((thresholds[key] ?? value).split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) })
    }

    /// No guard data at all: every guard lets everything through.
    static let empty = GuardData()

    /// The data shipped with Canonym, loaded once per process.
    static func bundled() throws -> GuardData {
        try cache.get()
    }

    private static let cache: Result<GuardData, Error> = Result { try load(from: ResourceLocator.guardsDirectory()) }

    /// Loads guard data from a folder with `common-words.tsv`, `given-names.tsv`, `thresholds.tsv`.
    static func load(from directory: String) throws -> GuardData {
        var data = GuardData()
        try readTSV(directory + "/thresholds.tsv", required: false) { row in
            data.thresholds[String(row[0])] = String(row[1])
        }
        let latin = data.latinLanguages, cyrillic = data.cyrillicLanguages
        try readTSV(directory + "/common-words.tsv", columns: ["word", "lang", "zipf"], required: false) { row in
            guard let zipf = Float(row[2]) else { return }
            let lang = String(row[1])
            if latin.contains(lang) {
                let word = String(row[0])
                data.latinCommonWords[word] = max(data.latinCommonWords[word] ?? 0, zipf)
            } else if cyrillic.contains(lang) {
                let word = String(row[0])
                data.cyrillicCommonWords[word] = max(data.cyrillicCommonWords[word] ?? 0, zipf)
            }
        }
        let ignored = data.givenNameIgnoredLanguages
        // A name counts when some list other than the ignored ones has it.
        try readTSV(directory + "/given-names.tsv", columns: ["name", "lang"], required: false) { row in
            if !ignored.contains(String(row[1])) { data.givenNames.insert(row[0].lowercased()) }
        }
        return data
    }

    /// Reads a TSV with a header line and `#` comments, calling `body` with each row's values
    /// for `columns`, in that order.
    private static func readTSV(_ path: String, columns: [String] = ["key", "value"], required: Bool, _ body: ([Substring]) -> Void) throws {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            if required { throw CanonymError.missingResource(path) }
            return
        }
        var indexes: [Int] = []
        var row: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let line = line.hasSuffix("\r") ? line.dropLast() : line
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            if indexes.isEmpty {
                for column in columns {
                    guard let i = fields.firstIndex(where: { $0 == column }) else {
                        throw CanonymError.badResource("\(path): no column \(column)")
                    }
                    indexes.append(i)
                }
                continue
            }
            row.removeAll(keepingCapacity: true)
            for i in indexes { row.append(i < fields.count ? fields[i] : "") }
            body(row)
        }
    }
}
