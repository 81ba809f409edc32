internal import CCanonymICU
import Foundation

/// A transliteration rule file run without ICU: the subset of ICU's rule syntax that the
/// bundled national-convention tables (`uk-de-duden.txt`, `ru-fr.txt`, …) are written in,
/// interpreted with ICU's semantics.
///
/// ICU serializes every rule-based transliteration in a process behind one global mutex
/// (`transliteratorDataMutex` in `rbt.cpp`), so the sixteen rule files that romanize each
/// Cyrillic name kept a compile on one core however many it had, at about 3 µs per word and
/// file. This interpreter runs each word in a fraction of that, on every core.
///
/// The subset: an optional leading `:: NFC ;`, variables (`$cap = [:Lu:] ;`), and forward rules
/// `before { key } after → output ;` whose patterns are literal characters (escaped or not),
/// sets (`[Ьь]`, `[:Lu:]`, `[^[:L:][:M:]]`, expanded to code point ranges by ICU when the file
/// is read) and variables, and whose output is literal text. Anything else — quantifiers,
/// segments, anchors, cursor positions, quoting, `.`, reverse rules, other `::` passes, sets
/// holding strings — makes ``init(rules:)`` return nil, and the file stays with ICU.
///
/// Semantics, as ICU's: at each position the rules are tried in file order and the first
/// whose before-context matches the text already written (the output so far), whose key
/// matches the input at the position and whose after-context matches the input after the key
/// wins; its output is written and the position moves past the key. Beyond either end of the
/// word only a set holding U+FFFF matches (ICU's "ether": every negated set, so `$notLetter`
/// matches at the end of a word). A position no rule matches copies its character. The
/// leading `:: NFC` is honoured by declining words whose characters normalization could change
/// (combining marks, compatibility singletons): those go to ICU.
///
/// Equality with ICU is tested on every word of up to two letters over the Cyrillic alphabet
/// and on thousands of generated words per bundled file (`NativeRuleTransformTests`).
final class NativeRuleTransform {
    /// One position of a pattern as parsed: a character, or a set of characters.
    private enum Element {
        case scalar(UInt32)
        case set(ScalarSet)
    }

    private struct Rule {
        var before: [Element]
        var key: [Element]
        var after: [Element]
        var output: [UInt32]
    }

    /// A `$name = …` definition: its elements, and for a set its pattern (variables expanded),
    /// which a set naming the variable (`[$consonants $notLetter]`) takes in its place.
    private struct Variable {
        var elements: [Element]
        var setPattern: String?
    }

    /// A slice of one of the pools below.
    private struct Span {
        var start: Int32
        var count: Int32
    }

    /// A rule as it runs: its contexts and key in `elements`, its output in `outputs`.
    private struct CompiledRule {
        var before: Span
        var key: Span
        var after: Span
        var output: Span
    }

    private let rules: [CompiledRule]
    /// Pattern elements of every rule: a value ≥ 0 is a character, a value < 0 names set
    /// `-1 - value`.
    private let elements: [Int32]
    private let outputs: [UInt32]
    /// Every set's inclusive ranges, flattened (`start, end, start, end, …`).
    private let setBounds: [UInt32]
    private let sets: [Span]
    private let normalizesFirst: Bool
    /// Per first character of the input at a position, the rules whose key can start with it,
    /// in file order, as a span of `candidatePool`: filled on first sight of the character, in
    /// `nearCandidates` for U+0000–U+052F (Latin and Cyrillic), in `farCandidates` beyond.
    private var candidatePool: [Int32] = []
    private var nearCandidates = [Span](repeating: Span(start: -1, count: 0), count: 0x530)
    private var farCandidates: [UInt32: Span] = [:]

