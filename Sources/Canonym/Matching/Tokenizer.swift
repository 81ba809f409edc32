/// Splits UTF-8 text into words, straight from bytes.
///
/// A word is a maximal run of letters, combining marks and digits; an apostrophe between two
/// letters stays inside the word (`Khar’kov`, `Krasnoarmiys'k`, `Kam'yanske`). Hyphens and dashes
/// separate words but let a phrase continue (`Ivano-Frankivsk` is two words that match one name),
/// so `Kharkiv-based` still finds Kharkiv. A trailing English possessive (`Kyiv's`) is left out of
/// the word, and a phrase goes on across it (`Cox's Bazar`, `King's Lynn`). Invalid UTF-8 never
/// stops the scan: each bad byte is a separator.
///
/// - Complexity: O(n) in the byte length; no allocation beyond growing the output array.
struct Tokenizer {
    private enum CharClass: UInt8 { case other, letter, mark, digit, apostrophe, blank, dash, period, sentenceEnd, opener }

    /// Tokens written to a buffer on the stack before they join the output array, so that the
    /// loop stores each token with plain writes (an array append checks uniqueness and capacity
    /// every time) and the array grows by whole chunks.
    private static let chunkCapacity = 256

    /// Tokenizes `bytes` into `tokens` (which is cleared first, keeping its capacity). Returns
    /// whether `bytes` is well-formed UTF-8, which ``ScalarOffsets`` needs to count code points.
    @discardableResult
    static func tokenize(_ bytes: UnsafeBufferPointer<UInt8>, into tokens: inout [Token]) -> Bool {
        tokens.removeAll(keepingCapacity: true)
        guard !bytes.isEmpty else { return true }
        return withUnsafeTemporaryAllocation(of: Token.self, capacity: chunkCapacity) { chunk in
            scan(bytes, chunk: chunk.baseAddress!, into: &tokens)
        }
    }

