internal import CCanonymICU

/// The fold ladder's ICU results for single characters of the first 2,048 code points (Latin,
/// Greek, Cyrillic, Armenian, Hebrew, most of Arabic) and of Latin Extended Additional
/// (U+1E00-U+1EFF: Vietnamese, and the ḩ ṭ ṣ of Arabic and Persian romanizations), so that a
/// word made only of such characters gets its exact and folded keys, its lower case and its
/// script without an ICU call.
///
/// Folding a word one character at a time gives the same result as folding it whole only when no
/// character interacts with its neighbours under normalization and case mapping. A character is
/// therefore *simple* only if it is a normalization starter (combining class 0, NFC_Quick_Check
/// Yes), every character of its folded, lower-cased and ASCII-folded forms is one too, its lower
/// case does not depend on context (final sigma), and ICU's and Swift's lower case agree. A word
/// with any other character (a combining mark, İ, Σ, a CJK ideograph) takes the ICU path.
///
/// Each 64-character block is computed from ICU on first use, so the table costs nothing until
/// a word needs it. Filling blocks opens ICU's `Latin-ASCII` and the skeleton's base
/// transliterator (about 0.1 s of one-time set-up per thread), so a compiled lexicon carries the
/// whole table, computed when it was compiled (``encodedEntries()``): a ladder given it
/// (``init(sources:prebuilt:)``) reads its blocks from there and calls ICU for none of them.
/// Not thread-safe: each ``FoldLadder`` owns one.
struct ScalarFoldTable {
    /// Code points below this bound have entries, and those of ``extraBlock``.
    static let limit: UInt32 = 0x800
    /// The other code points with entries: Latin Extended Additional.
    static let extraBlock: ClosedRange<UInt32> = 0x1E00...0x1EFF
    /// Entries in all: one per code point of the two ranges, those below ``limit`` first.
    static let slotCount = Int(limit) + extraBlock.count
    private static let blockSize: UInt32 = 64

    /// The entry index of `value`, or nil when the table has none for it.
    @inline(__always)
    static func slot(of value: UInt32) -> Int? {
        if value < limit { return Int(value) }
        if extraBlock.contains(value) { return Int(limit) + Int(value - extraBlock.lowerBound) }
        return nil
    }

    /// The code point of entry index `slot`.
    static func value(ofSlot slot: Int) -> UInt32 {
        slot < Int(limit) ? UInt32(slot) : extraBlock.lowerBound + UInt32(slot - Int(limit))
    }

    /// The ICU operations an entry is made from (the ladder's own, so the two paths cannot drift).
    struct Sources {
        /// The folded key without pack rules (NFKC_Casefold, marks removed, apostrophes unified).
        var fold: (String) throws -> String
        /// ICU root lower case.
        var lowercase: (String) throws -> String
        /// A romanization's ASCII form (marks removed, Latin-ASCII).
        var asciiFold: (String) throws -> String
        /// Latin-ASCII, NFD, marks removed, NFC: what the skeleton's second pass does to a letter
        /// it has no rule of its own for.
        var skeletonBase: (String) throws -> String
    }

    /// One code point's record: its flags and script, and where its four forms lie in `pool`
    /// (folded, lower case, ASCII-folded and skeleton base, stored one after another from
    /// `start`). Plain values, so that reading one costs no reference counting.
    private struct Entry {
        var simple = false
        var letter = false
        var script: Int32 = 0
        var start: UInt32 = 0
        var lengths: (UInt16, UInt16, UInt16, UInt16) = (0, 0, 0, 0)

        /// Where form `k` (0 folded, 1 lower, 2 ASCII-folded, 3 skeleton base) lies in the pool.
        @inline(__always)
        func range(_ k: Int) -> Range<Int> {
            var at = Int(start)
            if k > 0 { at += Int(lengths.0) }
            if k > 1 { at += Int(lengths.1) }
            if k > 2 { at += Int(lengths.2) }
            let count = k == 0 ? lengths.0 : k == 1 ? lengths.1 : k == 2 ? lengths.2 : lengths.3
            return at..<at + Int(count)
        }
    }

    /// A code point's results as computed (from ICU, or read from a compiled lexicon), before
    /// they are stored as an ``Entry``.
    fileprivate struct Computed {
        var simple = false
        var letter = false
        var script: Int32 = 0
        /// Folded, lower case, ASCII-folded, skeleton base.
        var forms: [[UInt8]] = [[], [], [], []]
    }

    private var entries: [Entry]
    /// The UTF-8 bytes of every built entry's forms.
    private var pool: [UInt8] = []
    private var built: [Bool]
    private let sources: Sources
    private let prebuilt: Prebuilt?

