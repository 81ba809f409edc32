internal import CCanonymICU

/// What the matcher needs to know about a distinct word, computed once per word.
///
/// Fields are ordered widest first so that the struct packs into 88 bytes: a long document
/// keeps one per distinct word.
struct TokenInfo {
    /// Key ids at `exact` and `folded` (-1: no name has this word at that level).
    var exact: Int32
    var folded: Int32
    /// Key id at `inflected` (the folded key looked up among generated case forms).
    var inflected: Int32 = -1
    /// The root's child along the exact, folded and inflected key (-1: none), so that a walk
    /// from this word starts without reading the trie's root array.
    var exactNode: Int32 = -1
    var foldedNode: Int32 = -1
    var inflectedNode: Int32 = -1
    /// The postings of those root children (the one-word names), so that a walk reads them
    /// without the trie's starts array.
    var exactPostings = RootPostings.none
    var foldedPostings = RootPostings.none
    var inflectedPostings = RootPostings.none
    /// Key ids at `romanized` and `skeleton`: `variants[start ..< start + count]`.
    var romanizedStart: Int32
    var skeletonStart: Int32
    /// The one entity (and its name) one edit away from the word's skeleton, or -1.
    var fuzzyEntity: Int32 = -1
    var fuzzyName: Int32 = -1
    /// The word is frequent in the languages checked for its script.
    var commonWordZipf: Float
    /// Index of the designator this word is when it follows / precedes a name, or -1.
    var designatorAfter: Int16 = -1
    var designatorBefore: Int16 = -1
    /// Index of the designator this word is after an adjective made from a place's name
    /// ("напрямку": see ``Designator/Position/direction``), or -1.
    var designatorDirection: Int16 = -1
    /// At most one key per romanization scheme (a few dozen), so 16 bits always hold them.
    var romanizedCount: UInt16
    var skeletonCount: UInt16
    /// The word is a known given name.
    var isGivenName: Bool
    /// What the word is next to a place name, one bit per role.
    var roles: WordRoles = []
    /// The loose keys (romanized, skeleton, fuzzy) are not computed yet: in running text a
    /// word that is not capitalized cannot start a loose match, so its ICU work waits until a
    /// loose phrase reaches it as a later word (see ``MatchWorker``).
    var looseDeferred = false
    /// Running text only: the word is written in lower case and none of the one-word names it
    /// is (at the strict levels) can pass the precision guards in lower case — none is vouched
    /// or owned by its entity (see ``PrecisionGuards/isOwnName(_:_:)``). The word can still
    /// begin a longer name, so the matcher walks on from it but skips its one-word postings.
    var startsPhrasesOnly = false

    /// Bit `level.rawValue` is set when some name starts with this word at that level (the
    /// level's trie root has a child along one of the word's keys). Set when the keys are
    /// computed, so the trie walk visits only the levels where a name can start. A word whose
    /// loose keys are deferred has strict bits only: not capitalized, it cannot start a loose
    /// match in text.
    var startLevels: UInt8 = 0

    /// Bit `level.rawValue` is set when a name of two or more words starts with this word at
    /// that level (one of the root children of ``startLevels`` has a child). Where it is
    /// clear, a walk stops after the first word without probing the trie's edge table.
    var branchingLevels: UInt8 = 0

    /// Whether no name starts with this word at any level and the fuzzy level reaches no entity
    /// (most words of running text, and words like "of" that only continue names): the matcher
    /// skips it without a trie walk.
    var isInert: Bool { startLevels == 0 && fuzzyEntity < 0 }

    /// What the matcher does at a token of this word, for ``TokenCache/starts``. A word that
    /// begins only longer names, and begins none at the strict levels, is inert (it is in lower
    /// case, and so starts nothing at the loose ones).
    var start: TokenStart {
        if isInert { return isListDesignator ? .listDesignator : designatorDirection >= 0 ? .direction : .inert }
        guard startsPhrasesOnly else { return .names }
        return branchingLevels & FoldLevel.strictMask == 0 ? .inert : .phrasesOnly
    }