    /// The loop of ``tokenize(_:into:)``: tokens are stored in `chunk` and moved to `tokens`
    /// when it fills.
    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>, chunk: UnsafeMutablePointer<Token>, into tokens: inout [Token]) -> Bool {
        // Read the class and case tables through one pointer fetched per call: a static array
        // read per character would pay a lazy-initialization check and a retain each time.
        let tables = Self.tables
        let count = bytes.count
        let base = bytes.baseAddress!
        var index = 0
        var stored = 0, produced = false
        var wellFormed = true
        var atSentenceStart = true
        // What lies between the previous token and the next one.
        var gapBlank = 0, gapDash = 0, gapPeriod = 0, gapOther = 0
        var previousEndedShortCapital = false

        while index < count {
            let cls: CharClass, length: Int
            let byte = bytes[index]
            if byte < 0x80 {
                // ASCII, the most common gap character, without decoding.
                cls = tables.classes[Int(byte)]
                length = 1
            } else {
                let (scalar, scalarLength) = decode(bytes, at: index)
                // Every byte outside a word is read here, and every byte inside one is part of a
                // well-formed character: an invalid byte anywhere is met here.
                if scalar == nil { wellFormed = false }
                cls = classify(scalar, tables)
                length = scalarLength
            }
            if cls == .letter || cls == .digit || cls == .mark {
                // A word: a maximal run of letters, marks and digits, with up to two apostrophes
                // between letters inside it.
                var end = index
                var letters = 0, uppers = 0, lowers = 0
                var firstLetterCase: UInt8 = 0
                var lastWasLetter = false
                // Where a possessive `'s` would be cut (its apostrophe), and where the word ends if it
                // is one.
                var possessiveCut: (byte: Int, end: Int)? = nil
                var i = index
                while i < count {
                    // ASCII letters and digits, the bulk of most text, without decoding.
                    let byte = bytes[i]
                    if byte < 0x80 {
                        let c = tables.classes[Int(byte)]
                        if c == .letter {
                            // A run of ASCII letters in one tight loop: an ASCII letter is upper case
                            // when bit 5 is clear.
                            let (j, upperInRun) = Self.asciiLetterRun(base, from: i, count: count)
                            let run = j &- i
                            if firstLetterCase == 0 { firstLetterCase = byte <= 0x5A ? 1 : 2 }
                            letters &+= run
                            uppers &+= upperInRun
                            lowers &+= run &- upperInRun
                            lastWasLetter = true
                            i = j
                            end = i
                            continue
                        }
                        if c == .digit {
                            lastWasLetter = false
                            i &+= 1
                            end = i
                            continue
                        }
                        // Any other ASCII character but an apostrophe ends the word.
                        if c != .apostrophe { break }
                    } else if i &+ 1 < count, let v = Self.twoByteCodePoint(byte, bytes[i &+ 1]) {
                        // Two-byte letters (Cyrillic, Greek, accented Latin) from the tables, without
                        // building a scalar.
                        let c = tables.classes[v]
                        if c == .letter {
                            if firstLetterCase == 0 { firstLetterCase = tables.cases[v] == 1 ? 1 : 2 }
                            let run = Self.twoByteLetterRun(base, from: i, count: count, tables)
                            letters &+= run.letters
                            uppers &+= run.uppers
                            lowers &+= run.lowers
                            lastWasLetter = true
                            i = run.end
                            end = i
                            continue
                        }
                        if c == .mark || c == .digit {
                            lastWasLetter = c != .digit
                            i &+= 2
                            end = i
                            continue
                        }
                        if c != .apostrophe { break }
                    }
                    let (s, len) = decode(bytes, at: i)
                    let c = classify(s, tables)
                    if c == .letter || c == .mark || c == .digit {
                        if c == .letter, let s {
                            letters &+= 1
                            let upper = isUpper(s, tables)
                            if upper { uppers &+= 1 } else if isLower(s, tables) { lowers &+= 1 }
                            if firstLetterCase == 0 { firstLetterCase = upper ? 1 : 2 }
                        }
                        lastWasLetter = c != .digit
                        i &+= len
                        end = i
                        continue
                    }
                    if c == .apostrophe, lastWasLetter, i &+ len < count {
                        // Up to two marks between letters stay in the word (GOST's `` for ъ).
                        var markEnd = i &+ len, marks = 1
                        if markEnd < count, classify(decode(bytes, at: markEnd).0, tables) == .apostrophe {
                            markEnd &+= decode(bytes, at: markEnd).1
                            marks = 2
                        }
                        let (next, nextLen) = markEnd < count ? decode(bytes, at: markEnd) : (nil, 1)
                        if marks == 2, classify(next, tables) == .letter {
                            i = markEnd
                            lastWasLetter = false
                            continue
                        }
                        if marks == 1, classify(next, tables) == .letter {
                            // Possessive `'s` at the end of a word stays outside it.
                            if let next, next == "s" || next == "S" {
                                let after = i &+ len &+ nextLen
                                let afterClass: CharClass = after < count ? classify(decode(bytes, at: after).0, tables) : .other
                                if afterClass != .letter && afterClass != .digit && afterClass != .mark {
                                    possessiveCut = (i, after)
                                }
                            }
                            i &+= len
                            lastWasLetter = false
                            continue
                        }
                    }
                    break
                }
                var tokenEnd = end
                // The cut holds when the word ends right after the `s` (nothing glued on after it).
                if let cut = possessiveCut, end == cut.end {
                    tokenEnd = cut.byte
                    letters &-= 1
                }
                let joins = produced && gapOther == 0 && gapDash <= 1
                    && (gapPeriod == 0 || (gapPeriod == 1 && previousEndedShortCapital))
                    && (gapBlank + gapDash + gapPeriod) >= 1 && (gapBlank + gapDash + gapPeriod) <= 3
                let capitalized = firstLetterCase == 1
                (chunk + stored).initialize(to: Token(
                    byteStart: index, byteEnd: tokenEnd,
                    joinsPrevious: joins, sentenceInitial: atSentenceStart,
                    capitalized: capitalized,
                    allCaps: uppers >= 2 && lowers == 0, letterCount: letters))
                stored &+= 1
                if stored == chunkCapacity {
                    tokens.append(contentsOf: UnsafeBufferPointer(start: chunk, count: stored))
                    chunk.deinitialize(count: stored)
                    stored = 0
                }
                produced = true
                previousEndedShortCapital = capitalized && letters <= 3
                atSentenceStart = false
                // A possessive left out of the word does not end a phrase: a name may hold one
                // (`Cox's Bazar` is the phrase Cox Bazar, as its name row is read).
                gapBlank = 0; gapDash = 0; gapPeriod = 0; gapOther = 0
                index = end
                continue
            }
            switch cls {
            case .blank: gapBlank &+= 1
            case .dash: gapDash &+= 1
            case .period:
                gapPeriod &+= 1
                atSentenceStart = true
            case .sentenceEnd:
                gapOther &+= 1
                atSentenceStart = true
            case .opener, .apostrophe:
                gapOther &+= 1
            default:
                gapOther &+= 1
                atSentenceStart = false
            }
            index &+= length
        }
        if stored > 0 {
            tokens.append(contentsOf: UnsafeBufferPointer(start: chunk, count: stored))
            chunk.deinitialize(count: stored)
        }
        return wellFormed
    }

    /// The run of ASCII letters starting at `start` (a letter): where it ends and how many of
    /// its letters are capitals. Eight bytes at a time while eight remain (most words end in
    /// the first), then byte by byte.
    @inline(__always)
    private static func asciiLetterRun(_ base: UnsafePointer<UInt8>, from start: Int, count: Int) -> (end: Int, uppers: Int) {
        let highs: UInt64 = 0x8080_8080_8080_8080
        var j = start, uppers = 0
        while j &+ 8 <= count {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + j).loadUnaligned(as: UInt64.self))
            let letters = asciiLetterBits(word)
            // Bytes before the first that is no letter; a capital has bit 5 clear.
            let run = (~letters & highs).trailingZeroBitCount &>> 3
            let capitals = letters & ~(word &<< 2) & highs & (run == 8 ? ~0 : (1 &<< UInt64(run &* 8)) &- 1)
            // No capital or one (nearly every word) without a population count, which the
            // baseline x86-64 target computes in software.
            if capitals != 0 { uppers &+= capitals & (capitals &- 1) == 0 ? 1 : capitals.nonzeroBitCount }
            j &+= run
            if run < 8 { return (j, uppers) }
        }
        while j < count, (base[j] | 0x20) &- 0x61 < 26 {
            uppers &+= Int(truncatingIfNeeded: ~base[j] >> 5 & 1)
            j &+= 1
        }
        return (j, uppers)
    }

    /// Bit 7 of each byte of `word` set when that byte is an ASCII letter (`A`–`Z`, `a`–`z`).
    /// Computed on seven-bit bytes so that no sum carries into the next byte.
    @inline(__always)
    static func asciiLetterBits(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        // Small letters, and capitals mapped onto them by setting bit 5.
        let folded = (word | ones &* 0x20) & ~highs
        let atLeastA = (folded &+ ones &* (0x80 - 0x61)) & highs
        let atMostZ = ~(folded &+ ones &* (0x80 - 0x7B)) & highs
        return atLeastA & atMostZ & ~word
    }

    /// The run of two-byte letters (Cyrillic, Greek, accented Latin) starting at `start` (one
    /// such letter): where it ends and its letters by case. Letters of the basic Cyrillic block
    /// are read four at a time (``basicCyrillicLetters(_:)``), any other from the tables. A
    /// function of its own so that its counters stay in registers (inside the tokenizer's loop
    /// they were spilled to the stack on every letter).
    @inline(never)
    private static func twoByteLetterRun(
        _ base: UnsafePointer<UInt8>, from start: Int, count: Int, _ tables: Tables
    ) -> (end: Int, letters: Int, uppers: Int, lowers: Int) {
        var j = start, letters = 0, uppers = 0, lowers = 0
        while true {
            while j &+ 8 <= count {
                let word = UInt64(littleEndian: UnsafeRawPointer(base + j).loadUnaligned(as: UInt64.self))
                let block = basicCyrillicLetters(word)
                if block.letters == 0 { break }
                letters &+= block.letters
                uppers &+= block.capitals
                lowers &+= block.letters &- block.capitals
                j &+= 2 &* block.letters
                if block.letters < 4 { break }
            }
            guard j &+ 1 < count, let v = twoByteCodePoint(base[j], base[j &+ 1]), tables.classes[v] == .letter else { break }
            letters &+= 1
            let letterCase = tables.cases[v]
            uppers &+= letterCase == 1 ? 1 : 0
            lowers &+= letterCase == 2 ? 1 : 0
            j &+= 2
        }
        return (j, letters, uppers, lowers)
    }

    /// How many of the four two-byte sequences of `word` (eight bytes of UTF-8 read little
    /// endian) are, from the first on, letters U+0400–U+045F — the Russian, Ukrainian,
    /// Belarusian, Serbian and Macedonian alphabets but for Ґ ґ — and how many of those are
    /// capitals (U+0400–U+042F; U+0430–U+045F are small letters). Each sequence is a lead byte
    /// D0 or D1 and a trail byte 80–BF, and not D1 A0–BF (U+0460 and above).
    @inline(__always)
    static func basicCyrillicLetters(_ word: UInt64) -> (letters: Int, capitals: Int) {
        let laneBit: UInt64 = 0x0001_0001_0001_0001
        // Zero in each lane that has the shape D0/D1 80–BF.
        var outside = (word & 0xC0FE_C0FE_C0FE_C0FE) ^ 0x80D0_80D0_80D0_80D0
        // D1 with trail bit 5 set: A0–BF, beyond U+045F.
        outside |= word & (word &>> 13) & laneBit
        let letters = outside == 0 ? 4 : outside.trailingZeroBitCount &>> 4
        guard letters > 0 else { return (0, 0) }
        // A capital: lead D0 (bit 0 clear) and trail below B0 (bits 4 and 5 not both set).
        let trailB0 = (word &>> 12) & (word &>> 13) & laneBit
        let lanes: UInt64 = letters == 4 ? ~0 : (1 &<< UInt64(letters &* 16)) &- 1
        let capitals = ~(word | trailB0) & laneBit & lanes
        if capitals == 0 { return (letters, 0) }
        return (letters, capitals & (capitals &- 1) == 0 ? 1 : capitals.nonzeroBitCount)
    }

    /// The code point of a well-formed two-byte UTF-8 sequence (U+0080 ..< U+0800), or nil.
    @inline(__always)
    static func twoByteCodePoint(_ lead: UInt8, _ trail: UInt8) -> Int? {
        guard lead >= 0xC2, lead < 0xE0, trail & 0xC0 == 0x80 else { return nil }
        return Int(lead & 0x1F) << 6 | Int(trail & 0x3F)
    }

    /// Decodes one scalar at `index`; `nil` with length 1 for an invalid byte.
    @inline(__always)
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (Unicode.Scalar?, Int) {
        let b0 = bytes[index]
        if b0 < 0x80 { return (Unicode.Scalar(b0), 1) }
        let count = bytes.count
        if b0 & 0xE0 == 0xC0 {
            guard index + 1 < count, let v = twoByteCodePoint(b0, bytes[index + 1]) else { return (nil, 1) }
            return (Unicode.Scalar(UInt32(v)), 2)
        }
        if b0 & 0xF0 == 0xE0 {
            guard index + 2 < count, bytes[index + 1] & 0xC0 == 0x80, bytes[index + 2] & 0xC0 == 0x80 else {
                return (nil, 1)
            }
            let v = UInt32(b0 & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F)
            guard v >= 0x800, let scalar = Unicode.Scalar(v) else { return (nil, 1) }
            return (scalar, 3)
        }
        if b0 & 0xF8 == 0xF0 {
            guard index + 3 < count, bytes[index + 1] & 0xC0 == 0x80, bytes[index + 2] & 0xC0 == 0x80,
                bytes[index + 3] & 0xC0 == 0x80
            else { return (nil, 1) }
            let v = UInt32(b0 & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12
                | UInt32(bytes[index + 2] & 0x3F) << 6 | UInt32(bytes[index + 3] & 0x3F)
            guard v >= 0x10000, v <= 0x10FFFF, let scalar = Unicode.Scalar(v) else { return (nil, 1) }
            return (scalar, 4)
        }
        return (nil, 1)
    }

    /// The class and case of every scalar below U+0800 (Latin, Greek, Cyrillic…), so that the
    /// common scripts never query Unicode properties. Allocated once, never freed.
    private struct Tables: @unchecked Sendable {
        let classes: UnsafePointer<CharClass>
        /// 1 upper, 2 lower, 0 neither.
        let cases: UnsafePointer<UInt8>
    }

    private static let tables: Tables = {
        let classes = UnsafeMutablePointer<CharClass>.allocate(capacity: 0x800)
        let cases = UnsafeMutablePointer<UInt8>.allocate(capacity: 0x800)
        for v in 0..<0x800 {
            let scalar = Unicode.Scalar(UInt32(v))
            classes[v] = v < 0x80 ? asciiClass(v) : scalar.map(slowClassify) ?? .other
            cases[v] = scalar.map { $0.properties.isUppercase ? 1 : $0.properties.isLowercase ? 2 : 0 } ?? 0
        }
        return Tables(classes: UnsafePointer(classes), cases: UnsafePointer(cases))
    }()

    @inline(__always)
    private static func classify(_ scalar: Unicode.Scalar?, _ tables: Tables) -> CharClass {
        guard let scalar else { return .other }
        let v = scalar.value
        if v < 0x800 { return tables.classes[Int(v)] }
        return slowClassify(scalar)
    }

    private static func slowClassify(_ scalar: Unicode.Scalar) -> CharClass {
        switch scalar.value {
        case 0x2019, 0x2018, 0x02BC, 0x02B9, 0x2032, 0xFF07, 0x02BB, 0x00B7: return .apostrophe
        case 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2212, 0xFE63, 0xFF0D: return .dash
        case 0x00A0, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: return .blank
        case 0x2026, 0x3002, 0xFF01, 0xFF1F, 0x0964: return .sentenceEnd
        case 0x201C, 0x201D, 0x201E, 0x00AB, 0x00BB, 0x2039, 0x203A: return .opener
        default: break
        }
        let properties = scalar.properties
        switch properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
            return .letter
        case .nonspacingMark, .spacingMark, .enclosingMark: return .mark
        case .decimalNumber: return .digit
        case .spaceSeparator: return .blank
        default: return .other
        }
    }

    private static func asciiClass(_ v: Int) -> CharClass {
        switch v {
        case 0x41...0x5A, 0x61...0x7A: .letter
        case 0x30...0x39: .digit
        case 0x27, 0x60: .apostrophe
        case 0x20, 0x09: .blank
        case 0x2D: .dash
        case 0x2E: .period
        case 0x21, 0x3F, 0x3B, 0x0A, 0x0D: .sentenceEnd
        case 0x22, 0x28, 0x5B, 0x7B, 0x29, 0x5D, 0x7D: .opener
        default: .other
        }
    }

    @inline(__always)
    private static func isUpper(_ s: Unicode.Scalar, _ tables: Tables) -> Bool {
        if s.value < 0x80 { return s.value >= 0x41 && s.value <= 0x5A }
        if s.value < 0x800 { return tables.cases[Int(s.value)] == 1 }
        return s.properties.isUppercase
    }

    @inline(__always)
    private static func isLower(_ s: Unicode.Scalar, _ tables: Tables) -> Bool {
        if s.value < 0x80 { return s.value >= 0x61 && s.value <= 0x7A }
        if s.value < 0x800 { return tables.cases[Int(s.value)] == 2 }
        return s.properties.isLowercase
    }
}
