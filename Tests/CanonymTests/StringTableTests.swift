@testable import Canonym
import XCTest

/// The flat key → value table compiled lexicons are made of: every key stored is found with its
/// value, keys not stored are not, and both slot layouts (hash-tagged, and whole-word indexes
/// for tables too large for a tag) read the same.
final class StringTableTests: XCTestCase {
    /// Distinct keys of 0–24 bytes, ASCII and Cyrillic, many sharing a length and a first byte.
    private static func keys(count: Int, seed: UInt64) -> [[UInt8]] {
        var random = SplitMix64(seed: seed)
        let letters = Array("abcdefghijklmnoprstuvyzабвгдежзийклмнопрстуфхцчшщьюяє'".unicodeScalars)
        var seen = Set<[UInt8]>()
        var keys: [[UInt8]] = []
        while keys.count < count {
            var word = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...12, using: &random) { word.append(letters.randomElement(using: &random)!) }
            let bytes = Array(String(word).utf8)
            if seen.insert(bytes).inserted { keys.append(bytes) }
        }
        return keys
    }

    private static func open(_ bytes: [UInt8]) -> (StringTable, ByteImage)? {
        let image = ByteImage(copying: bytes)
        guard let table = StringTable(image: image, offset: 0, length: bytes.count) else { return nil }
        return (table, image)
    }

    private func assertFindsExactly(_ stored: [[UInt8]], absent: [[UInt8]], in table: StringTable, _ layout: String) {
        for (index, key) in stored.enumerated() {
            let value = key.withUnsafeBufferPointer { table.value($0) }
            XCTAssertEqual(value, UInt32(index) &* 7, "\(layout): \(String(decoding: key, as: UTF8.self))")
        }
        for key in absent {
            XCTAssertNil(key.withUnsafeBufferPointer { table.value($0) }, "\(layout): \(String(decoding: key, as: UTF8.self))")
        }
    }

    func testEveryStoredKeyIsFoundAndNoOtherInBothSlotLayouts() throws {
        let all = Self.keys(count: 12_000, seed: 15)
        let stored = Array(all.prefix(8_000)), absent = Array(all.dropFirst(8_000))
        var bytes: [UInt8] = []
        StringTable.encode(stored.enumerated().map { ($0.element, UInt32($0.offset) &* 7) }, into: &bytes)
        let tagBits = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 20, as: UInt32.self) }
        XCTAssertEqual(tagBits, StringTable.tagBits, "a table this small has tagged slots")
        let (tagged, taggedImage) = try XCTUnwrap(Self.open(bytes))
        withExtendedLifetime(taggedImage) { assertFindsExactly(stored, absent: absent, in: tagged, "tagged") }

        // The same table with whole-word indexes, as a table of 2²⁴ entries or more is written.
        let slotCount = bytes.withUnsafeBytes { Int($0.loadUnaligned(fromByteOffset: 0, as: UInt32.self)) }
        let filterWords = bytes.withUnsafeBytes { Int($0.loadUnaligned(fromByteOffset: 16, as: UInt32.self)) }
        var untagged = bytes
        untagged.withUnsafeMutableBytes { raw in
            raw.storeBytes(of: UInt32(0), toByteOffset: 20, as: UInt32.self)
            let slotsStart = StringTable.headerSize + filterWords * 8
            for slot in 0..<slotCount {
                let at = slotsStart + slot * 4
                let value = raw.loadUnaligned(fromByteOffset: at, as: UInt32.self)
                raw.storeBytes(of: value & 0x00FF_FFFF, toByteOffset: at, as: UInt32.self)
            }
        }
        let (plain, plainImage) = try XCTUnwrap(Self.open(untagged))
        withExtendedLifetime(plainImage) { assertFindsExactly(stored, absent: absent, in: plain, "untagged") }
    }

    func testATableWithAnUnknownTagWidthIsRefused() {
        var bytes: [UInt8] = []
        StringTable.encode([(Array("kyiv".utf8), 1)], into: &bytes)
        bytes.withUnsafeMutableBytes { $0.storeBytes(of: UInt32(5), toByteOffset: 20, as: UInt32.self) }
        XCTAssertNil(Self.open(bytes), "tag width 5 is neither layout")
    }
}