    /// The word can join the names of a list ("and", "і", "та").
    var isConjunction: Bool { roles.contains(.conjunction) }
    /// The word, after a place name, makes the phrase a river, street, holiday… ("river").
    var isFeatureHead: Bool { roles.contains(.featureHead) }
    /// The word, capitalized after a place name, makes the phrase a title ("Times", "Post").
    var isTitleHead: Bool { roles.contains(.titleHead) }
    /// The word is a month name ("October", "жовтня").
    var isMonth: Bool { roles.contains(.month) }
    /// The word is a plural designator with singulars ("областях"): it may close a list of
    /// adjectives that name places (see ``Designator/singulars``).
    var isListDesignator: Bool { roles.contains(.listDesignator) }
    /// The word, right before a place name, makes the phrase another thing's name ("Hurricane
    /// Milton").
    var isNamePrefix: Bool { roles.contains(.namePrefix) }
    /// The word, right before a place name, makes the phrase a longer place's name ("North
    /// Carolina"), unless the place is large ("North London").
    var isPlacePrefix: Bool { roles.contains(.placePrefix) }

    /// Whether a name of two or more words starts with this word at `level`.
    @inline(__always)
    func branches(at level: FoldLevel) -> Bool { branchingLevels & (1 << UInt8(level.rawValue)) != 0 }

    /// The word's key id at strict level `level` (see ``FoldLevel/strictIndexed``).
    @inline(__always)
    func key(at level: FoldLevel) -> Int32 {
        switch level {
        case .exact: exact
        case .folded: folded
        default: inflected
        }
    }

    /// The root's child along the word's key at strict level `level`, or -1.
    @inline(__always)
    func rootNode(at level: FoldLevel) -> Int32 {
        switch level {
        case .exact: exactNode
        case .folded: foldedNode
        default: inflectedNode
        }
    }

    /// The postings of ``rootNode(at:)``: the word's one-word names at strict level `level`.
    @inline(__always)
    func rootPostings(at level: FoldLevel) -> RootPostings {
        switch level {
        case .exact: exactPostings
        case .folded: foldedPostings
        default: inflectedPostings
        }
    }

    /// Sets ``rootNode(at:)`` and ``rootPostings(at:)`` for strict level `level`.
    mutating func setRoot(at level: FoldLevel, node: Int32, postings: RootPostings) {
        switch level {
        case .exact: (exactNode, exactPostings) = (node, postings)
        case .folded: (foldedNode, foldedPostings) = (node, postings)
        default: (inflectedNode, inflectedPostings) = (node, postings)
        }
    }
}

/// The roles of a word next to a place name (see ``TokenInfo/roles``), in one byte.
struct WordRoles: OptionSet, Sendable {
    let rawValue: UInt8
    /// Joins the names of a list ("and", "і", "та").
    static let conjunction = WordRoles(rawValue: 1 << 0)
    /// After a place name, makes the phrase a river, street, holiday… (`feature-heads.tsv`).
    static let featureHead = WordRoles(rawValue: 1 << 1)
    /// Capitalized after a place name, makes the phrase a title (`title-heads.tsv`).
    static let titleHead = WordRoles(rawValue: 1 << 2)
    /// A month name (`months.tsv`).
    static let month = WordRoles(rawValue: 1 << 3)
    /// A plural designator with singulars, which may close a list of adjectives.
    static let listDesignator = WordRoles(rawValue: 1 << 4)
    /// Right before a place name, makes the phrase another thing's name (`name-prefixes.tsv`).
    static let namePrefix = WordRoles(rawValue: 1 << 5)
    /// Right before a place name, makes the phrase a longer place's name (`name-prefixes.tsv`).
    static let placePrefix = WordRoles(rawValue: 1 << 6)
}

/// One of a word's keys at a loose level (romanized or skeleton), with where it leads from the
/// level trie's root: the root's child along it and that node's postings (the one-word names),
/// found once when the word's entry is made, so that a walk from the word reads neither the
/// root's child array nor the node's posting bounds.
struct LooseKey {
    /// The key's id at its level.
    var id: Int32
    /// The root's child along the key, or -1 when no name starts with it.
    var root: Int32
    /// The postings of `root` (none when there is no root).
    var postings: RootPostings
}

extension LooseKey {
    /// Key `id` of `trie`'s level, with the root's child along it and that child's postings.
    init(id: Int32, in trie: LevelTrie) {
        let root = trie.child(of: 0, key: id)
        self.init(id: id, root: root, postings: root >= 0 ? RootPostings(node: root, in: trie) : .none)
    }
}

