import Dispatch
import Foundation

/// Loaded packs, indexed for matching: the object ingestion code keeps and calls.
///
/// ```swift
/// import Canonym
/// let lexicon = try Lexicon.bundledDefault()              // or Lexicon(packDirectories: [...])
/// lexicon.lookup("Krasnoarmiisk").first?.id                // "geonames:704422"
/// lexicon.normalize("Shelling near Kiev and Харків")       // "Shelling near Kyiv and Kharkiv"
/// for mention in lexicon.tag(text) { print(mention.id, mention.method) }
/// ```
///
/// A lexicon is immutable once built, `Sendable`, and safe to call from many threads at once:
/// each concurrent call borrows its own matching worker (ICU transliterators and a word cache)
/// from an internal pool.
public final class Lexicon: Sendable {
    /// Every entity of every pack, deduplicated by id.
    public let entities: [Entity]
    /// Every name row of every pack.
    public let names: [NameRecord]
    /// The packs' manifests (name, version, licence…), in load order; their tables are dropped.
    public let packs: [PackSummary]

    let tries: [LevelTrie]
    let entityNamesStart: [Int32]
    let entityNames: [Int32]
    let rules: FoldRules
    let guards: GuardData
    let designators: Designators
    let entityIndex: [String: Int32]
    private let pool: WorkerPool
    private let fuzzyStore = LazyFuzzyIndex()
    let regionStemStore = LazyRegionStems()

    /// The fuzzy level's index, built on first use from the skeleton keys.
    var fuzzy: FuzzyIndex {
        fuzzyStore.get {
            FuzzyIndex(trie: tries[FoldLevel.skeleton.rawValue], minimumLength: guards.fuzzyMinimumLetters)
        }
    }

    /// A pack's manifest without its tables.
    public struct PackSummary: Sendable, Hashable {
        /// The pack's name.
        public let name: String
        /// The pack's version.
        public let version: String?
        /// The pack's licence.
        public let license: String?
        /// The pack's attribution.
        public let attribution: String?
        /// Where it was loaded from.
        public let directory: String?
        /// Entities and names it contributed.
        public let entityCount: Int
        public let nameCount: Int
    }

    /// Builds a lexicon from packs already loaded.
    ///
    /// - Throws: ``PackError`` when an id is defined differently in two packs or a name refers to
    ///   an id no pack defines; ``CanonymError`` when a pack's rules or Canonym's data are broken.
    /// - Complexity: O(N·s) ICU calls for N distinct words among all names and s romanization
    ///   schemes, spread over all cores; then O(N + M) for M names. The built index is cached on
    ///   disk (see `CANONYM_CACHE_DIR` in the README), so loading the same packs again costs
    ///   O(K) to read K keys back, with no ICU work.
    public init(packs: [Pack], useGuards: Bool = true) throws {
        // Guard data loads on the other core while the packs are combined and indexed.
        let guardLoad = useGuards ? BackgroundResult { try GuardData.bundled() } : nil
        let set = try PackSet(packs)
        let entities = set.entities
        var entityIndex: [String: Int32] = [:]
        entityIndex.reserveCapacity(entities.count)
        for (i, entity) in entities.enumerated() { entityIndex[entity.id] = Int32(i) }
        let names = set.names
        var nameEntity: [Int32] = []
        nameEntity.reserveCapacity(names.count)
        for name in names {
            // PackSet has checked every id; this only guards against a broken invariant.
            guard let index = entityIndex[name.entityID] else {
                throw PackError(file: nil, "unknown entity id \(name.entityID) for name \(name.name)")
            }
            nameEntity.append(index)
        }
        let packRules = set.packs.flatMap { pack in
            pack.rules.map { (id: (pack.directory ?? pack.name) + "/" + $0.path, text: $0.text) }
        }
        let rules = try FoldRules.bundled(packRules: packRules)
        self.rules = rules
        self.guards = try guardLoad?.value() ?? .empty
        self.designators = try Designators.bundled()
        self.entities = entities
        self.names = names
        self.entityIndex = entityIndex
        self.packs = packs.map {
            PackSummary(
                name: $0.name, version: $0.version, license: $0.license, attribution: $0.attribution,
                directory: $0.directory, entityCount: $0.entities.count, nameCount: $0.names.count)
        }
        let digest = IndexCache.digest(entities: entities, names: names, rules: rules)
        if let cached = IndexCache.load(digest: digest) {
            self.tries = cached
        } else {
            let built = try Self.buildTries(names: names, nameEntity: nameEntity, rules: rules)
            IndexCache.store(built, digest: digest)
            self.tries = built
        }
        // Names of each entity, in pack order: entity e's names are
        // `entityNames[entityNamesStart[e] ..< entityNamesStart[e + 1]]`.
        var starts = [Int32](repeating: 0, count: entities.count + 1)
        for e in nameEntity { starts[Int(e) + 1] += 1 }
        for i in 1..<starts.count { starts[i] += starts[i - 1] }
        var next = starts
        var order = [Int32](repeating: 0, count: names.count)
        for (nameIndex, e) in nameEntity.enumerated() {
            order[Int(next[Int(e)])] = Int32(nameIndex)
            next[Int(e)] += 1
        }
        self.entityNamesStart = starts
        self.entityNames = order
        self.pool = try WorkerPool(rules: rules)
    }

