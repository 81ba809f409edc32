/// The keys of one word (or one query token) at every fold level.
public struct TokenKeys: Sendable, Hashable {
    /// NFC form.
    public var exact: String
    /// NFKC_Casefold, diacritics removed, apostrophes unified, pack rules applied.
    public var folded: String
    /// One ASCII key per romanization scheme that applies (deduplicated, first scheme first).
    public var romanized: [String]
    /// The skeleton of each romanization (deduplicated).
    public var skeleton: [String]
    /// For `romanized[i]`: the ids of the schemes that produced it.
    public var romanizedSchemes: [[String]]
    /// For `skeleton[i]`: the ids of the schemes whose output produced it.
    public var skeletonSchemes: [[String]]
    /// Letters in the word (for the short-string rule).
    public var letterCount: Int
    /// The word's script (ISO 15924), or `Zyyy` when it has no letters.
    public var script: String
}

/// Computes fold keys: the expensive, ICU-backed part of matching.
///
/// A ladder owns compiled ICU transliterators and a per-character fold table and is therefore
/// not thread-safe; a ``Lexicon`` keeps a pool of ladders and hands one to each concurrent
/// caller. Where ICU's answer can be had without it, it is: words of simple characters fold
/// through ``ScalarFoldTable``, Latin skeletons come from ``NativeSkeleton``, and Cyrillic words
/// are romanized under the bundled text schemes by ``NativeRomanizer``, all checked against ICU
/// by tests. What remains for ICU is the other schemes (those of pack names, and of other
/// scripts) and characters outside those tables. Keys cost O(n·s) in word length n and scheme
/// count s, which is why the matcher caches them per distinct token and calls the ladder only
/// on a miss.
final class FoldLadder {
    let rules: FoldRules
    /// Indexes into `rules.schemes`, per script.
    private let schemesByScript: [String: [Int]]
    /// Per script code met so far: its ISO 15924 name and its schemes (``schemesByScript``'s
    /// entry), so that a new word's script costs neither a name nor a string-keyed lookup.
    private var scriptMemo: [Int32: (name: String, schemes: [Int]?)] = [:]
    /// Per scheme: whether it applies to words of the input, whether it makes skeleton keys, and
    /// the Cyrillic readings it serves (all of them for `any`). Plain values, read per word.
    let schemeAppliesToText: [Bool], schemeMakesSkeleton: [Bool]
    let schemeReadings: [CyrillicReading.Readings]
    /// The romanizations a word's schemes gave so far (its distinct lower-case forms, with their
    /// ASCII and skeleton keys), kept between words; see ``keys(of:lang:forText:strictOnly:withSchemes:)``.
    private var seenRomanizations: [(lower: String, ascii: String, skeleton: String?)] = []
    /// Transliterators compile on first use (tens of milliseconds in all), so a lexicon loads
    /// without ICU work and a run over Latin text never compiles the Cyrillic tables.
    private var schemeTransliterators: [Transliterator?]
    private var latinASCIIStore: Transliterator?
    private var skeletonStore: Transliterator?
    private var skeletonBaseStore: Transliterator?
    private var packRuleStore: [Transliterator]?
    /// Each pack rule file as a ``NativeRuleTransform``, where it is written in that subset.
    private var packRuleNatives: [NativeRuleTransform?] = []
    /// Per-character fold results: words of simple characters are folded without ICU.
    var scalarTable: ScalarFoldTable!
    /// Whether the ICU-free paths (``ScalarFoldTable``, ``NativeSkeleton``) are used; tests turn
    /// them off to compare against ICU alone.
    let quickPaths: Bool
    /// Whether the skeleton rules are the bundled ones, which ``NativeSkeleton`` computes
    /// without ICU for Latin input.
    let nativeSkeleton: Bool
    /// Per scheme, its ICU-free version (``NativeRomanizer``), if it has one.
    let nativeSchemes: [NativeRomanizer.Scheme?]
    /// Per scheme with a rule file and no ``NativeRomanizer`` version, its rules as a
    /// ``NativeRuleTransform`` (made on first use; `.some(nil)` when the file needs ICU).
    private var ruleTransforms: [NativeRuleTransform??]
    /// A word's code points, kept between words (see ``keys(of:lang:forText:strictOnly:withSchemes:)``).
    private var wordScalars: [UInt32] = []
    /// The buffers ``NativeSkeleton``'s passes write through, kept between words.
    private var skeletonScratch = NativeSkeleton.Scratch()

