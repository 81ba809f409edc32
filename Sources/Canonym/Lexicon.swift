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
    /// Every entity of every pack, deduplicated by id, read in place from the compiled image.
    public let entities: EntityTable
    /// Every name row of every pack, read in place from the compiled image.
    public let names: NameTable
    /// The packs' manifests (name, version, licence…), in load order; their tables are dropped.
    public let packs: [PackSummary]

    let compiled: CompiledLexicon
    let tries: [LevelTrie]
    let rules: FoldRules
    let guards: GuardData
    let designators: Designators
    private let pool: WorkerPool
    /// Word keys computed by any thread, for every thread.
    let sharedWords = SharedWordCache()
    /// Whether more than one matching worker exists, so that sharing word keys saves work (a
    /// single-threaded user would only hold every word twice).
    var sharesWords: Bool { pool.workerCount > 1 }
    let regionStemStore = LazyRegionStems()

    /// The fuzzy level's index over the one-word skeleton keys.
    var fuzzy: FuzzyIndex { compiled.fuzzy }
    /// The text loose keys of the names' words, computed at compile time.
    var textLooseKeys: TextLooseKeyTable { compiled.textLooseKeys }

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

    /// Opens a compiled lexicon: the one initializer every other ends in.
    init(compiled: CompiledLexicon, useGuards: Bool) throws {
        self.compiled = compiled
        self.entities = compiled.entities
        self.names = compiled.names
        self.tries = compiled.tries
        self.packs = compiled.manifest.packs.map {
            PackSummary(
                name: $0.name, version: $0.version, license: $0.license, attribution: $0.attribution,
                directory: $0.directory, entityCount: $0.entityCount, nameCount: $0.nameCount)
        }
        let packRules = compiled.manifest.packs.flatMap { pack in
            pack.rules.map { (id: LexiconCompiler.ruleID(pack.directory, pack.name, $0.path), text: $0.text) }
        }
        let rules = try FoldRules.bundled(packRules: packRules)
        self.rules = rules
        if useGuards {
            self.guards = GuardData(
                latinCommonWords: WordScores(table: compiled.latinCommonWords),
                cyrillicCommonWords: WordScores(table: compiled.cyrillicCommonWords),
                givenNames: WordScores(table: compiled.givenNames), thresholds: compiled.manifest.thresholds)
        } else {
            self.guards = .empty
        }
        self.designators = try Designators.bundled()
        self.pool = try WorkerPool(rules: rules, scalarFolds: compiled.scalarFolds)
    }

    /// Builds a lexicon from packs already loaded, compiling them (or mapping the compiled form
    /// cached from an earlier run with the same packs).
    ///
    /// - Throws: ``PackError`` when an id is defined differently in two packs or a name refers to
    ///   an id no pack defines; ``CanonymError`` when a pack's rules or Canonym's data are broken.
    /// - Complexity: compiling costs O(N·s) ICU calls for N distinct words among all names and s
    ///   romanization schemes, spread over all cores, then O(M) for M names. The compiled form is
    ///   cached on disk (see `CANONYM_CACHE_DIR` in the README), so the same packs load again in
    ///   O(size) at memory speed, with no ICU work and no parsing.
    public convenience init(packs: [Pack], useGuards: Bool = true) throws {
        let digest = try LexiconCache.digest(packs: packs)
        try self.init(compiled: Self.compiledOrCached(digest: digest) { packs }, useGuards: useGuards)
    }

    /// Loads packs and builds a lexicon from them. Each path is a pack directory or a compiled
    /// lexicon file (`canonym lexicon compile`).
    ///
    /// One compiled file is mapped as it is. Pack directories are compiled once and the result
    /// cached, keyed on the directories' content: an edited file recompiles. A compiled file
    /// combined with other paths is read back into packs and compiled with them.
    /// - Throws: ``PackError`` naming file, line and column of the first problem;
    ///   ``CompiledLexiconError`` for a compiled file that is foreign, truncated, corrupt or stale.
    public convenience init(packDirectories paths: [String], useGuards: Bool = true) throws {
        if paths.count == 1, Self.isCompiledFile(paths[0]) {
            try self.init(compiled: CompiledLexicon(path: paths[0]), useGuards: useGuards)
            return
        }
        if paths.contains(where: Self.isCompiledFile) {
            try self.init(packs: Self.loadPacks(paths), useGuards: useGuards)
            return
        }
        let digest = try LexiconCache.digest(directories: paths)
        try self.init(compiled: Self.compiledOrCached(digest: digest) { try PackSet.load(from: paths).packs }, useGuards: useGuards)
    }

    /// Opens a compiled lexicon file.
    /// - Throws: ``CompiledLexiconError`` for a file that is missing, foreign, truncated,
    ///   corrupt or stale, each with its own message.
    /// - Complexity: O(file size) at memory speed for the checksum; nothing is parsed.
    public convenience init(compiledFile path: String, useGuards: Bool = true) throws {
        try self.init(compiled: CompiledLexicon(path: path), useGuards: useGuards)
    }

    /// Whether `path` is a file (not a directory): then it is read as a compiled lexicon.
    public static func isCompiledFile(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }

    /// Whether `path` is a file that starts with a compiled lexicon's magic bytes (nothing else
    /// is checked: opening it checks the rest).
    public static func isCompiledLexicon(_ path: String) -> Bool {
        guard isCompiledFile(path), let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        return (try? handle.read(upToCount: CompiledLexicon.magic.count)).map { Array($0) == CompiledLexicon.magic } ?? false
    }

    /// What ``compile(_:to:)`` wrote.
    public struct CompileSummary: Sendable {
        /// Entities and names compiled.
        public let entityCount: Int
        public let nameCount: Int
        /// Size of the file written.
        public let byteCount: Int
    }

    /// Compiles pack directories (or compiled files) into one compiled lexicon file, written
    /// atomically.
    /// - Throws: ``PackError``, ``CompiledLexiconError`` or ``AtomicWriteError``.
    @discardableResult
    public static func compile(_ paths: [String], to output: String) throws -> CompileSummary {
        let packs = try loadPacks(paths)
        // The digest (a pass over every field) is computed beside the compile, which needs it last.
        // Without the executable's stamp, which only keys the automatic cache: the same packs
        // compile to the same bytes whichever build compiles them.
        let digest = BackgroundResult { try LexiconCache.digest(packs: packs, forCache: false) }
        let compiled = try LexiconCompiler.compile(packs, sourceDigest: { try digest.value() })
        try AtomicFile.write(compiled.bytes, to: output)
        return CompileSummary(entityCount: compiled.entityCount, nameCount: compiled.nameCount, byteCount: compiled.bytes.count)
    }

    /// The packs of pack directories and compiled files (read back into packs), in order,
    /// checked as one set: a name row may refer to an entity of any of them (the bundled
    /// `colloquial` pack names regions of `regions`).
    private static func loadPacks(_ paths: [String]) throws -> [Pack] {
        let packs = try paths.flatMap { path in
            isCompiledFile(path) ? try CompiledLexicon(path: path).packs() : [try Pack.load(from: path, allowingForeignIDs: true)]
        }
        return try PackSet(packs).packs
    }

    /// The cached compiled lexicon for `digest`, or one compiled now from `packs()` (and cached).
    private static func compiledOrCached(digest: String, packs: () throws -> [Pack]) throws -> CompiledLexicon {
        if let cached = LexiconCache.load(digest: digest) { return cached }
        let bytes = try LexiconCompiler.compile(packs(), sourceDigest: digest).bytes
        LexiconCache.store(bytes, digest: digest)
        // Run on the stored file when it was written (pages shared with other processes), else
        // on the bytes in memory.
        return try LexiconCache.load(digest: digest) ?? CompiledLexicon(image: ByteImage(copying: bytes))
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
    /// cities (see `Lexicons/README.md`). Compiled on first use and cached.
    public static func bundledDefault() throws -> Lexicon {
        try Lexicon(packDirectories: bundledPackDirectories())
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

    /// Prepares a lexicon loaded from a compiled file for a long run: asks the system to read
    /// the whole file into memory in the background, so that matching does not wait on disk
    /// for each part of the index it first touches (the file may have left the page cache since
    /// it was last used). Returns at once; the process's resident memory does not grow. Worth
    /// calling once before tagging more than a few documents (each call reads the file again);
    /// nothing to do for a lexicon built in this process.
    public func readAhead() { compiled.image.readAhead() }

    /// Calls `body` with a function that does what ``tag(utf8:)`` does, bound to one matching
    /// worker for the whole call: a thread that tags many documents in a row (a batch of lines)
    /// takes the pool's lock once instead of twice per document, and threads that tag at once
    /// do not contend for it.
    ///
    /// The function must not escape `body`. Other threads may call the lexicon meanwhile; they
    /// use other workers.
    public func withTagger<R>(_ body: (_ tag: (UnsafeBufferPointer<UInt8>) -> [Mention]) throws -> R) rethrows -> R {
        try pool.withWorker { worker in
            try body { bytes in worker.tag(bytes, in: self) }
        }
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
    ///
    /// Mentions are taken in order, as ``tag(_:)`` returns them. One that does not lie within
    /// `bytes`, or that starts before the previous one ends, is left as text: every byte of the
    /// input is written exactly once, replaced or not.
    /// - Complexity: O(n + m) for n bytes and m mentions (with random-access `bytes`).
    public static func rewrite(
        _ bytes: some Collection<UInt8>, mentions: [Mention], into output: inout [UInt8],
        replacement: (Mention, inout [UInt8]) -> Void
    ) {
        var cursor = bytes.startIndex, cursorOffset = 0
        let count = bytes.count
        for mention in mentions {
            guard mention.byteStart >= cursorOffset, mention.byteStart <= mention.byteEnd, mention.byteEnd <= count else {
                continue
            }
            let start = bytes.index(cursor, offsetBy: mention.byteStart - cursorOffset)
            let end = bytes.index(start, offsetBy: mention.byteEnd - mention.byteStart)
            output.append(contentsOf: bytes[cursor..<start])
            replacement(mention, &output)
            cursor = end
            cursorOffset = mention.byteEnd
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

    /// How many name rows the entity at `index` has (every language and flag): how widely it
    /// is known, which the resolver weighs between a region and a city.
    /// - Complexity: O(1).
    func nameCount(ofEntityAt index: Int) -> Int {
        Int(compiled.entityNameStarts[index + 1] - compiled.entityNameStarts[index])
    }

    /// The names of an entity, in pack order.
    /// - Complexity: O(k) for its k names.
    public func names(of entity: Entity) -> [NameRecord] {
        guard let index = compiled.entityIDs.value(entity.id).map(Int.init) else { return [] }
        let starts = compiled.entityNameStarts
        return compiled.entityNameList[Int(starts[index])..<Int(starts[index + 1])].map { names[Int($0)] }
    }

    /// The entity with this id, if any pack defines it.
    public func entity(id: String) -> Entity? {
        compiled.entityIDs.value(id).map { entities[Int($0)] }
    }

    /// Index sizes per level, for `stats` and `explain`.
    public var indexSummary: [(level: FoldLevel, keys: Int, nodes: Int, postings: Int)] {
        FoldLevel.indexed.map { ($0, tries[$0.rawValue].keyCount, tries[$0.rawValue].nodeCount, tries[$0.rawValue].postingCount) }
    }

    /// ICU's version, e.g. "72.1".
    public static var icuVersion: String { ICUError.icuVersion }
}

/// The skeletons of region names' first words, per country, each country's computed on first
/// use (a country's regions are a few dozen; the world's are thousands).
final class LazyRegionStems: @unchecked Sendable {
    /// A region name's first-word skeleton.
    typealias Stem = (entity: Int32, name: Int32, skeleton: String)
    private let lock = NSLock()
    private var byCountry: [String: [Stem]] = [:]

    /// The stems of `country`'s regions, made by `make` the first time they are asked for.
    func stems(of country: String, _ make: (String) -> [Stem]) -> [Stem] {
        lock.withLock {
            if let stems = byCountry[country] { return stems }
            let made = make(country)
            byCountry[country] = made
            return made
        }
    }
}

/// A pool of matching workers, one per concurrent caller.
final class WorkerPool: @unchecked Sendable {
    private let lock = NSLock()
    private var free: [MatchWorker] = []
    private let rules: FoldRules
    private let scalarFolds: ScalarFoldTable.Prebuilt?
    private var created = 1

    /// Workers made so far (they are kept for reuse).
    var workerCount: Int { lock.withLock { created } }

    /// Creates the pool with one worker. (Its transliterators compile on first use; pack rule
    /// files were compiled, and any error reported, when the lexicon was compiled.)
    init(rules: FoldRules, scalarFolds: ScalarFoldTable.Prebuilt?) throws {
        self.rules = rules
        self.scalarFolds = scalarFolds
        free.append(try MatchWorker(rules: rules, scalarFolds: scalarFolds))
    }

    /// Runs `body` with a worker no other thread holds, and takes it back after.
    func withWorker<R>(_ body: (inout MatchWorker) throws -> R) rethrows -> R {
        // The rules compiled once in init, so a new worker's ladder compiles too.
        var worker = lock.withLock { free.popLast() } ?? makeWorker() ?? waitForFreeWorker()
        defer { lock.withLock { free.append(worker) } }
        return try body(&worker)
    }

    private func makeWorker() -> MatchWorker? {
        guard let worker = try? MatchWorker(rules: rules, scalarFolds: scalarFolds) else { return nil }
        lock.withLock { created += 1 }
        return worker
    }

    private func waitForFreeWorker() -> MatchWorker {
        while true {
            if let worker = lock.withLock({ free.popLast() }) { return worker }
            Thread.sleep(forTimeInterval: 0.001)
        }
    }
}