    /// Loads pack directories and builds a lexicon from them.
    ///
    /// - Throws: ``PackError`` naming file, line and column of the first problem.
    public convenience init(packDirectories: [String], useGuards: Bool = true) throws {
        try self.init(packs: PackSet.load(from: packDirectories).packs, useGuards: useGuards)
    }

    /// The directories of the default packs shipped in `Lexicons/` (listed in `default.txt`).
    public static func bundledPackDirectories() throws -> [String] {
        let root = try ResourceLocator.lexiconsDirectory()
        let list = try String(contentsOfFile: root + "/default.txt", encoding: .utf8)
        return list.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
            .map { root + "/" + $0 }
    }

    /// The bundled default lexicon: countries, the regions of Ukraine, Russia and Belarus, and
    /// cities (see `Lexicons/README.md`).
    public static func bundledDefault() throws -> Lexicon {
        try Lexicon(packDirectories: bundledPackDirectories())
    }

    // MARK: Building

    private static func buildTries(names: [NameRecord], nameEntity: [Int32], rules: FoldRules) throws -> [LevelTrie] {
        // 1. Split every name into words, and collect the distinct (word, reading) pairs.
        var wordIDs: [String: Int] = [:]
        var words: [(word: String, lang: String?)] = []
        var nameWords: [[Int]] = []
        nameWords.reserveCapacity(names.count)
        var tokens: [Token] = []
        for name in names {
            var utf8 = Array(name.name.utf8)
            var ids: [Int] = []
            utf8.withUnsafeMutableBufferPointer { buffer in
                Tokenizer.tokenize(UnsafeBufferPointer(buffer), into: &tokens)
                for token in tokens {
                    let word = String(decoding: buffer[token.byteStart..<token.byteEnd], as: UTF8.self)
                    let lang = readingTag(name.lang)
                    let cacheKey = lang.map { word + "\u{1}" + $0 } ?? word
                    if let id = wordIDs[cacheKey] {
                        ids.append(id)
                    } else {
                        wordIDs[cacheKey] = words.count
                        ids.append(words.count)
                        words.append((word, lang))
                    }
                }
            }
            _ = utf8.count
            nameWords.append(ids)
        }
        // 2. Fold every distinct word, in parallel, one ladder per worker.
        let keys = try foldInParallel(words, rules: rules)
        // 3. Insert every name's key sequences at every level.
        var tries = [LevelTrie](repeating: LevelTrie(), count: FoldLevel.indexed.count)
        for (index, name) in names.enumerated() {
            let wordKeys = nameWords[index].map { keys[$0] }
            if wordKeys.isEmpty { continue }
            let posting = Posting(entity: nameEntity[index], name: Int32(index))
            tries[FoldLevel.exact.rawValue].insert(wordKeys.map(\.exact), posting: posting)
            if name.flags.contains(.caseSensitive) || name.flags.contains(.abbreviation) { continue }
            tries[FoldLevel.folded.rawValue].insert(wordKeys.map(\.folded), posting: posting)
            let letters = wordKeys.reduce(0) { $0 + $1.letterCount }
            if letters < FoldLevel.minimumLettersForLooseLevels { continue }
            // One key sequence per scheme, so a phrase's words are read with the same scheme.
            for level in [FoldLevel.romanized, .skeleton] {
                let perWord: [[(key: String, schemes: [String])]] = wordKeys.map { keys in
                    level == .romanized
                        ? Array(zip(keys.romanized, keys.romanizedSchemes)).map { ($0.0, $0.1) }
                        : Array(zip(keys.skeleton, keys.skeletonSchemes)).map { ($0.0, $0.1) }
                }
                if perWord.contains(where: \.isEmpty) { continue }
                var schemes: [String] = []
                for word in perWord { for entry in word { for s in entry.schemes where !schemes.contains(s) { schemes.append(s) } } }
                var inserted = Set<[String]>()
                for scheme in schemes {
                    let sequence = perWord.map { word in word.first(where: { $0.schemes.contains(scheme) })?.key ?? word[0].key }
                    if inserted.insert(sequence).inserted { tries[level.rawValue].insert(sequence, posting: posting) }
                }
            }
        }
        try insertInflectedForms(names: names, nameEntity: nameEntity, rules: rules, into: &tries[FoldLevel.inflected.rawValue])
        for i in tries.indices { tries[i].seal() }
        return tries
    }

