/// One fold level's index: interned token keys and a trie of names over them.
///
/// A name of k words is a path of k edges from the root; each edge is labelled by the id of one
/// word's key at this level. Nodes where a name ends carry postings. Phrases therefore match word
/// by word, and a word that is no name's word has no key id at all, which the hot path learns
/// from one cache probe.
struct LevelTrie: Sendable {
    /// Interned word keys at this level.
    private(set) var keyIDs: [String: Int32] = [:]
    /// `(parent << 32) | keyID` → child node. The root is node 0.
    private var edges: [UInt64: Int32] = [:]
    /// Postings of node `n` are `postings[postingStart[n] ..< postingStart[n + 1]]` once sealed.
    private var postingStart: [Int32] = []
    private var postings: [Posting] = []
    /// Build-time postings per node.
    private var pending: [[Posting]] = [[]]

    /// Nodes in the trie, root included.
    var nodeCount: Int { pending.isEmpty ? postingStart.count - 1 : pending.count }
    /// Distinct word keys.
    var keyCount: Int { keyIDs.count }
    /// Postings stored.
    var postingCount: Int { postings.count }

    /// The id of a word key, or -1 when no name has that word at this level.
    @inline(__always)
    func keyID(_ key: String) -> Int32 { keyIDs[key] ?? -1 }

    /// The child of `node` along `key`, or -1.
    @inline(__always)
    func child(of node: Int32, key: Int32) -> Int32 {
        edges[UInt64(UInt32(bitPattern: node)) << 32 | UInt64(UInt32(bitPattern: key))] ?? -1
    }

    /// The names that end at `node`.
    @inline(__always)
    func postings(at node: Int32) -> ArraySlice<Posting> {
        let n = Int(node)
        return postings[Int(postingStart[n])..<Int(postingStart[n + 1])]
    }

    /// Adds a name, given the key of each of its words, unless an equal posting is there.
    mutating func insert(_ keys: [String], posting: Posting) {
        var node: Int32 = 0
        for key in keys {
            let id: Int32
            if let existing = keyIDs[key] {
                id = existing
            } else {
                id = Int32(keyIDs.count)
                keyIDs[key] = id
            }
            let edge = UInt64(UInt32(bitPattern: node)) << 32 | UInt64(UInt32(bitPattern: id))
            if let next = edges[edge] {
                node = next
            } else {
                let next = Int32(pending.count)
                pending.append([])
                edges[edge] = next
                node = next
            }
        }
        let n = Int(node)
        if !pending[n].contains(where: { $0.entity == posting.entity }) {
            pending[n].append(posting)
        }
    }

    /// The trie's sealed storage, for the on-disk index cache.
    var storage: (keys: [String: Int32], edges: [UInt64: Int32], postingStart: [Int32], postings: [Posting]) {
        (keyIDs, edges, postingStart, postings)
    }

    /// Rebuilds a sealed trie from storage read back from the index cache.
    /// Returns nil when the parts do not fit together.
    init?(keys: [String: Int32], edges: [UInt64: Int32], postingStart: [Int32], postings: [Posting]) {
        guard postingStart.first == 0, postingStart.last.map({ Int($0) == postings.count }) == true else { return nil }
        let nodeCount = postingStart.count - 1
        for (edge, child) in edges where child <= 0 || Int(child) >= nodeCount || Int(edge >> 32) >= nodeCount {
            return nil
        }
        self.keyIDs = keys
        self.edges = edges
        self.postingStart = postingStart
        self.postings = postings
        self.pending = []
    }

    init() {}

    /// Freezes the postings into one flat array.
    mutating func seal() {
        postingStart = [0]
        postingStart.reserveCapacity(pending.count + 1)
        postings.reserveCapacity(pending.reduce(0) { $0 + $1.count })
        for list in pending {
            postings.append(contentsOf: list)
            postingStart.append(Int32(postings.count))
        }
        pending = []
    }
}

/// A name's entry at one node: which entity, through which name row.
struct Posting: Sendable, Hashable {
    /// Index into the lexicon's entity table.
    var entity: Int32
    /// Index into the lexicon's name table.
    var name: Int32
}
