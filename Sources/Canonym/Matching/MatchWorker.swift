import Foundation
internal import CCanonymICU
/// One thread's matching state: its fold ladder (ICU transliterators), its word cache and
/// scratch buffers. Borrowed from the lexicon's pool for the length of one call.
///
/// A struct used through `inout`, not a class: the compiler then proves at build time that
/// accesses to its buffers do not overlap, where a class's stored properties pay a run-time
/// exclusivity check (a thread-local lookup) on every access — 15 % of tagging when it was one.
struct MatchWorker {
    let ladder: FoldLadder
    /// The word cache of the current mode, and the other mode's: running text skips the loose
    /// keys of common words and given names, lookups need them all.
    private var cache = TokenCache()
    private var otherCache = TokenCache()
    private var cacheIsForText = true
    private var tokens: [Token] = []
    private var infos: [Int32] = []
    /// Each token's word hash while ``resolveTokens(_:in:)`` runs.
    private var hashes: [UInt64] = []
    /// Scratch node lists of the trie walk, kept between calls so that a walk allocates nothing.
    private var activeNodes: [Int32] = []
    private var advancedNodes: [Int32] = []
    /// The names found at the current start position (see ``collectHits(at:requireJoin:in:maxLength:)``).
    private var found: [Hit] = []
    /// The candidates of one span length while ``tag(_:in:)`` judges it.
    private var candidates: [Resolver.Candidate] = []
    /// A new word's romanized and skeleton keys while its cache entry is made (kept between
    /// calls, so that a miss allocates no key arrays).
    private var newRomanizedKeys: [LooseKey] = []
    private var newSkeletonKeys: [LooseKey] = []
    /// The hashes of a new word's loose keys while they are looked up.
    private var looseHashes: [UInt64] = []
    /// A new word's loose keys as bytes (see ``FoldLadder/textLooseKeys(of:into:)``).
    private var looseKeyBytes = LooseKeyBytes()

    init(rules: FoldRules, scalarFolds: ScalarFoldTable.Prebuilt?) throws {
        ladder = try FoldLadder(rules: rules, scalarFolds: scalarFolds)
    }

    // MARK: Word keys

    /// Fills `infos` with the cache entry of every token: all words hashed first (their slots
    /// fetched ahead), then all probed, then the missing entries made in token order.
    private mutating func resolveTokens(_ bytes: UnsafeBufferPointer<UInt8>, in lexicon: Lexicon) {
        cache.makeRoom()
        // The arrays are moved out of `self` for the loops, so that they are read and written
        // through plain pointers while a miss updates the cache.
        var entries: [Int32] = [], tokens: [Token] = [], hashes: [UInt64] = []
        swap(&entries, &infos)
        swap(&tokens, &self.tokens)
        swap(&hashes, &self.hashes)
        defer {
            swap(&entries, &infos)
            swap(&tokens, &self.tokens)
            swap(&hashes, &self.hashes)
        }
        let count = tokens.count
        entries.removeAll(keepingCapacity: true)
        entries.append(contentsOf: repeatElement(-1, count: count))
        hashes.removeAll(keepingCapacity: true)
        hashes.append(contentsOf: repeatElement(0, count: count))
        let missing = tokens.withUnsafeBufferPointer { tokens in
            hashes.withUnsafeMutableBufferPointer { hashes in
                cache.hashAll(tokens, in: bytes, into: hashes)
                cache.prefetchLongWords(tokens, hashes: UnsafeBufferPointer(hashes))
                return entries.withUnsafeMutableBufferPointer { entries in
                    cache.findAll(tokens, in: bytes, hashes: UnsafeBufferPointer(hashes), into: entries)
                }
            }
        }
        guard missing else { return }
        // A word new in this document may occur twice: its first miss makes the entry the
        // second then finds.
        for i in 0..<count where entries[i] < 0 {
            let token = tokens[i]
            let word = UnsafeBufferPointer(rebasing: bytes[token.byteStart..<token.byteEnd])
            let entry = cache.find(word, hash: hashes[i])
                ?? computeInfo(word, hash: hashes[i], capitalized: token.capitalized, letters: token.letterCount, lexicon: lexicon)
            entries[i] = Int32(truncatingIfNeeded: entry)
        }
    }

    /// Switches to the word cache of text or lookup mode.
    private mutating func useCache(forText: Bool) {
        if cacheIsForText != forText {
            swap(&cache, &otherCache)
            cacheIsForText = forText
        }
    }