    /// A ladder for `rules`. `scalarFolds`, a compiled lexicon's copy of the per-character fold
    /// table (see ``ScalarFoldTable/encodedEntries()``), saves filling it from ICU.
    init(rules: FoldRules, quickPaths: Bool = true, scalarFolds: ScalarFoldTable.Prebuilt? = nil) throws {
        self.rules = rules
        self.quickPaths = quickPaths
        var byScript: [String: [Int]] = [:]
        for (index, scheme) in rules.schemes.enumerated() { byScript[scheme.script, default: []].append(index) }
        schemesByScript = byScript
        schemeAppliesToText = rules.schemes.map(\.appliesToText)
        schemeMakesSkeleton = rules.schemes.map(\.makesSkeleton)
        schemeReadings = rules.schemes.map { CyrillicReading.Readings(reading: $0.reading) }
        schemeTransliterators = Array(repeating: nil, count: rules.schemes.count)
        nativeSkeleton = quickPaths && NativeSkeleton.implements(rules.skeletonRules)
        let native = rules.schemes.map { quickPaths ? NativeRomanizer.native(for: $0) : nil }
        nativeSchemes = native
        ruleTransforms = rules.schemes.indices.map { index in
            quickPaths && native[index] == nil && rules.schemes[index].rules != nil ? nil : .some(nil)
        }
        scalarTable = ScalarFoldTable(
            sources: ScalarFoldTable.Sources(
                fold: { [unowned self] in try self.icuFold($0) },
                lowercase: { try UnicodeNormalizer.lowercase(UnicodeNormalizer.normalize($0, .nfc)) },
                asciiFold: { [unowned self] in try self.asciiFold(Self.removingApostrophes($0)) },
                skeletonBase: { [unowned self] in try self.skeletonBase().transliterate($0) }),
            prebuilt: scalarFolds)
    }

    /// The whole per-character fold table, encoded for a compiled lexicon (every block is
    /// filled from ICU, unless this ladder was given a prebuilt table).
    func encodedScalarFolds() -> [UInt8] { scalarTable.encodedEntries() }

    /// Compiles every transliterator now, so that broken rules fail here rather than on first use.
    func compileAll() throws {
        for index in rules.schemes.indices { _ = try schemeTransliterator(index) }
        _ = try latinASCII()
        _ = try skeleton()
        _ = try packRules()
    }

    private func schemeTransliterator(_ index: Int) throws -> Transliterator {
        if let compiled = schemeTransliterators[index] { return compiled }
        let scheme = rules.schemes[index]
        let transliterator: Transliterator
        if let systemID = scheme.systemID {
            transliterator = try Transliterator(id: systemID)
        } else {
            transliterator = try Transliterator(id: "Canonym-" + scheme.id, rules: scheme.rules ?? "")
        }
        schemeTransliterators[index] = transliterator
        return transliterator
    }

    /// `word` romanized under scheme `index`: natively when the scheme has a native version
    /// (``NativeRomanizer``, or its rule file read by ``NativeRuleTransform``) that covers the
    /// word, else by ICU (compiled on first use).
    /// `scalars`, the word's code points, are decoded once by the caller for all its schemes.
    private func romanize(_ word: String, scalars: [UInt32], scheme index: Int) throws -> String {
        if let native = nativeSchemes[index], let text = NativeRomanizer.romanize(scalars: scalars, native) {
            return text
        }
        if let transform = ruleTransform(index), let text = transform.apply(word) { return text }
        return try schemeTransliterator(index).transliterate(word)
    }

    private func ruleTransform(_ index: Int) -> NativeRuleTransform? {
        if let made = ruleTransforms[index] { return made }
        let made = rules.schemes[index].rules.flatMap { NativeRuleTransform(rules: $0) }
        ruleTransforms[index] = .some(made)
        return made
    }

    private func latinASCII() throws -> Transliterator {
        if let compiled = latinASCIIStore { return compiled }
        let made = try Transliterator(id: "Latin-ASCII")
        latinASCIIStore = made
        return made
    }

    private func skeletonBase() throws -> Transliterator {
        if let compiled = skeletonBaseStore { return compiled }
        let made = try Transliterator(id: "Latin-ASCII; NFD; [:M:] Remove; NFC")
        skeletonBaseStore = made
        return made
    }

