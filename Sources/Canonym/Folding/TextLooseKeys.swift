/// A word's loose keys (romanized and skeleton) as UTF-8 bytes in buffers kept between words:
/// what ``FoldLadder/textLooseKeys(of:into:)`` computes for a new word of running text.
///
/// The keys are those of ``FoldLadder/keys(of:lang:forText:strictOnly:withSchemes:)`` with
/// `forText` and without schemes, in the same order, but no string is made per key, per
/// romanization or per intermediate form: a new word's keys cost no allocation once the
/// buffers have grown.
struct LooseKeyBytes {
    /// Every key's bytes, one after another.
    private(set) var arena: [UInt8] = []
    /// The romanized keys' ranges in ``arena``: distinct, first-seen first.
    private(set) var romanized: [Range<Int>] = []
    /// The skeleton keys' ranges in ``arena``: distinct, first-seen first.
    private(set) var skeleton: [Range<Int>] = []

    /// The word's distinct lower-case romanizations so far (their bytes in ``seenBytes``), and
    /// whether each one's skeleton key is computed and listed: schemes often agree, and each
    /// distinct form's skeleton is computed once.
    fileprivate var seen: [(lower: Range<Int>, hasSkeleton: Bool)] = []
    fileprivate var seenBytes: [UInt8] = []
    /// Working buffers: a romanization, its lower case and ASCII forms, a skeleton, the word's
    /// code points, and the skeleton's passes.
    fileprivate var romanization: [UInt8] = []
    fileprivate var lower: [UInt8] = []
    fileprivate var ascii: [UInt8] = []
    fileprivate var key: [UInt8] = []
    fileprivate var scalars: [UInt32] = []
    fileprivate var passes = NativeSkeleton.Scratch()

    /// Forgets the keys, keeping the buffers' memory.
    mutating func removeAll() {
        arena.removeAll(keepingCapacity: true)
        romanized.removeAll(keepingCapacity: true)
        skeleton.removeAll(keepingCapacity: true)
        seen.removeAll(keepingCapacity: true)
        seenBytes.removeAll(keepingCapacity: true)
    }

    /// Sets the keys to those of `keys` (for a word that only the path through strings covers).
    mutating func set(_ keys: TokenKeys) {
        removeAll()
        for text in keys.romanized { romanized.append(store(text)) }
        for text in keys.skeleton { skeleton.append(store(text)) }
    }

    /// Calls `body` with the bytes of the key at `range` (one of ``romanized`` or ``skeleton``).
    @inline(__always)
    func withKey<T>(_ range: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        arena.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[range])) }
    }

    /// Appends `text`'s bytes to the arena; returns their range.
    private mutating func store(_ text: String) -> Range<Int> {
        let start = arena.count
        arena.append(contentsOf: text.utf8)
        return start..<arena.count
    }

    /// Appends `bytes` to the arena as a romanized key (a skeleton key when `isSkeleton`) unless
    /// that list has a key with the same bytes already.
    fileprivate mutating func addKey(_ bytes: [UInt8], isSkeleton: Bool) {
        let isKnown = arena.withUnsafeBufferPointer { arena in
            (isSkeleton ? skeleton : romanized).contains { range in range.count == bytes.count && arena[range].elementsEqual(bytes) }
        }
        guard !isKnown else { return }
        let start = arena.count
        arena.append(contentsOf: bytes)
        if isSkeleton { skeleton.append(start..<arena.count) } else { romanized.append(start..<arena.count) }
    }

    /// The index in ``seen`` of the lower-case form `lower`, or nil.
    fileprivate func seenIndex(of lower: [UInt8]) -> Int? {
        seen.firstIndex { entry in entry.lower.count == lower.count && seenBytes[entry.lower].elementsEqual(lower) }
    }

    /// Remembers lower-case form `lower`, and whether its skeleton key is computed.
    fileprivate mutating func remember(_ lower: [UInt8], hasSkeleton: Bool) {
        let start = seenBytes.count
        seenBytes.append(contentsOf: lower)
        seen.append((start..<seenBytes.count, hasSkeleton))
    }
}

extension FoldLadder {
    /// The loose keys of a word of running text whose strict forms are `forms`, into `keys`: on
    /// bytes where ``textLooseKeys(of:into:)`` covers the word, else through
    /// ``keys(of:lang:forText:strictOnly:withSchemes:)``. False when that fails (an ICU error):
    /// the word then gets no keys at all. The matcher computes a new word's keys with it, and
    /// the compiler the keys of every word of the lexicon's names (see ``TextLooseKeyTable``).
    /// - Complexity: O(n·s) in the word's length n and its text schemes s.
    func looseKeysOfTextWord(_ forms: StrictForms, into keys: inout LooseKeyBytes) -> Bool {
        if textLooseKeys(of: forms, into: &keys) { return true }
        guard let strings = try? self.keys(of: forms, forText: true, withSchemes: false) else { return false }
        keys.set(strings)
        return true
    }

