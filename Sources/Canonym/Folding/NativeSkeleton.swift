/// Canonym's bundled skeleton transform (`Resources/rules/skeleton.txt`) written out in Swift for
/// Latin input, so that the matcher's hot path needs no ICU call to compute a skeleton key.
///
/// It follows the rule file pass by pass with ICU's semantics: rules are tried in file order at
/// each position, the first match wins, a left context sees the text the pass has already
/// written, and a pass never re-reads its own output. It runs only when the ladder's skeleton
/// rules are exactly the text it was written for (``implements(_:)``, checked by digest), and
/// returns nil for input outside what it covers (a character of another script, a combining
/// mark NFC would move or compose, a code point outside ``ScalarFoldTable``): the ladder then
/// asks ICU. `QuickFoldingTests` compares the
/// two on names of the bundled packs and on generated strings, and fails when `skeleton.txt`
/// changes without this file.
///
/// O(n) in the input's length; with a kept ``Scratch``, allocates only the output string.
enum NativeSkeleton {
    /// `StringTable.hash` of the UTF-8 rule text this implementation follows.
    static let rulesDigest: UInt64 = 0x6ee0_d63a_97c4_ef7b

    /// Whether `rules` is the skeleton text this implementation follows.
    static func implements(_ rules: String) -> Bool {
        var text = rules
        return text.withUTF8 { StringTable.hash($0) } == rulesDigest
    }

    /// Pass 1's deletions: apostrophes, primes and soft-sign marks.
    private static func isPassOneMark(_ value: UInt32) -> Bool {
        switch value {
        case 0x27, 0x2019, 0x02BC, 0x02B9, 0x02BA, 0x60, 0x2032, 0x2033, 0x2018, 0xB4, 0x02BB, 0x02C8, 0x201B: true
        default: false
        }
    }

    private static let middleDot: UInt32 = 0xB7

    /// Stands, in passes 3-5, for a character pass 2 leaves outside ASCII: no rule matches it
    /// and pass 5 drops it, as ICU's passes do with the character itself.
    private static let otherLetter: UInt8 = 0x01

    /// Pass 2's own rules: letters whose diacritic changes the sound, as ASCII (upper-case
    /// letters are the class markers C S Q Z T).
    private static func passTwo(_ value: UInt32) -> StaticString? {
        switch value {
        case 0x010D, 0x0109, 0xE7: "C"  // č ĉ ç
        case 0x0161, 0x015F, 0x0219: "S"  // š ş ș
        case 0x015D: "Q"  // ŝ
        case 0x017E, 0x017C: "Z"  // ž ż
        case 0x0107, 0x0163, 0x021B: "T"  // ć ţ ț
        case 0xE2: "ia"  // â
        case 0xEA: "ie"  // ê
        case 0xFB: "iu"  // û
        case 0xEB: "io"  // ë
        case 0xED, 0xEC, 0xEE, 0xEF, 0x0131, 0x012D, 0xFD, 0x1EF3, 0xFF, 0x0129, 0x012B: "i"  // í ì î ï ı ĭ ý ỳ ÿ ĩ ī
        case 0x016D: "v"  // ŭ
        default: nil
        }
    }

    /// The buffer pass 2 writes, kept by the caller between words so that a skeleton allocates
    /// no pass output (passes 3-5 write to the stack).
    struct Scratch {
        fileprivate var passTwoOutput: [UInt8] = []
    }

    /// The skeleton of `text` (a lower-cased romanization or Latin word), or nil when the input
    /// has a character this implementation does not cover.
    static func skeleton(of text: String, table: inout ScalarFoldTable) -> String? {
        var scratch = Scratch()
        return skeleton(of: text, table: &table, scratch: &scratch)
    }

    /// ``skeleton(of:table:)`` writing through `scratch`.
    static func skeleton(of text: String, table: inout ScalarFoldTable, scratch: inout Scratch) -> String? {
        var text = text
        var key: [UInt8] = []
        let covered = text.withUTF8 { skeleton(utf8: $0, table: &table, scratch: &scratch, into: &key) }
        return covered ? String(decoding: key, as: UTF8.self) : nil
    }

