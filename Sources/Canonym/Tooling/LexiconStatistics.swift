/// What a set of packs holds and what its index costs (`canonym lexicon stats`): entities by
/// type and country, names by language and flag, names, keys and collisions per fold level, and
/// an estimate of the memory a loaded ``Lexicon`` takes.
///
/// ```swift
/// let stats = LexiconStatistics(lexicon: try Lexicon(packDirectories: ["Lexicons/cities"]))
/// print(stats.levels.map { ($0.level, $0.collisions) })
/// ```
public struct LexiconStatistics: Sendable {
    /// One fold level's index.
    public struct Level: Sendable {
        /// The level.
        public let level: FoldLevel
        /// Name rows with an entry at this level (a name whose key an earlier name of the same
        /// entity already holds counts once, with that name).
        public let names: Int
        /// Distinct word keys.
        public let keys: Int
        /// Trie nodes (root included).
        public let nodes: Int
        /// Entries (entity, name) stored at nodes.
        public let postings: Int
        /// Keys (whole-name key sequences) shared by at least two entities.
        public let collisions: Int
        /// Entities involved in at least one of those collisions.
        public let entitiesInCollisions: Int
    }

    /// Each pack's name, entity and name counts.
    public let packs: [(name: String, entities: Int, names: Int)]
    /// Entities (deduplicated by id) and name rows.
    public let entityCount: Int
    public let nameCount: Int
    /// Entities per type (`none` for no type), most first.
    public let entitiesByType: [(String, Int)]
    /// Entities per country (`none` for no country), most first.
    public let entitiesByCountry: [(String, Int)]
    /// Name rows per language (`none` for no language), most first.
    public let namesByLanguage: [(String, Int)]
    /// Name rows per flag (a row counts once per flag it has), in documentation order.
    public let namesByFlag: [(String, Int)]
    /// The index, strict to loose.
    public let levels: [Level]
    /// Bytes of the compiled image holding entities, names, strings and the manifest.
    public let tableBytes: Int
    /// Bytes of the compiled image holding the fold-key index (keys, trie edges, postings).
    public let indexBytes: Int
    /// Bytes of the compiled image holding the guard word tables.
    public let guardBytes: Int
    /// The compiled image's size: what a compiled file of this lexicon takes on disk and, mapped,
    /// in memory.
    public let fileBytes: Int

    /// Counts `lexicon`.
    /// - Complexity: O(e + n + k) for e entities, n names and k index entries.
    public init(lexicon: Lexicon) {
        packs = lexicon.packs.map { ($0.name, $0.entityCount, $0.nameCount) }
        entityCount = lexicon.entities.count
        nameCount = lexicon.names.count
        func sortedCounts(_ counts: [String: Int]) -> [(String, Int)] {
            counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { ($0.key, $0.value) }
        }
        var types: [String: Int] = [:], countries: [String: Int] = [:], languages: [String: Int] = [:]
        for entity in lexicon.entities {
            types[entity.type ?? "none", default: 0] += 1
            countries[entity.country ?? "none", default: 0] += 1
        }
        var flags = [Int](repeating: 0, count: NameFlags.spellings.count)
        for name in lexicon.names {
            languages[name.lang ?? "none", default: 0] += 1
            for (i, flag) in NameFlags.spellings.enumerated() where name.flags.contains(flag.1) { flags[i] += 1 }
        }
        entitiesByType = sortedCounts(types)
        entitiesByCountry = sortedCounts(countries)
        namesByLanguage = sortedCounts(languages)
        namesByFlag = zip(NameFlags.spellings, flags).map { ($0.0, $1) }

        var levels: [Level] = []
        var indexBytes = 0
        for inspection in lexicon.inspections() {
            let trie = lexicon.tries[inspection.level.rawValue]
            var names = Set<Int32>()
            var collisions = 0
            var colliding = Set<Int32>()
            inspection.forEachNodeWithPostings { _, postings in
                for posting in postings { names.insert(posting.name) }
                if postings.count >= 2 {
                    collisions += 1
                    for posting in postings { colliding.insert(posting.entity) }
                }
            }
            levels.append(Level(
                level: inspection.level, names: names.count, keys: trie.keyCount, nodes: trie.nodeCount,
                postings: trie.postingCount, collisions: collisions, entitiesInCollisions: colliding.count))
            indexBytes += trie.byteCount
        }
        self.levels = levels
        self.indexBytes = indexBytes
        self.fileBytes = lexicon.compiled.image.count
        self.guardBytes = lexicon.compiled.latinCommonWords.byteCount + lexicon.compiled.cyrillicCommonWords.byteCount
            + lexicon.compiled.givenNames.byteCount
        self.tableBytes = fileBytes - indexBytes - guardBytes
    }
}
