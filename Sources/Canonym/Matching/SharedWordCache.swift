import Foundation

/// Fold keys of words, shared by every thread of one lexicon, so that a word's ICU work is paid
/// once per process and not once per thread: a worker consults it only on a miss in its own
/// ``TokenCache`` (a hash probe under a lock, cheap next to the ICU calls it saves), and adds
/// what it computed.
///
/// Bounded: once ``capacity`` words are stored it stops taking new ones (the words seen first
/// are the frequent ones), so memory stays fixed on any input. Running-text and lookup entries
/// are kept apart, since running text computes fewer keys for common words.
final class SharedWordCache: @unchecked Sendable {
    /// What a worker computed for a word.
    struct Entry {
        var info: TokenInfo
        var romanized: [Int32]
        var skeleton: [Int32]
    }

    /// Words kept per mode.
    let capacity: Int
    private let lock = NSLock()
    private var text: [[UInt8]: Entry] = [:]
    private var lookup: [[UInt8]: Entry] = [:]

    init(capacity: Int = 1 << 17) {
        self.capacity = capacity
    }

    /// The entry for `word`, if some thread has computed it.
    func entry(_ word: UnsafeBufferPointer<UInt8>, forText: Bool) -> Entry? {
        let key = Array(word)
        return lock.withLock { forText ? text[key] : lookup[key] }
    }

    /// Stores a computed entry unless the cache is full.
    func store(_ word: UnsafeBufferPointer<UInt8>, forText: Bool, _ entry: Entry) {
        let key = Array(word)
        lock.withLock {
            if forText {
                if text.count < capacity { text[key] = entry }
            } else if lookup.count < capacity {
                lookup[key] = entry
            }
        }
    }
}