    /// Adds the generated case forms of every Cyrillic name to the `inflected` index, keyed by
    /// the folded keys of their words.
    private static func insertInflectedForms(names: [NameRecord], nameEntity: [Int32], rules: FoldRules, into trie: inout LevelTrie) throws {
        let inflector = try Inflector.bundled()
        let ladder = try FoldLadder(rules: rules)
        var folded: [String: String] = [:]
        var tokens: [Token] = []
        for (index, name) in names.enumerated() {
            if !name.flags.isDisjoint(with: [.lookupOnly, .abbreviation, .caseSensitive]) { continue }
            guard name.name.unicodeScalars.contains(where: { (0x0400...0x04FF).contains($0.value) }) else { continue }
            for form in inflector.forms(of: name.name, lang: name.lang) {
                var utf8 = Array(form.utf8)
                var keys: [String] = []
                try utf8.withUnsafeMutableBufferPointer { buffer in
                    Tokenizer.tokenize(UnsafeBufferPointer(buffer), into: &tokens)
                    for token in tokens {
                        let word = String(decoding: buffer[token.byteStart..<token.byteEnd], as: UTF8.self)
                        if let key = folded[word] {
                            keys.append(key)
                        } else {
                            let key = try ladder.fold(UnicodeNormalizer.normalize(word, .nfc))
                            folded[word] = key
                            keys.append(key)
                        }
                    }
                }
                if !keys.isEmpty { trie.insert(keys, posting: Posting(entity: nameEntity[index], name: Int32(index))) }
            }
        }
    }

    private static func readingTag(_ lang: String?) -> String? {
        guard let lang, let primary = lang.split(separator: "-").first?.lowercased(),
            ["uk", "ru", "be"].contains(primary)
        else { return nil }
        return primary
    }