    @inline(never)
    private mutating func computeInfo(
        _ word: UnsafeBufferPointer<UInt8>, hash: UInt64, capitalized: Bool, letters: Int, lexicon: Lexicon
    ) -> Int {
        let sharing = lexicon.sharesWords
        if sharing, let shared = lexicon.sharedWords.entry(word, hash: hash, forText: cacheIsForText) {
            return cache.insert(word, hash: hash, info: shared.info, romanized: shared.romanized, skeleton: shared.skeleton)
        }
        let text = String(decoding: word, as: UTF8.self)
        var info = TokenInfo(
            exact: -1, folded: -1, romanizedStart: 0, skeletonStart: 0, commonWordZipf: 0, romanizedCount: 0,
            skeletonCount: 0, isGivenName: false)
        newRomanizedKeys.removeAll(keepingCapacity: true)
        newSkeletonKeys.removeAll(keepingCapacity: true)
        let forms = try? ladder.strictForms(of: text)
        let lower = forms?.lower ?? text.lowercased()
        let cyrillic = text.unicodeScalars.contains { (0x0400...0x04FF).contains($0.value) }
        info.commonWordZipf = (cyrillic ? lexicon.guards.cyrillicCommonWords : lexicon.guards.latinCommonWords)[lower] ?? 0
        info.isGivenName = lexicon.guards.givenNames.contains(lower)
        // In running text, common words and given names never match at the loose levels
        // (see allowsInText), so their romanizations and skeletons are not computed.
        let strictOnly = cacheIsForText && (info.commonWordZipf > 0 || info.isGivenName)
        // A word that is not capitalized cannot start a loose match in running text; its loose
        // keys are computed only if a loose phrase reaches it (completeLooseKeys).
        let deferred = cacheIsForText && !strictOnly && !capitalized
        info.looseDeferred = deferred
        // A word whose loose keys fail (an ICU error) gets no keys at all.
        keys: if let forms {
            let tries = lexicon.tries
            // Every key's filter word and slot are asked for before the first lookup, so that
            // their misses (a new word's keys lie anywhere in the tables) overlap.
            let exactHash = StringTable.hash(of: forms.exact), foldedHash = StringTable.hash(of: forms.folded)
            tries[FoldLevel.exact.rawValue].prefetchKey(hash: exactHash)
            tries[FoldLevel.folded.rawValue].prefetchKey(hash: foldedHash)
            tries[FoldLevel.inflected.rawValue].prefetchKey(hash: foldedHash)
            // A word of the names, written as its exact key, has its loose keys in the compiled
            // table; only other words are romanized here.
            let exact = tries[FoldLevel.exact.rawValue].keyID(forms.exact, hash: exactHash)
            if !strictOnly, !deferred, exact >= 0, forms.exact.utf8.elementsEqual(word),
                let precomputed = lexicon.textLooseKeys.keys(ofExactKey: exact)
            {
                looseKeyBytes.removeAll()
                appendLooseKeys(precomputed, in: lexicon)
            } else {
                guard computeLooseKeys(of: forms, strictOnly: strictOnly || deferred) else { break keys }
                appendLooseKeys(in: lexicon)
            }
            info.exact = exact
            info.folded = tries[FoldLevel.folded.rawValue].keyID(forms.folded, hash: foldedHash)
            info.inflected = tries[FoldLevel.inflected.rawValue].keyID(forms.folded, hash: foldedHash)
            let roles = lexicon.designators.roles(folded: forms.folded, lower: lower)
            info.designatorAfter = roles.after
            info.designatorBefore = roles.before
            info.designatorDirection = roles.direction
            info.roles = roles.flags
            if roles.after >= 0 {
                let designator = lexicon.designators.entries[Int(roles.after)]
                if designator.plural && !designator.singulars.isEmpty { info.roles.insert(.listDesignator) }
            }
            let matchesSomewhere = info.exact >= 0 || info.folded >= 0 || info.inflected >= 0 || !newRomanizedKeys.isEmpty || !newSkeletonKeys.isEmpty
            // Fuzzy is for Latin romanization variants: in Cyrillic text one edit is usually an
            // inflection ("Александром" is not Aleksandrov).
            if !matchesSomewhere, !strictOnly, !deferred, forms.script == .latin, forms.letters >= lexicon.guards.fuzzyMinimumLetters {
                (info.fuzzyEntity, info.fuzzyName) = fuzzyPosting(in: lexicon, skippingAdjectives: cacheIsForText)
            }
        }
        Self.setStart(&info, romanized: newRomanizedKeys, skeleton: newSkeletonKeys, in: lexicon)
        if cacheIsForText, !info.isInert, !Self.hasLiveOneWordName(info, letters: letters, capitalized: capitalized, in: lexicon) {
            if capitalized {
                Self.dropOneWordNames(&info)
            } else {
                info.startsPhrasesOnly = true
            }
        }
        if sharing {
            lexicon.sharedWords.store(
                word, hash: hash, forText: cacheIsForText,
                SharedWordCache.Entry(info: info, romanized: newRomanizedKeys, skeleton: newSkeletonKeys))
        }
        return cache.insert(word, hash: hash, info: info, romanized: newRomanizedKeys, skeleton: newSkeletonKeys)
    }

    /// Sets ``looseKeyBytes`` to the loose keys of a word whose strict forms are `forms` (none
    /// when `strictOnly`): on bytes where ``FoldLadder/textLooseKeys(of:into:)`` covers the
    /// word, else through ``FoldLadder/keys(of:lang:forText:strictOnly:withSchemes:)``. False
    /// when that fails (an ICU error): the word then gets no keys at all.
    private mutating func computeLooseKeys(of forms: FoldLadder.StrictForms, strictOnly: Bool) -> Bool {
        if strictOnly {
            looseKeyBytes.removeAll()
            return true
        }
        return ladder.looseKeysOfTextWord(forms, into: &looseKeyBytes)
    }

    /// Appends to ``newRomanizedKeys`` and ``newSkeletonKeys`` the loose keys `ids` that the
    /// compiled table holds for a word of the names (see ``TextLooseKeyTable``), with their root
    /// children: what ``appendLooseKeys(in:)`` makes of the word's computed keys.
    /// - Complexity: O(k) in the word's k loose keys.
    private mutating func appendLooseKeys(_ ids: UnsafeBufferPointer<UInt32>, in lexicon: Lexicon) {
        let romanizedTrie = lexicon.tries[FoldLevel.romanized.rawValue], skeletonTrie = lexicon.tries[FoldLevel.skeleton.rawValue]
        for raw in ids {
            let isSkeleton = raw & TextLooseKeyTable.flag != 0
            let id = Int32(bitPattern: raw & ~TextLooseKeyTable.flag)
            if isSkeleton {
                newSkeletonKeys.append(LooseKey(id: id, in: skeletonTrie))
            } else {
                newRomanizedKeys.append(LooseKey(id: id, in: romanizedTrie))
            }
        }
    }

    /// Appends to ``newRomanizedKeys`` and ``newSkeletonKeys`` the romanized and skeleton keys in
    /// ``looseKeyBytes`` that some name has, each once, in first-seen order (a Set's order
    /// changes from process to process, and output must not), with their root children. Every
    /// key is hashed once and its memory asked for before the first lookup.
    /// - Complexity: O(k²) in the word's k loose keys (a few).
    private mutating func appendLooseKeys(in lexicon: Lexicon) {
        let romanizedTrie = lexicon.tries[FoldLevel.romanized.rawValue], skeletonTrie = lexicon.tries[FoldLevel.skeleton.rawValue]
        // Moved out for the loops (a copy would retain each of its buffers).
        var keys = LooseKeyBytes()
        swap(&keys, &looseKeyBytes)
        defer { swap(&keys, &looseKeyBytes) }
        looseHashes.removeAll(keepingCapacity: true)
        for range in keys.romanized {
            let hash = keys.withKey(range) { StringTable.hash($0) }
            romanizedTrie.prefetchKey(hash: hash)
            looseHashes.append(hash)
        }
        for range in keys.skeleton {
            let hash = keys.withKey(range) { StringTable.hash($0) }
            skeletonTrie.prefetchKey(hash: hash)
            looseHashes.append(hash)
        }
        /// Appends the key unless the word has it already, with its root child and postings.
        func append(_ id: Int32, _ trie: LevelTrie, to keys: inout [LooseKey]) {
            guard id >= 0, !keys.contains(where: { $0.id == id }) else { return }
            keys.append(LooseKey(id: id, in: trie))
        }
        for (i, range) in keys.romanized.enumerated() {
            let id = keys.withKey(range) { romanizedTrie.keyID($0, hash: looseHashes[i]) }
            append(id, romanizedTrie, to: &newRomanizedKeys)
        }
        for (i, range) in keys.skeleton.enumerated() {
            let id = keys.withKey(range) { skeletonTrie.keyID($0, hash: looseHashes[keys.romanized.count + i]) }
            append(id, skeletonTrie, to: &newSkeletonKeys)
        }
    }

