@testable import Canonym
import XCTest

/// The matcher's per-thread word cache: every word put in is found again by its bytes, words
/// never put in are not, across growth of the slot table and words of every length.
final class WordCacheTests: XCTestCase {
    /// Words of 0 to 40 bytes, many sharing prefixes, suffixes and lengths (the cases a hash
    /// that reads several bytes at once could confuse), in ASCII and Cyrillic.
    private func words(count: Int, seed: UInt64) -> [[UInt8]] {
        var state = seed
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        let alphabets: [[UInt8]] = [Array("ab".utf8), Array("abcdefghijklmnopqrstuvwxyz".utf8), Array("кйив".utf8)]
        var seen = Set<[UInt8]>()
        var result: [[UInt8]] = []
        while result.count < count {
            let alphabet = alphabets[Int(next() % UInt64(alphabets.count))]
            let length = Int(next() % 41)
            let word = (0..<length).map { _ in alphabet[Int(next() % UInt64(alphabet.count))] }
            if seen.insert(word).inserted { result.append(word) }
        }
        return result
    }

    /// Loose keys with these ids, leading nowhere from the root.
    private func loose(_ ids: [Int32]) -> [LooseKey] {
        ids.map { LooseKey(id: $0, root: -1, postings: .none) }
    }

    private func info(_ marker: Int32) -> TokenInfo {
        TokenInfo(
            exact: marker, folded: -1, romanizedStart: 0, skeletonStart: 0, commonWordZipf: 0, romanizedCount: 0,
            skeletonCount: 0, isGivenName: false)
    }

    func testEveryInsertedWordIsFoundAndNoOtherWordIs() {
        let inserted = words(count: 5_000, seed: 1)
        let insertedSet = Set(inserted)
        let absent = words(count: 5_000, seed: 2).filter { !insertedSet.contains($0) }
        var cache = TokenCache(maxEntries: 1 << 17)
        for (i, word) in inserted.enumerated() {
            word.withUnsafeBufferPointer { bytes in
                let index = cache.insert(bytes, hash: TokenCache.hash(bytes), info: info(Int32(i)), romanized: [], skeleton: [])
                XCTAssertEqual(index, i)
            }
        }
        for (i, word) in inserted.enumerated() {
            word.withUnsafeBufferPointer { bytes in
                let found = cache.find(bytes, hash: TokenCache.hash(bytes))
                XCTAssertEqual(found, i, "word \(i) of \(bytes.count) bytes")
                if let found { XCTAssertEqual(cache.infos[found].exact, Int32(i)) }
            }
        }
        for word in absent {
            word.withUnsafeBufferPointer { bytes in
                XCTAssertNil(cache.find(bytes, hash: TokenCache.hash(bytes)))
            }
        }
    }

    /// A slot keeps a word's first eight bytes, little-endian and zero-padded, at every length
    /// (short words are read without a loop, long ones with one load).
    func testSlotHeadIsTheFirstEightBytesZeroPadded() {
        let bytes: [UInt8] = Array(0xA1...0xAC)
        for n in 0...12 {
            let expected = (0..<min(n, 8)).reduce(UInt64(0)) { $0 | UInt64(bytes[$1]) << UInt64(8 * $1) }
            let head = bytes.withUnsafeBufferPointer { TokenCache.head(UnsafeBufferPointer(rebasing: $0[0..<n])) }
            XCTAssertEqual(head, expected, "\(n) bytes")
        }
    }

    func testWordsThatDifferInOneByteOrInLengthHashApart() {
        // One byte apart at every position of every length up to 24, and words of one letter
        // repeated at every length ("a" and "ba" once collided through the length).
        var hashes = Set<UInt64>()
        var count = 0
        for length in 1...24 {
            for position in 0..<length {
                var word = [UInt8](repeating: 0x61, count: length)
                word[position] = 0x62
                hashes.insert(word.withUnsafeBufferPointer { TokenCache.hash($0) })
                count += 1
            }
            hashes.insert([UInt8](repeating: 0x61, count: length).withUnsafeBufferPointer { TokenCache.hash($0) })
            count += 1
        }
        XCTAssertEqual(hashes.count, count)
    }