/// What a token can begin, by its word alone: the one fact most tokens need.
enum TokenStart: UInt8 {
    /// No name: the matcher steps over it.
    case inert
    /// Only names of two or more words (see ``TokenInfo/startsPhrasesOnly``).
    case phrasesOnly
    /// Names of any length.
    case names
    /// No name, but a plural designator that may close a list of adjectives naming places
    /// ("у Донецькій та Луганській областях"): the matcher steps over it and notes it.
    case listDesignator
    /// No name, but a direction word after an adjective made from a place's name ("на
    /// Покровському напрямку"): the matcher steps over it and notes it.
    case direction
}

/// A bounded map from a word's UTF-8 bytes to its ``TokenInfo``, with open addressing over
/// one byte arena: a probe hashes the bytes and compares them in place, without allocating.
///
/// Each slot is two words on one cache line: the entry index with 24 bits of the word's hash
/// and its length beside it, and the word's first eight bytes. A probe of a word of up to eight
/// bytes (most words of running text) reads that one line and nothing else; a longer word's
/// remaining bytes are compared in the arena. ``hashAll(_:in:into:)`` asks for a document's
/// slots before ``findAll(_:in:hashes:into:)`` probes them, so that their misses overlap.
///
/// When full it forgets the later half of its words and keeps the earlier half: in running text
/// the words met first are mostly the frequent ones ("the", "in", the places of the day's news),
/// so a long stream with more distinct words than the budget keeps its hot words cached while
/// memory stays bounded.
struct TokenCache {
    /// Slot `s` is `slots[2s]`: `hash & 0xFFFF_FF00_0000_0000 | min(length, 255) << 32 | index + 1`
    /// (0 is an empty slot), and `slots[2s + 1]`: the word's first eight bytes, zero-padded
    /// (see ``head(_:)``).
    private var slots: [UInt64]
    private var mask: Int
    /// `offset << 32 | length` of each entry's bytes in `arena`.
    private var spans: [UInt64] = []
    private var arena: [UInt8] = []
    private(set) var infos: [TokenInfo] = []
    /// `infos[i].start`, one byte per entry: the one fact most tokens need, kept dense so that
    /// checking it does not pull a whole ``TokenInfo`` into the cache.
    private(set) var starts: [TokenStart] = []
    /// The loose keys of every entry (``TokenInfo/romanizedStart`` …), in one pool.
    private(set) var variants: [LooseKey] = []
    private let maxEntries: Int
    private let maxArena: Int

    /// A cache of at most `maxEntries` words and `maxArenaBytes` of their bytes. The slot table
    /// starts small and doubles as words arrive, so an unused cache costs a few kilobytes.
    init(maxEntries: Int = 1 << 17, maxArenaBytes: Int = 8 << 20) {
        let capacity = 1024
        self.slots = [UInt64](repeating: 0, count: capacity * 2)
        self.mask = capacity - 1
        self.maxEntries = maxEntries
        self.maxArena = maxArenaBytes
    }

    /// The bits of a slot's first word that a probe compares: the hash's top 24 bits and the
    /// length (capped at 255; longer words are told apart by their bytes).
    @inline(__always)
    private static func identity(_ hash: UInt64, length: Int) -> UInt64 {
        hash & 0xFFFF_FF00_0000_0000 | UInt64(min(length, 255)) << 32
    }