    /// Compiles rule text, or returns nil when it uses syntax outside the supported subset (or
    /// is not valid): the caller then runs the file through ICU, which reports real errors.
    init?(rules text: String) {
        guard let statements = Self.statements(of: text) else { return nil }
        var variables: [String: Variable] = [:]
        var parsed: [Rule] = []
        var normalizesFirst = false
        for (index, statement) in statements.enumerated() {
            if statement.first == ":" {
                // Only a leading `:: NFC ;` (the only pass these files use).
                let id = statement.dropFirst(2).filter { !$0.isWhitespace }
                guard index == 0, statement.hasPrefix("::"), id == "NFC" else { return nil }
                normalizesFirst = true
                continue
            }
            if statement.first == "$", let equals = Self.unescapedIndex(of: "=", in: statement) {
                let name = String(statement[statement.index(after: statement.startIndex)..<equals]).trimmingCharacters(in: .whitespaces)
                let valueText = Substring(statement[statement.index(after: equals)...].trimmingCharacters(in: .whitespaces))
                guard Self.isIdentifier(name), let value = Self.pattern(valueText, variables) else { return nil }
                let isOneSet = value.count == 1 && valueText.first == "["
                    && Self.closingBracket(in: valueText, from: valueText.startIndex) == valueText.index(before: valueText.endIndex)
                variables[name] = Variable(elements: value, setPattern: isOneSet ? Self.expandingVariables(in: valueText, variables) : nil)
                continue
            }
            guard let rule = Self.rule(statement, variables) else { return nil }
            parsed.append(rule)
        }
        guard !parsed.isEmpty else { return nil }
        // Lay the rules out flat; equal sets (a variable used by many rules) are stored once.
        var elements: [Int32] = [], outputs: [UInt32] = [], setBounds: [UInt32] = [], sets: [Span] = []
        var setNumbers: [[UInt32]: Int32] = [:]
        func span(_ pattern: [Element]) -> Span {
            let start = Int32(elements.count)
            for element in pattern {
                switch element {
                case .scalar(let value):
                    elements.append(Int32(bitPattern: value))
                case .set(let set):
                    let number = setNumbers[set.bounds] ?? {
                        let number = Int32(sets.count)
                        sets.append(Span(start: Int32(setBounds.count), count: Int32(set.bounds.count / 2)))
                        setBounds.append(contentsOf: set.bounds)
                        setNumbers[set.bounds] = number
                        return number
                    }()
                    elements.append(-1 - number)
                }
            }
            return Span(start: start, count: Int32(pattern.count))
        }
        rules = parsed.map { rule in
            let output = Span(start: Int32(outputs.count), count: Int32(rule.output.count))
            outputs.append(contentsOf: rule.output)
            return CompiledRule(before: span(rule.before), key: span(rule.key), after: span(rule.after), output: output)
        }
        self.elements = elements
        self.outputs = outputs
        self.setBounds = setBounds
        self.sets = sets
        self.normalizesFirst = normalizesFirst
    }

    /// `word` transliterated, or nil when the word has a character the leading `:: NFC` could
    /// change (the caller asks ICU).
    /// - Complexity: O(n·r·c) for n characters, r rules starting with a character and c
    ///   elements per rule, at most.
    func apply(_ word: String) -> String? {
        var input: [UInt32] = []
        input.reserveCapacity(word.utf8.count)
        for scalar in word.unicodeScalars {
            if normalizesFirst, !Self.isNormalizationStable(scalar.value) { return nil }
            input.append(scalar.value)
        }
        var output: [UInt32] = []
        output.reserveCapacity(input.count * 2)
        let rules = self.rules, outputs = self.outputs
        var position = 0
        next: while position < input.count {
            let first = input[position]
            let candidates = candidates(startingWith: first)
            for slot in Int(candidates.start)..<Int(candidates.start + candidates.count) {
                let rule = rules[Int(candidatePool[slot])]
                guard let keyEnd = matchForward(rule.key, input, from: position),
                    matchForward(rule.after, input, from: keyEnd) != nil, matchBackward(rule.before, output)
                else { continue }
                for index in Int(rule.output.start)..<Int(rule.output.start + rule.output.count) { output.append(outputs[index]) }
                position = keyEnd
                continue next
            }
            output.append(first)
            position += 1
        }
        var utf8: [UInt8] = []
        utf8.reserveCapacity(output.count * 2)
        for value in output { Self.appendUTF8(value, to: &utf8) }
        return String(decoding: utf8, as: UTF8.self)
    }

