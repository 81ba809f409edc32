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

    private final class Shard: @unchecked Sendable {
        let lock = NSLock()
        var text: TokenCache
        var lookup: TokenCache

        init(maxEntries: Int) {
            text = TokenCache(maxEntries: maxEntries)
            lookup = TokenCache(maxEntries: max(1, maxEntries / 8))
        }
    }

    private let shards: [Shard]

    /// A cache of at most `maxEntries` words of running text (and an eighth of that of lookup
    /// terms), spread over the shards.
    init(maxEntries: Int = 1 << 17) {
        shards = (0..<Self.shardCount).map { _ in Shard(maxEntries: max(1, maxEntries / Self.shardCount)) }
    }

    @inline(__always)
    private func shard(_ hash: UInt64) -> Shard { shards[Int(truncatingIfNeeded: hash >> 58) & (Self.shardCount - 1)] }

    /// The entry another worker stored for `word` (its ``TokenCache/hash(_:)`` is `hash`), if any.
    /// - Complexity: O(1) expected, under the word's shard lock.
    func entry(_ word: UnsafeBufferPointer<UInt8>, hash: UInt64, forText: Bool) -> Entry? {
        let shard = shard(hash)
        return shard.lock.withLock {
            func read(_ cache: inout TokenCache) -> Entry? {
                guard let index = cache.find(word, hash: hash) else { return nil }
                let keys = cache.looseKeys(of: index)
                return Entry(info: cache.infos[index], romanized: keys.romanized, skeleton: keys.skeleton)
            }
            return forText ? read(&shard.text) : read(&shard.lookup)
        }
    }

    /// Stores what a worker computed for `word`, unless the shard's table is full or has it.
    /// - Complexity: O(1) amortized, under the word's shard lock.
    func store(_ word: UnsafeBufferPointer<UInt8>, hash: UInt64, forText: Bool, _ entry: Entry) {
        let shard = shard(hash)
        shard.lock.withLock {
            func write(_ cache: inout TokenCache) {
                guard !cache.isFull, cache.find(word, hash: hash) == nil else { return }
                _ = cache.insert(word, hash: hash, info: entry.info, romanized: entry.romanized, skeleton: entry.skeleton)
            }
            if forText { write(&shard.text) } else { write(&shard.lookup) }
        }
    }
}
