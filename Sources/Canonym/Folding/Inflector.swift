import Foundation

/// Generates the case forms of Cyrillic place names (у Києві, з Харкова, под Москвой, Білої
/// Церкви) from the paradigms kept as data in `Resources/inflection` (see its README for the
/// algorithm, which this type follows step by step, and `Tools/inflection-check/check.py`, its
/// reference implementation and test cases).
///
/// - Complexity: O(w·r) per name of w words against r paradigm rows ending in the same letter,
///   plus the product of each inflecting word's variants.
struct Inflector: Sendable {
    private struct Row: Sendable {
        var suffix: [Character]
        var anchored: Bool
        var wordClass: String  // "", "noun", "adj"
        var strip: Int
        var stemAdd: String
        var endings: [[String]]  // gen dat acc ins loc
        var order: Int
        var blocks: Bool { endings.allSatisfy(\.isEmpty) }
    }

    private struct Classes: Sendable {
        var strong: [String] = []
        var weak: [(ending: String, next: [String])] = []
        var stop: Set<String> = []
    }

    static let languages = ["uk", "ru", "be"]
    /// Other languages written in Cyrillic, whose names are declined like untagged ones.
    static let otherCyrillicLanguages: Set<String> = [
        "ab", "av", "ba", "bg", "ce", "cv", "kk", "kv", "ky", "mk", "mn", "os", "sah", "sr", "tg", "tt", "tyv", "udm",
    ]

    /// The primary language subtag of a name row's `lang`, lower-cased ("uk" of "uk-Latn"); empty
    /// for none.
    static func primaryLanguage(_ lang: String?) -> String {
        lang.flatMap { $0.split(separator: "-").first.map { $0.lowercased() } } ?? ""
    }
    private static let apostrophes: Set<Character> = ["'", "’", "ʼ", "‘", "`", "´"]
    private static let belarusianMarks: Set<Character> = ["ў", "ы", "э", "ё"]
    private static let connectingVowels: Set<Character> = ["о", "е", "и", "і", "ы"]
    private static let alphabets: [String: Set<Character>] = [
        "uk": Set("абвгґдеєжзиіїйклмнопрстуфхцчшщьюя"),
        "ru": Set("абвгдеёжзийклмнопрстуфхцчшщъыьэюя"),
        "be": Set("абвгдеёжзійклмнопрстуўфхцчшыьэюя"),
    ]

    private var rulesByLast: [String: [Character: [Row]]] = [:]
    private var anchoredNouns: [String: Set<String>] = [:]
    private var classes: [String: Classes] = [:]

    /// The paradigm files' text, for the compiled lexicon's build digest ("" when they cannot be read).
    static let dataDigest: String = {
        guard let directory = try? ResourceLocator.inflectionDirectory() else { return "" }
        return (languages + ["word-classes"]).map { (try? String(contentsOfFile: directory + "/\($0).tsv", encoding: .utf8)) ?? "" }.joined()
    }()

    /// No paradigms: generates nothing.
    static let empty = Inflector()

    /// The paradigms shipped with Canonym, loaded once per process.
    static func bundled() throws -> Inflector { try cache.get() }

    private static let cache: Result<Inflector, Error> = Result { try Inflector(directory: ResourceLocator.inflectionDirectory()) }

    private init() {}

    /// Loads `uk.tsv`, `ru.tsv`, `be.tsv` and `word-classes.tsv` from a folder.
    init(directory: String) throws {
        for lang in Self.languages {
            let columns = ["suffix", "class", "strip", "stem_add", "gen", "dat", "acc", "ins", "loc"]
            var rows: [[String: String]] = []
            try ResourceTable.read(directory + "/\(lang).tsv", columns: columns, required: true) { row in
                rows.append(Dictionary(uniqueKeysWithValues: zip(columns, row)))
            }
            var byLast: [Character: [Row]] = [:]
            var nouns: Set<String> = []
            for (order, fields) in rows.enumerated() {
                func field(_ name: String) -> String { fields[name] ?? "" }
                var suffix = Self.key(field("suffix"))
                let anchored = suffix.hasPrefix("^")
                if anchored { suffix.removeFirst() }
                guard let strip = Int(field("strip")), let last = suffix.last else {
                    throw CanonymError.badResource("\(directory)/\(lang).tsv: row \(order + 1): bad suffix or strip")
                }
                let endings = ["gen", "dat", "acc", "ins", "loc"].map { c in
                    field(c).isEmpty ? [] : field(c).split(separator: ",").map(String.init)
                }
                let row = Row(
                    suffix: Array(suffix), anchored: anchored, wordClass: field("class"), strip: strip,
                    stemAdd: field("stem_add"), endings: endings, order: order)
                byLast[last, default: []].append(row)
                if anchored, row.wordClass == "noun" { nouns.insert(suffix) }
            }
            rulesByLast[lang] = byLast
            anchoredNouns[lang] = nouns
        }
        var classRows: [[String]] = []
        try ResourceTable.read(directory + "/word-classes.tsv", columns: ["lang", "kind", "ending", "next"], required: true) {
            classRows.append($0)
        }
        for fields in classRows {
            let (lang, kind, ending) = (fields[0], fields[1], fields[2])
            var c = classes[lang] ?? Classes()
            switch kind {
            case "stop": c.stop.insert(Self.key(ending))
            case "strong": c.strong.append(Self.key(ending))
            case "weak": c.weak.append((Self.key(ending), fields[3].split(separator: ",").map { Self.key(String($0)) }))
            default: break
            }
            classes[lang] = c
        }
    }