    /// Sets the word's root children at the strict levels, the mask of levels whose trie has a
    /// root child along one of the word's keys, and the mask of those where such a child has
    /// children of its own.
    private static func setStart(_ info: inout TokenInfo, romanized: [LooseKey], skeleton: [LooseKey], in lexicon: Lexicon) {
        let tries = lexicon.tries
        var mask: UInt8 = 0, branching: UInt8 = 0
        /// Notes that a name starts with the word at `level`, through root child `node`.
        func starts(at level: FoldLevel, _ node: Int32) {
            mask |= 1 << UInt8(level.rawValue)
            if tries[level.rawValue].hasChildren(node) { branching |= 1 << UInt8(level.rawValue) }
        }
        for level in FoldLevel.strictIndexed {
            let trie = tries[level.rawValue], key = info.key(at: level)
            let node = key >= 0 ? trie.child(of: 0, key: key) : -1
            guard node >= 0 else { continue }
            info.setRoot(at: level, node: node, postings: RootPostings(node: node, in: trie))
            starts(at: level, node)
        }
        for key in romanized where key.root >= 0 { starts(at: .romanized, key.root) }
        for key in skeleton where key.root >= 0 { starts(at: .skeleton, key.root) }
        info.startLevels = mask
        info.branchingLevels = branching
    }

    /// Whether one of the word's one-word names at the strict levels could be a mention in
    /// running text, judged by what the word alone decides (its bytes, so every token of it):
    /// - ``allowsInText(_:start:bytes:in:)`` drops a name of one or two letters unless it is
    ///   flagged abbreviation, case-sensitive or vouched, and `tag` drops lookup-only names;
    /// - a word in lower case starts one-word names only if one of them is vouched or owned by
    ///   its entity (see ``PrecisionGuards/isOwnName(_:_:)``), and then
    ///   ``PrecisionGuards/allows(start:length:candidates:lexicon:info:)`` needs a remaining name
    ///   that is vouched or case-sensitive and matched exactly, or — unless the word is a common
    ///   one — a remaining name its entity owns.
    /// When none could, a lower-case word only begins longer names, and a capitalized word's
    /// one-word names are dropped (see ``dropOneWordNames(_:)``): "to", "of", "police", "В".
    /// Loose levels need a capital in text, so they never start at a lower-case word.
    private static func hasLiveOneWordName(_ info: TokenInfo, letters: Int, capitalized: Bool, in lexicon: Lexicon) -> Bool {
        let tries = lexicon.tries
        let common = info.commonWordZipf >= lexicon.guards.commonWordMinZipf
        var ownedOrVouched = false, passesLowercaseGuard = false, remains = false
        tries.withUnsafeBufferPointer { tries in
            for level in FoldLevel.strictIndexed where info.rootNode(at: level) >= 0 {
                info.rootPostings(at: level).forEach(in: tries.baseAddress! + level.rawValue) { posting in
                    let flags = lexicon.names.flags(at: Int(posting.name))
                    let owned = PrecisionGuards.isOwnName(Resolver.Candidate(entity: posting.entity, name: posting.name, level: level), lexicon)
                    let vouched = flags.contains(.vouched)
                    ownedOrVouched = ownedOrVouched || owned || vouched
                    if flags.contains(.lookupOnly) { return }
                    if letters <= 2, flags.isDisjoint(with: [.abbreviation, .caseSensitive, .vouched]) { return }
                    remains = true
                    if vouched || (level == .exact && !flags.isDisjoint(with: [.caseSensitive, .abbreviation])) || (owned && !common) {
                        passesLowercaseGuard = true
                    }
                }
            }
        }
        return capitalized ? remains : ownedOrVouched && passesLowercaseGuard
    }

    /// Forgets a capitalized word's one-word names at the strict levels, none of which can be a
    /// mention in text (see ``hasLiveOneWordName(_:letters:capitalized:in:)``): the walk from it
    /// collects none, and a level where no longer name starts with it is not walked at all, so
    /// a word like "In" or "В" with no other start is inert.
    private static func dropOneWordNames(_ info: inout TokenInfo) {
        for level in FoldLevel.strictIndexed where info.rootNode(at: level) >= 0 {
            info.setRoot(at: level, node: info.rootNode(at: level), postings: .none)
            if !info.branches(at: level) { info.startLevels &= ~(1 << UInt8(level.rawValue)) }
        }
    }

    /// Computes the deferred loose keys of the tokens that may continue a loose phrase starting
    /// at `start` (joined to it, within `maxLength` words).
    private mutating func completeLooseKeys(after start: Int, maxLength: Int, requireJoin: Bool, in lexicon: Lexicon) {
        var next = start + 1
        while next < tokens.count, next - start < maxLength, !requireJoin || tokens[next].joinsPrevious {
            let entry = Int(infos[next])
            if cache.infos[entry].looseDeferred {
                let word = cache.word(entry)
                let text = String(decoding: word, as: UTF8.self)
                newRomanizedKeys.removeAll(keepingCapacity: true)
                newSkeletonKeys.removeAll(keepingCapacity: true)
                if let forms = try? ladder.strictForms(of: text), computeLooseKeys(of: forms, strictOnly: false) {
                    appendLooseKeys(in: lexicon)
                }
                cache.completeLooseKeys(entry, romanized: newRomanizedKeys, skeleton: newSkeletonKeys)
            }
            next += 1
        }
    }

    /// The single entity within one edit of any of the skeleton keys in ``looseKeyBytes``, or
    /// (-1, -1) when none or several are within reach. With `skippingAdjectives` (running
    /// text), a key that the word only extends by a final "n" is no neighbour: that is the
    /// adjective or demonym of the name (Bavarian, Californian, Siberian, Tasmanian), which
    /// names no place, as "Ukrainian" names none.
    private func fuzzyPosting(in lexicon: Lexicon, skippingAdjectives: Bool) -> (Int32, Int32) {
        let trie = lexicon.tries[FoldLevel.skeleton.rawValue]
        var entity: Int32 = -1, name: Int32 = -1
        for range in looseKeyBytes.skeleton {
            let neighbours = looseKeyBytes.withKey(range) { word in
                lexicon.fuzzy.neighbours(of: word).filter { id in
                    !(skippingAdjectives && Self.isAdjective(word, of: trie.keys.key(at: Int(id))))
                }
            }
            for id in neighbours {
                let node = trie.child(of: 0, key: id)
                guard node >= 0 else { continue }
                for posting in trie.postings(at: node) {
                    if entity >= 0, posting.entity != entity { return (-1, -1) }
                    entity = posting.entity
                    name = posting.name
                }
            }
        }
        return (entity, name)
    }

    /// Whether skeleton `word` is skeleton `name` with a final "n" added.
    private static func isAdjective(_ word: UnsafeBufferPointer<UInt8>, of name: UnsafeBufferPointer<UInt8>) -> Bool {
        word.count == name.count + 1 && word.last == UInt8(ascii: "n") && word.starts(with: name)
    }

    // MARK: Candidate search

    /// A name that ends after `length` tokens from the start position.
    struct Hit {
        var length: Int
        var level: FoldLevel
        var posting: Posting
    }

