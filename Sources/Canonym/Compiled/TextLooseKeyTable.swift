/// The loose keys of every word of a lexicon's names as running text would have them, computed
/// when the lexicon is compiled: for each key of the `exact` level, the ids of the word's text
/// loose keys (``FoldLadder/looseKeysOfTextWord(_:into:)``) at the `romanized` and `skeleton`
/// levels, each once, in the order the matcher would list them.
///
/// A new word of running text that is some name's word (59 % of the benchmark corpus's new
/// words are) then gets its loose keys from one lookup here instead of romanizing it under every
/// scheme, making its skeletons and looking each key up (about 13 % of a tag run on the benchmark
/// corpus, see issue #5).
///
/// Section layout (little-endian `UInt32`s): the word count N; `starts`, N + 1 values, where
/// word k's ids are `pool[starts[k] ..< starts[k + 1]]` (offsets in the low 31 bits); then the
/// pool. Bit 31 of `starts[k]` marks a word whose keys only the run can compute (an ICU error
/// at compile time); bit 31 of a pool entry marks a `skeleton` key id, else it is `romanized`.
struct TextLooseKeyTable: @unchecked Sendable {
    private let starts: UnsafeBufferPointer<UInt32>
    private let pool: UnsafeBufferPointer<UInt32>

    /// Marks a skeleton key id in the pool, and a word without precomputed keys in `starts`.
    static let flag: UInt32 = 0x8000_0000

    /// Words (exact keys) the table covers.
    var wordCount: Int { starts.count - 1 }

    /// Opens the section at `offset`; nil when its sizes do not fit together.
    init?(image: ByteImage, offset: Int, length: Int) {
        guard length >= 8, length % 4 == 0 else { return nil }
        let count = Int(image.u32(offset))
        guard (count + 2) * 4 <= length else { return nil }
        starts = image.array(offset + 4, count: count + 1, of: UInt32.self)
        pool = image.array(offset + 4 + (count + 1) * 4, count: length / 4 - count - 2, of: UInt32.self)
        guard starts[0] & ~Self.flag == 0, Int(starts[count] & ~Self.flag) == pool.count else { return nil }
    }

    /// The loose key ids of the word whose `exact` key id is `exactKey` (see the type's
    /// layout), or nil when the run must compute them: no such key, or none precomputed.
    /// - Complexity: O(1): two reads.
    @inline(__always)
    func keys(ofExactKey exactKey: Int32) -> UnsafeBufferPointer<UInt32>? {
        let k = Int(exactKey)
        guard k >= 0, k < starts.count - 1 else { return nil }
        let start = starts[k], end = starts[k + 1] & ~Self.flag
        guard start & Self.flag == 0, start <= end, Int(end) <= pool.count else { return nil }
        return UnsafeBufferPointer(rebasing: pool[Int(start)..<Int(end)])
    }

    /// The section for a lexicon whose `exact` keys are `exactKeys` (by id), whose loose keys
    /// the `romanized` and `skeleton` builders intern, and whose fold rules are `rules`.
    /// - Complexity: O(N·s) for N words and s text romanization schemes, spread over up to
    ///   eight cores, one fold ladder each.
    static func encode(exactKeys: [[UInt8]], romanized: TrieBuilder, skeleton: TrieBuilder, rules: FoldRules) throws -> [UInt8] {
        let perWord = try ParallelWork.stridedMap(
            count: exactKeys.count, perWorker: 2000, makeState: { (ladder: try FoldLadder(rules: rules), keys: LooseKeyBytes()) }
        ) { worker, i in
            ids(of: exactKeys[i], ladder: worker.ladder, keys: &worker.keys, romanized: romanized, skeleton: skeleton)
        }
        var starts: [UInt32] = [0]
        var pool: [UInt32] = []
        starts.reserveCapacity(exactKeys.count + 1)
        for i in 0..<exactKeys.count {
            if let ids = perWord[i] {
                pool.append(contentsOf: ids)
            } else {
                starts[i] |= flag
            }
            starts.append(UInt32(pool.count))
        }
        guard pool.count < Int(flag) else { throw CanonymError.badResource("too many loose keys to compile: \(pool.count)") }
        var bytes: [UInt8] = []
        bytes.reserveCapacity((starts.count + pool.count + 1) * 4)
        bytes.appendLE(UInt32(exactKeys.count))
        bytes.appendLE(starts)
        bytes.appendLE(pool)
        return bytes
    }

    /// One word's pool entries, as the matcher's `appendLooseKeys` would list its keys: known
    /// keys only, each once, romanized ones first; nil when its keys need the run (an ICU error).
    private static func ids(
        of word: [UInt8], ladder: FoldLadder, keys: inout LooseKeyBytes, romanized: TrieBuilder, skeleton: TrieBuilder
    ) -> [UInt32]? {
        guard let forms = try? ladder.strictForms(of: String(decoding: word, as: UTF8.self)),
            forms.exact.utf8.elementsEqual(word), ladder.looseKeysOfTextWord(forms, into: &keys)
        else { return nil }
        var ids: [UInt32] = []
        for range in keys.romanized {
            let id = keys.withKey(range) { romanized.keyID(Array($0)) }
            if id >= 0, !ids.contains(UInt32(id)) { ids.append(UInt32(id)) }
        }
        for range in keys.skeleton {
            let id = keys.withKey(range) { skeleton.keyID(Array($0)) }
            if id >= 0, !ids.contains(UInt32(id) | flag) { ids.append(UInt32(id) | flag) }
        }
        return ids
    }
}