    private static func foldInParallel(_ words: [(word: String, lang: String?)], rules: FoldRules) throws -> [TokenKeys] {
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8, words.count / 2000 + 1))
        let results = ResultSlots(count: workers)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            do {
                let ladder = try FoldLadder(rules: rules)
                var out: [TokenKeys] = []
                out.reserveCapacity(words.count / workers + 1)
                var i = worker
                while i < words.count {
                    out.append(try ladder.keys(of: words[i].word, lang: words[i].lang))
                    i += workers
                }
                results.set(worker, .success(out))
            } catch {
                results.set(worker, .failure(error))
            }
        }
        var merged = [TokenKeys]()
        merged.reserveCapacity(words.count)
        let parts = try (0..<workers).map { try results.get($0) }
        for i in 0..<words.count { merged.append(parts[i % workers][i / workers]) }
        return merged
    }

    // MARK: Queries

    /// Resolves a term (a whole place name, as typed) to the entities it may denote, best first.
    ///
    /// Every level is tried; an entity appears once, at the strictest level that reaches it.
    /// Ties are broken by type (countries first) and population. No precision guards apply: a
    /// lookup is an explicit question.
    /// - Complexity: O(k·v) trie steps for a term of k words with v key variants per word, plus
    ///   ICU work for words not seen before by this thread's worker.
    public func lookup(_ term: String, limit: Int = 10) -> [Match] {
        pool.withWorker { $0.lookup(term, in: self, limit: limit) }
    }

    /// Finds the mentions in one document (leftmost-longest, non-overlapping), resolved with the
    /// document's context and filtered by the precision guards.
    /// - Complexity: O(n) in the text's length for the scan, plus trie walks at the words that
    ///   begin a name, plus ICU work for words this thread's worker has not seen before.
    public func tag(_ text: String) -> [Mention] {
        var utf8 = Array(text.utf8)
        return utf8.withUnsafeMutableBufferPointer { buffer in
            tag(utf8: UnsafeBufferPointer(buffer))
        }
    }

    /// ``tag(_:)`` on UTF-8 bytes, which may be invalid (bad bytes are separators and count as one
    /// code point each in offsets).
    public func tag(utf8 bytes: UnsafeBufferPointer<UInt8>) -> [Mention] {
        pool.withWorker { $0.tag(bytes, in: self) }
    }

    /// Replaces each mention with its entity's label; every other character is kept as it is.
    public func normalize(_ text: String) -> String {
        var utf8 = Array(text.utf8)
        let mentions = utf8.withUnsafeMutableBufferPointer { tag(utf8: UnsafeBufferPointer($0)) }
        var output: [UInt8] = []
        Self.rewrite(utf8, mentions: mentions, into: &output) { mention, out in out.append(contentsOf: mention.label.utf8) }
        return String(decoding: output, as: UTF8.self)
    }

    /// Writes `bytes` to `output` with each mention's bytes replaced by `replacement`.
    public static func rewrite(
        _ bytes: some Collection<UInt8>, mentions: [Mention], into output: inout [UInt8],
        replacement: (Mention, inout [UInt8]) -> Void
    ) {
        var cursor = bytes.startIndex
        for mention in mentions {
            let start = bytes.index(bytes.startIndex, offsetBy: mention.byteStart)
            let end = bytes.index(bytes.startIndex, offsetBy: mention.byteEnd)
            output.append(contentsOf: bytes[cursor..<start])
            replacement(mention, &output)
            cursor = end
        }
        output.append(contentsOf: bytes[cursor...])
    }

    /// Every fold level's key(s) of each word of `text`, as the matcher computes them.
    public func keys(of text: String) throws -> [TokenKeys] {
        try pool.withWorker { worker in
            var utf8 = Array(text.utf8)
            var tokens: [Token] = []
            return try utf8.withUnsafeMutableBufferPointer { buffer in
                Tokenizer.tokenize(UnsafeBufferPointer(buffer), into: &tokens)
                return try tokens.map { token in
                    try worker.ladder.keys(of: String(decoding: buffer[token.byteStart..<token.byteEnd], as: UTF8.self))
                }
            }
        }
    }

    /// Each romanization scheme's output for a word, with its skeleton (for `variants`).
    public func romanizations(of word: String, lang: String? = nil) throws -> [(scheme: RomanizationScheme, text: String, skeleton: String)] {
        try pool.withWorker { try $0.ladder.romanizations(of: word, lang: lang) }
    }

    /// The names of an entity, in pack order.
    /// - Complexity: O(k) for its k names.
    public func names(of entity: Entity) -> [NameRecord] {
        guard let index = entityIndex[entity.id].map(Int.init) else { return [] }
        return entityNames[Int(entityNamesStart[index])..<Int(entityNamesStart[index + 1])].map { names[Int($0)] }
    }

    /// The entity with this id, if any pack defines it.
    public func entity(id: String) -> Entity? {
        entityIndex[id].map { entities[Int($0)] }
    }

    /// Index sizes per level, for `stats` and `explain`.
    public var indexSummary: [(level: FoldLevel, keys: Int, nodes: Int, postings: Int)] {
        FoldLevel.indexed.map { ($0, tries[$0.rawValue].keyCount, tries[$0.rawValue].nodeCount, tries[$0.rawValue].postingCount) }
    }

    /// ICU's version, e.g. "72.1".
    public static var icuVersion: String { ICUError.icuVersion }
}

