import Foundation

/// The data behind the precision guards: common words per language, given names, thresholds.
///
/// Loaded from `Resources/guards` (see its README for sources and licences). Thresholds are data
/// (`thresholds.tsv`) so that `explain` can show them and a user can change them.
struct GuardData: Sendable {
    /// Highest Zipf frequency of each lower-case word among the languages checked in Latin text.
    let latinCommonWords: WordScores
    /// The same for Cyrillic text.
    let cyrillicCommonWords: WordScores
    /// Lower-cased given names, all languages and scripts.
    let givenNames: WordScores
    /// `key` → `value` from thresholds.tsv.
    let thresholds: [String: String]
    /// The image the word tables read, when this value made it (``load(from:)``); otherwise the
    /// tables' owner keeps theirs (a ``Lexicon`` its ``CompiledLexicon``).
    private var storage: ByteImage? = nil

    /// A name is a common word when its Zipf frequency is at least this.
    let commonWordMinZipf: Float
    /// Entities at least this populous may be matched by a capitalized common word mid-sentence.
    let commonWordMinPopulation: Int
    /// Entity types that pass the common-word guard whenever the word is capitalized.
    let commonWordAlwaysTypes: Set<String>
    /// Words at least this frequent are basic vocabulary (may, man, of): capitalized mid-sentence
    /// they still need `common_word_very_common_min_population`.
    let veryCommonZipf: Float
    /// Population a very common word's place needs.
    let veryCommonMinPopulation: Int
    /// Population a common word's place needs where capitalization says nothing (sentence start,
    /// all-caps text).
    let sentenceStartMinPopulation: Int
    /// Words (and lookup terms) shorter than this never use the fuzzy level.
    let fuzzyMinimumLetters: Int
    /// Whether `tag` and `normalize` use the fuzzy level at all (`lookup` always may).
    let fuzzyInText: Bool
    /// Languages whose given-name lists alone do not make a word a given name.
    let givenNameIgnoredLanguages: Set<String>
    /// Languages whose common words guard Latin-script text.
    let latinLanguages: Set<String>
    /// Languages whose common words guard Cyrillic text.
    let cyrillicLanguages: Set<String>

    /// Guard data from its word tables and thresholds; the thresholds are read once, here.
    init(
        latinCommonWords: WordScores = WordScores(), cyrillicCommonWords: WordScores = WordScores(),
        givenNames: WordScores = WordScores(), thresholds: [String: String] = [:]
    ) {
        self.latinCommonWords = latinCommonWords
        self.cyrillicCommonWords = cyrillicCommonWords
        self.givenNames = givenNames
        self.thresholds = thresholds
        func languages(_ key: String, default value: String) -> Set<String> {
            Set((thresholds[key] ?? value).split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) })
        }
        commonWordMinZipf = Float(thresholds["common_word_min_zipf"] ?? "") ?? 3.5
        commonWordMinPopulation = Int(thresholds["common_word_min_population"] ?? "") ?? 100_000
        commonWordAlwaysTypes = languages("common_word_always_types", default: "country,region")
        veryCommonZipf = Float(thresholds["common_word_very_common_zipf"] ?? "") ?? 5.5
        veryCommonMinPopulation = Int(thresholds["common_word_very_common_min_population"] ?? "") ?? 1_000_000
        sentenceStartMinPopulation = Int(thresholds["common_word_sentence_start_min_population"] ?? "") ?? 1_000_000
        fuzzyMinimumLetters = Int(thresholds["fuzzy_min_letters"] ?? "") ?? FuzzyIndex.defaultMinimumLength
        fuzzyInText = (thresholds["fuzzy_in_text"] ?? "true") == "true"
        givenNameIgnoredLanguages = languages("given_name_ignore_if_only_langs", default: "en")
        latinLanguages = languages("common_word_languages_latin", default: "en")
        cyrillicLanguages = languages("common_word_languages_cyrillic", default: "ru,uk,be")
    }

    static let empty = GuardData()

    /// The data shipped with Canonym, loaded once per process.
    static func bundled() throws -> GuardData {
        try cache.get()
    }

    private static let cache: Result<GuardData, Error> = Result { try load(from: ResourceLocator.guardsDirectory()) }

    /// Loads guard data from a folder with `common-words.tsv`, `given-names.tsv`, `thresholds.tsv`.
    static func load(from directory: String) throws -> GuardData {
        let lists = try GuardWordLists.load(from: directory)
        var bytes: [UInt8] = []
        var spans: [(offset: Int, length: Int)] = []
        for table in lists.encodedTables() {
            bytes.pad(to: 8)
            spans.append((bytes.count, table.count))
            bytes.append(contentsOf: table)
        }
        let image = ByteImage(copying: bytes)
        func table(_ i: Int) throws -> WordScores {
            guard let table = StringTable(image: image, offset: spans[i].offset, length: spans[i].length) else {
                throw CanonymError.badResource("guard word table \(i) did not encode")
            }
            return WordScores(table: table)
        }
        var data = GuardData(
            latinCommonWords: try table(0), cyrillicCommonWords: try table(1), givenNames: try table(2), thresholds: lists.thresholds)
        data.storage = image
        return data
    }
}

