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
    /// Words (and lookup terms) shorter than this never use the fuzzy level.
    var fuzzyMinimumLetters: Int { Int(thresholds["fuzzy_min_letters"] ?? "") ?? FuzzyIndex.defaultMinimumLength }
    /// Whether `tag` and `normalize` use the fuzzy level at all (`lookup` always may).
    var fuzzyInText: Bool { (thresholds["fuzzy_in_text"] ?? "true") == "true" }
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
            data.thresholds[row[0]] = row[1]
        }
        let latin = data.latinLanguages, cyrillic = data.cyrillicLanguages
        try readTSV(
            directory + "/common-words.tsv", columns: ["word", "lang", "zipf"], required: false,
            onlyWhere: (1, latin.union(cyrillic))
        ) { row in
            guard let zipf = Float(row[2]) else { return }
            let lang = row[1]
            if latin.contains(lang) {
                let word = row[0]
                data.latinCommonWords[word] = max(data.latinCommonWords[word] ?? 0, zipf)
            } else if cyrillic.contains(lang) {
                let word = row[0]
                data.cyrillicCommonWords[word] = max(data.cyrillicCommonWords[word] ?? 0, zipf)
            }
        }
        let ignored = data.givenNameIgnoredLanguages
        // A name counts when some list other than the ignored ones has it.
        try readTSV(directory + "/given-names.tsv", columns: ["name", "lang"], required: false) { row in
            if !ignored.contains(row[1]) { data.givenNames.insert(row[0].lowercased()) }
        }
        return data
    }

    /// Reads a TSV with a header line and `#` comments, calling `body` with each row's values
    /// for `columns`, in that order. Splits bytes, not Characters: the word list has 400k rows.
    static func readTSV(
        _ path: String, columns: [String] = ["key", "value"], required: Bool,
        onlyWhere filter: (column: Int, values: Set<String>)? = nil, _ body: ([String]) -> Void
    ) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            if required { throw CanonymError.missingResource(path) }
            return
        }
        let bytes = [UInt8](data)
        var indexes: [Int] = []
        var row = [String](repeating: "", count: columns.count)
        var fields: [Range<Int>] = []
        var lineStart = 0
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            defer { lineStart = lineEnd + 1 }
            var contentEnd = lineEnd
            if contentEnd > lineStart, bytes[contentEnd - 1] == 0x0D { contentEnd -= 1 }
            if contentEnd == lineStart || bytes[lineStart] == 0x23 { continue }
            fields.removeAll(keepingCapacity: true)
            var fieldStart = lineStart
            for i in lineStart..<contentEnd where bytes[i] == 0x09 {
                fields.append(fieldStart..<i)
                fieldStart = i + 1
            }
            fields.append(fieldStart..<contentEnd)
            if indexes.isEmpty {
                let header = fields.map { String(decoding: bytes[$0], as: UTF8.self) }
                for column in columns {
                    guard let i = header.firstIndex(of: column) else {
                        throw CanonymError.badResource("\(path): no column \(column)")
                    }
                    indexes.append(i)
                }
                continue
            }
            if let filter {
                let i = indexes[filter.column]
                guard i < fields.count, filter.values.contains(String(decoding: bytes[fields[i]], as: UTF8.self)) else {
                    continue
                }
            }
            for (k, i) in indexes.enumerated() {
                row[k] = i < fields.count ? String(decoding: bytes[fields[i]], as: UTF8.self) : ""
            }
            body(row)
        }
    }
}