    /// Every case form of `name` other than the name itself, for a name row with `lang`.
    func forms(of name: String, lang: String?) -> [String] {
        var result: [String] = []
        for language in Self.languages(of: name, lang: lang) {
            for form in inflect(name, language) where form != name && !result.contains(form) {
                result.append(form)
            }
        }
        return result
    }

    // MARK: Which languages

    private static func languages(of name: String, lang: String?) -> [String] {
        let primary = primaryLanguage(lang)
        if languages.contains(primary) { return [primary] }
        // A name in another language written in Cyrillic (Bashkir `Техас`, Bulgarian `Тексас`:
        // iso-codes has no Russian name for most US states) is declined like an untagged one,
        // by the languages whose alphabet spells it: Russian text writes "в Техасе".
        if !primary.isEmpty, !otherCyrillicLanguages.contains(primary) { return [] }
        let letters = Set(name.filter(\.isLetter).map { Character($0.lowercased()) })
        guard !letters.isEmpty, letters.contains(where: { $0.unicodeScalars.first.map { (0x0400...0x04FF).contains($0.value) } ?? false })
        else { return [] }
        var result = languages.filter { letters.isSubset(of: alphabets[$0] ?? []) }
        if result.contains("be"), letters.isDisjoint(with: belarusianMarks) { result.removeAll { $0 == "be" } }
        return result
    }

    // MARK: The algorithm (README steps 1-6)

    private func inflect(_ name: String, _ lang: String) -> [String] {
        let tokens = name.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        if tokens.contains(where: \.isEmpty) { return [] }
        var wordClasses: [String] = []
        var head: Int? = nil
        for (i, token) in tokens.enumerated() {
            guard Self.inflectable(token) else { return [] }
            let c = wordClass(tokens, i, lang)
            wordClasses.append(c)
            if c == "noun" { head = i; break }
        }
        guard let head else { return combine(tokens, wordClasses, last: tokens.count - 1, lang) }
        if head + 2 == tokens.count, Self.inflectable(tokens[tokens.count - 1]), strong(tokens[tokens.count - 1], lang) {
            return combine(tokens, wordClasses + ["adj"], last: head + 1, lang)
        }
        return combine(tokens, wordClasses, last: head, lang)
    }

    private func combine(_ tokens: [String], _ wordClasses: [String], last: Int, _ lang: String) -> [String] {
        var perToken: [[[String]]] = []  // token → case → variants
        for (i, token) in tokens.enumerated() {
            if i <= last {
                guard let forms = tokenForms(token, lang, wordClasses[i]) else { return [] }
                perToken.append(forms)
            } else {
                perToken.append(Array(repeating: [token], count: 5))
            }
        }
        var result: [String] = []
        for c in 0..<5 {
            for combination in Self.product(perToken.map { $0[c] }) {
                let form = combination.joined(separator: " ")
                if !result.contains(form) { result.append(form) }
            }
        }
        return result
    }

    private func tokenForms(_ token: String, _ lang: String, _ wordClass: String) -> [[String]]? {
        let (headSegments, tail) = segments(token, lang)
        var inflecting: Set<Int> = [headSegments.count - 1]
        if wordClass == "adj", strong(token, lang) {
            for j in 0..<(headSegments.count - 1) where !(Self.key(headSegments[j]).last.map { Self.connectingVowels.contains($0) } ?? false) {
                inflecting.insert(j)
            }
        }
        var perSegment: [[[String]]] = []
        for (j, segment) in headSegments.enumerated() {
            if inflecting.contains(j) {
                if let forms = wordForms(segment, lang, j == headSegments.count - 1 ? wordClass : "noun") {
                    perSegment.append(forms)
                } else if j == headSegments.count - 1 {
                    return nil
                } else {
                    perSegment.append(Array(repeating: [segment], count: 5))
                }
            } else {
                perSegment.append(Array(repeating: [segment], count: 5))
            }
        }
        return (0..<5).map { c in
            Self.product(perSegment.map { $0[c] }).map { ($0 + tail).joined(separator: "-") }
        }
    }

