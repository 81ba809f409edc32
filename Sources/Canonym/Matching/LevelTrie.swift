/// One fold level's index, read in place from a compiled lexicon: interned word keys and a
/// trie of names over them.
///
/// A name of k words is a path of k edges from the root; each edge is labelled by the id of one
/// word's key at this level. Nodes where a name ends carry postings. Phrases therefore match word
/// by word, and a word that is no name's word has no key id at all, which the hot path learns
/// from one cache probe.
///
/// Storage (five sections of the image): the keys as a ``StringTable`` (entry i is key id i);
/// the edges — the root's as a dense array indexed by key id (most names are one word), the
/// others as an open-addressing table of `(parent, key, child)` triples; `postingStart`
/// (`nodeCount + 1` values) and the postings, `(entity, name)` pairs; a bitset of the nodes
/// that have children, so that a walk learns that no name goes on from a small table instead
/// of probing the large edge table (most names end after their first word).
struct LevelTrie: @unchecked Sendable {
    /// Interned word keys at this level.
    let keys: StringTable
    /// `rootChildren[key]`: the root's child along `key`, 0 when none.
    private let rootChildren: UnsafeBufferPointer<UInt32>
    private let edges: UnsafeBufferPointer<UInt32>
    private let edgeShift: UInt64
    private let edgeMask: Int
    private let postingStart: UnsafeBufferPointer<UInt32>
    private let postingPairs: UnsafeBufferPointer<Int32>
    /// Bit `n` is set when node `n` has a child.
    private let branching: UnsafeBufferPointer<UInt64>

    /// Nodes in the trie, root included.
    var nodeCount: Int { postingStart.count - 1 }
    /// Distinct word keys.
    var keyCount: Int { keys.count }
    /// Postings stored.
    var postingCount: Int { postingPairs.count / 2 }
    /// Bytes of the image the level occupies (keys, edges, postings).
    let byteCount: Int

    /// Calls `body` with every edge as `(parent, key, child)`.
    /// - Complexity: O(edge slots).
    func forEachEdge(_ body: (Int32, Int32, Int32) -> Void) {
        for (key, child) in rootChildren.enumerated() where child != 0 { body(0, Int32(key), Int32(bitPattern: child)) }
        for slot in 0...edgeMask where edges[slot * 3 + 2] != 0 {
            body(Int32(bitPattern: edges[slot * 3]), Int32(bitPattern: edges[slot * 3 + 1]), Int32(bitPattern: edges[slot * 3 + 2]))
        }
    }

    /// Opens a level from its sections; nil when their sizes do not fit together.
    init?(image: ByteImage, keys: (Int, Int), edges: (Int, Int), starts: (Int, Int), postings: (Int, Int), branching: (Int, Int)) {
        guard let table = StringTable(image: image, offset: keys.0, length: keys.1), edges.1 >= 16 else { return nil }
        let bits = Int(image.u32(edges.0)), rootCount = Int(image.u32(edges.0 + 8))
        guard bits >= 1, bits < 32, rootCount == table.count, 16 + rootCount * 4 + (1 << bits) * 12 == edges.1,
            starts.1 % 4 == 0, starts.1 >= 4, postings.1 % 8 == 0
        else { return nil }
        let starts = image.array(starts.0, count: starts.1 / 4, of: UInt32.self)
        guard starts[0] == 0, Int(starts[starts.count - 1]) == postings.1 / 8,
            branching.1 == (starts.count - 1 + 63) / 64 * 8
        else { return nil }
        self.keys = table
        self.rootChildren = image.array(edges.0 + 16, count: rootCount, of: UInt32.self)
        self.edges = image.array(edges.0 + 16 + rootCount * 4, count: (1 << bits) * 3, of: UInt32.self)
        self.edgeShift = UInt64(64 - bits)
        self.edgeMask = (1 << bits) - 1
        self.postingStart = starts
        self.postingPairs = image.array(postings.0, count: postings.1 / 4, of: Int32.self)
        self.branching = image.array(branching.0, count: branching.1 / 8, of: UInt64.self)
        self.byteCount = keys.1 + edges.1 + starts.count * 4 + postings.1 + branching.1
    }

    /// Asks for the memory a ``keyID(_:hash:)`` of the key whose ``StringTable/hash(of:)`` is
    /// `hash` will read (see ``StringTable/prefetch(hash:)``).
    @inline(__always)
    func prefetchKey(hash: UInt64) { keys.prefetch(hash: hash) }

    /// ``keyID(_:)`` of a key whose ``StringTable/hash(of:)`` is `hash`.
    @inline(__always)
    func keyID(_ key: String, hash: UInt64) -> Int32 { keys.value(key, hash: hash).map { Int32(bitPattern: $0) } ?? -1 }

