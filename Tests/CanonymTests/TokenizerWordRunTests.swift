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

    /// Mentions' code point offsets are counted after tokenizing (tokens hold bytes only): at
    /// every character boundary, asked in any order, the count equals the characters the
    /// tokenizer steps over, each invalid byte counting one, in well-formed text (counted
    /// eight bytes at a time) and in text with invalid bytes (decoded step by step).
    func testScalarOffsetsCountTheCharactersTheTokenizerStepsOver() {
        var random = SplitMix64(seed: 5)
        let pieces: [[UInt8]] = ["a", "Kyiv ", "Київ", "é", "中", "😀", " ", "\u{301}", "ї"].map { Array($0.utf8) }
        let invalid: [[UInt8]] = [[0xFF], [0x80], [0xC3], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80]]
        for round in 0..<2000 {
            var text: [UInt8] = []
            let broken = round % 2 == 1
            for _ in 0..<Int.random(in: 0...40, using: &random) {
                text += broken && Int.random(in: 0..<6, using: &random) == 0
                    ? invalid.randomElement(using: &random)! : pieces.randomElement(using: &random)!
            }
            text.withUnsafeBufferPointer { bytes in
                var tokens: [Token] = []
                let wellFormed = Tokenizer.tokenize(bytes, into: &tokens)
                XCTAssertEqual(wellFormed, String(validating: bytes, as: UTF8.self) != nil)
                // Every character boundary with the characters before it, by decoding.
                var boundaries: [(byte: Int, scalars: Int)] = [(0, 0)]
                var i = 0
                while i < bytes.count {
                    i += Tokenizer.decode(bytes, at: i).1
                    boundaries.append((i, boundaries.count))
                }
                var offsets = ScalarOffsets(bytes, wellFormed: wellFormed)
                for boundary in boundaries + boundaries.shuffled(using: &random) {
                    XCTAssertEqual(offsets.offset(ofByte: boundary.byte), boundary.scalars, "\(text) at \(boundary.byte)")
                }
                // The count the filters add up over a long line's segments is the same.
                XCTAssertEqual(Mention.codePointCount(bytes), boundaries.count - 1, "\(text)")
            }
        }
    }
}
