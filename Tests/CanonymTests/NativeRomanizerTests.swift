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
        let extra = "ЄєІіЇїҐґЎў’"
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
                guard let native = NativeRomanizer.romanize(word, scheme) else { return }
                covered += 1
                let expected = try icu.transliterate(word)
                if native != expected, mismatches.count < 20 { mismatches.append("\(word): \(native) ≠ ICU \(expected)") }
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
                guard let native = NativeRomanizer.romanize(word, scheme) else { continue }
                XCTAssertEqual(native, try icu.transliterate(word), "\(scheme): \(word)")
            }
        }
    }

    /// What the schemes decline: characters outside their alphabet go to ICU.
    func testWordsWithUncoveredCharactersAreDeclined() {
        XCTAssertNil(NativeRomanizer.romanize("Київ", .russianBGN), "ї is not Russian")
        XCTAssertNil(NativeRomanizer.romanize("Москва1", .russianBGN))
        XCTAssertNil(NativeRomanizer.romanize("Подъезд", .ukrainianBGN), "ъ is not Ukrainian")
        XCTAssertNil(NativeRomanizer.romanize("Минск", .belarusianBGN), "и is not Belarusian")
        XCTAssertNil(NativeRomanizer.romanize("Пам’ять", .ukrainianNational), "apostrophes are left to ICU")
        XCTAssertEqual(NativeRomanizer.romanize("Київ", .ukrainianBGN), "Kyyiv")
        XCTAssertEqual(NativeRomanizer.romanize("Згорани", .ukrainianNational), "Zghorany")
        XCTAssertEqual(NativeRomanizer.romanize("Елена", .russianBGN), "Yelena")
    }
}
