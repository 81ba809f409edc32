/// Canonym's bundled skeleton transform (`Resources/rules/skeleton.txt`) written out in Swift for
/// Latin input, so that the matcher's hot path needs no ICU call to compute a skeleton key.
///
/// It follows the rule file pass by pass with ICU's semantics: rules are tried in file order at
/// each position, the first match wins, a left context sees the text the pass has already
/// written, and a pass never re-reads its own output. It runs only when the ladder's skeleton
/// rules are exactly the text it was written for (``implements(_:)``, checked by digest), and
/// returns nil for input outside what it covers (a character of another script, a combining
/// mark, a code point above U+07FF): the ladder then asks ICU. `QuickFoldingTests` compares the
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

    /// Two byte buffers the passes write through, kept by the caller between words so that a
    /// skeleton allocates no pass output (only its result, when longer than a small string).
    struct Scratch {
        fileprivate var first: [UInt8] = []
        fileprivate var second: [UInt8] = []
    }

    /// The skeleton of `text` (a lower-cased romanization or Latin word), or nil when the input
    /// has a character this implementation does not cover.
    static func skeleton(of text: String, table: inout ScalarFoldTable) -> String? {
        var scratch = Scratch()
        return skeleton(of: text, table: &table, scratch: &scratch)
    }

    /// ``skeleton(of:table:)`` writing through `scratch`.
    static func skeleton(of text: String, table: inout ScalarFoldTable, scratch: inout Scratch) -> String? {
        var bytes: [UInt8] = [], other: [UInt8] = []
        swap(&bytes, &scratch.first)
        swap(&other, &scratch.second)
        defer {
            swap(&bytes, &scratch.first)
            swap(&other, &scratch.second)
        }
        bytes.removeAll(keepingCapacity: true)
        guard passesZeroToTwo(text, table: &table, into: &bytes) else { return nil }
        passThree(bytes, into: &other)
        passFour(other, into: &bytes)
        passFive(bytes, into: &other)
        return String(decoding: other, as: UTF8.self)
    }

    /// Passes 0 to 2 into `bytes` (ASCII, with the class markers); false when the input has a
    /// character this implementation does not cover.
    private static func passesZeroToTwo(_ text: String, table: inout ScalarFoldTable, into bytes: inout [UInt8]) -> Bool {
        bytes.reserveCapacity(text.utf8.count + 4)
        // ASCII (most words and romanizations): passes 0-2 are lower-casing and dropping the two
        // ASCII apostrophes.
        if FoldLadder.isASCII(text) {
            for byte in text.utf8 where byte != 0x27 && byte != 0x60 {
                bytes.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
            }
            return true
        }
        // Pass 0 (NFC, Any-Latin, Lower, NFC): ASCII is lower-cased; other characters must be
        // simple Latin or neutral ones, which these steps map one at a time.
        var scalars: [UInt32] = []
        scalars.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            let value = scalar.value
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
            } else {
                guard let scalar = Unicode.Scalar(value), table.appendASCIISkeletonBase(of: scalar, to: &bytes) else { return false }
            }
        }
        return true
    }

    // MARK: Passes 3-5 over ASCII

    private static let C = UInt8(ascii: "C"), S = UInt8(ascii: "S"), Q = UInt8(ascii: "Q")
    private static let Z = UInt8(ascii: "Z"), T = UInt8(ascii: "T"), H = UInt8(ascii: "H")

    /// Whether `bytes[at...]` starts with `pattern`.
    @inline(__always)
    private static func has(_ bytes: [UInt8], _ at: Int, _ pattern: StaticString) -> Bool {
        let count = pattern.utf8CodeUnitCount
        guard at + count <= bytes.count else { return false }
        let start = pattern.utf8Start
        for k in 0..<count where bytes[at + k] != start[k] { return false }
        return true
    }

    /// Pass 3: the digraph classes, longest spelling first.
    private static func passThree(_ input: [UInt8], into out: inout [UInt8]) {
        out.removeAll(keepingCapacity: true)
        out.reserveCapacity(input.count)
        var i = 0
        // The rules in file order, grouped by first letter (ICU only tries rules whose first
        // character matches, so the order within a group is what counts).
        while i < input.count {
            let c = input[i]
            switch c {
            case UInt8(ascii: "s"):
                if has(input, i, "schtsch") { out.append(Q); i += 7; continue }
                if has(input, i, "shtch") { out.append(Q); i += 5; continue }
                if has(input, i, "szcz") { out.append(Q); i += 4; continue }
                if has(input, i, "shch") { out.append(Q); i += 4; continue }
                if has(input, i, "sch") { out.append(Q); i += 3; continue }
                if has(input, i, "sh") || has(input, i, "sz") { out.append(S); i += 2; continue }
            case UInt8(ascii: "c"):
                if has(input, i, "chtch") { out.append(Q); i += 5; continue }
                if has(input, i, "cz") || has(input, i, "ch") { out.append(C); i += 2; continue }
                out.append(T); i += 1; continue
            case UInt8(ascii: "d"):
                if has(input, i, "dsch") { out.append(UInt8(ascii: "d")); out.append(Z); i += 4; continue }
            case UInt8(ascii: "t"):
                if has(input, i, "tsch") { out.append(C); i += 4; continue }
                if has(input, i, "tch") { out.append(C); i += 3; continue }
                if has(input, i, "tsh") { out.append(UInt8(ascii: "t")); out.append(S); i += 3; continue }
                if has(input, i, "ts") || has(input, i, "tz") { out.append(T); i += 2; continue }
            case UInt8(ascii: "z"):
                if has(input, i, "zh") { out.append(Z); i += 2; continue }
            case UInt8(ascii: "k"):
                if has(input, i, "kh") {
                    if let previous = out.last, previous == UInt8(ascii: "s") || previous == UInt8(ascii: "z") || previous == T {
                        out.append(UInt8(ascii: "k")); out.append(H)
                    } else {
                        out.append(H)
                    }
                    i += 2
                    continue
                }
            case UInt8(ascii: "h"):
                out.append(H); i += 1; continue
            case UInt8(ascii: "w"):
                out.append(UInt8(ascii: "v")); i += 1; continue
            case UInt8(ascii: "y"), UInt8(ascii: "j"):
                out.append(UInt8(ascii: "i")); i += 1; continue
            default:
                break
            }
            out.append(c)
            i += 1
        }
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
    /// letters collapse.
    private static func passFour(_ input: [UInt8], into out: inout [UInt8]) {
        out.removeAll(keepingCapacity: true)
        out.reserveCapacity(input.count)
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
            if c == UInt8(ascii: "i"), let previous = out.last, previous == C || previous == S || previous == Q || previous == Z {
                var j = i
                while j < input.count, input[j] == c { j += 1 }
                if j < input.count, input[j] == UInt8(ascii: "o") || input[j] == UInt8(ascii: "u") {
                    i = j
                    continue
                }
            }
            if collapses(c) {
                var j = i
                while j < input.count, input[j] == c { j += 1 }
                out.append(c)
                i = j
                continue
            }
            out.append(c)
            i += 1
        }
    }

    /// Pass 5: the classes spelled out; anything but a-z, space and hyphen dropped.
    private static func passFive(_ input: [UInt8], into out: inout [UInt8]) {
        out.removeAll(keepingCapacity: true)
        // Every class but H spells out as two letters or more (shch: four).
        out.reserveCapacity(input.count * 2 + 4)
        for c in input {
            switch c {
            case C: out.append(0x63); out.append(0x68)  // ch
            case S: out.append(0x73); out.append(0x68)  // sh
            case Q: out.append(0x73); out.append(0x68); out.append(0x63); out.append(0x68)  // shch
            case Z: out.append(0x7A); out.append(0x68)  // zh
            case T: out.append(0x74); out.append(0x73)  // ts
            case H: out.append(0x68)  // h
            case UInt8(ascii: "a")...UInt8(ascii: "z"), 0x20, 0x2D: out.append(c)
            default: break
            }
        }
    }
}
