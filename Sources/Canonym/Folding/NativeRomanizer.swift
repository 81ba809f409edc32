/// ICU's output for the Cyrillic romanization schemes that running text uses, computed without
/// ICU: BGN/PCGN Russian, Ukrainian and Belarusian and ICU's Cyrillic-Latin (the system
/// transliterators `Russian-Latin/BGN`, `Ukrainian-Latin/BGN`, `Belarusian-Latin/BGN` and
/// `Cyrillic-Latin`, from CLDR) and the Ukrainian national system of
/// `Resources/rules/uk-national-2010.txt`.
///
/// Every capitalized Cyrillic word new to a document is romanized under four or five schemes,
/// and each ICU call costs a couple of microseconds (UTF-16 conversion, a compound
/// transliterator's passes, rule matching at every position): on news text that was the largest
/// single cost of a word's first sighting. Here each scheme is its rule list written out as
/// code, in ICU's order and with ICU's semantics (rules tried in order at each position; the
/// text before the position is the output so far, the text after it is input not yet
/// transliterated; a negated context class matches at the edges of the word).
///
/// Coverage is deliberately narrow: a word all of whose characters the scheme transliterates
/// (its filter's letters and, where listed, the apostrophe), or that ICU provably treats as
/// plain text:
/// - an apostrophe outside a system transliterator's filter (`Слов'янськ` under BGN) is copied
///   and splits the word into runs that are romanized apart, as ICU runs its rules between
///   filtered-out characters (``isSeparator(_:_:)``);
/// - a Cyrillic letter outside a scheme's alphabet (`і` under Russian BGN) is left as it is by
///   ICU, so the scheme gives no Latin key for the word (``Outcome/leavesCyrillic``).
/// Anything else — another script, a digit, a combining mark — is declined and the ladder asks
/// ICU. The system transliterators are used natively only with ICU 72, whose rules these are;
/// the national system only while its rule file is the text this follows
/// (``ukrainianNationalDigest``). `NativeRomanizerTests` compares both ways on every word of up
/// to three letters of each scheme's alphabet, on longer generated words, and (through
/// `QuickFoldingTests`) on the names of the bundled packs.
///
/// O(n) in the word's length; allocates only the output string (none when it is short ASCII).
enum NativeRomanizer {
    /// A scheme with a native implementation.
    enum Scheme: Sendable {
        case russianBGN, ukrainianBGN, belarusianBGN, ukrainianNational, cyrillicLatin
    }

    /// `StringTable.hash` of the UTF-8 text of `uk-national-2010.txt` that
    /// ``Scheme/ukrainianNational`` follows.
    static let ukrainianNationalDigest: UInt64 = 0x8e53_a46f_e74e_b69e

    /// The native implementation of `scheme`, or nil when it has none (ICU then romanizes).
    static func native(for scheme: RomanizationScheme, icuVersion: String = ICUError.icuVersion) -> Scheme? {
        if let systemID = scheme.systemID {
            guard icuVersion.hasPrefix("72.") else { return nil }
            switch systemID {
            case "Russian-Latin/BGN": return .russianBGN
            case "Ukrainian-Latin/BGN": return .ukrainianBGN
            case "Belarusian-Latin/BGN": return .belarusianBGN
            case "Cyrillic-Latin": return .cyrillicLatin
            default: return nil
            }
        }
        guard var rules = scheme.rules else { return nil }
        return rules.withUTF8 { StringTable.hash($0) } == ukrainianNationalDigest ? .ukrainianNational : nil
    }

    /// ICU's transliteration of `word` (NFC) under `scheme`, or nil when the word has a character
    /// the native version does not cover.
    static func romanize(_ word: String, _ scheme: Scheme) -> String? {
        romanize(scalars: word.unicodeScalars.map(\.value), scheme)
    }

    /// ``romanize(_:_:)`` of a word given as its code points (a word's several schemes decode it
    /// once). A short ASCII result is a small string, with no allocation.
    static func romanize(scalars input: [UInt32], _ scheme: Scheme) -> String? {
        var text: String? = nil
        _ = romanize(scalars: input, scheme) { text = String(decoding: $0, as: UTF8.self) }
        return text
    }

    /// What romanizing a word natively came to.
    enum Outcome {
        /// Romanized, as ICU would.
        case romanized
        /// ICU would leave a Cyrillic letter of the word as it is (one outside the scheme's
        /// alphabet): its output is not Latin, and the scheme gives the word no key.
        case leavesCyrillic
        /// The word has a character only ICU can handle.
        case declined
    }