    /// The skeleton key of a lower-cased romanization: computed natively for the bundled rules
    /// and Latin input, by ICU otherwise.
    private func skeletonKey(of lower: String) throws -> String {
        if nativeSkeleton, let key = NativeSkeleton.skeleton(of: lower, table: &scalarTable, scratch: &skeletonScratch) { return key }
        return try skeleton().transliterate(lower)
    }

    private func skeleton() throws -> Transliterator {
        if let compiled = skeletonStore { return compiled }
        let made = try Transliterator(id: "Canonym-Skeleton", rules: rules.skeletonRules)
        skeletonStore = made
        return made
    }

    private func packRules() throws -> [Transliterator] {
        if let compiled = packRuleStore { return compiled }
        let made = try rules.packRules.map { rule in
            do {
                return try Transliterator(id: "Canonym-Pack-\(rule.id.hashValue & 0xffff)", rules: rule.text)
            } catch let error as ICUError {
                throw CanonymError.badPackRules(file: rule.id, error: error)
            }
        }
        packRuleStore = made
        packRuleNatives = rules.packRules.map { quickPaths ? NativeRuleTransform(rules: $0.text) : nil }
        return made
    }

    /// The keys of one word. `lang` (a name's BCP 47 tag) narrows the Cyrillic readings.
    /// `forText` keeps to the schemes marked `text` in schemes.tsv: a word of the input needs
    /// only the core schemes, since the names carry every convention's spelling.
    /// `strictOnly` computes the exact and folded keys alone (the matcher skips the loose levels
    /// for common words and given names in running text, so their ICU work is saved).
    /// `withSchemes` false leaves ``TokenKeys/romanizedSchemes`` and ``TokenKeys/skeletonSchemes``
    /// empty: the matcher needs only the keys, and a new word then allocates no list per key.
    func keys(of word: String, lang: String? = nil, forText: Bool = false, strictOnly: Bool = false, withSchemes: Bool = true) throws -> TokenKeys {
        try keys(of: strictForms(of: word), lang: lang, forText: forText, strictOnly: strictOnly, withSchemes: withSchemes)
    }

    /// A word's strict keys and what its loose keys are made from: the first half of
    /// ``keys(of:lang:forText:strictOnly:withSchemes:)``, which the matcher calls on its own to
    /// read the word's lower case before it decides how many keys the word needs.
    struct StrictForms {
        /// The word as given.
        var word: String
        /// Its NFC form (the `exact` key).
        var exact: String
        /// The `folded` key, pack rules applied.
        var folded: String
        /// The word in lower case, as `String.lowercased()` gives it.
        var lower: String
        /// Its first non-neutral script, or `.none` when it has no letters.
        var script: Script
        /// Letters in the word.
        var letters: Int
        /// Whether the word is all ASCII (its loose keys then need no romanization).
        var isASCII: Bool
    }

    /// The strict forms of `word`: for ASCII without Unicode tables, for a word of simple
    /// characters from ``ScalarFoldTable`` in one pass, otherwise through ICU. O(n).
    func strictForms(of word: String) throws -> StrictForms {
        if Self.isASCII(word) {
            let letters = word.utf8.reduce(0) { $0 + (($1 | 0x20) >= 0x61 && ($1 | 0x20) <= 0x7A ? 1 : 0) }
            return StrictForms(
                word: word, exact: word, folded: try fold(word), lower: Self.asciiLowercased(word),
                script: letters > 0 ? .latin : .none, letters: letters, isASCII: true)
        }
        if quickPaths, let forms = scalarTable.forms(of: word) {
            // Simple characters: the word is its own NFC, and folds one character at a time.
            return StrictForms(
                word: word, exact: word, folded: try applyPackRules(forms.folded), lower: forms.lower,
                script: forms.script, letters: forms.letters, isASCII: false)
        }
        let exact = try UnicodeNormalizer.normalize(word, .nfc)
        return StrictForms(
            word: word, exact: exact, folded: try fold(exact), lower: word.lowercased(),
            script: Script.dominant(in: exact) ?? Script.all(in: exact).first ?? .none,
            letters: exact.unicodeScalars.reduce(0) { $0 + ($1.properties.isAlphabetic ? 1 : 0) }, isASCII: false)
    }