/// A value computed on a background thread, waited for on first use.
private final class BackgroundResult<Value: Sendable>: @unchecked Sendable {
    private var result: Result<Value, Error>?
    private let done = DispatchSemaphore(value: 0)

    init(_ work: @escaping @Sendable () throws -> Value) {
        DispatchQueue.global().async {
            self.result = Result(catching: work)
            self.done.signal()
        }
    }

    func value() throws -> Value {
        done.wait()
        done.signal()
        guard let result else { throw CanonymError.badResource("background load finished without a result") }
        return try result.get()
    }
}

/// The skeletons of region names' first words, computed on first use.
final class LazyRegionStems: @unchecked Sendable {
    private let lock = NSLock()
    private var stems: [(entity: Int32, name: Int32, skeleton: String)]?

    func get(_ make: () -> [(entity: Int32, name: Int32, skeleton: String)]) -> [(entity: Int32, name: Int32, skeleton: String)] {
        lock.withLock {
            if let stems { return stems }
            let made = make()
            stems = made
            return made
        }
    }
}

/// Builds the fuzzy index once, on first use, whichever thread asks first.
private final class LazyFuzzyIndex: @unchecked Sendable {
    private let lock = NSLock()
    private var index: FuzzyIndex?

    func get(_ make: () -> FuzzyIndex) -> FuzzyIndex {
        lock.withLock {
            if let index { return index }
            let made = make()
            index = made
            return made
        }
    }
}

/// Per-worker results of a parallel build.
private final class ResultSlots: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Result<[TokenKeys], Error>?]
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ value: Result<[TokenKeys], Error>) { lock.withLock { slots[index] = value } }
    func get(_ index: Int) throws -> [TokenKeys] {
        try lock.withLock { slots[index] }!.get()
    }
}

/// A pool of matching workers, one per concurrent caller.
final class WorkerPool: @unchecked Sendable {
    private let lock = NSLock()
    private var free: [MatchWorker] = []
    private let rules: FoldRules

    /// Creates the pool with one worker, so that rules that do not compile fail here, at load.
    init(rules: FoldRules) throws {
        self.rules = rules
        free.append(try MatchWorker(rules: rules))
    }

    func withWorker<R>(_ body: (MatchWorker) throws -> R) rethrows -> R {
        // The rules compiled once in init, so a new worker's ladder compiles too.
        let worker = lock.withLock { free.popLast() } ?? (try? MatchWorker(rules: rules)) ?? waitForFreeWorker()
        defer { lock.withLock { free.append(worker) } }
        return try body(worker)
    }

    private func waitForFreeWorker() -> MatchWorker {
        while true {
            if let worker = lock.withLock({ free.popLast() }) { return worker }
            Thread.sleep(forTimeInterval: 0.001)
        }
    }
}