    init(sources: Sources, prebuilt: Prebuilt? = nil) {
        self.sources = sources
        self.prebuilt = prebuilt
        entries = Array(repeating: Entry(), count: Self.slotCount)
        built = Array(repeating: false, count: Self.slotCount / Int(Self.blockSize))
    }

    /// Every entry, encoded for a compiled lexicon's `scalarFolds` section: `slotCount + 1`
    /// little-endian `UInt32` offsets into the records that follow them, then per entry (in
    /// ``slot(of:)`` order) a
    /// record of a flags byte (1 simple, 2 letter), the script code (`Int32`) and the folded,
    /// lower-case, ASCII-folded and skeleton-base forms, each as a length byte and UTF-8.
    /// - Complexity: O(slotCount) ICU calls, each block once.
    mutating func encodedEntries() -> [UInt8] {
        var records: [UInt8] = []
        var offsets: [UInt32] = []
        for slot in 0..<Self.slotCount {
            ensure(slot: slot)
            offsets.append(UInt32(records.count))
            let entry = entries[slot]
            let forms = (0..<4).map { Array(pool[entry.range($0)]) }
            // Forms of one character are a few bytes. A longer one (none in ICU 72) cannot be
            // stored: it is cut and the character written as not simple, so a word with it
            // still goes to ICU.
            let fits = forms.allSatisfy { $0.count <= 255 }
            records.append((entry.simple && fits ? 1 : 0) | (entry.letter ? 2 : 0))
            records.appendLE(UInt32(bitPattern: entry.script))
            for form in forms {
                records.append(UInt8(min(form.count, 255)))
                records.append(contentsOf: form.prefix(255))
            }
        }
        offsets.append(UInt32(records.count))
        var bytes: [UInt8] = []
        bytes.appendLE(offsets)
        bytes.append(contentsOf: records)
        return bytes
    }

    /// A compiled lexicon's copy of the table (see ``encodedEntries()``), read in place.
    struct Prebuilt: @unchecked Sendable {
        private let bytes: UnsafeRawBufferPointer
        /// Keeps the bytes alive (the compiled image they point into).
        private let owner: AnyObject

        /// Checks the section's layout; nil when it does not hold one record per entry within
        /// its bounds.
        init?(bytes: UnsafeRawBufferPointer, owner: AnyObject) {
            let count = ScalarFoldTable.slotCount + 1
            guard bytes.count >= count * 4 else { return nil }
            let recordsStart = count * 4
            var previous = 0
            for index in 0..<count {
                let offset = Int(bytes.loadUnaligned(fromByteOffset: index * 4, as: UInt32.self))
                guard offset >= previous, recordsStart + offset <= bytes.count else { return nil }
                previous = offset
            }
            guard recordsStart + previous == bytes.count else { return nil }
            self.bytes = bytes
            self.owner = owner
        }

        /// The record of entry `slot`, or nil when it is malformed.
        fileprivate func entry(slot: Int) -> Computed? {
            let recordsStart = (ScalarFoldTable.slotCount + 1) * 4
            var at = recordsStart + Int(bytes.loadUnaligned(fromByteOffset: slot * 4, as: UInt32.self))
            let end = recordsStart + Int(bytes.loadUnaligned(fromByteOffset: slot * 4 + 4, as: UInt32.self))
            guard end - at >= 5 else { return nil }
            var entry = Computed()
            let flags = bytes[at]
            entry.simple = flags & 1 != 0
            entry.letter = flags & 2 != 0
            entry.script = Int32(bitPattern: bytes.loadUnaligned(fromByteOffset: at + 1, as: UInt32.self).littleEndian)
            at += 5
            for k in 0..<4 {
                guard at < end else { return nil }
                let length = Int(bytes[at])
                guard at + 1 + length <= end else { return nil }
                entry.forms[k] = Array(bytes[(at + 1)..<(at + 1 + length)])
                at += 1 + length
            }
            guard at == end else { return nil }
            return entry
        }
    }

    /// Fills the block of entry `slot` on first use.
    @inline(__always)
    private mutating func ensure(slot: Int) {
        let block = slot / Int(Self.blockSize)
        if !built[block] { build(block: block) }
    }

    @inline(never)
    private mutating func build(block: Int) {
        built[block] = true
        let first = block * Int(Self.blockSize)
        for slot in first..<first + Int(Self.blockSize) {
            guard let scalar = Unicode.Scalar(Self.value(ofSlot: slot)) else { continue }
            let computed = prebuilt.flatMap { $0.entry(slot: slot) } ?? (try? Self.entry(for: scalar, sources: sources)) ?? Computed()
            store(computed, at: slot)
        }
    }