    private func candidates(startingWith value: UInt32) -> Span {
        if value < 0x530 {
            let known = nearCandidates[Int(value)]
            if known.start >= 0 { return known }
        } else if let known = farCandidates[value] {
            return known
        }
        let start = Int32(candidatePool.count)
        for (index, rule) in rules.enumerated() where matches(elements[Int(rule.key.start)], value) {
            candidatePool.append(Int32(index))
        }
        let found = Span(start: start, count: Int32(candidatePool.count) - start)
        if value < 0x530 { nearCandidates[Int(value)] = found } else { farCandidates[value] = found }
        return found
    }

    /// Whether pattern element `element` matches character `value`.
    @inline(__always)
    private func matches(_ element: Int32, _ value: UInt32) -> Bool {
        if element >= 0 { return UInt32(element) == value }
        return setContains(Int(-1 - element), value)
    }

    /// Whether the element matches at either end of the word without taking a character: ICU
    /// lets a set that holds U+FFFF (its "ether", as every negated set such as `[^[:L:]]` does)
    /// match past the ends of the text.
    @inline(__always)
    private func matchesBeyondEnd(_ element: Int32) -> Bool {
        element < 0 && setContains(Int(-1 - element), 0xFFFF)
    }

    /// Binary search of set `number`'s ranges.
    @inline(__always)
    private func setContains(_ number: Int, _ value: UInt32) -> Bool {
        let set = sets[number]
        var low = 0, high = Int(set.count)
        let base = Int(set.start)
        while low < high {
            let middle = (low + high) / 2
            if value > setBounds[base + middle * 2 + 1] {
                low = middle + 1
            } else if value < setBounds[base + middle * 2] {
                high = middle
            } else {
                return true
            }
        }
        return false
    }

    /// Where a match of the elements in `pattern` against `text` from `start` ends, or nil.
    @inline(__always)
    private func matchForward(_ pattern: Span, _ text: [UInt32], from start: Int) -> Int? {
        var cursor = start
        for index in Int(pattern.start)..<Int(pattern.start + pattern.count) {
            let element = elements[index]
            if cursor < text.count {
                guard matches(element, text[cursor]) else { return nil }
                cursor += 1
            } else if !matchesBeyondEnd(element) {
                return nil
            }
        }
        return cursor
    }

    /// Whether the elements in `pattern` match the end of `text`, read backwards.
    @inline(__always)
    private func matchBackward(_ pattern: Span, _ text: [UInt32]) -> Bool {
        var cursor = text.count - 1
        var index = Int(pattern.start + pattern.count) - 1
        while index >= Int(pattern.start) {
            let element = elements[index]
            if cursor >= 0 {
                guard matches(element, text[cursor]) else { return false }
                cursor -= 1
            } else if !matchesBeyondEnd(element) {
                return false
            }
            index -= 1
        }
        return true
    }

    private static func appendUTF8(_ value: UInt32, to bytes: inout [UInt8]) {
        switch value {
        case ..<0x80:
            bytes.append(UInt8(value))
        case ..<0x800:
            bytes.append(UInt8(0xC0 | value >> 6))
            bytes.append(UInt8(0x80 | value & 0x3F))
        case ..<0x1_0000:
            bytes.append(UInt8(0xE0 | value >> 12))
            bytes.append(UInt8(0x80 | value >> 6 & 0x3F))
            bytes.append(UInt8(0x80 | value & 0x3F))
        default:
            bytes.append(UInt8(0xF0 | value >> 18))
            bytes.append(UInt8(0x80 | value >> 12 & 0x3F))
            bytes.append(UInt8(0x80 | value >> 6 & 0x3F))
            bytes.append(UInt8(0x80 | value & 0x3F))
        }
    }

    /// Characters NFC leaves alone wherever they stand: ASCII and Latin-1 to U+02FF, Cyrillic
    /// letters (U+0400–U+0482, U+048A–U+052F) and the apostrophes and dashes of names.
    private static func isNormalizationStable(_ value: UInt32) -> Bool {
        value < 0x300 || (0x400...0x482).contains(value) || (0x48A...0x52F).contains(value)
            || (0x2010...0x2015).contains(value) || value == 0x2018 || value == 0x2019 || value == 0x2032
    }

    // MARK: Parsing

