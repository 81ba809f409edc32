/// The common-word lists of every language in the guard data (`guards/common-words.tsv`,
/// derived from wordfreq, CC BY-SA 4.0), by language, for `lint`.
///
/// The precision guards at run time read only the languages `thresholds.tsv` names for each
/// script (English for Latin text; Russian, Ukrainian, Belarusian for Cyrillic); lint also
/// checks a name against the list of its own language when the data has one (de, es, fr, it,
/// nl, pl, pt, tr…), since that is how a reader of that language will meet it.
struct CommonWordLists {
    /// Zipf frequency of each lower-case word, by language code (`en`, `uk`…).
    private(set) var byLanguage: [String: [String: Float]] = [:]

    /// Languages with a list.
    private(set) var languages: Set<String> = []

    /// Loads `common-words.tsv` from a guard data folder.
    /// - Complexity: O(n) in the file's size (about 400 000 rows).
    static func load(from directory: String) throws -> CommonWordLists {
        var lists = CommonWordLists()
        try ResourceTable.read(directory + "/common-words.tsv", columns: ["word", "lang", "zipf"], required: true) { row in
            guard let zipf = Float(row[2]) else { return }
            lists.byLanguage[row[1], default: [:]][row[0]] = zipf
        }
        lists.languages = Set(lists.byLanguage.keys)
        return lists
    }

    /// The bundled lists.
    static func bundled() throws -> CommonWordLists {
        try load(from: ResourceLocator.guardsDirectory())
    }

    /// The word's Zipf frequency in `language`, or `nil` when the list lacks it.
    func zipf(of word: String, in language: String) -> Float? {
        byLanguage[language]?[word]
    }
}