    /// The skeleton of the UTF-8 text `utf8` (a lower-cased romanization or Latin word),
    /// appended to `key`: the same bytes as ``skeleton(of:table:)`` without making a string.
    /// False, and `key` unchanged, when the input has a character this implementation does not
    /// cover. `utf8` must be well-formed (the matcher's own romanizations and lower cases are).
    /// - Complexity: O(n) in the input's length.
    static func skeleton(
        utf8 text: UnsafeBufferPointer<UInt8>, table: inout ScalarFoldTable, scratch: inout Scratch, into key: inout [UInt8]
    ) -> Bool {
        var bytes: [UInt8] = []
        swap(&bytes, &scratch.passTwoOutput)
        defer { swap(&bytes, &scratch.passTwoOutput) }
        bytes.removeAll(keepingCapacity: true)
        guard passesZeroToTwo(text, table: &table, into: &bytes) else { return false }
        // Passes 3 and 4 never lengthen their input; pass 5 spells a class with at most four
        // letters. One temporary buffer (on the stack for a word of normal length) holds the
        // three outputs.
        let n = bytes.count
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 6 &* n &+ 16) { buffer in
            let three = buffer.baseAddress!, four = three + n + 4, five = four + n + 4
            let threeCount = bytes.withUnsafeBufferPointer { passThree($0, into: three) }
            let fourCount = passFour(UnsafeBufferPointer(start: three, count: threeCount), into: four)
            let fiveCount = passFive(UnsafeBufferPointer(start: four, count: fourCount), into: five)
            key.append(contentsOf: UnsafeBufferPointer(start: five, count: fiveCount))
        }
        return true
    }

    /// Passes 0 to 2 into `bytes` (ASCII, with the class markers); false when the input has a
    /// character this implementation does not cover.
    private static func passesZeroToTwo(_ text: UnsafeBufferPointer<UInt8>, table: inout ScalarFoldTable, into bytes: inout [UInt8]) -> Bool {
        bytes.reserveCapacity(text.count + 4)
        // ASCII (most words and romanizations): passes 0-2 are lower-casing and dropping the two
        // ASCII apostrophes.
        if !text.contains(where: { $0 >= 0x80 }) {
            for byte in text where byte != 0x27 && byte != 0x60 {
                bytes.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
            }
            return true
        }
        // Pass 0 (NFC, Any-Latin, Lower, NFC): ASCII is lower-cased; other characters must be
        // simple Latin or neutral ones, which these steps map one at a time.
        var scalars: [UInt32] = []
        scalars.reserveCapacity(text.count)
        var index = 0
        var base: UInt32? = nil
        while index < text.count {
            let (decoded, length) = Tokenizer.decode(text, at: index)
            index += length
            guard let scalar = decoded else { return false }
            let value = scalar.value
            // A combining mark that NFC leaves where it is (ICU's Cyrillic-Latin writes `Ґ` as
            // `G̀`) is kept for pass 2, which removes it; one NFC would move or compose is not
            // covered.
            if ScalarFoldTable.isCombiningMark(value) {
                guard ScalarFoldTable.isLoneMark(value, after: base) else { return false }
                scalars.append(value)
                base = nil
                continue
            }
            base = value
            if value < 0x80 {
                scalars.append(value >= 0x41 && value <= 0x5A ? value | 0x20 : value)
            } else if isPassOneMark(value) || value == middleDot || passTwo(value) != nil {
                scalars.append(value)
            } else {
                guard table.hasSkeletonBase(scalar) else { return false }
                // Simple characters lower-case to simple characters of the same script.
                for lower in String(scalar).lowercased().unicodeScalars { scalars.append(lower.value) }
            }
        }
        // Pass 1: marks removed; z·h (BGN's з+г) becomes zgh; other middle dots are dropped.
        var passOne: [UInt32] = []
        passOne.reserveCapacity(scalars.count)
        var i = 0
        while i < scalars.count {
            let value = scalars[i]
            if isPassOneMark(value) {
                i += 1
            } else if value == 0x7A, i + 2 < scalars.count, scalars[i + 1] == middleDot, scalars[i + 2] == 0x68 {
                passOne.append(0x7A); passOne.append(0x67); passOne.append(0x68)
                i += 3
            } else if value == middleDot {
                i += 1
            } else {
                passOne.append(value)
                i += 1
            }
        }
        // Pass 2: the letter rules, then Latin-ASCII and mark removal for every other letter.
        for value in passOne {
            if value < 0x80 {
                bytes.append(UInt8(value))
            } else if let replacement = passTwo(value) {
                replacement.withUTF8Buffer { bytes.append(contentsOf: $0) }
            } else if ScalarFoldTable.isCombiningMark(value) {
                continue  // Latin-ASCII; NFD; [:M:] Remove
            } else {
                // A letter Latin-ASCII leaves outside ASCII (ə, ɔ) matches no rule of passes 3
                // and 4 and is dropped by pass 5: a placeholder byte does the same.
                guard let scalar = Unicode.Scalar(value),
                    table.appendASCIISkeletonBase(of: scalar, to: &bytes, placeholder: Self.otherLetter)
                else { return false }
            }
        }
        return true
    }

    // MARK: Passes 3-5 over ASCII

    private static let C = UInt8(ascii: "C"), S = UInt8(ascii: "S"), Q = UInt8(ascii: "Q")
    private static let Z = UInt8(ascii: "Z"), T = UInt8(ascii: "T"), H = UInt8(ascii: "H")

    /// Whether `bytes[at...]` starts with `pattern`.
    @inline(__always)
    private static func has(_ bytes: UnsafeBufferPointer<UInt8>, _ at: Int, _ pattern: StaticString) -> Bool {
        let count = pattern.utf8CodeUnitCount
        guard at &+ count <= bytes.count else { return false }
        let start = pattern.utf8Start
        for k in 0..<count where bytes[at &+ k] != start[k] { return false }
        return true
    }

    /// Where one of passes 3-5 writes: a buffer with room for its whole output (see
    /// ``skeleton(utf8:table:scratch:into:)``), and the bytes written so far.
    private struct PassOutput {
        private let base: UnsafeMutablePointer<UInt8>
        private(set) var count = 0

        init(_ base: UnsafeMutablePointer<UInt8>) { self.base = base }

        @inline(__always)
        mutating func append(_ byte: UInt8) {
            base[count] = byte
            count &+= 1
        }

        /// The last byte written, or 0 before the first.
        var last: UInt8 { count > 0 ? base[count &- 1] : 0 }
    }

    /// Pass 3: the digraph classes, longest spelling first. Writes at most `input.count` bytes
    /// to `out`; returns how many.
    private static func passThree(_ input: UnsafeBufferPointer<UInt8>, into buffer: UnsafeMutablePointer<UInt8>) -> Int {
        var out = PassOutput(buffer)
        @inline(__always) func append(_ c: UInt8) { out.append(c) }
        var i = 0
        // The rules in file order, grouped by first letter (ICU only tries rules whose first
        // character matches, so the order within a group is what counts).
        while i < input.count {
            let c = input[i]
            switch c {
            case UInt8(ascii: "s"):
                if has(input, i, "schtsch") { append(Q); i += 7; continue }
                if has(input, i, "shtch") { append(Q); i += 5; continue }
                if has(input, i, "szcz") { append(Q); i += 4; continue }
                if has(input, i, "shch") { append(Q); i += 4; continue }
                if has(input, i, "sch") { append(Q); i += 3; continue }
                if has(input, i, "sh") || has(input, i, "sz") { append(S); i += 2; continue }
            case UInt8(ascii: "c"):
                if has(input, i, "chtch") { append(Q); i += 5; continue }
                if has(input, i, "cz") || has(input, i, "ch") { append(C); i += 2; continue }
                append(T); i += 1; continue
            case UInt8(ascii: "d"):
                if has(input, i, "dsch") { append(UInt8(ascii: "d")); append(Z); i += 4; continue }
            case UInt8(ascii: "t"):
                if has(input, i, "tsch") { append(C); i += 4; continue }
                if has(input, i, "tch") { append(C); i += 3; continue }
                if has(input, i, "tsh") { append(UInt8(ascii: "t")); append(S); i += 3; continue }
                if has(input, i, "ts") || has(input, i, "tz") { append(T); i += 2; continue }
            case UInt8(ascii: "z"):
                if has(input, i, "zh") { append(Z); i += 2; continue }
            case UInt8(ascii: "k"):
                if has(input, i, "kh") {
                    let previous = out.last
                    if previous == UInt8(ascii: "s") || previous == UInt8(ascii: "z") || previous == T {
                        append(UInt8(ascii: "k")); append(H)
                    } else {
                        append(H)
                    }
                    i += 2
                    continue
                }
            case UInt8(ascii: "h"):
                append(H); i += 1; continue
            case UInt8(ascii: "w"):
                append(UInt8(ascii: "v")); i += 1; continue
            case UInt8(ascii: "y"), UInt8(ascii: "j"):
                append(UInt8(ascii: "i")); i += 1; continue
            default:
                break
            }
            append(c)
            i += 1
        }
        return out.count
    }

    /// Letters and classes whose runs pass 4 collapses to one.
    private static func collapses(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "a"), UInt8(ascii: "b"), UInt8(ascii: "d"), UInt8(ascii: "e"), UInt8(ascii: "f"),
            UInt8(ascii: "g"), UInt8(ascii: "i"), UInt8(ascii: "k"), UInt8(ascii: "l"), UInt8(ascii: "m"),
            UInt8(ascii: "n"), UInt8(ascii: "o"), UInt8(ascii: "p"), UInt8(ascii: "q"), UInt8(ascii: "r"),
            UInt8(ascii: "s"), UInt8(ascii: "t"), UInt8(ascii: "u"), UInt8(ascii: "v"), UInt8(ascii: "x"),
            UInt8(ascii: "z"), C, S, Q, Z, T, H:
            true
        default: false
        }
    }

    /// Pass 4: š+č joins to щ, the glide after a hushing sound before o/u is dropped, doubled
    /// letters collapse. Writes at most `input.count` bytes to `out`; returns how many.
    private static func passFour(_ input: UnsafeBufferPointer<UInt8>, into buffer: UnsafeMutablePointer<UInt8>) -> Int {
        var out = PassOutput(buffer)
        var i = 0
        while i < input.count {
            let c = input[i]
            if c == S {
                var j = i
                while j < input.count, input[j] == S { j += 1 }
                if j < input.count, input[j] == C {
                    while j < input.count, input[j] == C { j += 1 }
                    out.append(Q)
                    i = j
                    continue
                }
            }
            if c == UInt8(ascii: "i"), out.count > 0 {
                let previous = out.last
                if previous == C || previous == S || previous == Q || previous == Z {
                    var j = i
                    while j < input.count, input[j] == c { j += 1 }
                    if j < input.count, input[j] == UInt8(ascii: "o") || input[j] == UInt8(ascii: "u") {
                        i = j
                        continue
                    }
                }
            }
            out.append(c)
            if collapses(c) {
                var j = i
                while j < input.count, input[j] == c { j += 1 }
                i = j
                continue
            }
            i += 1
        }
        return out.count
    }

    /// Pass 5: the classes spelled out; anything but a-z, space and hyphen dropped. Writes at
    /// most four times `input.count` bytes to `out`; returns how many.
    private static func passFive(_ input: UnsafeBufferPointer<UInt8>, into buffer: UnsafeMutablePointer<UInt8>) -> Int {
        var out = PassOutput(buffer)
        @inline(__always) func append(_ c: UInt8) { out.append(c) }
        for c in input {
            switch c {
            case C: append(0x63); append(0x68)  // ch
            case S: append(0x73); append(0x68)  // sh
            case Q: append(0x73); append(0x68); append(0x63); append(0x68)  // shch
            case Z: append(0x7A); append(0x68)  // zh
            case T: append(0x74); append(0x73)  // ts
            case H: append(0x68)  // h
            case UInt8(ascii: "a")...UInt8(ascii: "z"), 0x20, 0x2D: append(c)
            default: break
            }
        }
        return out.count
    }
}