    /// The first eight bytes of `bytes` as a little-endian word, zero-padded when shorter, read
    /// without touching memory past the word.
    @inline(__always)
    static func head(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let n = bytes.count
        guard n > 0, let base = bytes.baseAddress else { return 0 }
        let raw = UnsafeRawPointer(base)
        if n >= 8 { return UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self)) }
        if n >= 4 {
            // Two overlapping four-byte reads; the shared bytes are the same in both.
            let low = UInt64(UInt32(littleEndian: raw.loadUnaligned(as: UInt32.self)))
            let high = UInt64(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)))
            return low | high << UInt64(8 * (n - 4))
        }
        // One to three bytes: the first, middle and last are all of them, each at its place.
        let middle = n &>> 1, last = n &- 1
        return UInt64(base[0]) | UInt64(base[middle]) << UInt64(8 &* middle) | UInt64(base[last]) << UInt64(8 &* last)
    }

    /// A hash of a word's bytes, read eight at a time (a word of up to eight bytes costs two
    /// loads and two multiplies, where a byte-at-a-time hash pays a multiply per byte). Both
    /// halves are well mixed: the low bits pick the slot, the high 24 bits are kept as its tag.
    /// Only this cache uses it; nothing stored depends on it.
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let n = bytes.count
        guard n > 0, let base = bytes.baseAddress else { return 0x9E37_79B9_7F4A_7C15 }
        let raw = UnsafeRawPointer(base)
        @inline(__always) func mix(_ h: UInt64, _ w: UInt64) -> UInt64 {
            let m = (h ^ w) &* 0xFF51_AFD7_ED55_8CCD
            return m ^ (m >> 29)
        }
        // The length is mixed into the seed first: XORed in directly, it could cancel a
        // difference in the words' first bytes ("a" and "ba").
        var h = (0x9E37_79B9_7F4A_7C15 ^ UInt64(n)) &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 32
        if n >= 8 {
            var i = 0
            while i + 8 < n {
                h = mix(h, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                i += 8
            }
            // The last eight bytes, overlapping the previous word when n is not a multiple of 8.
            h = mix(h, raw.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self))
        } else if n >= 4 {
            // Two overlapping four-byte reads cover every byte.
            let low = UInt64(raw.loadUnaligned(fromByteOffset: 0, as: UInt32.self))
            let high = UInt64(raw.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self))
            h = mix(h, low | high << 32)
        } else {
            // One to three bytes: the first, middle and last cover them all.
            h = mix(h, UInt64(base[0]) | UInt64(base[n / 2]) << 8 | UInt64(base[n - 1]) << 16)
        }
        h ^= h >> 33
        h &*= 0xC4CE_B9FE_1A85_EC53
        return h ^ (h >> 33)
    }

    /// The entry index for `bytes`, or nil.
    @inline(__always)
    func find(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int? {
        let identity = Self.identity(hash, length: bytes.count)
        let head = Self.head(bytes)
        return slots.withUnsafeBufferPointer { slots in
            var slot = Int(truncatingIfNeeded: hash) & mask
            while true {
                let word = slots[2 &* slot]
                if word == 0 { return nil }
                if word & 0xFFFF_FFFF_0000_0000 == identity, slots[2 &* slot &+ 1] == head {
                    let e = Int(truncatingIfNeeded: word & 0xFFFF_FFFF) &- 1
                    // The head and the length (below 256) decide a word of up to eight bytes.
                    if bytes.count <= 8 || restEqual(e, bytes) { return e }
                }
                slot = (slot &+ 1) & mask
            }
        }
    }

    /// Hashes the word of every token into `hashes`, asking for each word's slot as its hash is
    /// known, so that the probes of ``findAll(_:in:hashes:into:)`` that follow find most slots
    /// in the CPU cache, their misses having overlapped.
    /// - Complexity: O(n) in the tokens' bytes.
    func hashAll(_ tokens: UnsafeBufferPointer<Token>, in bytes: UnsafeBufferPointer<UInt8>, into hashes: UnsafeMutableBufferPointer<UInt64>) {
        slots.withUnsafeBufferPointer { slots in
            let base = slots.baseAddress!
            for (i, token) in tokens.enumerated() {
                let hash = Self.hash(UnsafeBufferPointer(rebasing: bytes[token.byteStart..<token.byteEnd]))
                cnm_prefetch(base + 2 &* (Int(truncatingIfNeeded: hash) & mask))
                hashes[i] = hash
            }
        }
    }

    /// Asks, in two rounds, for what ``findAll(_:in:hashes:into:)`` reads of the entries of
    /// words longer than eight bytes (most Cyrillic words), whose first slot matches: first the
    /// entry's place in the arena, then the word's bytes there. Without it each such word pays
    /// two dependent cache misses in turn; with it, a document's misses overlap. Call after
    /// ``hashAll(_:in:into:)`` has asked for the slots. A hint; it changes nothing.
    /// - Complexity: O(n) in the tokens.
    func prefetchLongWords(_ tokens: UnsafeBufferPointer<Token>, hashes: UnsafeBufferPointer<UInt64>) {
        slots.withUnsafeBufferPointer { slots in
            spans.withUnsafeBufferPointer { spans in
                arena.withUnsafeBufferPointer { arena in
                    @inline(__always) func candidate(_ i: Int) -> Int? {
                        let length = tokens[i].byteEnd &- tokens[i].byteStart
                        guard length > 8 else { return nil }
                        let word = slots[2 &* (Int(truncatingIfNeeded: hashes[i]) & mask)]
                        guard word != 0, word & 0xFFFF_FFFF_0000_0000 == Self.identity(hashes[i], length: length) else { return nil }
                        return Int(truncatingIfNeeded: word & 0xFFFF_FFFF) &- 1
                    }
                    for i in tokens.indices {
                        if let e = candidate(i), e < spans.count { cnm_prefetch(spans.baseAddress! + e) }
                    }
                    for i in tokens.indices {
                        if let e = candidate(i), e < spans.count {
                            let offset = Int(truncatingIfNeeded: spans[e] >> 32) &+ 8
                            if offset < arena.count { cnm_prefetch(arena.baseAddress! + offset) }
                        }
                    }
                }
            }
        }
    }

    /// Sets `entries[i]` to the entry index of token `i`'s word, or -1 when the word is not in
    /// the cache; returns whether any is not. One pass that does not change the cache, so that
    /// it runs without copying it; the caller then makes the missing entries in token order.
    /// - Complexity: O(n) probes, each O(1) expected.
    func findAll(
        _ tokens: UnsafeBufferPointer<Token>, in bytes: UnsafeBufferPointer<UInt8>, hashes: UnsafeBufferPointer<UInt64>,
        into entries: UnsafeMutableBufferPointer<Int32>
    ) -> Bool {
        var missing = false
        for (i, token) in tokens.enumerated() {
            let entry = find(UnsafeBufferPointer(rebasing: bytes[token.byteStart..<token.byteEnd]), hash: hashes[i])
            entries[i] = entry.map { Int32(truncatingIfNeeded: $0) } ?? -1
            missing = missing || entry == nil
        }
        return missing
    }

    /// Whether entry `e` is `bytes` (more than eight, with the same head): its length and the
    /// bytes after the first eight.
    @inline(never)
    private func restEqual(_ e: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let span = spans[e]
        guard Int(truncatingIfNeeded: span & 0xFFFF_FFFF) == bytes.count else { return false }
        return arena.withUnsafeBufferPointer { arena in
            memcmpEqual(arena.baseAddress! + Int(truncatingIfNeeded: span >> 32) + 8, bytes.baseAddress! + 8, bytes.count - 8)
        }
    }

    /// Forgets the later half of the words when the cache is over budget. Called before a
    /// document, never during one: the matcher holds entry indexes for the whole document, so
    /// entries must not move under it.
    /// - Complexity: O(1) unless over budget; then O(n) for the n words kept (their slots are
    ///   placed again).
    mutating func makeRoom() {
        if isFull { keepEarliest(infos.count / 2) }
    }

    /// Keeps the first `count` entries and forgets the rest. A kept word whose deferred loose
    /// keys were completed after the cut (their ids lie in the forgotten part of the pool) is
    /// deferred again, and completed again when a loose phrase next reaches it.
    mutating func keepEarliest(_ count: Int) {
        guard count < infos.count else { return }
        guard count > 0 else { return clear() }
        let arenaEnd = Int(truncatingIfNeeded: spans[count] >> 32)
        // Every variant of entries before the cut, as first computed, precedes the first
        // variant of the entries after it; later completions were appended at the end.
        var variantEnd = variants.count
        for index in count..<infos.count {
            let info = infos[index]
            variantEnd = min(variantEnd, Int(info.romanizedStart), Int(info.skeletonStart))
        }
        infos.removeSubrange(count...)
        starts.removeSubrange(count...)
        spans.removeSubrange(count...)
        arena.removeSubrange(arenaEnd...)
        for index in infos.indices {
            let info = infos[index]
            if Int(info.romanizedStart) + Int(info.romanizedCount) > variantEnd || Int(info.skeletonStart) + Int(info.skeletonCount) > variantEnd {
                infos[index].looseDeferred = true
                (infos[index].romanizedStart, infos[index].romanizedCount) = (0, 0)
                (infos[index].skeletonStart, infos[index].skeletonCount) = (0, 0)
            }
        }
        variants.removeSubrange(variantEnd...)
        for i in slots.indices { slots[i] = 0 }
        placeEveryEntry()
    }

    /// Whether the cache has reached its budget of entries or bytes.
    var isFull: Bool { infos.count >= maxEntries || arena.count >= maxArena || variants.count > maxEntries * 8 }

    /// Entry `index`'s romanized and skeleton key ids.
    func looseKeys(of index: Int) -> (romanized: [LooseKey], skeleton: [LooseKey]) {
        let info = infos[index]
        return (
            Array(variants[Int(info.romanizedStart)..<Int(info.romanizedStart) + Int(info.romanizedCount)]),
            Array(variants[Int(info.skeletonStart)..<Int(info.skeletonStart) + Int(info.skeletonCount)])
        )
    }

    /// Stores `info` for `bytes` (not present). The table grows if one document brings more
    /// distinct words than the budget; ``makeRoom()`` trims it before the next.
    mutating func insert(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64, info: TokenInfo, romanized: [LooseKey], skeleton: [LooseKey]) -> Int {
        if (infos.count + 1) * 2 > mask + 1 { grow() }
        var info = info
        appendLooseKeys(romanized: romanized, skeleton: skeleton, to: &info)
        let index = infos.count
        spans.append(UInt64(arena.count) << 32 | UInt64(bytes.count))
        arena.append(contentsOf: bytes)
        infos.append(info)
        starts.append(info.start)
        place(index, hash: hash, bytes)
        return index
    }

    /// Sets the loose keys of entry `index` whose computation was deferred.
    mutating func completeLooseKeys(_ index: Int, romanized: [LooseKey], skeleton: [LooseKey]) {
        var info = infos[index]
        appendLooseKeys(romanized: romanized, skeleton: skeleton, to: &info)
        info.looseDeferred = false
        infos[index] = info
    }

    /// Adds key ids to the variant pool and points `info`'s loose-key ranges at them.
    private mutating func appendLooseKeys(romanized: [LooseKey], skeleton: [LooseKey], to info: inout TokenInfo) {
        (info.romanizedStart, info.romanizedCount) = (Int32(variants.count), UInt16(romanized.count))
        variants.append(contentsOf: romanized)
        (info.skeletonStart, info.skeletonCount) = (Int32(variants.count), UInt16(skeleton.count))
        variants.append(contentsOf: skeleton)
    }

    /// Puts entry `index` (`bytes`) in the first free slot from its hash.
    private mutating func place(_ index: Int, hash: UInt64, _ bytes: UnsafeBufferPointer<UInt8>) {
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[2 * slot] != 0 { slot = (slot + 1) & mask }
        slots[2 * slot] = Self.identity(hash, length: bytes.count) | UInt64(index + 1)
        slots[2 * slot + 1] = Self.head(bytes)
    }

    /// The bytes of entry `index`'s word.
    func word(_ index: Int) -> [UInt8] {
        let start = Int(truncatingIfNeeded: spans[index] >> 32)
        return Array(arena[start..<start + Int(truncatingIfNeeded: spans[index] & 0xFFFF_FFFF)])
    }

    /// Doubles the slot table and re-inserts every entry (rehashing its bytes: the slots keep
    /// only part of each hash).
    private mutating func grow() {
        slots = [UInt64](repeating: 0, count: slots.count * 2)
        mask = slots.count / 2 - 1
        placeEveryEntry()
    }

    /// Puts every entry in an empty slot table, rehashing its bytes (the slots keep only part
    /// of each hash).
    private mutating func placeEveryEntry() {
        let arena = self.arena
        arena.withUnsafeBufferPointer { arena in
            for index in spans.indices {
                let start = Int(truncatingIfNeeded: spans[index] >> 32)
                let bytes = UnsafeBufferPointer(rebasing: arena[start..<start + Int(truncatingIfNeeded: spans[index] & 0xFFFF_FFFF)])
                place(index, hash: Self.hash(bytes), bytes)
            }
        }
    }

    /// Empties the cache, keeping its memory.
    mutating func clear() {
        for i in slots.indices { slots[i] = 0 }
        spans.removeAll(keepingCapacity: true)
        arena.removeAll(keepingCapacity: true)
        infos.removeAll(keepingCapacity: true)
        starts.removeAll(keepingCapacity: true)
        variants.removeAll(keepingCapacity: true)
    }
}

/// Whether `count` bytes at `a` and `b` are equal, compared eight at a time.
@inline(__always)
private func memcmpEqual(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
    let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
    var i = 0
    while i + 8 <= count {
        if ra.loadUnaligned(fromByteOffset: i, as: UInt64.self) != rb.loadUnaligned(fromByteOffset: i, as: UInt64.self) {
            return false
        }
        i += 8
    }
    while i < count {
        if a[i] != b[i] { return false }
        i += 1
    }
    return true
}