    /// Every name that starts at token `start`, at every level where the first word starts one,
    /// into `found` (cleared first; a buffer kept between calls, so the walk allocates nothing).
    /// With `oneWord` false, names of one word are left out (see ``TokenInfo/startsPhrasesOnly``).
    private mutating func collectHits(at start: Int, requireJoin: Bool, in lexicon: Lexicon, maxLength: Int = 8, oneWord: Bool = true) {
        if !found.isEmpty { found.removeAll(keepingCapacity: true) }
        let first = cache.infos[Int(infos[start])]
        // In running text a loose match must start at a capitalized word (allowsInText).
        let looseAllowed = !cacheIsForText || tokens[start].capitalized
        let looseLevels: UInt8 = 1 << UInt8(FoldLevel.romanized.rawValue) | 1 << UInt8(FoldLevel.skeleton.rawValue)
        let levels = looseAllowed ? first.startLevels : first.startLevels & ~looseLevels
        if levels == 0 { return }
        // The words after it need their loose keys only if a loose name goes on from it.
        if levels & looseLevels & first.branchingLevels != 0 {
            completeLooseKeys(after: start, maxLength: maxLength, requireJoin: requireJoin, in: lexicon)
        }
        var found: [Hit] = [], active: [Int32] = [], advanced: [Int32] = []
        swap(&found, &self.found)
        swap(&active, &activeNodes)
        swap(&advanced, &advancedNodes)
        defer {
            swap(&found, &self.found)
            swap(&active, &activeNodes)
            swap(&advanced, &advancedNodes)
        }
        tokens.withUnsafeBufferPointer { tokens in
            infos.withUnsafeBufferPointer { infos in
                cache.infos.withUnsafeBufferPointer { entries in
                    cache.variants.withUnsafeBufferPointer { variants in
                        lexicon.tries.withUnsafeBufferPointer { tries in
                            let text = WalkInput(tokens: tokens, infos: infos, entries: entries, variants: variants, tries: tries)
                            Self.walk(from: start, levels: levels, requireJoin: requireJoin, maxLength: maxLength, oneWord: oneWord, text,
                                      found: &found, active: &active, advanced: &advanced)
                        }
                    }
                }
            }
        }
    }

    /// What a trie walk reads, as buffers (no retain, copy or exclusivity check per access).
    private struct WalkInput {
        let tokens: UnsafeBufferPointer<Token>
        /// Each token's word-cache entry.
        let infos: UnsafeBufferPointer<Int32>
        let entries: UnsafeBufferPointer<TokenInfo>
        /// The cache's pool of loose keys.
        let variants: UnsafeBufferPointer<LooseKey>
        let tries: UnsafeBufferPointer<LevelTrie>
    }

    /// The trie walk of ``collectHits(at:requireJoin:in:maxLength:oneWord:)`` at each level of
    /// `levels`: from the first word's root children, word by word while the words join,
    /// collecting the postings of every node reached (a set of nodes at the loose levels, where
    /// a word has several keys; one node at the strict ones, see ``walkStrict``).
    /// - Complexity: O(L·k·n) for L levels, k keys per word and n words (at most `maxLength`).
    private static func walk(
        from start: Int, levels: UInt8, requireJoin: Bool, maxLength: Int, oneWord: Bool, _ text: WalkInput,
        found: inout [Hit], active: inout [Int32], advanced: inout [Int32]
    ) {
        let first = text.entries[Int(text.infos[start])]
        for raw in 0..<FoldLevel.fuzzy.rawValue where levels & (1 << UInt8(raw)) != 0 {
            let level = FoldLevel(rawValue: raw)!
            let isLoose = level.isLoose
            let trie = text.tries.baseAddress! + raw
            if !isLoose {
                walkStrict(from: start, level: level, requireJoin: requireJoin, maxLength: maxLength, oneWord: oneWord, text, found: &found)
                continue
            }
            if !active.isEmpty { active.removeAll(keepingCapacity: true) }
            // A word's keys at this loose level, without building an array: a range of the
            // cache's variant pool.
            @inline(__always) func forEachKey(_ info: TokenInfo, _ body: (LooseKey) -> Void) {
                let (start, count) = level == .romanized
                    ? (Int(info.romanizedStart), Int(info.romanizedCount)) : (Int(info.skeletonStart), Int(info.skeletonCount))
                for i in start..<start + count { body(text.variants[i]) }
            }
            var length = 1
            var letters = text.tokens[start].letterCount
            // The first word's root children and their postings were found with the word.
            let collectFirst = oneWord && letters >= FoldLevel.minimumLettersForLooseLevels
            forEachKey(first) { key in
                guard key.root >= 0, !active.contains(key.root) else { return }
                active.append(key.root)
                if collectFirst {
                    key.postings.forEach(in: trie) { posting in found.append(Hit(length: 1, level: level, posting: posting)) }
                }
            }
            while !active.isEmpty {
                if length > 1, letters >= FoldLevel.minimumLettersForLooseLevels {
                    for node in active {
                        for posting in trie.pointee.postings(at: node) {
                            found.append(Hit(length: length, level: level, posting: posting))
                        }
                    }
                }
                let next = start + length
                guard next < text.tokens.count, length < maxLength, !requireJoin || text.tokens[next].joinsPrevious else { break }
                let info = text.entries[Int(text.infos[next])]
                if !advanced.isEmpty { advanced.removeAll(keepingCapacity: true) }
                for node in active where trie.pointee.hasChildren(node) {
                    forEachKey(info) { key in
                        let child = trie.pointee.child(of: node, key: key.id)
                        if child >= 0, !advanced.contains(child) { advanced.append(child) }
                    }
                }
                swap(&active, &advanced)
                letters += text.tokens[next].letterCount
                length += 1
            }
        }
    }

    /// Whether the next token joins token `start` and follows it in some name at a strict level:
    /// the first step of the walk, taken alone for a word that begins only longer names (most
    /// of them go no further, and the whole walk costs more than this check). Static, reading
    /// only the arrays it is given: as a method it was handed a copy of the whole worker.
    private static func continuesStrictly(
        from start: Int, tokens: [Token], infos: [Int32], entries: [TokenInfo], in lexicon: Lexicon
    ) -> Bool {
        let next = start + 1
        guard next < tokens.count, tokens[next].joinsPrevious else { return false }
        let first = entries[Int(infos[start])], second = entries[Int(infos[next])]
        return lexicon.tries.withUnsafeBufferPointer { tries in
            FoldLevel.strictIndexed.contains { level in
                let node = first.rootNode(at: level), key = second.key(at: level)
                return first.branches(at: level) && key >= 0 && tries[level.rawValue].child(of: node, key: key) >= 0
            }
        }
    }

