/// A read-only view of one fold level's trie for the lexicon tools: which key sequence leads to
/// each node, and which entities share a node.
///
/// Built from the sealed trie in O(k + e) for k keys and e edges; every query after that is
/// O(path length) or O(postings).
struct IndexInspection {
    /// The level inspected.
    let level: FoldLevel
    private let trie: LevelTrie
    private let keyText: [String]
    private let parent: [Int32]
    private let edgeKey: [Int32]

    init(_ trie: LevelTrie, level: FoldLevel) {
        self.level = level
        self.trie = trie
        let keyText = (0..<trie.keys.count).map { trie.keys.string(at: $0) }
        let nodeCount = max(trie.nodeCount, 1)
        var parent = [Int32](repeating: -1, count: nodeCount)
        var edgeKey = [Int32](repeating: -1, count: nodeCount)
        trie.forEachEdge { from, key, child in
            guard Int(child) < nodeCount else { return }
            parent[Int(child)] = from
            edgeKey[Int(child)] = key
        }
        self.keyText = keyText
        self.parent = parent
        self.edgeKey = edgeKey
    }

    /// Nodes in the trie, the root included.
    var nodeCount: Int { parent.count }

    /// The word keys on the path from the root to `node`.
    func path(of node: Int32) -> [String] {
        var words: [String] = []
        var n = node
        while n > 0 {
            let key = edgeKey[Int(n)]
            words.append(key >= 0 && Int(key) < keyText.count ? keyText[Int(key)] : "?")
            n = parent[Int(n)]
        }
        return words.reversed()
    }

    /// The names that end at `node` (one per entity).
    func postings(at node: Int32) -> PostingList { trie.postings(at: node) }

    /// Calls `body` with every node where names of at least two entities end.
    /// - Complexity: O(n) in the number of nodes.
    func forEachCollision(_ body: (Int32, PostingList) -> Void) {
        for node in 0..<nodeCount {
            let postings = trie.postings(at: Int32(node))
            if postings.count >= 2 { body(Int32(node), postings) }
        }
    }

    /// The number of nodes shared by at least two entities.
    var collisionCount: Int {
        var count = 0
        forEachCollision { _, _ in count += 1 }
        return count
    }

    /// Calls `body` with every node that holds postings.
    func forEachNodeWithPostings(_ body: (Int32, PostingList) -> Void) {
        for node in 0..<nodeCount {
            let postings = trie.postings(at: Int32(node))
            if !postings.isEmpty { body(Int32(node), postings) }
        }
    }

    /// The node reached by a sequence of word keys, or `nil`.
    func node(for words: [String]) -> Int32? {
        var node: Int32 = 0
        for word in words {
            let key = trie.keyID(word)
            if key < 0 { return nil }
            node = trie.child(of: node, key: key)
            if node < 0 { return nil }
        }
        return node
    }

    /// Whether some name has this word key at this level.
    func hasKey(_ word: String) -> Bool { trie.keyID(word) >= 0 }
}

extension Lexicon {
    /// An inspection of each level's index, strict to loose.
    func inspections() -> [IndexInspection] {
        FoldLevel.indexed.map { IndexInspection(tries[$0.rawValue], level: $0) }
    }

    /// The index of an entity by id.
    func entityIndex(of id: String) -> Int? { compiled.entityIDs.value(id).map(Int.init) }
}
