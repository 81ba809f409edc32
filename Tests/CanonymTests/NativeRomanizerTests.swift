@testable import Canonym
import Foundation
import XCTest

/// ``NativeRomanizer`` gives exactly ICU's output for every word it covers: every word of one
/// to three letters of each scheme's alphabet (where every context rule meets every neighbour),
/// longer generated words, and the Cyrillic names of the bundled packs.
final class NativeRomanizerTests: XCTestCase {
    /// Each native scheme with its ICU transliterator and the letters it is checked on: the
    /// scheme's own letters in both cases, and letters it does not cover (which must make it
    /// decline the word).
    private func schemes() throws -> [(scheme: NativeRomanizer.Scheme, icu: Transliterator, letters: [Unicode.Scalar])] {
        let rules = try FoldRules.bundled()
        let russian = "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя"
        let extra = "ЄєІіЇїҐґЎў’'ʼ`"
        var result: [(NativeRomanizer.Scheme, Transliterator, [Unicode.Scalar])] = []
        for scheme in rules.schemes where scheme.script == "Cyrl" {
            guard let native = NativeRomanizer.native(for: scheme) else { continue }
            let icu = try scheme.systemID.map { try Transliterator(id: $0) }
                ?? Transliterator(id: "Canonym-Test-" + scheme.id, rules: scheme.rules ?? "")
            result.append((native, icu, Array((russian + extra).unicodeScalars)))
        }
        return result
    }

    func testTheBundledTextSchemesHaveNativeVersions() throws {
        let rules = try FoldRules.bundled()
        let native = rules.schemes.filter { $0.script == "Cyrl" && $0.appliesToText && NativeRomanizer.native(for: $0) != nil }
        XCTAssertEqual(
            Set(native.map(\.id)), ["uk-bgn", "ru-bgn", "be-bgn", "cyrl-latn", "uk-national-2010"],
            "Resources/rules/uk-national-2010.txt changed: bring NativeRomanizer in step with it, then update ukrainianNationalDigest")
        let other = RomanizationScheme(
            id: "x", script: "Cyrl", reading: "ru", systemID: "Russian-Latin/BGN", rules: nil, ruleFile: nil,
            description: "", appliesToText: true, makesSkeleton: true)
        XCTAssertNil(NativeRomanizer.native(for: other, icuVersion: "74.2"), "ICU's rules of another version are not assumed")
    }

    /// Every word of up to three letters: each rule's contexts reach one letter either side
    /// (two for `Ё·`), so this meets every rule with every neighbour and at both edges.
    func testEveryShortWordEqualsICU() throws {
        for (scheme, icu, letters) in try schemes() {
            var mismatches: [String] = []
            var covered = 0
            func check(_ scalars: [Unicode.Scalar]) throws {
                var view = String.UnicodeScalarView()
                view.append(contentsOf: scalars)
                let word = String(view)
                guard let mismatch = try Self.mismatch(word, scheme, icu) else { return }
                covered += 1
                if !mismatch.isEmpty, mismatches.count < 20 { mismatches.append(mismatch) }
            }
            for a in letters {
                try check([a])
                for b in letters {
                    try check([a, b])
                    for c in letters { try check([a, b, c]) }
                }
            }
            XCTAssertEqual(mismatches, [], "\(scheme)")
            XCTAssertGreaterThan(covered, 100_000, "\(scheme) declines too much of its own alphabet")
        }
    }

    /// Longer words drawn from the alphabets, weighted towards the letters that rules look at.
    func testGeneratedWordsEqualICU() throws {
        var random = SplitMix64(seed: 2010)
        for (scheme, icu, letters) in try schemes() {
            let weighted = letters + Array("ЕеЁёЫыЭэЙйЪъЬьТСтсШЧшчЗГзгЦцКкАаУуЮюЯяЄєЇї".unicodeScalars)
            for _ in 0..<20_000 {
                var view = String.UnicodeScalarView()
                for _ in 0..<Int.random(in: 4...10, using: &random) { view.append(weighted.randomElement(using: &random)!) }
                let word = String(view)
                XCTAssertEqual(try Self.mismatch(word, scheme, icu) ?? "", "", "\(scheme)")
            }
        }
    }

    /// How the native romanization of `word` differs from ICU's: nil when it declines the word,
    /// "" when it agrees (the same text, or no Latin key where ICU leaves a Cyrillic letter).
    private static func mismatch(_ word: String, _ scheme: NativeRomanizer.Scheme, _ icu: Transliterator) throws -> String? {
        var bytes: [UInt8] = []
        let expected = try icu.transliterate(word)
        switch NativeRomanizer.romanize(scalars: word.unicodeScalars.map(\.value), scheme, appendingTo: &bytes) {
        case .declined:
            return nil
        case .leavesCyrillic:
            return Script.hasNonLatinLetter(in: expected) ? "" : "\(word): no key ≠ ICU \(expected)"
        case .romanized:
            let native = String(decoding: bytes, as: UTF8.self)
            XCTAssertEqual(NativeRomanizer.romanize(word, scheme), native, "the string and byte forms agree")
            return native == expected ? "" : "\(word): \(native) ≠ ICU \(expected)"
        }
    }

    /// What the schemes decline: characters outside their alphabet go to ICU.
    func testWordsWithUncoveredCharactersAreDeclined() {
        XCTAssertNil(NativeRomanizer.romanize("Київ", .russianBGN), "ї is not Russian")
        XCTAssertNil(NativeRomanizer.romanize("Москва1", .russianBGN))
        XCTAssertNil(NativeRomanizer.romanize("Подъезд", .ukrainianBGN), "ъ is not Ukrainian")
        XCTAssertNil(NativeRomanizer.romanize("Минск", .belarusianBGN), "и is not Belarusian")
        XCTAssertEqual(NativeRomanizer.romanize("Київ", .ukrainianBGN), "Kyyiv")
        XCTAssertEqual(NativeRomanizer.romanize("Згорани", .ukrainianNational), "Zghorany")
        XCTAssertEqual(NativeRomanizer.romanize("Елена", .russianBGN), "Yelena")
    }

    /// Apostrophes: the national system drops one inside a word, and ICU's BGN transliterators,
    /// whose filters leave it out, romanize the text on either side of it apart (`я` after it
    /// is word-initial `ya`; `Х` before it stands alone and is written `KH`).
    func testApostrophesFollowICU() {
        XCTAssertEqual(NativeRomanizer.romanize("Пам’ять", .ukrainianNational), "Pamiat")
        XCTAssertEqual(NativeRomanizer.romanize("Знам'янка", .ukrainianNational), "Znamianka")
        XCTAssertEqual(NativeRomanizer.romanize("Слов'янськ", .ukrainianBGN), "Slov'yansʹk")
        XCTAssertEqual(NativeRomanizer.romanize("Х'юстон", .russianBGN), "KH'yuston")
        XCTAssertEqual(NativeRomanizer.romanize("Слов'янськ", .cyrillicLatin), "Slov'ânsʹk")
        var bytes: [UInt8] = []
        XCTAssertEqual(NativeRomanizer.romanize(scalars: "Сек'юріті".unicodeScalars.map(\.value), .russianBGN, appendingTo: &bytes), .leavesCyrillic)
        XCTAssertEqual(NativeRomanizer.romanize(scalars: "Москва1".unicodeScalars.map(\.value), .russianBGN, appendingTo: &bytes), .declined)
        XCTAssertEqual(bytes, [])
    }
}