    /// The walk at a strict level, where each word has one key and so each node reached has at
    /// most one successor: one node at a time, without node lists.
    @inline(__always)
    private static func walkStrict(
        from start: Int, level: FoldLevel, requireJoin: Bool, maxLength: Int, oneWord: Bool, _ text: WalkInput,
        found: inout [Hit]
    ) {
        let trie = text.tries.baseAddress! + level.rawValue
        let first = text.entries[Int(text.infos[start])]
        var node = first.rootNode(at: level)
        var length = 1
        while node >= 0 {
            if length > 1 {
                for posting in trie.pointee.postings(at: node) {
                    found.append(Hit(length: length, level: level, posting: posting))
                }
            } else if oneWord {
                // The root child's postings were kept with the word.
                first.rootPostings(at: level).forEach(in: trie) { posting in found.append(Hit(length: 1, level: level, posting: posting)) }
            }
            let next = start + length
            guard next < text.tokens.count, length < maxLength, !requireJoin || text.tokens[next].joinsPrevious else { return }
            // No name goes on from this node: the edge table need not be probed.
            guard length == 1 ? first.branches(at: level) : trie.pointee.hasChildren(node) else { return }
            let label = text.entries[Int(text.infos[next])].key(at: level)
            node = label >= 0 ? trie.pointee.child(of: node, key: label) : -1
            length += 1
        }
    }

    // MARK: Text-only rules

    /// Rules a hit must pass in running text (not in `lookup`):
    /// - loose levels (romanized, skeleton, fuzzy) need a word written as a name: capitalized,
    ///   and neither in a common-word list nor a given name (`Some` is not Suomi, `maint` is not
    ///   Mainz, `Jane` is not Zhangye); a Cyrillic word needs a name the entity owns there (see
    ///   ``PrecisionGuards/isOwnName(_:_:)``: `Адамс` is not Pulandian through its alternate `Adams`);
    /// - a word glued by a hyphen to another word (`Усть-Луги`, `Білгороді-Дністровському`)
    ///   matches alone only at `exact` and `folded` (`Kharkiv-based` still finds Kharkiv);
    /// - names of one or two letters match only when flagged `abbreviation`, `case-sensitive`
    ///   or `vouched` (`Y`, `MY` are junk names of Italy and the US in GeoNames).
    private func allowsInText(_ hit: Hit, start: Int, bytes: UnsafeBufferPointer<UInt8>, in lexicon: Lexicon) -> Bool {
        let span = start..<start + hit.length
        let letters = span.reduce(0) { $0 + tokens[$1].letterCount }
        if letters <= 2 {
            let flags = lexicon.names.flags(at: Int(hit.posting.name))
            if flags.isDisjoint(with: [.abbreviation, .caseSensitive, .vouched]) { return false }
        }
        let first = tokens[start]
        if hit.level >= .inflected {
            if start > 0, first.joinsPrevious, Self.hyphenGlued(bytes, tokens[start - 1], first) { return false }
            let after = start + hit.length
            if after < tokens.count, tokens[after].joinsPrevious, Self.hyphenGlued(bytes, tokens[after - 1], tokens[after]) { return false }
        }
        guard hit.level.isLoose else { return true }
        if !first.capitalized { return false }
        // Common words and given names never match through a romanization, a skeleton or a
        // fuzzy key ("Some" is not Suomi, "Take" not Turkey, "Jane" not Zhangye).
        if span.contains(where: { info($0).commonWordZipf > 0 || info($0).isGivenName }) { return false }
        // A Cyrillic word reaches a name in another script through a loose key only when the
        // entity owns that name: gazetteers' Latin alternates include junk ("Адамс" is not
        // Pulandian, whose alternates include "Adams").
        if first.startsWithCyrillicLetter(in: bytes),
            !PrecisionGuards.isOwnName(Resolver.Candidate(entity: hit.posting.entity, name: hit.posting.name, level: hit.level), lexicon)
        {
            return false
        }
        return true
    }

    /// Whether an accepted span, read with its neighbours, names something other than a place:
    /// the span is dropped and matching goes on after it.
    /// - a feature word follows ("the Dnipro river", "Kerch Strait"), or a capitalized title
    ///   word ("the Kyiv Independent", "the New York Times");
    /// - a name prefix comes right before it, capitalized or in Cyrillic: a storm ("Hurricane
    ///   Milton", "ураган Мілтон"), or a longer place ("North Carolina") when the span names no
    ///   place of a million people or more ("North London" stays) and the words are not in title
    ///   case ("Russia Opens New Lviv Office" keeps Lviv);
    /// - it is exactly a quoted title («Москва», „Зоря“: a ship, a club, a company);
    /// - it is a date ("on October 6": not 6th of October City).
    private func namesSomethingElse(_ span: Resolver.Span, _ bytes: UnsafeBufferPointer<UInt8>, in lexicon: Lexicon) -> Bool {
        let after = span.start + span.length
        if after < tokens.count, tokens[after].joinsPrevious,
            info(after).isFeatureHead || (info(after).isTitleHead && tokens[after].capitalized)
        {
            return true
        }
        // A Latin capital letter glued before the name makes it a brand's or a product's name
        // ("T-Mobile", "X-Men"). Not a Cyrillic one: "С.-Петербург" abbreviates Saint
        // Petersburg's first word.
        if span.start > 0, tokens[span.start].joinsPrevious, tokens[span.start - 1].letterCount == 1,
            tokens[span.start - 1].capitalized, tokens[span.start - 1].byteEnd - tokens[span.start - 1].byteStart == 1,
            Self.hyphenGlued(bytes, tokens[span.start - 1], tokens[span.start])
        {
            return true
        }
        if span.start > 0, tokens[span.start].joinsPrevious,
            tokens[span.start - 1].capitalized || tokens[span.start - 1].startsWithCyrillicLetter(in: bytes),
            tokens[span.start - 1].hasBlankGap(to: tokens[span.start], in: bytes)
        {
            let before = info(span.start - 1)
            if before.isNamePrefix { return true }
            // In a line written in title case ("Russia Opens New Lviv Office") a capitalized
            // "New" says nothing: the word before the prefix must not be capitalized too.
            let titleCase = span.start >= 2 && tokens[span.start - 2].capitalized && !tokens[span.start - 2].allCaps
                && tokens[span.start - 1].joinsPrevious
            if before.isPlacePrefix, !titleCase, !span.candidates.contains(where: { candidate in
                (lexicon.entities.population(at: Int(candidate.entity)) ?? 0) >= Self.dividedPlacePopulation
            }) {
                return true
            }
        }
        return Self.isQuotedTitle(bytes, tokens[span.start], tokens[after - 1]) || isDate(span, bytes)
    }

    /// The population from which a place prefix before a place's name more likely names a part
    /// of the place ("North London") than another place ("North Carolina").
    private static let dividedPlacePopulation = 1_000_000

