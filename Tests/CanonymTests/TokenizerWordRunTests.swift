@testable import Canonym
import XCTest

/// The tokenizer reads runs of ASCII letters eight bytes at a time: every byte value at every
/// position of a block is classified as the byte-by-byte scan classifies it, and words that
/// end anywhere in a block, or run across blocks, keep their length and case.
final class TokenizerWordRunTests: XCTestCase {
    func testEveryByteAtEveryPositionOfABlockIsALetterExactlyWhenItIsAnASCIILetter() {
        var random = SplitMix64(seed: 7)
        for position in 0..<8 {
            for value in 0...255 {
                var bytes = (0..<8).map { _ in UInt8.random(in: 0...255, using: &random) }
                bytes[position] = UInt8(value)
                let word = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
                let bits = Tokenizer.asciiLetterBits(UInt64(littleEndian: word))
                for (i, byte) in bytes.enumerated() {
                    let isLetter = (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                    XCTAssertEqual(bits >> UInt64(8 * i + 7) & 1 == 1, isLetter, "byte \(byte) at \(i)")
                    XCTAssertEqual(bits >> UInt64(8 * i) & 0x7F, 0, "only bit 7 of a byte is set")
                }
            }
        }
    }

    func testWordsOfEveryLengthKeepTheirLettersAndCase() {
        var random = SplitMix64(seed: 11)
        let letters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".utf8)
        for length in 1...26 {
            for ending in [" ", ".", "-", "7", "ж", "’s", ""] {
                for _ in 0..<20 {
                    let prefix = Array(repeating: UInt8(ascii: " "), count: Int.random(in: 0...9, using: &random))
                    var word = (0..<length).map { _ in letters.randomElement(using: &random)! }
                    if Bool.random(using: &random) { word = word.map { $0 & ~0x20 } }
                    let text = prefix + word + Array(ending.utf8)
                    var tokens: [Token] = []
                    text.withUnsafeBufferPointer { Tokenizer.tokenize($0, into: &tokens) }
                    let uppers = word.filter { $0 < 0x61 }.count, lowers = word.count - uppers
                    // A digit or a Cyrillic letter continues the word; the possessive stays out.
                    let continues = ending == "7" || ending == "ж"
                    let token = tokens[0]
                    XCTAssertEqual(token.byteStart, prefix.count)
                    XCTAssertEqual(token.byteEnd, prefix.count + word.count + (continues ? ending.utf8.count : 0), String(decoding: text, as: UTF8.self))
                    XCTAssertEqual(token.letterCount, word.count + (ending == "ж" ? 1 : 0))
                    XCTAssertEqual(token.capitalized, word[0] < 0x61)
                    XCTAssertEqual(token.allCaps, uppers >= 2 && lowers == 0 && ending != "ж" && ending != "’s")
                }
            }
        }
    }

    func testBasicCyrillicBlocksCountLettersAndCapitalsAsUnicodeDoes() {
        /// The eight bytes of four two-byte sequences, read little endian.
        func word(_ pairs: [(UInt8, UInt8)]) -> UInt64 {
            let bytes = pairs.flatMap { [$0.0, $0.1] }
            return UInt64(littleEndian: bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) })
        }
        let a: (UInt8, UInt8) = (0xD0, 0x90), ya: (UInt8, UInt8) = (0xD1, 0x8F)
        for position in 0..<4 {
            for lead in UInt8(0x00)...0xFF {
                for trail in UInt8(0x00)...0xFF {
                    var pairs = [a, ya, ya, a]
                    pairs[position] = (lead, trail)
                    let block = Tokenizer.basicCyrillicLetters(word(pairs))
                    var letters = 0, capitals = 0
                    for (lead, trail) in pairs {
                        guard (0xC2...0xDF).contains(lead), trail & 0xC0 == 0x80 else { break }
                        let scalar = Unicode.Scalar(UInt32(lead & 0x1F) << 6 | UInt32(trail & 0x3F))!
                        guard (0x400..<0x460).contains(scalar.value) else { break }
                        letters += 1
                        if scalar.properties.isUppercase { capitals += 1 }
                    }
                    XCTAssertEqual(block.letters, letters, "\(lead) \(trail) at \(position)")
                    XCTAssertEqual(block.capitals, capitals, "\(lead) \(trail) at \(position)")
                }
            }
        }
    }

    func testCyrillicWordsKeepTheirLettersAndCaseAcrossBlocks() {
        var random = SplitMix64(seed: 13)
        // The basic block, letters beyond it (ґ Ґ ѣ Ѣ ӂ), and a combining mark inside words.
        let alphabet = Array("абвгдеєжзиіїйклмнопрстуфхцчшщьюяёўђАБВГДЕЄЖЗИІЇЙКЛМНОПРСТУФХЦЧШЩЬЮЯЁЎЂґҐѣѢӂ".unicodeScalars)
        for length in 1...20 {
            for ending in [" ", ",", "\u{482}", "\u{301}x", ""] {
                for _ in 0..<20 {
                    let scalars = (0..<length).map { _ in alphabet.randomElement(using: &random)! }
                    let word = String(String.UnicodeScalarView(scalars))
                    let text = Array(("  " + word + ending).utf8)
                    var tokens: [Token] = []
                    text.withUnsafeBufferPointer { Tokenizer.tokenize($0, into: &tokens) }
                    let uppers = scalars.filter(\.properties.isUppercase).count
                    let lowers = scalars.filter(\.properties.isLowercase).count
                    let token = tokens[0]
                    let markAndLetter = ending == "\u{301}x"
                    XCTAssertEqual(token.byteEnd, 2 + word.utf8.count + (markAndLetter ? 3 : 0), word + ending)
                    XCTAssertEqual(token.letterCount, length + (markAndLetter ? 1 : 0), word)
                    XCTAssertEqual(token.capitalized, scalars[0].properties.isUppercase, word)
                    XCTAssertEqual(token.allCaps, uppers >= 2 && lowers == 0 && !markAndLetter, word)
                }
            }
        }
    }
}