    /// The statements of a rule file, comments removed, split at unescaped `;` outside sets;
    /// nil on quoting (not supported).
    private static func statements(of text: String) -> [Substring]? {
        var statements: [Substring] = []
        var current = ""
        var depth = 0
        var escaped = false
        var inComment = false
        for character in text {
            if inComment {
                if character.isNewline { inComment = false }
                continue
            }
            if escaped {
                current.append(character)
                escaped = false
                continue
            }
            switch character {
            case "\\":
                escaped = true
                current.append(character)
            case "'", "\"":
                return nil
            case "#" where depth == 0:
                inComment = true
            case "[":
                depth += 1
                current.append(character)
            case "]":
                depth -= 1
                current.append(character)
            case ";" where depth == 0:
                let trimmed = current.trimmingCharacters(in: .whitespacesAndNewlines)
                if !trimmed.isEmpty { statements.append(Substring(trimmed)) }
                current = ""
            default:
                current.append(character)
            }
        }
        guard current.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, depth == 0 else { return nil }
        return statements
    }

    private static func rule(_ statement: Substring, _ variables: [String: Variable]) -> Rule? {
        for reverse in ["←", "<", "↔"] where unescapedIndex(of: Character(reverse), in: statement) != nil { return nil }
        guard let arrow = unescapedIndex(of: "→", in: statement) ?? unescapedIndex(of: ">", in: statement) else { return nil }
        let left = statement[..<arrow]
        guard let output = literal(statement[statement.index(after: arrow)...]) else { return nil }
        var before = Substring(""), key = left, after = Substring("")
        if let open = unescapedIndex(of: "{", in: left) {
            before = left[..<open]
            key = left[left.index(after: open)...]
        }
        if let close = unescapedIndex(of: "}", in: key) {
            after = key[key.index(after: close)...]
            key = key[..<close]
        }
        guard let beforeElements = pattern(before, variables), let keyElements = pattern(key, variables),
            let afterElements = pattern(after, variables), !keyElements.isEmpty
        else { return nil }
        return Rule(before: beforeElements, key: keyElements, after: afterElements, output: output)
    }