    /// The quotation marks around a title, as UTF-8: « U+00AB … » U+00BB, „ U+201E … “ U+201C.
    private static let titleQuotes: [(open: [UInt8], close: [UInt8])] = [
        ([0xC2, 0xAB], [0xC2, 0xBB]), ([0xE2, 0x80, 0x9E], [0xE2, 0x80, 0x9C]),
    ]

    /// Whether the words from `first` to `last` are exactly a title in guillemets or low-high
    /// quotes («Москва», „Зоря“): in Russian and Ukrainian (and German) writing such quotes mark
    /// the name of a company, a club, a ship or a newspaper, never a place named as a place.
    private static func isQuotedTitle(_ bytes: UnsafeBufferPointer<UInt8>, _ first: Token, _ last: Token) -> Bool {
        let before = first.byteStart, after = last.byteEnd
        return titleQuotes.contains { quotes in
            before >= quotes.open.count && after + quotes.close.count <= bytes.count
                && bytes[before - quotes.open.count..<before].elementsEqual(quotes.open)
                && bytes[after..<after + quotes.close.count].elementsEqual(quotes.close)
        }
    }

    /// Whether the span is a month and a day number, in either order ("October 6", "6 жовтня").
    private func isDate(_ span: Resolver.Span, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard span.length == 2 else { return false }
        let a = span.start, b = span.start + 1
        return (info(a).isMonth && Self.isDayNumber(bytes, tokens[b])) || (Self.isDayNumber(bytes, tokens[a]) && info(b).isMonth)
    }

    /// Whether the token is a day of a month: one or two ASCII digits, 1 to 31.
    private static func isDayNumber(_ bytes: UnsafeBufferPointer<UInt8>, _ token: Token) -> Bool {
        let digits = bytes[token.byteStart..<token.byteEnd]
        guard (1...2).contains(digits.count), digits.allSatisfy({ (0x30...0x39).contains($0) }) else { return false }
        let day = digits.reduce(0) { $0 * 10 + Int($1 - 0x30) }
        return (1...31).contains(day)
    }

    /// Whether two words are joined by a hyphen or dash with no blank ("Ivano-Frankivsk").
    private static func hyphenGlued(_ bytes: UnsafeBufferPointer<UInt8>, _ a: Token, _ b: Token) -> Bool {
        let gap = bytes[a.byteEnd..<b.byteStart]
        return !gap.isEmpty && !gap.contains(0x20) && !gap.contains(0x09)
    }

    // MARK: Qualifiers

    private func info(_ token: Int) -> TokenInfo { cache.infos[Int(infos[token])] }

    /// What a designator next to an accepted span makes of it (see ``qualify(_:after:bytes:in:)``).
    private enum Qualification {
        /// The span as it should be reported: with the designator, or unchanged when none is there.
        case span(Resolver.Span)
        /// The designator rules out every candidate, but names a kind of place the packs may not
        /// have ("Saltivka district" without districts): the bare name stands.
        case bare
        /// A type word in an oblique case says the name is a settlement, and every candidate is
        /// a place of another kind or no place ("в селе Нива" is a village, not Niue; "у місті
        /// Франція" no country): the name is no mention.
        case noMention
    }

    /// Kinds of entity that are never a settlement: a settlement's type word ("в селе",
    /// "у місті") before a name that only such entities have rules the mention out.
    private static let nonSettlementTypes: Set<String> = ["country", "region", "district", "person"]

    /// Applies a designator next to the span ("Kharkiv Oblast", "село Піски"): constrains the
    /// candidates to the designator's types and takes the designator into the span. A designator
    /// before the span is looked for only at or after token `previousEnd` (where the previous
    /// mention ends), so that mentions never overlap.
    private func qualify(_ span: Resolver.Span, after previousEnd: Int, bytes: UnsafeBufferPointer<UInt8>, in lexicon: Lexicon) -> Qualification {
        let next = span.start + span.length
        var designator: Designator? = nil
        var qualified = span
        if next < tokens.count, tokens[next].joinsPrevious, info(next).designatorAfter >= 0 {
            designator = lexicon.designators.entries[Int(info(next).designatorAfter)]
            qualified.length += 1
        } else if span.start > previousEnd, info(span.start - 1).designatorBefore >= 0,
            tokens[span.start - 1].hasPeriodGap(to: tokens[span.start], in: bytes)
                || (tokens[span.start].joinsPrevious && tokens[span.start - 1].letterCount > 1
                    && tokens[span.start - 1].hasBlankGap(to: tokens[span.start], in: bytes))
        {
            // One-letter designators are abbreviations and need their period ("м. Київ", "с. Піски"):
            // "с Александром" is a preposition.
            designator = lexicon.designators.entries[Int(info(span.start - 1).designatorBefore)]
            qualified.start -= 1
            qualified.length += 1
        }
        guard let designator else { return .span(span) }
        let candidates = constrain(span, to: designator, bytes: bytes, in: lexicon)
        if designator.position == .context {
            // A type word in an oblique case: it narrows the candidates when some fit, and
            // stays out of the span. When none fits and each is known to be no settlement,
            // the text names a settlement the lexicon lacks.
            if candidates.isEmpty, span.candidates.allSatisfy({ candidate in
                lexicon.entities.type(at: Int(candidate.entity)).map(Self.nonSettlementTypes.contains) ?? false
            }) {
                return .noMention
            }
            var narrowed = span
            if !candidates.isEmpty { narrowed.candidates = candidates }
            return .span(narrowed)
        }
        if candidates.isEmpty { return .bare }
        qualified.candidates = candidates
        qualified.designator = designator
        return .span(qualified)
    }