    private func wordForms(_ word: String, _ lang: String, _ wordClass: String) -> [[String]]? {
        guard let row = rule(for: word, lang, wordClass), !row.blocks else { return nil }
        let characters = Array(word)
        let stem = String(characters.prefix(max(0, characters.count - row.strip))) + row.stemAdd
        let capital = characters.first?.isUppercase ?? false
        return row.endings.map { variants in
            var forms: [String] = []
            for variant in variants {
                var form = variant == "=" ? word : variant == "∅" ? stem : stem + variant
                if capital, let first = form.first, first.isLowercase { form = first.uppercased() + form.dropFirst() }
                if !form.isEmpty, !forms.contains(form) { forms.append(form) }
            }
            return forms
        }
    }

    private func rule(for word: String, _ lang: String, _ wordClass: String) -> Row? {
        let w = Array(Self.key(word))
        guard let last = w.last, let rows = rulesByLast[lang]?[last] else { return nil }
        var best: Row? = nil
        var bestPriority: (Double, Int, Int) = (-1, 0, 0)
        for row in rows {
            if !row.wordClass.isEmpty, row.wordClass != wordClass { continue }
            let length: Double
            if row.anchored {
                guard w == row.suffix else { continue }
                length = Double(row.suffix.count) + 0.5
            } else {
                guard w.count >= row.suffix.count, Array(w.suffix(row.suffix.count)) == row.suffix else { continue }
                length = Double(row.suffix.count)
            }
            let priority = (length, row.wordClass.isEmpty ? 0 : 1, -row.order)
            if best == nil || priority > bestPriority {
                best = row
                bestPriority = priority
            }
        }
        return best
    }

    private func segments(_ token: String, _ lang: String) -> ([String], [String]) {
        let parts = token.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        let stops = classes[lang]?.stop ?? []
        for k in 1..<max(1, parts.count) where stops.contains(Self.key(parts[k])) {
            return (Array(parts[..<k]), Array(parts[k...]))
        }
        return (parts, [])
    }

    private func strong(_ token: String, _ lang: String) -> Bool {
        guard let segment = segments(token, lang).0.last else { return false }
        let s = Self.key(segment)
        return (classes[lang]?.strong ?? []).contains { s.hasSuffix($0) && s.count > $0.count }
    }

    private func wordClass(_ tokens: [String], _ i: Int, _ lang: String) -> String {
        let token = tokens[i]
        if strong(token, lang) { return "adj" }
        if i + 1 >= tokens.count || !Self.inflectable(tokens[i + 1]) { return "noun" }
        let segment = Self.key(segments(token, lang).0.last ?? token)
        if anchoredNouns[lang]?.contains(segment) == true { return "noun" }
        let next = Self.key(segments(tokens[i + 1], lang).0.last ?? tokens[i + 1])
        if i + 2 == tokens.count, strong(tokens[i + 1], lang) { return "noun" }
        let weak = (classes[lang]?.weak ?? []).filter { segment.hasSuffix($0.ending) && segment.count > $0.ending.count }
        if let longest = weak.max(by: { $0.ending.count < $1.ending.count }), longest.next.contains(where: { next.hasSuffix($0) }) {
            return "adj"
        }
        return "noun"
    }

    /// Letters with single inner hyphens or apostrophes, and not an all-caps abbreviation.
    private static func inflectable(_ token: String) -> Bool {
        var previousWasLetter = false
        for ch in token {
            if ch.isLetter {
                previousWasLetter = true
            } else if (ch == "-" || apostrophes.contains(ch)) && previousWasLetter {
                previousWasLetter = false
            } else {
                return false
            }
        }
        guard previousWasLetter else { return false }
        let letters = token.filter(\.isLetter)
        return !(letters.count >= 2 && letters.allSatisfy(\.isUppercase))
    }

    private static func key(_ text: String) -> String {
        String(text.lowercased().map { apostrophes.contains($0) ? "'" : $0 })
    }

    private static func product(_ lists: [[String]]) -> [[String]] {
        var result: [[String]] = [[]]
        for list in lists {
            var next: [[String]] = []
            for prefix in result { for item in list { next.append(prefix + [item]) } }
            result = next
        }
        return result
    }
}