    /// ``keys(of:lang:forText:strictOnly:withSchemes:)`` of a word whose ``strictForms(of:)``
    /// are `forms`.
    func keys(of forms: StrictForms, lang: String? = nil, forText: Bool = false, strictOnly: Bool = false, withSchemes: Bool = true) throws -> TokenKeys {
        if forms.isASCII { return try asciiKeys(of: forms, strictOnly: strictOnly, withSchemes: withSchemes) }
        let exact = forms.exact, folded = forms.folded, script = forms.script, letters = forms.letters
        if strictOnly {
            return TokenKeys(
                exact: exact, folded: folded, romanized: [], skeleton: [], romanizedSchemes: [], skeletonSchemes: [],
                letterCount: letters, script: scriptEntry(script).name)
        }
        let (scriptName, scriptSchemes) = scriptEntry(script)
        var romanized: [String] = []
        var romanizedSchemes: [[String]] = []
        var skeletons: [String] = []
        var skeletonSchemes: [[String]] = []
        romanized.reserveCapacity(scriptSchemes?.count ?? 1)
        skeletons.reserveCapacity(scriptSchemes?.count ?? 1)
        // Schemes often agree: each distinct lower-cased romanization is folded once. A few
        // entries at most, compared by bytes (the strings are NFC, so bytes decide equality).
        var seen = seenRomanizations
        seenRomanizations = []
        seen.removeAll(keepingCapacity: true)
        defer {
            seen.removeAll(keepingCapacity: true)
            seenRomanizations = seen
        }
        func known(_ lower: String) -> Int? { seen.firstIndex { Self.sameBytes($0.lower, lower) } }
        func add(romanization: String, scheme: String, skeletonToo: Bool = true) throws {
            let isASCII = Self.isASCII(romanization)
            // A scheme that left letters of another script (Tatar Ә, җ under a Russian table)
            // gives no key: stripping them would leave a fragment ("here" from Әгерҗе).
            if !isASCII, Script.hasNonLatinLetter(in: romanization) { return }
            // NFC and ICU's lower-casing of ASCII are ASCII lower-casing; simple characters are
            // lower-cased and ASCII-folded one at a time.
            var lower: String, quickASCII: String? = nil
            if isASCII {
                lower = Self.asciiLowercased(romanization)
            } else if quickPaths, let forms = scalarTable.romanizationForms(of: romanization, dropping: Self.isSoftSignMark) {
                (lower, quickASCII) = forms
            } else {
                lower = try UnicodeNormalizer.lowercase(UnicodeNormalizer.normalize(romanization, .nfc))
            }
            let knownIndex = known(lower)
            let ascii = try knownIndex.map { seen[$0].ascii } ?? applyPackRules(quickASCII ?? asciiFold(Self.removingApostrophes(lower)))
            if !ascii.isEmpty {
                if let index = romanized.firstIndex(where: { Self.sameBytes($0, ascii) }) {
                    if withSchemes { romanizedSchemes[index].append(scheme) }
                } else {
                    romanized.append(ascii)
                    if withSchemes { romanizedSchemes.append([scheme]) }
                }
            }
            guard skeletonToo else {
                if knownIndex == nil { seen.append((lower, ascii, nil)) }
                return
            }
            let skeletonKey = try knownIndex.flatMap { seen[$0].skeleton } ?? self.skeletonKey(of: lower)
            if let knownIndex { seen[knownIndex].skeleton = skeletonKey } else { seen.append((lower, ascii, skeletonKey)) }
            guard !skeletonKey.isEmpty else { return }
            if let index = skeletons.firstIndex(where: { Self.sameBytes($0, skeletonKey) }) {
                if withSchemes { skeletonSchemes[index].append(scheme) }
            } else {
                skeletons.append(skeletonKey)
                if withSchemes { skeletonSchemes.append([scheme]) }
            }
        }
        if script == .latin {
            try add(romanization: exact, scheme: "latin")
        } else if let schemes = scriptSchemes {
            let readings = script == .cyrillic ? CyrillicReading.readingSet(of: exact, lang: lang) : []
            // The word's code points, decoded once for all its schemes into a kept buffer.
            var scalars = wordScalars
            wordScalars = []
            scalars.removeAll(keepingCapacity: true)
            for scalar in exact.unicodeScalars { scalars.append(scalar.value) }
            defer { wordScalars = scalars }
            for index in schemes {
                guard (!forText || schemeAppliesToText[index])
                    && (script != .cyrillic || !schemeReadings[index].isDisjoint(with: readings))
                else { continue }
                try add(
                    romanization: romanize(exact, scalars: scalars, scheme: index),
                    scheme: withSchemes ? rules.schemes[index].id : "", skeletonToo: schemeMakesSkeleton[index])
            }
        }
        return TokenKeys(
            exact: exact, folded: folded, romanized: romanized, skeleton: skeletons,
            romanizedSchemes: romanizedSchemes, skeletonSchemes: skeletonSchemes, letterCount: letters,
            script: scriptName)
    }