    /// The candidates of `span` allowed by `designator`; for a region designator whose name is a
    /// city ("Vinnytsia Oblast"), the regions whose names share the city's stem.
    private func constrain(_ span: Resolver.Span, to designator: Designator, bytes: UnsafeBufferPointer<UInt8>, in lexicon: Lexicon) -> [Resolver.Candidate] {
        let kept = span.candidates.filter { designator.types.contains(lexicon.entities.type(at: Int($0.entity)) ?? "") }
        if !kept.isEmpty || !designator.types.contains("region") { return kept }
        let first = tokens[span.start], last = tokens[span.start + span.length - 1]
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[first.byteStart..<last.byteEnd]), as: UTF8.self)
        guard let keys = try? ladder.keys(of: text, forText: true) else { return [] }
        let countries = Set(span.candidates.compactMap { lexicon.entities.country(at: Int($0.entity)) })
        let level = span.candidates.map(\.level).min() ?? .skeleton
        return lexicon.regionsSharingStem(with: keys.skeleton, countries: countries).map {
            Resolver.Candidate(entity: $0.entity, name: $0.name, level: max(level, .folded))
        }
    }

    /// "на Покровському напрямку", "на Покровском направлении": a front's direction is named by
    /// an adjective made from a place's name, and an adjective is no mention of the place (as
    /// "Ukrainian" is none of Ukraine), although its case forms often spell another place's
    /// ("Покровському" is also the locative of the village Покровське). Before each direction
    /// word (``Designator/Position/direction``), a capitalized adjective of that kind
    /// (``isPlaceAdjective(_:)``) joined to it by blanks loses the one-word span the tag loop
    /// found there; before a plural one, each adjective of a list does ("на Покровському,
    /// Торецькому та Лиманському напрямках"). A span longer than the adjective is left as it is.
    /// - Complexity: O(n) in the tokens.
    private func applyDirections(_ spans: inout [Resolver.Span], bytes: UnsafeBufferPointer<UInt8>, in lexicon: Lexicon) {
        for d in 1..<tokens.count where info(d).designatorDirection >= 0 {
            guard tokens[d].joinsPrevious, tokens[d - 1].hasBlankGap(to: tokens[d], in: bytes) else { continue }
            let designator = lexicon.designators.entries[Int(info(d).designatorDirection)]
            var p = d - 1
            while tokens[p].capitalized, Self.isPlaceAdjective(text(of: p, bytes)) {
                spans.removeAll { $0.start == p && $0.length == 1 }
                // On to the adjective before a conjunction ("та", "и") or a comma.
                guard designator.plural, let previous = previousListItem(before: p, bytes) else { break }
                p = previous
            }
        }
    }

    /// The token of the list item before token `index`: the one before a conjunction joined to
    /// `index` ("Донецькій та Луганській"), or the one before a comma ("Покровському,
    /// Торецькому"); nil when none is.
    private func previousListItem(before index: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        if index >= 2, info(index - 1).isConjunction, tokens[index].joinsPrevious,
            Self.listGap(bytes, from: tokens[index - 2].byteEnd, to: tokens[index - 1].byteStart)
        {
            return index - 2
        }
        if index >= 1, Self.listGap(bytes, from: tokens[index - 1].byteEnd, to: tokens[index].byteStart),
            bytes[tokens[index - 1].byteEnd..<tokens[index].byteStart].contains(0x2C)
        {
            return index - 1
        }
        return nil
    }

    /// The text of token `index`.
    private func text(of index: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[tokens[index].byteStart..<tokens[index].byteEnd]), as: UTF8.self)
    }

    /// Endings of a Ukrainian or Russian adjective after its `-ськ-`/`-ск-` suffix, longest
    /// first: every case, gender and number ("Покровському", "Покровском", "Покровська").
    private static let adjectiveEndings = [
        "ими", "ому", "ого", "ий", "ім", "ій", "ої", "ою", "их", "им", "ом", "ой", "ая", "ую", "ое", "ие", "ых", "ым", "ые",
        "а", "у", "е", "і",
    ]

    /// The suffixes that make such adjectives from place names.
    private static let adjectiveSuffixes = ["ськ", "цьк", "зьк", "ск", "цк"]

    /// Whether `word` is an adjective of the `-ський`/`-ский` kind, made from a place's name
    /// ("Покровському", "Торецком", "Бахмутська"): an adjective ending after the suffix.
    private static func isPlaceAdjective(_ word: String) -> Bool {
        let lower = word.lowercased()
        guard let ending = adjectiveEndings.first(where: { lower.hasSuffix($0) }) else { return false }
        let stem = lower.dropLast(ending.count)
        return adjectiveSuffixes.contains { stem.hasSuffix($0) && stem.count > $0.count + 1 }
    }

    /// "Kharkiv, Sumy and Chernihiv regions": a plural designator qualifies every name of the
    /// list before it (names separated by commas or conjunctions only).
    /// Finds the lists of adjectives a Russian or Ukrainian plural designator qualifies, which
    /// name no place without it: "у Донецькій та Луганській областях" is "Донецькій області"
    /// and "Луганській області" (see ``Designator/singulars``). Each capitalized word of the list,
    /// read with the designator's singular after it, that names places of the designator's
    /// types becomes a span; the last one takes the designator, as "Luhansk regions" does.
    /// Words inside a span found already are left as they are; `spans` stays in text order. The
    /// tag loop calls it only for a document where it stepped over such a designator
    /// (``TokenStart/listDesignator``), so other text pays nothing for it.
    /// - Complexity: O(n) in the tokens, plus a few trie probes per word of such a list.
    private func addAdjectiveLists(_ spans: inout [Resolver.Span], bytes: UnsafeBufferPointer<UInt8>, in lexicon: Lexicon) {
        var covered = IndexSet()
        for span in spans { covered.insert(integersIn: span.start..<span.start + span.length) }
        var added: [Resolver.Span] = []
        for k in 1..<max(tokens.count, 1) where info(k).designatorAfter >= 0 && !covered.contains(k) {
            let designator = lexicon.designators.entries[Int(info(k).designatorAfter)]
            guard designator.plural, !designator.singulars.isEmpty, tokens[k].joinsPrevious else { continue }
            var j = k - 1
            while j >= 0, !covered.contains(j), tokens[j].capitalized {
                let candidates = adjectiveCandidates(j, singulars: designator.singulars, in: lexicon)
                let span = Resolver.Span(start: j, length: 1, candidates: candidates)
                let kept = constrain(span, to: designator, bytes: bytes, in: lexicon)
                guard !kept.isEmpty else { break }
                let isLast = j == k - 1
                added.append(Resolver.Span(start: j, length: isLast ? 2 : 1, candidates: kept, designator: isLast ? designator : nil))
                // On to the word before a conjunction ("та", "и") or a comma.
                guard let previous = previousListItem(before: j, bytes) else { break }
                j = previous
            }
        }
        guard !added.isEmpty else { return }
        spans.append(contentsOf: added)
        spans.sort { $0.start < $1.start }
    }

    /// The places named by token `j`'s word followed by one of `singulars`, at the strict
    /// levels, best level per entity; lookup-only names left out.
    private func adjectiveCandidates(_ j: Int, singulars: [String], in lexicon: Lexicon) -> [Resolver.Candidate] {
        var candidates: [Resolver.Candidate] = []
        let word = info(j)
        for singular in singulars {
            let folded = (try? ladder.fold(singular)) ?? singular
            for level in FoldLevel.strictIndexed where word.rootNode(at: level) >= 0 {
                let trie = lexicon.tries[level.rawValue]
                let key = trie.keyID(level == .exact ? singular : folded)
                guard key >= 0 else { continue }
                let node = trie.child(of: word.rootNode(at: level), key: key)
                guard node >= 0 else { continue }
                for posting in trie.postings(at: node) where !lexicon.names.flags(at: Int(posting.name)).contains(.lookupOnly) {
                    Resolver.keepBest(level, posting, in: &candidates)
                }
            }
        }
        return candidates
    }

    private func applyPluralDesignators(_ spans: inout [Resolver.Span], bytes: UnsafeBufferPointer<UInt8>, in lexicon: Lexicon) {
        guard spans.count > 1 else { return }
        var k = spans.count - 1
        while k > 0 {
            guard let designator = spans[k].designator, designator.plural else { k -= 1; continue }
            var j = k - 1
            while j >= 0 {
                let gapStart = spans[j].start + spans[j].length, gapEnd = spans[j + 1].start
                let separated = (gapStart..<gapEnd).allSatisfy { info($0).isConjunction }
                    && Self.listGap(bytes, from: tokens[gapStart - 1].byteEnd, to: tokens[gapEnd].byteStart)
                guard separated else { break }
                let candidates = constrain(spans[j], to: designator, bytes: bytes, in: lexicon)
                if !candidates.isEmpty { spans[j].candidates = candidates }
                j -= 1
            }
            k = j
        }
    }

    /// Whether the bytes between two list items are only blanks, commas and conjunction words.
    private static func listGap(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Bool {
        var commas = 0
        for b in bytes[from..<to] {
            if b == 0x2C { commas += 1; continue }
            if b == 0x2E || b == 0x3B || b == 0x3A || b == 0x28 || b == 0x29 { return false }
        }
        return commas <= 1
    }

    // MARK: Lookup

    mutating func lookup(_ term: String, in lexicon: Lexicon, limit: Int) -> [Match] {
        useCache(forText: false)
        var utf8 = Array(term.utf8)
        return utf8.withUnsafeMutableBufferPointer { buffer -> [Match] in
            let bytes = UnsafeBufferPointer(buffer)
            Tokenizer.tokenize(bytes, into: &tokens)
            guard !tokens.isEmpty else { return [] }
            resolveTokens(bytes, in: lexicon)
            collectHits(at: 0, requireJoin: false, in: lexicon, maxLength: tokens.count)
            var full = found.filter { $0.length == tokens.count }
            if full.isEmpty, tokens.count == 1 {
                let info = cache.infos[Int(infos[0])]
                if info.fuzzyEntity >= 0 {
                    full.append(Hit(length: 1, level: .fuzzy, posting: Posting(entity: info.fuzzyEntity, name: info.fuzzyName)))
                }
            }
            let candidates = Resolver.bestPerEntity(full.map { ($0.level, $0.posting) })
            return Resolver.rank(candidates, context: nil, in: lexicon).prefix(limit).map { candidate in
                lexicon.match(candidate)
            }
        }
    }

    // MARK: Tagging

    mutating func tag(_ bytes: UnsafeBufferPointer<UInt8>, in lexicon: Lexicon) -> [Mention] {
        useCache(forText: true)
        let wellFormed = Tokenizer.tokenize(bytes, into: &tokens)
        guard !tokens.isEmpty else { return [] }
        resolveTokens(bytes, in: lexicon)
        let guards = PrecisionGuards(tokens: tokens, bytes: bytes)
        // Read once per document: reading a field of the lexicon's guard data inside the loop
        // copied the whole struct, retaining its tables, at every token.
        let fuzzyInText = lexicon.guards.fuzzyInText
        var spans: [Resolver.Span] = []
        var i = 0
        // Whether a plural designator that closes lists of adjectives appears (see addAdjectiveLists).
        var hasListDesignator = false
        // Whether a direction word appears (see applyDirections).
        var hasDirection = false
        while i < tokens.count {
            let start = cache.starts[Int(infos[i])]
            if start == .inert
                || (start == .phrasesOnly
                    && !Self.continuesStrictly(from: i, tokens: tokens, infos: infos, entries: cache.infos, in: lexicon))
            {
                i += 1
                continue
            }
            if start == .listDesignator {
                hasListDesignator = true
                i += 1
                continue
            }
            if start == .direction {
                hasDirection = true
                i += 1
                continue
            }
            collectHits(at: i, requireJoin: true, in: lexicon, oneWord: start == .names)
            if found.isEmpty, fuzzyInText {
                let info = cache.infos[Int(infos[i])]
                // Fuzzy in text: a word written as a name (capitalized, not just by the start of a
                // sentence) that is no word of the language's common-word list at all.
                let token = tokens[i]
                if info.fuzzyEntity >= 0, token.capitalized, !token.sentenceInitial, !token.allCaps,
                    info.commonWordZipf == 0
                {
                    found.append(Hit(length: 1, level: .fuzzy, posting: Posting(entity: info.fuzzyEntity, name: info.fuzzyName)))
                }
            }
            var accepted: Resolver.Span? = nil
            // The longest phrase found that is a name too small to be a mention, if any: its
            // words are then no mention either (see PrecisionGuards.Verdict.obscureName).
            var obscure = 0
            var lengths: UInt32 = 0
            for hit in found { lengths |= 1 << UInt32(hit.length) }
            // The lengths found, longest first, set bit by set bit (a walk finds one or two).
            while lengths != 0 {
                let length = UInt32.bitWidth - 1 - lengths.leadingZeroBitCount
                lengths &= ~(1 << UInt32(length))
                // The best candidate per entity among the hits of this length that text allows,
                // unless its name is lookup-only; built in a buffer kept between calls.
                candidates.removeAll(keepingCapacity: true)
                for hit in found where hit.length == length && allowsInText(hit, start: i, bytes: bytes, in: lexicon) {
                    Resolver.keepBest(hit.level, hit.posting, in: &candidates)
                }
                candidates.removeAll { lexicon.names.flags(at: Int($0.name)).contains(.lookupOnly) }
                if candidates.isEmpty { continue }
                let verdict = guards.judge(
                    start: i, length: length, candidates: candidates, lexicon: lexicon,
                    info: { self.cache.infos[Int(self.infos[$0])] })
                if verdict == .allowed {
                    accepted = Resolver.Span(start: i, length: length, candidates: candidates)
                    break
                }
                if verdict == .obscureName, obscure == 0 { obscure = length }
            }
            if let span = accepted, namesSomethingElse(span, bytes, in: lexicon) {
                i += span.length
                continue
            }
            if var span = accepted {
                // A designator before the name may not be a word of the previous mention.
                let previousEnd = spans.last.map { $0.start + $0.length } ?? 0
                switch qualify(span, after: previousEnd, bytes: bytes, in: lexicon) {
                case .span(let qualified):
                    span = qualified
                    spans.append(span)
                    i = span.start + span.length
                case .bare:
                    spans.append(span)
                    i += span.length
                case .noMention:
                    i += span.length
                }
            } else {
                i += max(obscure, 1)
            }
        }
        if hasDirection { applyDirections(&spans, bytes: bytes, in: lexicon) }
        if hasListDesignator { addAdjectiveLists(&spans, bytes: bytes, in: lexicon) }
        applyPluralDesignators(&spans, bytes: bytes, in: lexicon)
        if spans.isEmpty { return [] }
        return Resolver.resolve(spans, tokens: tokens, bytes: bytes, wellFormed: wellFormed, in: lexicon)
    }
}
