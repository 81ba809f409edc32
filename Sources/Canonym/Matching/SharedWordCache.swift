import Foundation

/// Fold keys of words, shared by every thread of one lexicon, so that a word's ICU work is paid
/// once per process and not once per thread: a worker consults it only on a miss in its own
/// ``TokenCache`` (a hash probe under a lock, cheap next to the ICU calls it saves), and adds
/// what it computed.
///
/// Two ``TokenCache`` tables under one lock (running text computes fewer keys for common words
/// than lookups, so their entries are kept apart). Bounded: once a table reaches its budget it
/// takes no new words (the words seen first are the frequent ones), so memory stays fixed on
/// any input.
final class SharedWordCache: @unchecked Sendable {
    /// What a worker computed for a word.
    struct Entry {
        var info: TokenInfo
        var romanized: [LooseKey]
        var skeleton: [LooseKey]
    }

    private let lock = NSLock()
    private var text: TokenCache
    private var lookup: TokenCache

    init(maxEntries: Int = 1 << 17) {
        text = TokenCache(maxEntries: maxEntries)
        lookup = TokenCache(maxEntries: maxEntries / 8)
    }

    /// The entry for `word`, if some thread has computed it.
    func entry(_ word: UnsafeBufferPointer<UInt8>, hash: UInt64, forText: Bool) -> Entry? {
        lock.withLock {
            func read(_ cache: inout TokenCache) -> Entry? {
                guard let index = cache.find(word, hash: hash) else { return nil }
                let keys = cache.looseKeys(of: index)
                return Entry(info: cache.infos[index], romanized: keys.romanized, skeleton: keys.skeleton)
            }
            return forText ? read(&text) : read(&lookup)
        }
    }

    /// Stores a computed entry unless the table is full or has the word already.
    func store(_ word: UnsafeBufferPointer<UInt8>, hash: UInt64, forText: Bool, _ entry: Entry) {
        lock.withLock {
            func write(_ cache: inout TokenCache) {
                guard !cache.isFull, cache.find(word, hash: hash) == nil else { return }
                _ = cache.insert(word, hash: hash, info: entry.info, romanized: entry.romanized, skeleton: entry.skeleton)
            }
            if forText { write(&text) } else { write(&lookup) }
        }
    }
}