    /// The romanized and skeleton keys of a word of running text whose strict forms are `forms`,
    /// into `keys`: ``keys(of:lang:forText:strictOnly:withSchemes:)``'s `romanized` and
    /// `skeleton` with `forText` and without schemes, computed on bytes.
    ///
    /// False (and `keys` to be ignored) when the word needs what only the path through strings
    /// has: ICU (a character outside ``ScalarFoldTable``'s simple ones or outside a native
    /// romanizer's alphabet, a script without one), pack fold rules, or skeleton rules other
    /// than the bundled ones. The matcher then asks ``keys(of:lang:forText:strictOnly:withSchemes:)``.
    /// - Complexity: O(n·s) in the word's length n and its text schemes s; no allocation once
    ///   `keys`' buffers have grown.
    func textLooseKeys(of forms: StrictForms, into keys: inout LooseKeyBytes) -> Bool {
        keys.removeAll()
        guard quickPaths, nativeSkeleton, rules.packRules.isEmpty else { return false }
        var romanization: [UInt8] = []
        swap(&romanization, &keys.romanization)
        defer { swap(&romanization, &keys.romanization) }
        romanization.removeAll(keepingCapacity: true)
        if forms.isASCII || forms.script == .latin {
            // A Latin word is its own romanization.
            if forms.isASCII, forms.letters == 0 { return true }
            romanization.append(contentsOf: forms.exact.utf8)
            return addTextRomanization(romanization, skeletonToo: true, to: &keys)
        }
        let script = forms.script
        guard let schemes = scriptEntry(script).schemes else { return true }
        let readings = script == .cyrillic ? CyrillicReading.readingSet(of: forms.exact) : []
        keys.scalars.removeAll(keepingCapacity: true)
        for scalar in forms.exact.unicodeScalars { keys.scalars.append(scalar.value) }
        for index in schemes {
            guard schemeAppliesToText[index], script != .cyrillic || !schemeReadings[index].isDisjoint(with: readings) else { continue }
            guard let native = nativeSchemes[index] else { return false }
            romanization.removeAll(keepingCapacity: true)
            switch NativeRomanizer.romanize(scalars: keys.scalars, native, appendingTo: &romanization) {
            case .romanized:
                guard addTextRomanization(romanization, skeletonToo: schemeMakesSkeleton[index], to: &keys) else { return false }
            case .leavesCyrillic:
                continue  // a romanization with a Cyrillic letter gives no key (see addTextRomanization)
            case .declined:
                return false
            }
        }
        return true
    }

    /// Adds one romanization's ASCII key and (with `skeletonToo`) its skeleton key to `keys`,
    /// as `keys(of:…)`'s `add` does; false when it needs ICU.
    private func addTextRomanization(_ romanization: [UInt8], skeletonToo: Bool, to keys: inout LooseKeyBytes) -> Bool {
        keys.lower.removeAll(keepingCapacity: true)
        keys.ascii.removeAll(keepingCapacity: true)
        let forms: RomanizationForms = romanization.withUnsafeBufferPointer { text in
            if !text.contains(where: { $0 >= 0x80 }) {
                // ASCII: lower case, and its ASCII key is that without the ASCII soft-sign marks.
                keys.lower.append(contentsOf: text)
                keys.lower.withUnsafeMutableBufferPointer { lower in
                    for i in lower.indices where lower[i] &- 0x41 < 26 { lower[i] |= 0x20 }
                }
                keys.ascii.append(contentsOf: keys.lower)
                if keys.ascii.contains(where: { $0 == 0x27 || $0 == 0x60 || $0 == 0x22 }) {
                    keys.ascii.removeAll { $0 == 0x27 || $0 == 0x60 || $0 == 0x22 }
                }
                return .made
            }
            // A scheme that left letters of another script gives no key (see keys(of:…)).
            if Script.hasNonLatinLetter(utf8: text) { return .none }
            let simple = scalarTable.romanizationForms(utf8: text, dropping: Self.isSoftSignMark, lower: &keys.lower, ascii: &keys.ascii)
            return simple ? .made : .needICU
        }
        switch forms {
        case .none: return true
        case .needICU: return false
        case .made: break
        }
        let lower = keys.lower
        if !keys.ascii.isEmpty { keys.addKey(keys.ascii, isSkeleton: false) }
        let known = keys.seenIndex(of: lower)
        // A form met before under another scheme has its skeleton listed already.
        if let known, keys.seen[known].hasSkeleton { return true }
        guard skeletonToo else {
            if known == nil { keys.remember(lower, hasSkeleton: false) }
            return true
        }
        keys.key.removeAll(keepingCapacity: true)
        let covered = lower.withUnsafeBufferPointer { lower in
            NativeSkeleton.skeleton(utf8: lower, table: &scalarTable, scratch: &keys.passes, into: &keys.key)
        }
        guard covered else { return false }
        if !keys.key.isEmpty { keys.addKey(keys.key, isSkeleton: true) }
        if let known { keys.seen[known].hasSkeleton = true } else { keys.remember(lower, hasSkeleton: true) }
        return true
    }

    /// What a romanization's lower-case and ASCII forms came to.
    private enum RomanizationForms {
        /// Made, in the key buffers.
        case made
        /// None: the romanization has letters of another script, and gives no key.
        case none
        /// Only ICU can make them.
        case needICU
    }
}