    /// Over budget, the cache keeps the words it met first (in text, mostly the frequent ones)
    /// with their keys, forgets the later ones, and goes on taking new words.
    func testOverflowKeepsTheEarlierHalfWithTheirKeys() {
        let all = words(count: 120, seed: 3)
        var cache = TokenCache(maxEntries: 100)
        func insert(_ i: Int) {
            all[i].withUnsafeBufferPointer { bytes in
                var entry = info(Int32(i))
                entry.looseDeferred = i % 10 == 0
                let keys: [Int32] = entry.looseDeferred ? [] : [Int32(i), Int32(i + 1000)]
                _ = cache.insert(bytes, hash: TokenCache.hash(bytes), info: entry, romanized: loose(keys), skeleton: loose([Int32(-i)]))
            }
        }
        func find(_ i: Int) -> Int? { all[i].withUnsafeBufferPointer { cache.find($0, hash: TokenCache.hash($0)) } }
        for i in 0..<40 { insert(i) }
        cache.completeLooseKeys(0, romanized: loose([7, 8]), skeleton: loose([9]))  // before word 50, the cut: kept
        for i in 40..<100 { insert(i) }
        cache.completeLooseKeys(10, romanized: loose([5]), skeleton: loose([6]))  // after it: in the forgotten part
        XCTAssertTrue(cache.isFull)
        cache.makeRoom()

        XCTAssertEqual(cache.infos.count, 50)
        for i in 0..<50 {
            XCTAssertEqual(find(i), i, "word \(i) is kept")
            XCTAssertEqual(cache.infos[i].exact, Int32(i))
        }
        for i in 50..<100 { XCTAssertNil(find(i), "word \(i) is forgotten") }
        XCTAssertEqual(cache.looseKeys(of: 1).romanized.map(\.id), [1, 1001])
        XCTAssertEqual(cache.looseKeys(of: 1).skeleton.map(\.id), [-1])
        XCTAssertEqual(cache.looseKeys(of: 0).romanized.map(\.id), [7, 8], "completed before the cut: kept")
        XCTAssertFalse(cache.infos[0].looseDeferred)
        XCTAssertTrue(cache.infos[10].looseDeferred, "completed after the cut: to be completed again")
        XCTAssertEqual(cache.looseKeys(of: 10).romanized.map(\.id), [])

        for i in 100..<120 { insert(i) }
        XCTAssertEqual(find(111), 61)
        XCTAssertEqual(cache.looseKeys(of: 61).romanized.map(\.id), [111, 1111])
        XCTAssertEqual(find(5), 5)
    }

    /// The cache shared by a lexicon's threads, spread over shards: what one thread stores is
    /// found by another with its keys, text and lookup entries are kept apart, and each shard's
    /// table stops taking words at its budget instead of growing.
    func testSharedCacheFindsEveryStoredWordAcrossShardsAndStaysBounded() {
        let shared = SharedWordCache(maxEntries: SharedWordCache.shardCount * 4)
        let all = words(count: 2_000, seed: 11)
        for (i, word) in all.enumerated() {
            word.withUnsafeBufferPointer { bytes in
                let entry = SharedWordCache.Entry(info: info(Int32(i)), romanized: loose([Int32(i)]), skeleton: [])
                shared.store(bytes, hash: TokenCache.hash(bytes), forText: true, entry)
            }
        }
        var found = 0
        for (i, word) in all.enumerated() {
            word.withUnsafeBufferPointer { bytes in
                let hash = TokenCache.hash(bytes)
                XCTAssertNil(shared.entry(bytes, hash: hash, forText: false), "lookup entries are kept apart")
                guard let entry = shared.entry(bytes, hash: hash, forText: true) else { return }
                XCTAssertEqual(entry.info.exact, Int32(i))
                XCTAssertEqual(entry.romanized.map(\.id), [Int32(i)])
                found += 1
            }
        }
        // 2,000 words spread over the shards fill every one to its budget of 4, and no further.
        XCTAssertEqual(found, SharedWordCache.shardCount * 4)
    }
}
