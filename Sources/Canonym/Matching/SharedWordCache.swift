import Foundation

/// Fold keys of words, shared by every thread of one lexicon, so that a word's ICU work is paid
/// once per process and not once per thread: a worker consults it only on a miss in its own
/// ``TokenCache`` (a hash probe under a lock, cheap next to the ICU calls it saves), and adds
/// what it computed.
///
/// The words are spread over ``shardCount`` shards by their hash, each with its own lock and
/// two ``TokenCache`` tables (running text computes fewer keys for common words than lookups, so
/// their entries are kept apart). Under one lock, two threads tagging new text met on it often
/// enough to put one of them to sleep thousands of times a run, its core idle meanwhile: on the
/// 64 MiB bench corpus with two threads, `strace -f -c` counted 14,595 futex calls with one lock
/// and 1,094 with 64 shards, and the process used 175 % of a CPU instead of 184 %. Each table is
/// bounded: once it reaches its budget it takes no new words (the words seen first are the
/// frequent ones), so memory stays fixed on any input.
final class SharedWordCache: @unchecked Sendable {
    /// What a worker computed for a word.
    struct Entry {
        var info: TokenInfo
        var romanized: [LooseKey]
        var skeleton: [LooseKey]
    }

    /// Shards, chosen by the top bits of a word's hash (a ``TokenCache`` picks slots with the
    /// low bits).
    static let shardCount = 64

    /// One shard: its lock and its two tables, made on the first word stored in them (a
    /// lexicon used from one thread never stores any, and 128 empty tables would cost 2 MB).
    private final class Shard: @unchecked Sendable {
        let lock = NSLock()
        private var text: TokenCache?
        private var lookup: TokenCache?
        private let maxEntries: Int
        private let maxArenaBytes: Int

        init(maxEntries: Int, maxArenaBytes: Int) {
            self.maxEntries = maxEntries
            self.maxArenaBytes = maxArenaBytes
        }

        /// The entry for `word` in the text or lookup table; call under ``lock``.
        func read(_ word: UnsafeBufferPointer<UInt8>, hash: UInt64, forText: Bool) -> Entry? {
            func read(_ cache: TokenCache?) -> Entry? {
                guard let cache, let index = cache.find(word, hash: hash) else { return nil }
                let keys = cache.looseKeys(of: index)
                return Entry(info: cache.infos[index], romanized: keys.romanized, skeleton: keys.skeleton)
            }
            return forText ? read(text) : read(lookup)
        }

        /// Stores `entry` unless the table is full or has the word; call under ``lock``.
        func write(_ word: UnsafeBufferPointer<UInt8>, hash: UInt64, forText: Bool, _ entry: Entry) {
            func write(_ cache: inout TokenCache?, entries: Int, arena: Int) {
                if cache == nil { cache = TokenCache(maxEntries: entries, maxArenaBytes: arena) }
                guard !cache!.isFull, cache!.find(word, hash: hash) == nil else { return }
                _ = cache!.insert(word, hash: hash, info: entry.info, romanized: entry.romanized, skeleton: entry.skeleton)
            }
            if forText {
                write(&text, entries: maxEntries, arena: maxArenaBytes)
            } else {
                write(&lookup, entries: max(1, maxEntries / 8), arena: max(1, maxArenaBytes / 8))
            }
        }
    }

    private let shards: [Shard]

    /// A cache of at most `maxEntries` words of running text and `maxArenaBytes` of their bytes
    /// (and an eighth of each for lookup terms), spread evenly over the shards.
    init(maxEntries: Int = 1 << 17, maxArenaBytes: Int = 8 << 20) {
        shards = (0..<Self.shardCount).map { _ in
            Shard(maxEntries: max(1, maxEntries / Self.shardCount), maxArenaBytes: max(1, maxArenaBytes / Self.shardCount))
        }
    }

    @inline(__always)
    private func shard(_ hash: UInt64) -> Shard { shards[Int(truncatingIfNeeded: hash >> 58) & (Self.shardCount - 1)] }

    /// The entry another worker stored for `word` (its ``TokenCache/hash(_:)`` is `hash`), if any.
    /// - Complexity: O(1) expected, under the word's shard lock.
    func entry(_ word: UnsafeBufferPointer<UInt8>, hash: UInt64, forText: Bool) -> Entry? {
        let shard = shard(hash)
        return shard.lock.withLock { shard.read(word, hash: hash, forText: forText) }
    }

    /// Stores what a worker computed for `word`, unless the shard's table is full or has it.
    /// - Complexity: O(1) amortized, under the word's shard lock.
    func store(_ word: UnsafeBufferPointer<UInt8>, hash: UInt64, forText: Bool, _ entry: Entry) {
        let shard = shard(hash)
        shard.lock.withLock { shard.write(word, hash: hash, forText: forText, entry) }
    }
}