    /// ``keyID(_:hash:)`` of a key given as its UTF-8 bytes.
    @inline(__always)
    func keyID(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int32 { keys.value(key, hash: hash).map { Int32(bitPattern: $0) } ?? -1 }

    /// The id of a word key, or -1 when no name has that word at this level.
    @inline(__always)
    func keyID(_ key: String) -> Int32 { keyID(key, hash: StringTable.hash(of: key)) }

    @inline(__always)
    static func edgeHash(_ parent: UInt32, _ key: UInt32) -> UInt64 {
        (UInt64(parent) << 32 | UInt64(key)) &* 0x9E37_79B9_7F4A_7C15
    }

    /// The child of `node` along `key`, or -1.
    /// - Complexity: O(1) expected.
    @inline(__always)
    func child(of node: Int32, key: Int32) -> Int32 {
        if node == 0 {
            let child = rootChildren[Int(key)]
            return child == 0 ? -1 : Int32(bitPattern: child)
        }
        let parent = UInt32(bitPattern: node), label = UInt32(bitPattern: key)
        var slot = Int(truncatingIfNeeded: Self.edgeHash(parent, label) >> edgeShift)
        while true {
            let child = edges[slot * 3 + 2]
            if child == 0 { return -1 }
            if edges[slot * 3] == parent, edges[slot * 3 + 1] == label { return Int32(bitPattern: child) }
            slot = (slot + 1) & edgeMask
        }
    }

    /// Whether some name goes on from `node` (it has a child along some key).
    /// - Complexity: O(1): one bit of a table 1/64 the size of the node count.
    @inline(__always)
    func hasChildren(_ node: Int32) -> Bool {
        let n = Int(node)
        return branching[n >> 6] & (1 << UInt64(n & 63)) != 0
    }

    /// The names that end at `node`.
    @inline(__always)
    func postings(at node: Int32) -> PostingList {
        let n = Int(node)
        return PostingList(pairs: postingPairs, start: Int(postingStart[n]), end: Int(postingStart[n + 1]))
    }

    /// Where the postings of `node` lie, to keep beside a word and read later with
    /// ``postings(in:)`` without the lookup in the starts array.
    func postingRange(at node: Int32) -> (start: Int32, end: Int32) {
        let n = Int(node)
        return (Int32(bitPattern: postingStart[n]), Int32(bitPattern: postingStart[n + 1]))
    }

    /// The postings of a range from ``postingRange(at:)``.
    @inline(__always)
    func postings(in range: (start: Int32, end: Int32)) -> PostingList {
        PostingList(pairs: postingPairs, start: Int(range.start), end: Int(range.end))
    }
}

/// The postings of one trie node: a view, no copy.
struct PostingList: RandomAccessCollection {
    let pairs: UnsafeBufferPointer<Int32>
    let startIndex: Int
    let endIndex: Int

    init(pairs: UnsafeBufferPointer<Int32>, start: Int, end: Int) {
        self.pairs = pairs
        self.startIndex = start
        self.endIndex = end
    }

    subscript(position: Int) -> Posting {
        Posting(entity: pairs[position * 2], name: pairs[position * 2 + 1])
    }
}

/// A name's entry at one node: which entity, through which name row.
struct Posting: Sendable, Hashable {
    /// Index into the lexicon's entity table.
    var entity: Int32
    /// Index into the lexicon's name table.
    var name: Int32
}

/// Builds one level's trie, then writes it in the compiled layout ``LevelTrie`` reads.
///
/// Keys are interned by their UTF-8 bytes, as the compiled table looks them up (a `String`
/// dictionary would hash and compare by canonical equivalence, which costs a normalization per
/// non-ASCII key and is not what the reader matches).
struct TrieBuilder {
    /// Interned word keys, in id order.
    private var keyList: [[UInt8]] = []
    private var keyIDs: [ByteKey: Int32] = [:]
    /// `(parent << 32) | keyID` → child node. The root is node 0.
    private var edges: [UInt64: Int32] = [:]
    /// Postings per node, as lists threaded through one pool (an array per node was a heap
    /// allocation for each of a million nodes): `first[node]` and `last[node]` index `pool`,
    /// -1 when the node has none; `next` links a list in insertion order.
    private var first: [Int32] = [-1]
    private var last: [Int32] = [-1]
    private var pool: [(posting: Posting, next: Int32)] = []

    /// Nodes in the trie, root included.
    private var nodeCount: Int { first.count }

    /// An empty trie.
    init() {}

    /// An empty trie with room for about `keys` distinct word keys and `names` names, so that
    /// its tables are not rehashed as they grow (every rehash hashed each key again).
    init(expectingKeys keys: Int, names: Int) {
        keyIDs.reserveCapacity(keys)
        keyList.reserveCapacity(keys)
        edges.reserveCapacity(names)
        first.reserveCapacity(names)
        last.reserveCapacity(names)
        pool.reserveCapacity(names)
    }

    /// Adds a name, given the key of each of its words, unless an equal posting is there.
    mutating func insert(_ keys: [String], posting: Posting) {
        var ids: [Int32] = []
        ids.reserveCapacity(keys.count)
        for key in keys { ids.append(intern(key)) }
        insert(keyIDs: ids, posting: posting)
    }

