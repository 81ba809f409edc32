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
        try ResourceTable.read(directory + "/thresholds.tsv", required: false) { row in
            data.thresholds[row[0]] = row[1]
        }
        let latin = data.latinLanguages, cyrillic = data.cyrillicLanguages
        try ResourceTable.read(
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
        try ResourceTable.read(directory + "/given-names.tsv", columns: ["name", "lang"], required: false) { row in
            if !ignored.contains(row[1]) { data.givenNames.insert(row[0].lowercased()) }
        }
        return data
    }
}