    /// The ISO 15924 name of `script` and the indexes of its schemes (nil when it has none),
    /// remembered per script code.
    func scriptEntry(_ script: Script) -> (name: String, schemes: [Int]?) {
        if let entry = scriptMemo[script.code] { return entry }
        let name = script.description
        let entry = (name: name, schemes: schemesByScript[name])
        scriptMemo[script.code] = entry
        return entry
    }

    /// Whether two strings have the same UTF-8 bytes (for NFC strings, whether they are equal),
    /// compared without `String`'s Unicode-aware equality.
    @inline(__always)
    static func sameBytes(_ a: String, _ b: String) -> Bool {
        let a = a.utf8, b = b.utf8
        guard a.count == b.count else { return false }
        let compared: Bool?? = a.withContiguousStorageIfAvailable { a in
            b.withContiguousStorageIfAvailable { b in
                for i in 0..<a.count where a[i] != b[i] { return false }
                return true
            }
        }
        if let compared, let compared { return compared }
        return a.elementsEqual(b)
    }

    /// Whether `text` is all ASCII, read from its UTF-8 storage (`utf8.allSatisfy` iterates
    /// through the view's index machinery, a few times slower). O(n).
    @inline(__always)
    static func isASCII(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { bytes in
            for byte in bytes where byte >= 0x80 { return false }
            return true
        } ?? text.utf8.allSatisfy { $0 < 0x80 }
    }

    /// ``keys(of:lang:forText:strictOnly:)`` for an ASCII word, with the same results: NFC and
    /// case folding of ASCII are identities and lower-casing, so only the skeleton needs ICU.
    private func asciiKeys(of forms: StrictForms, strictOnly: Bool, withSchemes: Bool) throws -> TokenKeys {
        let word = forms.word, folded = forms.folded, letters = forms.letters
        let script = scriptEntry(forms.script).name
        guard !strictOnly, letters > 0 else {
            return TokenKeys(
                exact: word, folded: folded, romanized: [], skeleton: [], romanizedSchemes: [], skeletonSchemes: [],
                letterCount: letters, script: script)
        }
        let lower = forms.lower
        let ascii = try applyPackRules(Self.removingApostrophes(lower))
        let skeletonKey = try self.skeletonKey(of: lower)
        return TokenKeys(
            exact: word, folded: folded, romanized: ascii.isEmpty ? [] : [ascii], skeleton: skeletonKey.isEmpty ? [] : [skeletonKey],
            romanizedSchemes: ascii.isEmpty || !withSchemes ? [] : [["latin"]],
            skeletonSchemes: skeletonKey.isEmpty || !withSchemes ? [] : [["latin"]],
            letterCount: letters, script: script)
    }

    /// Every scheme's romanization of `word` as written (before ASCII folding), for `variants`.
    func romanizations(of word: String, lang: String? = nil) throws -> [(scheme: RomanizationScheme, text: String, skeleton: String)] {
        let exact = try UnicodeNormalizer.normalize(word, .nfc)
        guard let script = Script.dominant(in: exact), let schemes = schemesByScript[script.description] else {
            return []
        }
        let readings = script == .cyrillic ? CyrillicReading.readings(of: exact, lang: lang) : []
        let scalars = exact.unicodeScalars.map(\.value)
        return try schemes.compactMap { index in
            let scheme = rules.schemes[index]
            guard script != .cyrillic || scheme.reading == "any" || readings.contains(scheme.reading) else {
                return nil
            }
            let text = try romanize(exact, scalars: scalars, scheme: index)
            let skeletonKey = scheme.makesSkeleton ? try self.skeletonKey(of: UnicodeNormalizer.lowercase(text)) : ""
            return (scheme, text, skeletonKey)
        }
    }

