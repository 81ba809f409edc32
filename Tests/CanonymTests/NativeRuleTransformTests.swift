@testable import Canonym
import Foundation
import XCTest

/// ``NativeRuleTransform`` reads every bundled romanization rule file and gives exactly ICU's
/// output on the words it covers: every word of up to two characters (three with
/// `CANONYM_LONG_CHECKS=1`) over the Cyrillic alphabets, Latin vowels and apostrophes, and
/// generated longer words. Unsupported syntax leaves a file to ICU.
final class NativeRuleTransformTests: XCTestCase {
    private static let letters = Array(
        "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюяЄєІіЇїҐґЎў’'ʼaeiyAEY".unicodeScalars)

    private static var longChecks: Bool { ProcessInfo.processInfo.environment["CANONYM_LONG_CHECKS"] == "1" }

    /// The bundled schemes that have a rule file, each with its interpreter and ICU's.
    private func ruleSchemes() throws -> [(id: String, native: NativeRuleTransform, icu: Transliterator)] {
        try FoldRules.bundled().schemes.compactMap { scheme in
            guard let rules = scheme.rules else { return nil }
            let native = try XCTUnwrap(NativeRuleTransform(rules: rules), "\(scheme.id): the bundled rule file should be interpretable")
            return (scheme.id, native, try Transliterator(id: "Canonym-Test-" + scheme.id, rules: rules))
        }
    }

    func testEveryBundledRuleFileIsInterpreted() throws {
        let schemes = try ruleSchemes()
        XCTAssertGreaterThanOrEqual(schemes.count, 17, "\(schemes.map(\.id))")
    }

    func testEveryShortWordEqualsICU() throws {
        let letters = Self.letters
        for (id, native, icu) in try ruleSchemes() {
            var mismatches: [String] = []
            func check(_ scalars: [Unicode.Scalar]) throws {
                var view = String.UnicodeScalarView()
                view.append(contentsOf: scalars)
                let word = String(view)
                let ours = try XCTUnwrap(native.apply(word), "\(id) declined \(word), which NFC leaves alone")
                let expected = try icu.transliterate(word)
                if ours != expected, mismatches.count < 20 { mismatches.append("\(word): \(ours) ≠ ICU \(expected)") }
            }
            for a in letters {
                try check([a])
                for b in letters {
                    try check([a, b])
                    if Self.longChecks { for c in letters { try check([a, b, c]) } }
                }
            }
            XCTAssertEqual(mismatches, [], id)
        }
    }

    func testGeneratedWordsEqualICU() throws {
        var random = SplitMix64(seed: 779)
        let weighted = Self.letters + Array("ЕеЁёИиЙйЫыЭэЪъЬьСсШЧшчЩщГгХхЦцЮюЯяЄєЇїІі".unicodeScalars)
        let count = Self.longChecks ? 200_000 : 3_000
        for (id, native, icu) in try ruleSchemes() {
            var mismatches: [String] = []
            for _ in 0..<count {
                var view = String.UnicodeScalarView()
                for _ in 0..<Int.random(in: 3...11, using: &random) { view.append(weighted.randomElement(using: &random)!) }
                let word = String(view)
                let ours = try XCTUnwrap(native.apply(word))
                let expected = try icu.transliterate(word)
                if ours != expected, mismatches.count < 20 { mismatches.append("\(word): \(ours) ≠ ICU \(expected)") }
            }
            XCTAssertEqual(mismatches, [], id)
        }
    }

    func testWordsNormalizationCouldChangeGoToICU() throws {
        let native = try XCTUnwrap(NativeRuleTransform(rules: ":: NFC ;\nа → a ;"))
        XCTAssertEqual(native.apply("аа"), "aa")
        XCTAssertNil(native.apply("и\u{306}"), "a combining breve composes under NFC")
        XCTAssertNil(native.apply("\u{2000}"), "a singleton decomposition")
        let plain = try XCTUnwrap(NativeRuleTransform(rules: "а → a ;"))
        XCTAssertEqual(plain.apply("и\u{306}а"), "и\u{306}a", "without `:: NFC` every word is read as it is")
    }

    func testSyntaxOutsideTheSubsetIsLeftToICU() {
        for rules in [
            "a+ → b ;", "(a) → $1 ;", "^a → b ;", "a → b | c ;", "'a' → b ;", ". → b ;", "a ← b ;", "a <> b ;",
            ":: Latin-ASCII ;\na → b ;", "\\x{41} → b ;", "a → \\n ;", "$x = ab ;\n[$x c] → d ;", "[{ab}] → c ;", "a → $undefined ;", "$missing → b ;", "",
        ] {
            XCTAssertNil(NativeRuleTransform(rules: rules), rules)
        }
    }

    func testContextsSeeTheOutputBeforeAndTheInputAfter() throws {
        // `b` after an output `x` (the transliterated `a`); `c` before an input `d`.
        let native = try XCTUnwrap(NativeRuleTransform(rules: "a → x ;\nx { b → y ;\nc } d → z ;\n"))
        XCTAssertEqual(native.apply("ab"), "xy")
        XCTAssertEqual(native.apply("xb"), "xy", "an x of the input is output too")
        XCTAssertEqual(native.apply("cb"), "cb")
        XCTAssertEqual(native.apply("cd"), "zd")
        XCTAssertEqual(native.apply("c"), "c", "a character never matches past the end")
        let ends = try XCTUnwrap(NativeRuleTransform(rules: "$notLetter = [^[:L:]] ;\n$notLetter { a } $notLetter → A ;\n"))
        XCTAssertEqual(ends.apply("a"), "A", "a negated set (it holds U+FFFF) matches beyond both ends")
        XCTAssertEqual(ends.apply("bab"), "bab")
        XCTAssertEqual(ends.apply("a-a"), "A-A")
        let sets = try XCTUnwrap(NativeRuleTransform(rules: "$v = [ae] ;\n$w = [$v o] ;\nb } [$w] → p ;\n"))
        XCTAssertEqual(sets.apply("bobxba"), "pobxpa", "a set variable inside a set")
    }
}
