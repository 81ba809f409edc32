/// A word's one-word names at one fold level, as its word-cache entry keeps them: a range of the
/// level's postings, or, when there is exactly one name (most words), that posting itself.
///
/// A match at a frequent word then reads its one-word names from the word cache, which stays
/// in the CPU cache, instead of from the level's postings array, where on a large lexicon each
/// read is a cache miss (the largest single wait of the match loop; see issue #5). The posting
/// is read once, when the word's entry is made. Eight bytes, like the range it replaces.
struct RootPostings {
    /// The range's start, or the one posting's entity.
    private var first: Int32
    /// The range's end, or the bitwise complement of the one posting's name (so negative).
    private var second: Int32

    /// No names.
    static let none = RootPostings(first: 0, second: 0)

    private init(first: Int32, second: Int32) {
        self.first = first
        self.second = second
    }

    /// The postings of `node` in `trie`, the posting itself when it is the only one.
    /// - Complexity: O(1): the node's bounds and, for one posting, that posting.
    init(node: Int32, in trie: LevelTrie) {
        let range = trie.postingRange(at: node)
        if range.end &- range.start == 1 {
            let posting = trie.postings(in: range)[Int(range.start)]
            self.init(first: posting.entity, second: ~posting.name)
        } else {
            self.init(first: range.start, second: range.end)
        }
    }

    /// Calls `body` with each posting, in the trie's order (`trie` is the level the postings
    /// were taken from).
    @inline(__always)
    func forEach(in trie: UnsafePointer<LevelTrie>, _ body: (Posting) -> Void) {
        if second < 0 {
            body(Posting(entity: first, name: ~second))
            return
        }
        for posting in trie.pointee.postings(in: (first, second)) { body(posting) }
    }
}
