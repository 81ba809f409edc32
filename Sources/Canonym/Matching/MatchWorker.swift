/// One thread's matching state: its fold ladder (ICU transliterators), its word cache and
/// scratch buffers. Borrowed from the lexicon's pool for the length of one call.
final class MatchWorker {
    let ladder: FoldLadder
    private var cache = TokenCache()
    private var tokens: [Token] = []
    private var infos: [Int32] = []

    init(rules: FoldRules) throws {
        ladder = try FoldLadder(rules: rules)
    }

    // MARK: Word keys

    /// Fills `infos` with the cache entry of every token.
    private func resolveTokens(_ bytes: UnsafeBufferPointer<UInt8>, in lexicon: Lexicon) {
        infos.removeAll(keepingCapacity: true)
        for token in tokens {
            let word = UnsafeBufferPointer(rebasing: bytes[token.byteStart..<token.byteEnd])
            let hash = TokenCache.hash(word)
            if let entry = cache.find(word, hash: hash) {
                infos.append(Int32(entry))
            } else {
                infos.append(Int32(computeInfo(word, hash: hash, lexicon: lexicon)))
            }
        }
    }

    @inline(never)
    private func computeInfo(_ word: UnsafeBufferPointer<UInt8>, hash: UInt64, lexicon: Lexicon) -> Int {
        let text = String(decoding: word, as: UTF8.self)
        var info = TokenInfo(
            exact: -1, folded: -1, romanizedStart: 0, romanizedCount: 0, skeletonStart: 0, skeletonCount: 0,
            commonWordZipf: 0, isGivenName: false)
        var romanized: [Int32] = []
        var skeleton: [Int32] = []
        if let keys = try? ladder.keys(of: text, forText: true) {
            let tries = lexicon.tries
            info.exact = tries[FoldLevel.exact.rawValue].keyID(keys.exact)
            info.folded = tries[FoldLevel.folded.rawValue].keyID(keys.folded)
            romanized = keys.romanized.map { tries[FoldLevel.romanized.rawValue].keyID($0) }.filter { $0 >= 0 }
            skeleton = keys.skeleton.map { tries[FoldLevel.skeleton.rawValue].keyID($0) }.filter { $0 >= 0 }
            let lower = text.lowercased()
            let common = keys.script == "Cyrl" ? lexicon.guards.cyrillicCommonWords : lexicon.guards.latinCommonWords
            info.commonWordZipf = common[lower] ?? 0
            info.isGivenName = lexicon.guards.givenNames.contains(lower)
        }
        return cache.insert(word, hash: hash, info: info, romanized: Array(Set(romanized)), skeleton: Array(Set(skeleton)))
    }

    // MARK: Candidate search

    /// A name that ends after `length` tokens from the start position.
    struct Hit {
        var length: Int
        var level: FoldLevel
        var posting: Posting
    }

    /// Every name that starts at token `start`, at every level, longest first.
    private func hits(at start: Int, requireJoin: Bool, in lexicon: Lexicon, maxLength: Int = 8) -> [Hit] {
        var found: [Hit] = []
        let first = cache.infos[Int(infos[start])]
        if first.isInert { return found }
        let variants = cache.variants
        for level in FoldLevel.allCases {
            let trie = lexicon.tries[level.rawValue]
            var active: [Int32] = []
            func keys(_ info: TokenInfo) -> ArraySlice<Int32> {
                switch level {
                case .exact: return info.exact >= 0 ? [info.exact] : []
                case .folded: return info.folded >= 0 ? [info.folded] : []
                case .romanized: return variants[Int(info.romanizedStart)..<Int(info.romanizedStart + info.romanizedCount)]
                case .skeleton: return variants[Int(info.skeletonStart)..<Int(info.skeletonStart + info.skeletonCount)]
                }
            }
            for key in keys(first) {
                let node = trie.child(of: 0, key: key)
                if node >= 0, !active.contains(node) { active.append(node) }
            }
            var length = 1
            var letters = tokens[start].letterCount
            while !active.isEmpty {
                if !level.isLoose || letters >= FoldLevel.minimumLettersForLooseLevels {
                    for node in active {
                        for posting in trie.postings(at: node) {
                            found.append(Hit(length: length, level: level, posting: posting))
                        }
                    }
                }
                let next = start + length
                guard next < tokens.count, length < maxLength, !requireJoin || tokens[next].joinsPrevious else { break }
                let info = cache.infos[Int(infos[next])]
                var advanced: [Int32] = []
                for node in active {
                    for key in keys(info) {
                        let child = trie.child(of: node, key: key)
                        if child >= 0, !advanced.contains(child) { advanced.append(child) }
                    }
                }
                active = advanced
                letters += tokens[next].letterCount
                length += 1
            }
        }
        return found
    }

    // MARK: Lookup

    func lookup(_ term: String, in lexicon: Lexicon, limit: Int) -> [Match] {
        var utf8 = Array(term.utf8)
        return utf8.withUnsafeMutableBufferPointer { buffer -> [Match] in
            let bytes = UnsafeBufferPointer(buffer)
            Tokenizer.tokenize(bytes, into: &tokens)
            guard !tokens.isEmpty else { return [] }
            resolveTokens(bytes, in: lexicon)
            let full = hits(at: 0, requireJoin: false, in: lexicon, maxLength: tokens.count)
                .filter { $0.length == tokens.count }
            let candidates = Resolver.bestPerEntity(full.map { ($0.level, $0.posting) })
            return Resolver.rank(candidates, context: nil, in: lexicon).prefix(limit).map { candidate in
                lexicon.match(candidate)
            }
        }
    }

    // MARK: Tagging

    func tag(_ bytes: UnsafeBufferPointer<UInt8>, in lexicon: Lexicon) -> [Mention] {
        Tokenizer.tokenize(bytes, into: &tokens)
        guard !tokens.isEmpty else { return [] }
        resolveTokens(bytes, in: lexicon)
        let guards = PrecisionGuards(data: lexicon.guards, tokens: tokens)
        var spans: [Resolver.Span] = []
        var i = 0
        while i < tokens.count {
            if cache.infos[Int(infos[i])].isInert {
                i += 1
                continue
            }
            let found = hits(at: i, requireJoin: true, in: lexicon)
            var accepted: Resolver.Span? = nil
            for length in Set(found.map(\.length)).sorted(by: >) {
                let atLength = found.filter { $0.length == length }
                let candidates = Resolver.bestPerEntity(atLength.map { ($0.level, $0.posting) }).filter {
                    !lexicon.names[Int($0.name)].flags.contains(.lookupOnly)
                }
                if !candidates.isEmpty,
                    guards.allows(
                        start: i, length: length, candidates: candidates, lexicon: lexicon,
                        info: { self.cache.infos[Int(self.infos[$0])] })
                {
                    accepted = Resolver.Span(start: i, length: length, candidates: candidates)
                    break
                }
            }
            if let span = accepted {
                spans.append(span)
                i += span.length
            } else {
                i += 1
            }
        }
        if spans.isEmpty { return [] }
        return Resolver.resolve(spans, tokens: tokens, bytes: bytes, in: lexicon)
    }
}
