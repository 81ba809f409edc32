/// The spellings the engine derives from a name (`canonym lexicon variants`): each
/// romanization scheme's output and key, the skeletons, the folded key, and the UTS #39
/// confusable skeleton — what a maintainer checks before adding a name.
///
/// ```swift
/// let variants = try NameVariants(name: "Чернігів", lang: "uk")
/// for row in variants.rows { print(row.scheme, row.romanization, row.key) }
/// ```
public struct NameVariants: Sendable {
    /// One scheme's reading of the whole name.
    public struct Row: Sendable {
        /// The scheme's id (`uk-bgn`, `ru-de-duden`…), or `latin` for a Latin name.
        public let scheme: String
        /// What the scheme is, from schemes.tsv.
        public let description: String
        /// The romanization as the scheme writes it (with diacritics), words joined by spaces.
        public let romanization: String
        /// The `romanized` key the index stores (ASCII, lower case, soft signs dropped).
        public let key: String
        /// The `skeleton` key, when the scheme makes one (empty otherwise).
        public let skeleton: String
        /// Whether the scheme also romanizes words of the input text (`text` in schemes.tsv).
        public let appliesToText: Bool
    }

    /// The name as given.
    public let name: String
    /// Its script (ISO 15924), or `Zyyy`.
    public let script: String
    /// For Cyrillic: the readings that apply (`uk`, `ru`, `be`) and why (`lang` or the letters).
    public let readings: [String]
    /// Where `readings` come from: `lang` when a language was given, otherwise the letters.
    public let readingSource: String
    /// The `exact` and `folded` keys of the whole name.
    public let exact: String
    public let folded: String
    /// Each scheme's reading, in schemes.tsv order.
    public let rows: [Row]
    /// The UTS #39 confusable skeleton (what the name can be mistaken for).
    public let confusableSkeleton: String
    /// Letters in the name; fewer than ``FoldLevel/minimumLettersForLooseLevels`` match only at
    /// `exact` and `folded`.
    public let letterCount: Int

    /// Computes the variants of `name`, read as `lang` (`uk`, `ru`, `be`…) when given.
    /// - Throws: ``ICUError`` or ``CanonymError`` when the fold rules fail.
    /// - Complexity: one ICU call per word, level and scheme.
    public init(name: String, lang: String? = nil) throws {
        self.name = name
        let ladder = try FoldLadder(rules: FoldRules.bundled())
        var tokens: [Token] = []
        var utf8 = Array(name.utf8)
        let words: [String] = utf8.withUnsafeMutableBufferPointer { buffer in
            Tokenizer.tokenize(UnsafeBufferPointer(buffer), into: &tokens)
            return tokens.map { String(decoding: buffer[$0.byteStart..<$0.byteEnd], as: UTF8.self) }
        }
        let keys = try words.map { try ladder.keys(of: $0, lang: lang) }
        let romanizations = try words.map { try ladder.romanizations(of: $0, lang: lang) }
        let detected = Script.dominant(in: name) ?? Script.all(in: name).first ?? .none
        script = detected.description
        if detected == .cyrillic {
            readings = CyrillicReading.readings(of: name, lang: lang).sorted()
            readingSource = lang.map { "lang \($0)" } ?? "the letters"
        } else {
            readings = []
            readingSource = ""
        }
        exact = keys.map(\.exact).joined(separator: " ")
        folded = keys.map(\.folded).joined(separator: " ")
        letterCount = keys.reduce(0) { $0 + $1.letterCount }
        var rows: [Row] = []
        if let first = romanizations.first, !first.isEmpty, romanizations.allSatisfy({ $0.count == first.count }) {
            for (i, entry) in first.enumerated() {
                let scheme = entry.scheme
                let perWord = romanizations.map { $0[i] }
                let key = keys.map { word in
                    word.romanizedSchemes.firstIndex { $0.contains(scheme.id) }.map { word.romanized[$0] } ?? ""
                }.joined(separator: " ")
                rows.append(Row(
                    scheme: scheme.id, description: scheme.description,
                    romanization: perWord.map(\.text).joined(separator: " "), key: key,
                    skeleton: scheme.makesSkeleton ? perWord.map(\.skeleton).joined(separator: " ") : "",
                    appliesToText: scheme.appliesToText))
            }
        } else if detected == .latin {
            rows.append(Row(
                scheme: "latin", description: "a Latin name: its own lower-case ASCII form",
                romanization: name, key: keys.map { $0.romanized.first ?? "" }.joined(separator: " "),
                skeleton: keys.map { $0.skeleton.first ?? "" }.joined(separator: " "), appliesToText: true))
        }
        self.rows = rows
        confusableSkeleton = try SpoofChecker().skeleton(name)
    }
}