    /// The `folded` key: NFKC_Casefold, marks removed, apostrophes unified, pack rules applied.
    func fold(_ text: String) throws -> String {
        if quickPaths, !Self.isASCII(text), let forms = scalarTable.forms(of: text) {
            return try applyPackRules(forms.folded)
        }
        return try applyPackRules(icuFold(text))
    }

    /// ``fold(_:)`` without pack rules, through ICU.
    private func icuFold(_ text: String) throws -> String {
        if Self.isASCII(text) {
            // NFKC_Casefold of ASCII is its lower case.
            let lower = Self.asciiLowercased(text)
            return lower.utf8.contains(UInt8(ascii: "`")) ? String(lower.map { $0 == "`" ? "'" : $0 }) : lower
        }
        var folded = try UnicodeNormalizer.normalize(text, .nfkcCasefold)
        if folded.utf8.contains(where: { $0 >= 0x80 }) {
            let decomposed = try UnicodeNormalizer.normalize(folded, .nfd)
            var scalars = String.UnicodeScalarView()
            for scalar in decomposed.unicodeScalars {
                switch scalar.properties.generalCategory {
                case .nonspacingMark, .enclosingMark: continue
                default: scalars.append(Self.apostropheFamily.contains(scalar) ? "'" : scalar)
                }
            }
            folded = try UnicodeNormalizer.normalize(String(scalars), .nfc)
        } else if folded.utf8.contains(UInt8(ascii: "`")) {
            folded = String(folded.map { $0 == "`" ? "'" : $0 })
        }
        return folded
    }

    /// ASCII form of a romanization: marks stripped (ICU's Cyrillic-Latin writes some with
    /// combining marks), then Latin-ASCII, then any quote it produced for a double prime removed.
    private func asciiFold(_ text: String) throws -> String {
        if Self.isASCII(text) { return text }
        let decomposed = try UnicodeNormalizer.normalize(text, .nfd)
        var scalars = String.UnicodeScalarView()
        for scalar in decomposed.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .enclosingMark: continue
            default: scalars.append(scalar)
            }
        }
        let ascii = try latinASCII().transliterate(String(scalars))
        return ascii.contains("\"") ? String(ascii.filter { $0 != "\"" }) : ascii
    }

    private func applyPackRules(_ text: String) throws -> String {
        if rules.packRules.isEmpty { return text }
        var result = text
        for (index, rule) in try packRules().enumerated() {
            // ICU runs rule files one thread at a time process-wide; the native reading does not.
            if let native = packRuleNatives[index], let output = native.apply(result) {
                result = output
            } else {
                result = try rule.transliterate(result)
            }
        }
        return result
    }

    /// The lower case of an ASCII string (the same as `lowercased()`, without its Unicode
    /// machinery): the string itself when it has no capital, else one new string.
    /// - Complexity: O(n).
    static func asciiLowercased(_ text: String) -> String {
        var text = text
        let lowered: String? = text.withUTF8 { bytes in
            guard bytes.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else { return nil }
            return String(unsafeUninitializedCapacity: bytes.count) { out in
                for (i, byte) in bytes.enumerated() { out[i] = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }
                return bytes.count
            }
        }
        return lowered ?? text
    }

    /// Apostrophe-like characters that Canonym unifies: ' ’ ‘ ʼ ʹ ` ´ ′ ＇ ʻ.
    static let apostropheFamily: Set<Unicode.Scalar> = [
        "'", "\u{2019}", "\u{2018}", "\u{02BC}", "\u{02B9}", "`", "\u{00B4}", "\u{2032}", "\u{FF07}",
        "\u{02BB}",
    ]

    /// Soft-sign marks dropped from romanized keys: the apostrophe family, double primes, the
    /// ASCII double quote and BGN's middle dot (`Z·horany`, marking з+г).
    static let softSignMarks: Set<Unicode.Scalar> = apostropheFamily.union(["\u{02BA}", "\u{2033}", "\"", "\u{00B7}"])

    /// Whether `scalar` is one of ``softSignMarks`` (a switch: no hashing on the hot path).
    @inline(__always)
    static func isSoftSignMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x27, 0x2019, 0x2018, 0x02BC, 0x02B9, 0x60, 0xB4, 0x2032, 0xFF07, 0x02BB, 0x02BA, 0x2033, 0x22, 0xB7: true
        default: false
        }
    }

    static func removingApostrophes(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isSoftSignMark) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where !isSoftSignMark(scalar) { scalars.append(scalar) }
        return String(scalars)
    }
}