    /// ``romanize(scalars:_:)`` appended to `output` as UTF-8, without making a string; `output`
    /// is unchanged unless the outcome is ``Outcome/romanized``.
    static func romanize(scalars input: [UInt32], _ scheme: Scheme, appendingTo output: inout [UInt8]) -> Outcome {
        romanize(scalars: input, scheme) { output.append(contentsOf: $0) }
    }

    /// Romanizes `input` into a temporary buffer (on the stack for a word of normal length) and
    /// hands the result's bytes to `body`, which is called only when the outcome is
    /// ``Outcome/romanized``.
    private static func romanize(scalars input: [UInt32], _ scheme: Scheme, _ body: (UnsafeBufferPointer<UInt8>) -> Void) -> Outcome {
        let coverage: UInt32 = switch scheme {
        case .russianBGN: Bit.russian
        case .ukrainianBGN: Bit.ukrainianBGN
        case .belarusianBGN: Bit.belarusianBGN
        case .ukrainianNational: Bit.ukrainianNational
        case .cyrillicLatin: Bit.cyrillicLatin
        }
        var separators = false, leavesCyrillic = false
        for value in input where classes(value) & coverage == 0 {
            if isSeparator(value, scheme) {
                separators = true
            } else if isLeftAlone(value, scheme) {
                leavesCyrillic = true
            } else {
                return .declined
            }
        }
        if leavesCyrillic { return .leavesCyrillic }
        // No rule writes more than six bytes per character it reads; the output checks its
        // room all the same, and a word that would overflow it is left to ICU.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: input.count &* 8 &+ 16) { buffer in
            var out = Output(buffer)
            if separators {
                // Each run between separators on its own, as from the start of a text.
                var runStart = 0
                for i in 0...input.count where i == input.count || (classes(input[i]) & coverage == 0 && isSeparator(input[i], scheme)) {
                    if runStart < i {
                        out.last = 0
                        romanize(Array(input[runStart..<i]), scheme, &out)
                    }
                    if i < input.count { out.copyScalar(input[i]) }
                    runStart = i + 1
                }
            } else {
                romanize(input, scheme, &out)
            }
            guard !out.overflowed else { return .declined }
            body(UnsafeBufferPointer(start: buffer.baseAddress, count: out.count))
            return .romanized
        }
    }

    /// Romanizes a run of covered characters.
    private static func romanize(_ input: [UInt32], _ scheme: Scheme, _ out: inout Output) {
        switch scheme {
        case .russianBGN: russianBGN(input, &out)
        case .ukrainianBGN: slavicBGN(input, belarusian: false, &out)
        case .belarusianBGN: slavicBGN(input, belarusian: true, &out)
        case .ukrainianNational: ukrainianNational(input, &out)
        case .cyrillicLatin: for c in input { out.emit(cyrillicLatin(c)) }
        }
    }

    /// The apostrophe family of Ukrainian text: ' ’ ʼ ‘ ` ʹ ′ ´.
    private static func isApostrophe(_ v: UInt32) -> Bool {
        switch v {
        case 0x27, 0x2019, 0x02BC, 0x2018, 0x60, 0x02B9, 0x2032, 0xB4: true
        default: false
        }
    }

    /// Whether `v`, outside `scheme`'s alphabet, is outside the ICU transliterator's filter too:
    /// ICU copies it and romanizes the text on either side of it apart. The apostrophes, but
    /// for Russian BGN not ʹ and ʼ (its filter holds them), and for the national system none
    /// (its rules read them; see ``ukrainianNational(_:_:)``).
    private static func isSeparator(_ v: UInt32, _ scheme: Scheme) -> Bool {
        switch scheme {
        case .ukrainianNational: false
        case .russianBGN: isApostrophe(v) && v != 0x02B9 && v != 0x02BC
        default: isApostrophe(v)
        }
    }

    /// Whether ICU leaves the letter `v`, outside `scheme`'s alphabet, as it is: every Cyrillic
    /// letter, but the Cyrillic extensions ICU's Cyrillic-Latin transliterates (ғ қ ә ӑ ӓ ӕ ӗ
    /// ҙ ҕ ӂ ӛ ӝ ӟ ӣ ӥ ӧ ӭ ӯ ӱ ӳ ӵ ӹ and their capitals).
    private static func isLeftAlone(_ v: UInt32, _ scheme: Scheme) -> Bool {
        guard v >= 0x400, v <= 0x52F, let scalar = Unicode.Scalar(v), scalar.properties.isAlphabetic else { return false }
        guard scheme == .cyrillicLatin else { return true }
        switch v {
        case 0x492...0x495, 0x498...0x49B, 0x4C1...0x4C2, 0x4D0...0x4DF, 0x4E2...0x4E7, 0x4EC...0x4F5, 0x4F8...0x4F9: return false
        default: return true
        }
    }

    // MARK: Character classes

    /// Bits of ``classes(_:)``.
    private enum Bit {
        static let upper: UInt32 = 1 << 0, lower: UInt32 = 1 << 1
        /// ЁАЕИОУЫЭЮЯ and аеиоуыэюяё.
        static let russianUpperVowel: UInt32 = 1 << 2, russianLowerVowel: UInt32 = 1 << 3
        /// ЙЪЬ and йъь.
        static let upperSign: UInt32 = 1 << 4, lowerSign: UInt32 = 1 << 5
        /// АУЫЭауыэ, and its lower-case half: what makes BGN write `y·` for й and ы.
        static let hiatus: UInt32 = 1 << 6, lowerHiatus: UInt32 = 1 << 7
        /// The lower-case letters (and ’) after which a Ukrainian / Belarusian BGN capital's
        /// digraph is written mixed-case (`Kh`, not `KH`).
        static let ukrainianFollower: UInt32 = 1 << 8, belarusianFollower: UInt32 = 1 << 9
        /// The characters each scheme transliterates (its ICU filter, less what it leaves alone).
        static let russian: UInt32 = 1 << 10, ukrainianBGN: UInt32 = 1 << 11
        static let belarusianBGN: UInt32 = 1 << 12, ukrainianNational: UInt32 = 1 << 13
        static let cyrillicLatin: UInt32 = 1 << 14
    }

    /// The class bits of every character of the Cyrillic block (U+0400 ..< U+0500): built once,
    /// never written after, never freed.
    private struct ClassTable: @unchecked Sendable {
        let bits: UnsafePointer<UInt32>
    }

    private static let table = ClassTable(bits: {
        let table = UnsafeMutablePointer<UInt32>.allocate(capacity: 0x100)
        table.initialize(repeating: 0, count: 0x100)
        func mark(_ letters: String, _ bit: UInt32) {
            for scalar in letters.unicodeScalars { table[Int(scalar.value) - 0x400] |= bit }
        }
        for v in 0x400..<0x500 {
            guard let scalar = Unicode.Scalar(UInt32(v)) else { continue }
            if scalar.properties.isUppercase { table[v - 0x400] |= Bit.upper }
            if scalar.properties.isLowercase { table[v - 0x400] |= Bit.lower }
        }
        mark("ЁАЕИОУЫЭЮЯ", Bit.russianUpperVowel)
        mark("аеиоуыэюяё", Bit.russianLowerVowel)
        mark("ЙЪЬ", Bit.upperSign)
        mark("йъь", Bit.lowerSign)
        mark("АУЫЭауыэ", Bit.hiatus)
        mark("ауыэ", Bit.lowerHiatus)
        mark("бвгджзйклмнпрстфхцчшщьґаеиоуюяєії", Bit.ukrainianFollower)
        mark("бвгджзйклмнпрстфхцчшьўґаеоуыэюяёі", Bit.belarusianFollower)
        let russian = "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя"
        mark(russian, Bit.russian)
        mark("АБВГҐДЕЄЖЗИІЇЙКЛМНОПРСТУФХЦЧШЩЬЮЯабвгґдеєжзиіїйклмнопрстуфхцчшщьюя", Bit.ukrainianBGN)
        mark("АБВГДЕЁЖЗІЙКЛМНОПРСТУЎФХЦЧШЫЬЭЮЯабвгдеёжзійклмнопрстуўфхцчшыьэюяҐґ", Bit.belarusianBGN)
        mark(russian + "ЄєІіЇїҐґЎў", Bit.ukrainianNational)
        for v in 0x400..<0x460 { table[v - 0x400] |= Bit.cyrillicLatin }
        mark("Ґґ", Bit.cyrillicLatin)
        return UnsafePointer(table)
    }())

    /// The class bits of a code point: the table for Cyrillic, ’ (U+2019) as a follower that
    /// both BGN Ukrainian and Belarusian transliterate (to ʺ), the apostrophes as characters of
    /// the national system (whose rules drop them inside a word), nothing otherwise.
    @inline(__always)
    private static func classes(_ v: UInt32) -> UInt32 {
        if v &- 0x400 < 0x100 { return table.bits[Int(v &- 0x400)] }
        if v == 0x2019 { return Bit.ukrainianFollower | Bit.belarusianFollower | Bit.ukrainianBGN | Bit.belarusianBGN | Bit.ukrainianNational }
        return isApostrophe(v) ? Bit.ukrainianNational : 0
    }

    /// Whether `v` has `bit` (0, "no character", has none).
    @inline(__always)
    private static func has(_ v: UInt32, _ bit: UInt32) -> Bool { classes(v) & bit != 0 }

    /// `[:Uppercase:]` and `[:Lowercase:]` over what can occur here: Cyrillic, ASCII, ë Ë, and
    /// the marks · ʹ ʺ (which have no case).
    @inline(__always)
    private static func isUppercase(_ v: UInt32) -> Bool {
        (v >= 0x41 && v <= 0x5A) || v == 0xCB || has(v, Bit.upper)
    }

    @inline(__always)
    private static func isLowercase(_ v: UInt32) -> Bool {
        (v >= 0x61 && v <= 0x7A) || v == 0xEB || has(v, Bit.lower)
    }

    /// `[[:L:][:M:]]` over the same characters (ʹ ʺ ʼ are modifier letters; · is punctuation).
    @inline(__always)
    private static func isLetter(_ v: UInt32) -> Bool {
        isUppercase(v) || isLowercase(v) || v == 0x2B9 || v == 0x2BA || v == 0x2BC
    }

    /// `[[:L:][:M:][:N:]]`.
    @inline(__always)
    private static func isLetterOrNumber(_ v: UInt32) -> Bool { isLetter(v) || (v >= 0x30 && v <= 0x39) }

    /// A first pass's output, kept as code points for the second pass to read: what ``Output``
    /// does, without a round trip through UTF-8.
    private struct ScalarOutput {
        var scalars: [UInt32] = []
        var last: UInt32 { scalars.last ?? 0 }

        init(capacity: Int) { scalars.reserveCapacity(capacity) }

        /// Appends the code points of `text` (ASCII, or two-byte characters such as `·` and `ë`).
        @inline(__always)
        mutating func emit(_ text: StaticString) {
            let n = text.utf8CodeUnitCount, start = text.utf8Start
            var k = 0
            while k < n {
                let lead = start[k]
                if lead < 0x80 {
                    scalars.append(UInt32(lead))
                    k += 1
                } else {
                    scalars.append(UInt32(lead & 0x1F) << 6 | UInt32(start[k + 1] & 0x3F))
                    k += 2
                }
            }
        }

        @inline(__always)
        mutating func copy(_ v: UInt32) { scalars.append(v) }
    }

    /// The output being written: UTF-8 bytes, and its last character (for the contexts that
    /// look back at what was written).
    private struct Output {
        private let base: UnsafeMutablePointer<UInt8>
        private let capacity: Int
        /// Bytes written.
        private(set) var count = 0
        /// Whether a write did not fit (the output is then incomplete and must not be used).
        private(set) var overflowed = false
        var last: UInt32 = 0

        /// An output writing into `buffer`.
        init(_ buffer: UnsafeMutableBufferPointer<UInt8>) {
            base = buffer.baseAddress!
            capacity = buffer.count
        }

        @inline(__always)
        mutating func emit(_ text: StaticString) {
            let n = text.utf8CodeUnitCount
            guard n > 0 else { return }
            guard count &+ n <= capacity else {
                overflowed = true
                return
            }
            let start = text.utf8Start
            for k in 0..<n { base[count &+ k] = start[k] }
            count &+= n
            if start[n - 1] < 0x80 {
                last = UInt32(start[n - 1])
                return
            }
            // The last character: back over continuation bytes to its lead byte.
            var lead = n - 1
            while lead > 0 && start[lead] & 0xC0 == 0x80 { lead -= 1 }
            var value = UInt32(start[lead]) & (start[lead] < 0x80 ? 0x7F : start[lead] < 0xE0 ? 0x1F : 0x0F)
            for k in lead + 1..<n { value = value << 6 | UInt32(start[k] & 0x3F) }
            last = value
        }

        /// Copies a character no rule matched (a Cyrillic letter, or the first pass's output).
        @inline(__always)
        mutating func copy(_ v: UInt32) {
            guard count &+ 2 <= capacity else {
                overflowed = true
                return
            }
            if v < 0x80 {
                base[count] = UInt8(v)
                count &+= 1
            } else {
                base[count] = UInt8(0xC0 | v >> 6)
                base[count &+ 1] = UInt8(0x80 | v & 0x3F)
                count &+= 2
            }
            last = v
        }

        /// Copies any character below U+10000 (an apostrophe such as ’ takes three bytes).
        mutating func copyScalar(_ v: UInt32) {
            guard v >= 0x800 else { return copy(v) }
            guard v < 0x10000, count &+ 3 <= capacity else {
                overflowed = true
                return
            }
            base[count] = UInt8(0xE0 | v >> 12)
            base[count &+ 1] = UInt8(0x80 | v >> 6 & 0x3F)
            base[count &+ 2] = UInt8(0x80 | v & 0x3F)
            count &+= 3
            last = v
        }
    }

    // MARK: Russian, BGN/PCGN 1947 (ICU Russian-Latin/BGN)

    /// Two passes, as ICU's rules have them: the first writes ы э е ё where their neighbours
    /// decide (`·y`, `·e`, `ye`, `yë`), the second the letters, seeing the first's output.
    private static func russianBGN(_ input: [UInt32], _ result: inout Output) {
        var first = ScalarOutput(capacity: input.count * 2)
        for i in input.indices {
            let c = input[i], previous = first.last, n = i + 1 < input.count ? input[i + 1] : 0
            let afterUpperVowel = has(previous, Bit.russianUpperVowel)
            let afterVowel = afterUpperVowel || has(previous, Bit.russianLowerVowel)
            switch c {
            case 0x44B where has(previous, Bit.russianLowerVowel): first.emit("·y")  // ы
            case 0x44B where afterUpperVowel, 0x42B where afterUpperVowel: first.emit(isLowercase(n) ? "·y" : "·Y")  // ы Ы
            case 0x42D, 0x44D:  // Э э
                if (isUppercase(previous) || isLowercase(previous)) && !afterVowel && previous != 0x419 && previous != 0x439 {
                    first.emit(c == 0x42D ? "·E" : "·e")
                } else {
                    first.copy(c)
                }
            case 0x415 where afterUpperVowel || has(previous, Bit.upperSign): first.emit(isUppercase(n) ? "YE" : "Ye")  // Е
            case 0x435 where afterVowel || has(previous, Bit.upperSign | Bit.lowerSign): first.emit("ye")  // е
            case 0x401 where afterUpperVowel || has(previous, Bit.upperSign): first.emit(isUppercase(n) ? "YË" : "Yë")  // Ё
            case 0x451 where afterVowel || has(previous, Bit.upperSign | Bit.lowerSign): first.emit("yë")  // ё
            default: first.copy(c)
            }
        }
        let text = first.scalars
        var i = 0
        while i < text.count {
            let c = text[i], n = i + 1 < text.count ? text[i + 1] : 0
            let initial = !isLetterOrNumber(result.last)
            // A capital's digraph is all capitals unless a lower-case letter follows.
            func capital(_ mixed: StaticString, _ upper: StaticString) { result.emit(isLowercase(n) ? mixed : upper) }
            var consumed = 1
            switch c {
            case 0x415: initial ? result.emit(isUppercase(n) ? "YE" : "Ye") : result.emit("E")  // Е
            case 0x435: result.emit(initial ? "ye" : "e")  // е
            case 0x401:  // Ё, then `[·]?` and the case: a first-pass `·y` may follow
                let after = n == 0xB7 ? (i + 2 < text.count ? text[i + 2] : 0) : n
                result.emit(!initial ? "Ë" : isUppercase(after) ? "YË" : isLowercase(after) ? "Yë" : "Ë")
            case 0x451: result.emit(initial ? "yë" : "ë")  // ё
            case 0x416: capital("Zh", "ZH")  // Ж
            case 0x419: result.emit(has(n, Bit.hiatus) ? "Y·" : "Y")  // Й
            case 0x439: result.emit(has(n, Bit.hiatus) ? "y·" : "y")  // й
            case 0x422:  // Т
                if n == 0x421 { result.emit("T·S"); consumed = 2 } else if n == 0x441 { result.emit("T·s"); consumed = 2 } else { result.emit("T") }
            case 0x442:  // т
                if n == 0x441 { result.emit("t·s"); consumed = 2 } else { result.emit("t") }
            case 0x425: capital("Kh", "KH")  // Х
            case 0x426: capital("Ts", "TS")  // Ц
            case 0x427: capital("Ch", "CH")  // Ч
            case 0x428:  // Ш
                if n == 0x427 { result.emit("SH·CH"); consumed = 2 } else if n == 0x447 { result.emit("Sh·ch"); consumed = 2 } else { capital("Sh", "SH") }
            case 0x448:  // ш
                if n == 0x447 { result.emit("sh·ch"); consumed = 2 } else { result.emit("sh") }
            case 0x429: capital("Shch", "SHCH")  // Щ
            case 0x42A, 0x44A: result.emit("ʺ")  // Ъ ъ
            case 0x42C, 0x44C: result.emit("ʹ")  // Ь ь
            case 0x42B: result.emit(has(n, Bit.hiatus) ? "Y·" : "Y")  // Ы
            case 0x44B: result.emit(has(n, Bit.lowerHiatus) ? "y·" : "y")  // ы
            case 0x42E: capital("Yu", "YU")  // Ю
            case 0x42F: capital("Ya", "YA")  // Я
            default:
                if let simple = simpleLetter(c, russian: true) { result.emit(simple) } else { result.copy(c) }
            }
            i += consumed
        }
    }

    /// The letters whose romanization never depends on their neighbours, in the schemes that
    /// agree on them (`russian` chooses Г → G, и → i; otherwise Г → H, и → y as in Ukrainian).
    @inline(__always)
    private static func simpleLetter(_ c: UInt32, russian: Bool) -> StaticString? {
        switch c {
        case 0x410: "A"
        case 0x430: "a"
        case 0x411: "B"
        case 0x431: "b"
        case 0x412: "V"
        case 0x432: "v"
        case 0x413: russian ? "G" : "H"
        case 0x433: russian ? "g" : "h"
        case 0x414: "D"
        case 0x434: "d"
        case 0x436: "zh"
        case 0x417: "Z"
        case 0x437: "z"
        case 0x418: russian ? "I" : "Y"
        case 0x438: russian ? "i" : "y"
        case 0x41A: "K"
        case 0x43A: "k"
        case 0x41B: "L"
        case 0x43B: "l"
        case 0x41C: "M"
        case 0x43C: "m"
        case 0x41D: "N"
        case 0x43D: "n"
        case 0x41E: "O"
        case 0x43E: "o"
        case 0x41F: "P"
        case 0x43F: "p"
        case 0x420: "R"
        case 0x440: "r"
        case 0x421: "S"
        case 0x441: "s"
        case 0x422: "T"
        case 0x442: "t"
        case 0x423: "U"
        case 0x443: "u"
        case 0x424: "F"
        case 0x444: "f"
        case 0x445: "kh"
        case 0x446: "ts"
        case 0x447: "ch"
        case 0x448: "sh"
        case 0x449: "shch"
        case 0x42D: "E"
        case 0x44D: "e"
        case 0x44E: "yu"
        case 0x44F: "ya"
        case 0x406: "I"
        case 0x456: "i"
        case 0x490: "G"
        case 0x491: "g"
        default: nil
        }
    }

    /// BGN's digraphs of two letters that would otherwise read as one sound, written with a
    /// middle dot (`Z·h` for зг, not `zh` for ж), in the three case pairs the rules list
    /// (upper-upper, upper-lower, lower-lower): зг кг сг тс цг, and шч unless `withShch` is off.
    @inline(__always)
    private static func softenedDigraph(_ c: UInt32, _ n: UInt32, withShch: Bool) -> StaticString? {
        switch (c, n) {
        case (0x417, 0x413): "Z·H"
        case (0x417, 0x433): "Z·h"
        case (0x437, 0x433): "z·h"
        case (0x41A, 0x413): "K·H"
        case (0x41A, 0x433): "K·h"
        case (0x43A, 0x433): "k·h"
        case (0x421, 0x413): "S·H"
        case (0x421, 0x433): "S·h"
        case (0x441, 0x433): "s·h"
        case (0x422, 0x421): "T·S"
        case (0x422, 0x441): "T·s"
        case (0x442, 0x441): "t·s"
        case (0x426, 0x413): "TS·H"
        case (0x426, 0x433): "Ts·h"
        case (0x446, 0x433): "ts·h"
        case (0x428, 0x427) where withShch: "SH·CH"
        case (0x428, 0x447) where withShch: "Sh·ch"
        case (0x448, 0x447) where withShch: "sh·ch"
        default: nil
        }
    }

    // MARK: Ukrainian and Belarusian, BGN/PCGN 1965 and 1979 (ICU Ukrainian- and Belarusian-Latin/BGN)

    /// One pass each. A capital written with two or more letters is mixed-case before a
    /// lower-case letter of the alphabet (`Kh`, else `KH`); зг кг сг тс цг, and шч in
    /// Ukrainian, keep a middle dot.
    private static func slavicBGN(_ input: [UInt32], belarusian: Bool, _ result: inout Output) {
        let follower = belarusian ? Bit.belarusianFollower : Bit.ukrainianFollower
        var i = 0
        while i < input.count {
            let c = input[i], n = i + 1 < input.count ? input[i + 1] : 0
            if let digraph = softenedDigraph(c, n, withShch: !belarusian) {
                result.emit(digraph)
                i += 2
                continue
            }
            let lowerFollows = has(n, follower)
            func capital(_ mixed: StaticString, _ upper: StaticString) { result.emit(lowerFollows ? mixed : upper) }
            // Only the scheme's own letters reach here (romanize(_:_:) checked its coverage).
            switch (c, belarusian) {
            case (0x404, false): capital("Ye", "YE")  // Є
            case (0x454, false): result.emit("ye")  // є
            case (0x407, false): capital("Yi", "YI")  // Ї
            case (0x457, false): result.emit("yi")  // ї
            case (0x429, false): capital("Shch", "SHCH")  // Щ
            case (0x415, false): result.emit("E")  // Е
            case (0x435, false): result.emit("e")  // е
            case (0x415, true): capital("Ye", "YE")  // Е
            case (0x435, true): result.emit("ye")  // е
            case (0x401, true): capital("Yo", "YO")  // Ё
            case (0x451, true): result.emit("yo")  // ё
            case (0x40E, true): result.emit("W")  // Ў
            case (0x45E, true): result.emit("w")  // ў
            case (0x42B, true): result.emit("Y")  // Ы
            case (0x44B, true): result.emit("y")  // ы
            case (0x416, _): capital("Zh", "ZH")  // Ж
            case (0x425, _): capital("Kh", "KH")  // Х
            case (0x426, _): capital("Ts", "TS")  // Ц
            case (0x427, _): capital("Ch", "CH")  // Ч
            case (0x428, _): capital("Sh", "SH")  // Ш
            case (0x42E, _): capital("Yu", "YU")  // Ю
            case (0x42F, _): capital("Ya", "YA")  // Я
            case (0x419, _): result.emit("Y")  // Й
            case (0x439, _): result.emit("y")  // й
            case (0x42C, _), (0x44C, _): result.emit("ʹ")  // Ь ь
            case (0x2019, _): result.emit("ʺ")  // ’
            default: result.emit(simpleLetter(c, russian: false)!)
            }
            i += 1
        }
    }

    // MARK: Ukrainian national system (Resources/rules/uk-national-2010.txt)

    private static func ukrainianNational(_ input: [UInt32], _ result: inout Output) {
        for i in input.indices {
            let c = input[i], n = i + 1 < input.count ? input[i + 1] : 0
            let previous = result.last
            let afterLetter = isLetter(previous), afterCapital = isUppercase(previous), beforeCapital = isUppercase(n)
            /// Є Ю Я Ё: `I…` inside a word, `Y…` at its start; all capitals next to a capital.
            func iotated(_ upperInside: StaticString, _ inside: StaticString, _ upperStart: StaticString, _ start: StaticString) {
                if afterCapital || (afterLetter && beforeCapital) { return result.emit(upperInside) }
                result.emit(afterLetter ? inside : beforeCapital ? upperStart : start)
            }
            /// Ж Х Ц Ч Ш Щ: all capitals next to a capital.
            func capital(_ mixed: StaticString, _ upper: StaticString) { result.emit(afterCapital || beforeCapital ? upper : mixed) }
            switch c {
            case 0x433: result.emit(previous == 0x7A || previous == 0x5A ? "gh" : "h")  // г
            case 0x413: result.emit(previous == 0x7A || previous == 0x5A ? "GH" : "H")  // Г
            case 0x404: iotated("IE", "Ie", "YE", "Ye")  // Є
            case 0x454: result.emit(afterLetter ? "ie" : "ye")  // є
            case 0x407: result.emit(afterLetter ? "I" : beforeCapital ? "YI" : "Yi")  // Ї
            case 0x457: result.emit(afterLetter ? "i" : "yi")  // ї
            case 0x419: result.emit(afterLetter ? "I" : "Y")  // Й
            case 0x439: result.emit(afterLetter ? "i" : "y")  // й
            case 0x42E: iotated("IU", "Iu", "YU", "Yu")  // Ю
            case 0x44E: result.emit(afterLetter ? "iu" : "yu")  // ю
            case 0x42F: iotated("IA", "Ia", "YA", "Ya")  // Я
            case 0x44F: result.emit(afterLetter ? "ia" : "ya")  // я
            case 0x401: iotated("IO", "Io", "YO", "Yo")  // Ё
            case 0x451: result.emit(afterLetter ? "io" : "yo")  // ё
            case 0x416: capital("Zh", "ZH")  // Ж
            case 0x425: capital("Kh", "KH")  // Х
            case 0x426: capital("Ts", "TS")  // Ц
            case 0x427: capital("Ch", "CH")  // Ч
            case 0x428: capital("Sh", "SH")  // Ш
            case 0x429: capital("Shch", "SHCH")  // Щ
            case 0x415: result.emit("E")  // Е
            case 0x435: result.emit("e")  // е
            case 0x42C, 0x44C, 0x42A, 0x44A: break  // Ь ь Ъ ъ are dropped
            case 0x42B: result.emit("Y")  // Ы
            case 0x44B: result.emit("y")  // ы
            case 0x40E: result.emit("U")  // Ў
            case 0x45E: result.emit("u")  // ў
            case _ where isApostrophe(c):
                // Dropped between a letter and a Cyrillic character (Знам'янка: Znamianka), kept
                // elsewhere.
                if !(afterLetter && n &- 0x400 < 0x130) { result.copyScalar(c) }
            default: result.emit(simpleLetter(c, russian: false)!)
            }
        }
    }

    // MARK: ICU Cyrillic-Latin (close to ISO 9)

    /// One letter's romanization: for the letters of U+0400 ..< U+0460 and Ґ ґ, ICU's rules
    /// (with their NFD and NFC steps) come to one fixed Latin string per letter, whatever its
    /// neighbours — which `NativeRomanizerTests` checks on every word of up to three letters.
    private static func cyrillicLatin(_ c: UInt32) -> StaticString {
        switch c {
        case 0x400: "È"  // Ѐ
        case 0x401: "Ë"  // Ё
        case 0x402: "Đ"  // Ђ
        case 0x403: "Ǵ"  // Ѓ
        case 0x404: "Ê"  // Є
        case 0x405: "Ẑ"  // Ѕ
        case 0x406: "Í"  // І
        case 0x407: "Í\u{0308}"  // Ї
        case 0x408: "J\u{030C}"  // Ј
        case 0x409: "L\u{0302}"  // Љ
        case 0x40A: "N\u{0302}"  // Њ
        case 0x40B: "Ć"  // Ћ
        case 0x40C: "Ḱ"  // Ќ
        case 0x40D: "Ì"  // Ѝ
        case 0x40E: "Ŭ"  // Ў
        case 0x40F: "D\u{0302}"  // Џ
        case 0x410: "A"  // А
        case 0x411: "B"  // Б
        case 0x412: "V"  // В
        case 0x413: "G"  // Г
        case 0x414: "D"  // Д
        case 0x415: "E"  // Е
        case 0x416: "Ž"  // Ж
        case 0x417: "Z"  // З
        case 0x418: "I"  // И
        case 0x419: "J"  // Й
        case 0x41A: "K"  // К
        case 0x41B: "L"  // Л
        case 0x41C: "M"  // М
        case 0x41D: "N"  // Н
        case 0x41E: "O"  // О
        case 0x41F: "P"  // П
        case 0x420: "R"  // Р
        case 0x421: "S"  // С
        case 0x422: "T"  // Т
        case 0x423: "U"  // У
        case 0x424: "F"  // Ф
        case 0x425: "H"  // Х
        case 0x426: "C"  // Ц
        case 0x427: "Č"  // Ч
        case 0x428: "Š"  // Ш
        case 0x429: "Ŝ"  // Щ
        case 0x42A: "ʺ\u{0331}"  // Ъ
        case 0x42B: "Y"  // Ы
        case 0x42C: "ʹ\u{0331}"  // Ь
        case 0x42D: "É"  // Э
        case 0x42E: "Û"  // Ю
        case 0x42F: "Â"  // Я
        case 0x430: "a"  // а
        case 0x431: "b"  // б
        case 0x432: "v"  // в
        case 0x433: "g"  // г
        case 0x434: "d"  // д
        case 0x435: "e"  // е
        case 0x436: "ž"  // ж
        case 0x437: "z"  // з
        case 0x438: "i"  // и
        case 0x439: "j"  // й
        case 0x43A: "k"  // к
        case 0x43B: "l"  // л
        case 0x43C: "m"  // м
        case 0x43D: "n"  // н
        case 0x43E: "o"  // о
        case 0x43F: "p"  // п
        case 0x440: "r"  // р
        case 0x441: "s"  // с
        case 0x442: "t"  // т
        case 0x443: "u"  // у
        case 0x444: "f"  // ф
        case 0x445: "h"  // х
        case 0x446: "c"  // ц
        case 0x447: "č"  // ч
        case 0x448: "š"  // ш
        case 0x449: "ŝ"  // щ
        case 0x44A: "ʺ"  // ъ
        case 0x44B: "y"  // ы
        case 0x44C: "ʹ"  // ь
        case 0x44D: "é"  // э
        case 0x44E: "û"  // ю
        case 0x44F: "â"  // я
        case 0x450: "è"  // ѐ
        case 0x451: "ë"  // ё
        case 0x452: "đ"  // ђ
        case 0x453: "ǵ"  // ѓ
        case 0x454: "ê"  // є
        case 0x455: "ẑ"  // ѕ
        case 0x456: "í"  // і
        case 0x457: "í\u{0308}"  // ї
        case 0x458: "ǰ"  // ј
        case 0x459: "l\u{0302}"  // љ
        case 0x45A: "n\u{0302}"  // њ
        case 0x45B: "ć"  // ћ
        case 0x45C: "ḱ"  // ќ
        case 0x45D: "ì"  // ѝ
        case 0x45E: "ŭ"  // ў
        case 0x45F: "d\u{0302}"  // џ
        case 0x490: "G\u{0300}"  // Ґ
        case 0x491: "g\u{0300}"  // ґ
        default: ""  // not reached: romanize(_:_:) admits only the letters above
        }
    }
}