    /// Stores `computed` as entry `slot`, its forms appended to the pool.
    private mutating func store(_ computed: Computed, at slot: Int) {
        var entry = Entry(simple: computed.simple, letter: computed.letter, script: computed.script, start: UInt32(pool.count))
        let lengths = computed.forms.map { UInt16(truncatingIfNeeded: min($0.count, Int(UInt16.max))) }
        entry.lengths = (lengths[0], lengths[1], lengths[2], lengths[3])
        for (form, length) in zip(computed.forms, lengths) { pool.append(contentsOf: form.prefix(Int(length))) }
        // A form too long for its length field (none exists) is cut, so its character cannot be simple.
        if computed.forms.contains(where: { $0.count > Int(UInt16.max) }) { entry.simple = false }
        entries[slot] = entry
    }

    private static func entry(for scalar: Unicode.Scalar, sources: Sources) throws -> Computed {
        var entry = Computed()
        entry.letter = scalar.properties.isAlphabetic
        entry.script = Script(of: scalar).code
        let text = String(scalar)
        let folded = try sources.fold(text)
        let lower = try sources.lowercase(text)
        let asciiFolded = try sources.asciiFold(text)
        let skeletonBase = try sources.skeletonBase(text)
        func starters(_ string: String) -> Bool {
            string.unicodeScalars.allSatisfy { cnm_is_normalization_starter($0.value) != 0 }
        }
        entry.simple = cnm_is_normalization_starter(scalar.value) != 0
            && scalar.value != 0x03A3  // Σ lower-cases to σ or ς depending on what follows
            && lower == text.lowercased()
            && starters(folded) && starters(lower) && starters(asciiFolded) && starters(skeletonBase)
        entry.forms = [Array(folded.utf8), Array(lower.utf8), Array(asciiFolded.utf8), Array(skeletonBase.utf8)]
        return entry
    }

    /// What a word made only of simple characters folds to.
    struct WordForms {
        /// The folded key, before pack rules.
        var folded: String
        /// The word in lower case (ICU root casing, which Swift's agrees with here).
        var lower: String
        /// Letters in the word.
        var letters: Int
        /// The word's first non-neutral script (its only one, unless it mixes scripts), or
        /// `.none` when it has no letters of any script.
        var script: Script
    }

    /// The folded key, lower case, letter count and script of `word`, or nil when a character is
    /// not simple (then ICU must fold the whole word). A word of simple characters is already in
    /// NFC, so its exact key is the word itself. O(n) in the word's length.
    mutating func forms(of word: String) -> WordForms? {
        var folded: [UInt8] = [], lower: [UInt8] = []
        folded.reserveCapacity(word.utf8.count)
        lower.reserveCapacity(word.utf8.count)
        var letters = 0
        var script = Script.none
        for scalar in word.unicodeScalars {
            guard let entry = simpleEntry(scalar) else { return nil }
            append(entry.range(0), to: &folded)
            append(entry.range(1), to: &lower)
            if entry.letter { letters += 1 }
            if script == .none, entry.script > 1 { script = Script(code: entry.script) }
        }
        return WordForms(
            folded: String(decoding: folded, as: UTF8.self), lower: String(decoding: lower, as: UTF8.self),
            letters: letters, script: script)
    }

    /// The lower case of a romanization and its ASCII form with soft-sign marks removed (what
    /// ``FoldLadder`` computes with ICU as `lowercase(NFC(r))` and `asciiFold(removingApostrophes(…))`),
    /// or nil when a character is not simple.
    mutating func romanizationForms(of romanization: String, dropping isMark: (Unicode.Scalar) -> Bool) -> (lower: String, ascii: String)? {
        var text = romanization
        var lower: [UInt8] = [], ascii: [UInt8] = []
        lower.reserveCapacity(text.utf8.count)
        ascii.reserveCapacity(text.utf8.count)
        let simple = text.withUTF8 { romanizationForms(utf8: $0, dropping: isMark, lower: &lower, ascii: &ascii) }
        return simple ? (String(decoding: lower, as: UTF8.self), String(decoding: ascii, as: UTF8.self)) : nil
    }