/// The guard word lists as read from `Resources/guards`, before they are laid out as tables.
struct GuardWordLists {
    var thresholds: [String: String] = [:]
    var latin: [String: Float] = [:]
    var cyrillic: [String: Float] = [:]
    var givenNames: [String: Float] = [:]

    static func load(from directory: String) throws -> GuardWordLists {
        var data = GuardWordLists()
        try ResourceTable.read(directory + "/thresholds.tsv", required: false) { row in
            data.thresholds[row[0]] = row[1]
        }
        let probe = GuardData(thresholds: data.thresholds)
        let latin = probe.latinLanguages, cyrillic = probe.cyrillicLanguages
        try ResourceTable.read(
            directory + "/common-words.tsv", columns: ["word", "lang", "zipf"], required: false,
            onlyWhere: (1, latin.union(cyrillic))
        ) { row in
            guard let zipf = Float(row[2]) else { return }
            let lang = row[1]
            if latin.contains(lang) {
                data.latin[row[0]] = max(data.latin[row[0]] ?? 0, zipf)
            } else if cyrillic.contains(lang) {
                data.cyrillic[row[0]] = max(data.cyrillic[row[0]] ?? 0, zipf)
            }
        }
        let ignored = probe.givenNameIgnoredLanguages
        // A name counts when some list other than the ignored ones has it.
        try ResourceTable.read(directory + "/given-names.tsv", columns: ["name", "lang"], required: false) { row in
            if !ignored.contains(row[1]) { data.givenNames[row[0].lowercased()] = 1 }
        }
        return data
    }

    /// The three word lists as compiled ``StringTable`` sections, in the order latin common
    /// words, Cyrillic common words, given names (each word's value is its Zipf score's bits).
    func encodedTables() -> [[UInt8]] {
        [latin, cyrillic, givenNames].map { words in
            var table: [UInt8] = []
            StringTable.encode(WordScores.entries(words), into: &table)
            return table
        }
    }
}

/// A read-only word → score table (Zipf frequency, or 1 for a plain word set) over a
/// ``StringTable``, as stored in a compiled lexicon.
struct WordScores: Sequence, Sendable {
    let table: StringTable

    init(table: StringTable = .empty) { self.table = table }

    /// The word's score, or nil when the word is not in the table.
    @inline(__always)
    subscript(word: String) -> Float? { table.value(word).map { Float(bitPattern: $0) } }

    /// Whether the table has the word.
    func contains(_ word: String) -> Bool { table.value(word) != nil }

    /// Words in the table.
    var count: Int { table.count }
    var isEmpty: Bool { table.count == 0 }

    func makeIterator() -> AnyIterator<(String, Float)> {
        var index = 0
        return AnyIterator {
            guard index < table.count else { return nil }
            defer { index += 1 }
            return (table.string(at: index), Float(bitPattern: table.value(at: index)))
        }
    }

    /// A dictionary's entries in a stable order (sorted by word), ready for ``StringTable/encode``.
    /// The table entries of a word list, in UTF-8 byte order (code point order, as for the
    /// NFC words of the lists; sorting bytes avoids `String`'s normalizing comparison).
    static func entries(_ words: [String: Float]) -> [(key: [UInt8], value: UInt32)] {
        words.map { (key: Array($0.key.utf8), value: $0.value.bitPattern) }.sorted { $0.key.lexicographicallyPrecedes($1.key) }
    }
}
