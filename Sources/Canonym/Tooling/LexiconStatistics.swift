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
    /// Estimated bytes of the entity and name tables (Swift values and their heap strings).
    public let estimatedTableBytes: Int
    /// Estimated bytes of the fold-key index (dictionaries, trie edges, postings).
    public let estimatedIndexBytes: Int

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
            let storage = trie.storage
            indexBytes += MemoryEstimate.dictionary(count: storage.keys.count, entryBytes: MemoryLayout<String>.stride + 4)
            indexBytes += storage.keys.keys.reduce(0) { $0 + MemoryEstimate.heapBytes(of: $1) }
            indexBytes += MemoryEstimate.dictionary(count: storage.edges.count, entryBytes: 8 + 4)
            indexBytes += storage.postingStart.count * 4 + storage.postings.count * MemoryLayout<Posting>.stride
        }
        self.levels = levels
        indexBytes += MemoryEstimate.dictionary(count: lexicon.entities.count, entryBytes: MemoryLayout<String>.stride + 4)
        estimatedIndexBytes = indexBytes

        var tableBytes = lexicon.entities.count * MemoryLayout<Entity>.stride + lexicon.names.count * MemoryLayout<NameRecord>.stride
        for entity in lexicon.entities {
            tableBytes += MemoryEstimate.heapBytes(of: entity.id) + MemoryEstimate.heapBytes(of: entity.label)
            if !entity.attributes.isEmpty {
                tableBytes += 32 + entity.attributes.count * MemoryLayout<Entity.Attribute>.stride
                for attribute in entity.attributes { tableBytes += MemoryEstimate.heapBytes(of: attribute.value) }
            }
        }
        // Name rows share their entity's id string; their own text is theirs.
        for name in lexicon.names { tableBytes += MemoryEstimate.heapBytes(of: name.name) }
        estimatedTableBytes = tableBytes
    }
}

/// The memory model behind ``LexiconStatistics``' estimates: Swift's native dictionaries keep a
/// power-of-two number of buckets at most 3/4 full, one entry plus one metadata bit per bucket;
/// a `String` of up to 15 UTF-8 bytes lives inline, a longer one on the heap with a 32-byte
/// header, rounded up to 16 bytes.
enum MemoryEstimate {
    static func dictionary(count: Int, entryBytes: Int) -> Int {
        guard count > 0 else { return 0 }
        var buckets = 1
        while buckets * 3 < count * 4 { buckets <<= 1 }
        return buckets * entryBytes + buckets / 8 + 64
    }

    static func heapBytes(of text: String) -> Int {
        let count = text.utf8.count
        return count <= 15 ? 0 : (32 + count + 15) / 16 * 16
    }
}