    /// The elements of one side of a rule (or a variable's value), or nil for unsupported syntax.
    private static func pattern(_ text: Substring, _ variables: [String: Variable]) -> [Element]? {
        var elements: [Element] = []
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character.isWhitespace {
                index = text.index(after: index)
            } else if character == "[" {
                guard let end = closingBracket(in: text, from: index) else { return nil }
                guard let body = expandingVariables(in: text[index...end], variables), let set = ScalarSet(pattern: body) else { return nil }
                elements.append(.set(set))
                index = text.index(after: end)
            } else if character == "$" {
                let name = text.index(after: index), end = identifierEnd(in: text, from: name)
                guard let value = variables[String(text[name..<end])] else { return nil }
                elements.append(contentsOf: value.elements)
                index = end
            } else {
                guard let (scalar, end) = literalScalar(in: text, at: index) else { return nil }
                elements.append(.scalar(scalar))
                index = end
            }
        }
        return elements
    }

    /// A set pattern with each `$name` replaced by that variable's set pattern; nil when a
    /// variable is undefined or not a set.
    private static func expandingVariables(in pattern: Substring, _ variables: [String: Variable]) -> String? {
        var result = ""
        var index = pattern.startIndex
        while index < pattern.endIndex {
            let character = pattern[index]
            if character == "\\" {
                result.append(character)
                index = pattern.index(after: index)
                if index < pattern.endIndex { result.append(pattern[index]) }
            } else if character == "$" {
                let name = pattern.index(after: index), end = identifierEnd(in: pattern, from: name)
                guard let set = variables[String(pattern[name..<end])]?.setPattern else { return nil }
                result += set
                index = end
                continue
            } else {
                result.append(character)
            }
            index = pattern.index(after: index)
        }
        return result
    }

    /// The output of a rule: literal characters only.
    private static func literal(_ text: Substring) -> [UInt32]? {
        var scalars: [UInt32] = []
        var index = text.startIndex
        while index < text.endIndex {
            if text[index].isWhitespace {
                index = text.index(after: index)
                continue
            }
            guard let (scalar, end) = literalScalar(in: text, at: index) else { return nil }
            scalars.append(scalar)
            index = end
        }
        return scalars
    }

    /// One literal character at `index`: `\uXXXX`; `\` and a character that is not an ASCII
    /// letter or digit; or an unescaped character that is not ASCII syntax (ASCII letters and
    /// digits are literals; other ASCII is reserved by ICU's syntax and unsupported here unless
    /// escaped).
    private static func literalScalar(in text: Substring, at index: Substring.Index) -> (UInt32, Substring.Index)? {
        let character = text[index]
        if character == "\\" {
            let next = text.index(after: index)
            guard next < text.endIndex else { return nil }
            if text[next] == "u" {
                let digitsEnd = text.index(next, offsetBy: 5, limitedBy: text.endIndex) ?? text.endIndex
                guard text.distance(from: next, to: digitsEnd) == 5, let value = UInt32(text[text.index(after: next)..<digitsEnd], radix: 16),
                    Unicode.Scalar(value) != nil
                else { return nil }
                return (value, digitsEnd)
            }
            // `\x{…}`, `\U…`, `\N{…}`, `\n` and the like are escapes of their own: not read here.
            guard text[next].unicodeScalars.count == 1, let escaped = text[next].unicodeScalars.first,
                !(escaped.isASCII && (text[next].isLetter || text[next].isNumber))
            else { return nil }
            return (escaped.value, text.index(after: next))
        }
        guard character.unicodeScalars.count == 1, let scalar = character.unicodeScalars.first else { return nil }
        if scalar.isASCII, !(character.isLetter || character.isNumber) { return nil }
        return (scalar.value, text.index(after: index))
    }

    /// The `]` that closes the `[` at `start`.
    private static func closingBracket(in text: Substring, from start: Substring.Index) -> Substring.Index? {
        firstUnescaped(in: text, from: start) { character, depth in character == "]" && depth == 0 }
    }

    /// The first `target` outside escapes and sets.
    private static func unescapedIndex(of target: Character, in text: Substring) -> Substring.Index? {
        firstUnescaped(in: text, from: text.startIndex) { character, depth in character == target && depth == 0 }
    }

    /// The first index from `start` whose character is not escaped (`\`) and satisfies `match`,
    /// given the depth of set brackets after that character.
    private static func firstUnescaped(
        in text: Substring, from start: Substring.Index, where match: (Character, Int) -> Bool
    ) -> Substring.Index? {
        var depth = 0
        var index = start
        while index < text.endIndex {
            let character = text[index]
            if character == "\\" {
                index = text.index(after: index)
                if index == text.endIndex { return nil }
            } else {
                if character == "[" { depth += 1 } else if character == "]" { depth -= 1 }
                if match(character, depth) { return index }
            }
            index = text.index(after: index)
        }
        return nil
    }

    /// Where the variable name that starts at `start` (just after its `$`) ends.
    private static func identifierEnd(in text: Substring, from start: Substring.Index) -> Substring.Index {
        text[start...].firstIndex { !isIdentifierCharacter($0) } ?? text.endIndex
    }

    private static func isIdentifierCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "_"
    }

    private static func isIdentifier(_ name: String) -> Bool {
        !name.isEmpty && name.allSatisfy(isIdentifierCharacter)
    }
}

/// A set of code points as sorted inclusive ranges, read from a UnicodeSet pattern by ICU.
private struct ScalarSet {
    /// Inclusive ranges, flattened: `[start₀, end₀, start₁, end₁, …]`, ascending.
    let bounds: [UInt32]

    /// The set a pattern denotes, or nil when ICU rejects it or it holds strings.
    init?(pattern: String) {
        let utf16 = Array(pattern.utf16)
        var capacity = 64
        while true {
            var ranges = [UInt32](repeating: 0, count: capacity * 2)
            var status: cnm_status = 0
            let count = cnm_set_ranges(utf16, Int32(utf16.count), &ranges, Int32(capacity), &status)
            guard status <= 0, count >= 0 else { return nil }
            if Int(count) <= capacity {
                bounds = Array(ranges.prefix(Int(count) * 2))
                return
            }
            capacity = Int(count)
        }
    }
}