    /// ``romanizationForms(of:dropping:)`` of well-formed UTF-8 text, its two forms appended to
    /// `lower` and `ascii` without making strings. False when a character is not simple (the
    /// arrays may then hold part of the forms).
    ///
    /// A combining diacritical mark (ICU's Cyrillic-Latin writes `Ґ` as `G̀`) is taken too, when
    /// NFC leaves it after the simple character before it (``isLoneMark(_:after:)``): the mark
    /// stays in the lower case and leaves the ASCII form, as the ICU path gives. So is a
    /// character outside the table that `isMark` drops (the apostrophe ’): a starter that is its
    /// own lower case; and so is Turkish `İ`, whose lower case is `i` with a combining dot.
    /// - Complexity: O(n) in the text's length.
    mutating func romanizationForms(
        utf8 text: UnsafeBufferPointer<UInt8>, dropping isMark: (Unicode.Scalar) -> Bool, lower: inout [UInt8], ascii: inout [UInt8]
    ) -> Bool {
        let lowerStart = lower.count
        var index = 0
        var base: UInt32? = nil
        while index < text.count {
            let (decoded, length) = Tokenizer.decode(text, at: index)
            guard let scalar = decoded else { return false }
            if Self.isLoneMark(scalar.value, after: base) {
                lower.append(contentsOf: UnsafeBufferPointer(rebasing: text[index..<index + length]))
                base = nil
                index += length
                continue
            }
            index += length
            base = scalar.value
            if scalar.value == 0x130 {
                // İ lower-cases to i and a combining dot above, which the ASCII form drops.
                lower.append(contentsOf: [0x69, 0xCC, 0x87])
                base = nil
                continue
            }
            guard let entry = simpleEntry(scalar) else {
                // A dropped mark the table has no entry for (’ U+2019, ′): its own lower case.
                guard Self.slot(of: scalar.value) == nil, isMark(scalar) else { return false }
                lower.append(contentsOf: UnsafeBufferPointer(rebasing: text[index - length..<index]))
                continue
            }
            append(entry.range(1), to: &lower)
        }
        // Lower-casing simple characters gives simple characters, whose entries are then read.
        return lower.withUnsafeBufferPointer { all in
            let lowered = UnsafeBufferPointer(rebasing: all[lowerStart...])
            var index = 0
            while index < lowered.count {
                let (decoded, length) = Tokenizer.decode(lowered, at: index)
                index += length
                guard let scalar = decoded else { return false }
                if isMark(scalar) || Self.isCombiningMark(scalar.value) { continue }
                guard let entry = simpleEntry(scalar) else { return false }
                append(entry.range(2), to: &ascii)
            }
            return true
        }
    }

    /// Whether `value` is in the Combining Diacritical Marks block (U+0300-U+036F, all but
    /// U+034F nonspacing marks that combine with the character before).
    @inline(__always)
    static func isCombiningMark(_ value: UInt32) -> Bool { value >= 0x300 && value <= 0x36F && value != 0x34F }

    /// Whether `value` is a combining mark that directly follows `base` (a simple character; nil
    /// when the character before is none, or itself a mark) and that NFC leaves where it is (it
    /// composes with nothing and moves before no mark of the base's decomposition): such a mark
    /// may be read one character at a time. (The character after it is a simple one, which
    /// never composes with what precedes it.)
    static func isLoneMark(_ value: UInt32, after base: UInt32?) -> Bool {
        guard isCombiningMark(value), let base else { return false }
        return cnm_pair_is_nfc(base, value) != 0
    }

    /// Whether `scalar` is simple and of Latin or neutral script: whether the skeleton's pass-2
    /// fallback (see ``NativeSkeleton``) covers it.
    mutating func hasSkeletonBase(_ scalar: Unicode.Scalar) -> Bool { skeletonBaseEntry(scalar) != nil }

    /// Appends the skeleton's pass-2 fallback for one lower-case character to `bytes`, each
    /// character of it outside ASCII (`ə` stays `ə`) as the byte `placeholder`; false (and
    /// nothing appended) when the character is not covered.
    mutating func appendASCIISkeletonBase(of scalar: Unicode.Scalar, to bytes: inout [UInt8], placeholder: UInt8) -> Bool {
        guard let entry = skeletonBaseEntry(scalar) else { return false }
        for k in entry.range(3) {
            let byte = pool[k]
            if byte < 0x80 {
                bytes.append(byte)
            } else if byte >= 0xC0 {
                bytes.append(placeholder)  // a lead byte: one per character
            }
        }
        return true
    }

    private mutating func skeletonBaseEntry(_ scalar: Unicode.Scalar) -> Entry? {
        guard let entry = simpleEntry(scalar), entry.script <= 1 || entry.script == Script.latin.code else { return nil }
        return entry
    }

    /// Appends the pool's bytes in `range` (a form of one character: a few bytes).
    @inline(__always)
    private func append(_ range: Range<Int>, to bytes: inout [UInt8]) {
        for k in range { bytes.append(pool[k]) }
    }

    /// The entry of `scalar` when it has one and it is simple.
    @inline(__always)
    private mutating func simpleEntry(_ scalar: Unicode.Scalar) -> Entry? {
        guard let slot = Self.slot(of: scalar.value) else { return nil }
        ensure(slot: slot)
        let entry = entries[slot]
        return entry.simple ? entry : nil
    }
}