    /// The id of a word key, numbered in order of first sight. A caller that remembers the ids
    /// of its words passes them to ``insert(keyIDs:posting:)`` without hashing a key again.
    mutating func intern(_ key: String) -> Int32 {
        let bytes = ByteKey(key)
        if let existing = keyIDs[bytes] { return existing }
        let id = Int32(keyList.count)
        keyIDs[bytes] = id
        keyList.append(bytes.bytes)
        return id
    }

    /// Adds a name, given the interned key id of each of its words, unless an equal posting is
    /// there.
    mutating func insert(keyIDs ids: [Int32], posting: Posting) {
        var node: Int32 = 0
        for id in ids {
            let edge = UInt64(UInt32(bitPattern: node)) << 32 | UInt64(UInt32(bitPattern: id))
            if let next = edges[edge] {
                node = next
            } else {
                let next = Int32(nodeCount)
                first.append(-1)
                last.append(-1)
                edges[edge] = next
                node = next
            }
        }
        let n = Int(node)
        var entry = first[n]
        while entry >= 0 {
            if pool[Int(entry)].posting.entity == posting.entity { return }
            entry = pool[Int(entry)].next
        }
        let added = Int32(pool.count)
        pool.append((posting, -1))
        if last[n] >= 0 { pool[Int(last[n])].next = added } else { first[n] = added }
        last[n] = added
    }

    /// The interned word keys' bytes, in id order.
    var keyBytes: [[UInt8]] { keyList }

    /// The id of the word key with bytes `bytes`, or -1 when none was interned.
    func keyID(_ bytes: [UInt8]) -> Int32 { keyIDs[ByteKey(bytes: bytes)] ?? -1 }

    /// The keys that label an edge from the root (a whole one-word name), with their bytes.
    func rootKeys() -> [(id: Int32, bytes: [UInt8])] {
        edges.filter { $0.key >> 32 == 0 }.map { edge in
            let id = Int32(truncatingIfNeeded: edge.key & 0xFFFF_FFFF)
            return (id, keyList[Int(id)])
        }.sorted { $0.id < $1.id }
    }

    /// Writes the five sections: keys, edges, posting starts, postings, branching nodes.
    func encode() -> (keys: [UInt8], edges: [UInt8], starts: [UInt8], postings: [UInt8], branching: [UInt8]) {
        var keyBytes: [UInt8] = []
        StringTable.encode(keyList.enumerated().map { ($0.element, UInt32($0.offset)) }, into: &keyBytes)
        var root = [UInt32](repeating: 0, count: keyList.count)
        var deep: [(UInt64, Int32)] = []
        for (edge, child) in edges {
            if edge >> 32 == 0 {
                root[Int(UInt32(truncatingIfNeeded: edge))] = UInt32(bitPattern: child)
            } else {
                deep.append((edge, child))
            }
        }
        var bits = 1
        while (1 << bits) < deep.count * 2 + 1 { bits += 1 }
        var table = [UInt32](repeating: 0, count: (1 << bits) * 3)
        let mask = (1 << bits) - 1
        // Sorted, so that the same trie always gives the same bytes.
        for (edge, child) in deep.sorted(by: { $0.0 < $1.0 }) {
            let parent = UInt32(edge >> 32), key = UInt32(truncatingIfNeeded: edge)
            var slot = Int(truncatingIfNeeded: LevelTrie.edgeHash(parent, key) >> UInt64(64 - bits))
            while table[slot * 3 + 2] != 0 { slot = (slot + 1) & mask }
            table[slot * 3] = parent
            table[slot * 3 + 1] = key
            table[slot * 3 + 2] = UInt32(bitPattern: child)
        }
        var edgeBytes: [UInt8] = []
        edgeBytes.appendLE(UInt32(bits))
        edgeBytes.appendLE(UInt32(deep.count))
        edgeBytes.appendLE(UInt32(root.count))
        edgeBytes.appendLE(UInt32(0))
        edgeBytes.appendLE(root)
        edgeBytes.appendLE(table)
        var starts: [UInt32] = [0]
        starts.reserveCapacity(nodeCount + 1)
        var pairs: [Int32] = []
        pairs.reserveCapacity(pool.count * 2)
        for node in 0..<nodeCount {
            var entry = first[node]
            while entry >= 0 {
                pairs.append(pool[Int(entry)].posting.entity)
                pairs.append(pool[Int(entry)].posting.name)
                entry = pool[Int(entry)].next
            }
            starts.append(UInt32(pairs.count / 2))
        }
        var startBytes: [UInt8] = []
        startBytes.appendLE(starts)
        var postingBytes: [UInt8] = []
        postingBytes.appendLE(pairs)
        var branching = [UInt64](repeating: 0, count: (nodeCount + 63) / 64)
        for edge in edges.keys {
            let parent = Int(edge >> 32)
            branching[parent >> 6] |= 1 << UInt64(parent & 63)
        }
        var branchingBytes: [UInt8] = []
        branchingBytes.appendLE(branching)
        return (keyBytes, edgeBytes, startBytes, postingBytes, branchingBytes)
    }
}
