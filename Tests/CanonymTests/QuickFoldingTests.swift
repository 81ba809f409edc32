@testable import Canonym
import Foundation
import XCTest

/// The ICU-free paths of the fold ladder (``ScalarFoldTable``, ``NativeSkeleton``) give exactly
/// what ICU gives: on names of the bundled lexicon, on generated words that mix scripts, marks
/// and punctuation, and on generated romanizations full of digraphs.
final class QuickFoldingTests: XCTestCase {
    static let rules: FoldRules = {
        do { return try FoldRules.bundled() } catch { fatalError("bundled rules do not load: \(error)") }
    }()

    func testNativeSkeletonFollowsTheBundledRuleFile() {
        XCTAssertTrue(
            NativeSkeleton.implements(Self.rules.skeletonRules),
            "Resources/rules/skeleton.txt changed: bring NativeSkeleton in step with it, then update its rulesDigest")
    }

    /// Every name of every bundled pack (one row in four), as a pack name (all schemes, with its
    /// language) and as a word of text.
    func testKeysWithoutICUEqualKeysFromICUOnBundledNames() throws {
        let quick = try FoldLadder(rules: Self.rules)
        let icu = try FoldLadder(rules: Self.rules, quickPaths: false)
        var buffer = LooseKeyBytes()
        var onBytes = 0
        let lexicons = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Lexicons").standardized
        var checked = 0
        for pack in try FileManager.default.contentsOfDirectory(atPath: lexicons.path).sorted() {
            let path = lexicons.appendingPathComponent(pack).appendingPathComponent("names.tsv").path
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
            for (index, line) in text.split(separator: "\n").enumerated() where index % 4 == 1 {
                let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                guard fields.count >= 3 else { continue }
                let lang = fields[2].isEmpty ? nil : fields[2]
                for word in fields[1].split(separator: " ").map(String.init) {
                    XCTAssertEqual(try quick.keys(of: word, lang: lang), try icu.keys(of: word, lang: lang), word)
                    XCTAssertEqual(try quick.keys(of: word, forText: true), try icu.keys(of: word, forText: true), word)
                    XCTAssertEqual(try quick.fold(word), try icu.fold(word), word)
                    if try Self.checkTextLooseKeys(of: word, quick, &buffer) { onBytes += 1 }
                    checked += 1
                }
            }
        }
        XCTAssertGreaterThan(checked, 40_000)
        // Nearly all take the byte path (96 %); the rest are Greek, Georgian and Armenian words,
        // the Cyrillic extension letters ICU's Cyrillic-Latin transliterates (ӑ, ә, қ), marks NFC
        // would move, and hyphenated names (two tokens in running text).
        XCTAssertGreaterThan(Double(onBytes) / Double(checked), 0.95, "\(onBytes) of \(checked) words on bytes")
    }

    /// Checks that ``FoldLadder/textLooseKeys(of:into:)``, where it covers `word`, gives the loose
    /// keys of ``FoldLadder/keys(of:lang:forText:strictOnly:withSchemes:)`` for a word of text, in
    /// the same order; returns whether it covered the word.
    static func checkTextLooseKeys(of word: String, _ ladder: FoldLadder, _ buffer: inout LooseKeyBytes) throws -> Bool {
        let forms = try ladder.strictForms(of: word)
        guard ladder.textLooseKeys(of: forms, into: &buffer) else { return false }
        let keys = try ladder.keys(of: forms, forText: true, withSchemes: false)
        func strings(_ ranges: [Range<Int>]) -> [String] {
            ranges.map { range in buffer.withKey(range) { String(decoding: $0, as: UTF8.self) } }
        }
        XCTAssertEqual(strings(buffer.romanized), keys.romanized, "romanized keys of \(word)")
        XCTAssertEqual(strings(buffer.skeleton), keys.skeleton, "skeleton keys of \(word)")
        return true
    }

    /// Words drawn from Latin, Cyrillic and Greek letters with combining marks, context-dependent
    /// letters (Σ, İ), apostrophes, digits and characters outside the table, which the quick path
    /// must either fold exactly or hand to ICU; and whose lower case, read from the table, is
    /// `String.lowercased()`.
    func testKeysWithoutICUEqualKeysFromICUOnGeneratedWords() throws {
        let quick = try FoldLadder(rules: Self.rules)
        let icu = try FoldLadder(rules: Self.rules, quickPaths: false)
        let letters = "abcdehijkostuyzABCKSZéèëçčšžłıİßæøåñõ" + "ễḩṭṢạỳẞẛẖẠĐđəƏɔɛ"
            + "абвгґдеєжзиіїйклмнопрстуфхцчшщьюяыэёъўАБВГҐЕЄЖИІЇЙКХЦЧШЩЮЯЁ"
            + "αβγδεζηθικλμνξοπρστυφχψωΣΑΩάέ"
            + "'’ʼʹ`·-0123456789\u{0301}\u{0308}\u{0306}\u{0327}ǅﬁ中ʻ"
        let alphabet = Array(letters.unicodeScalars)
        var random = SplitMix64(seed: 72)
        var buffer = LooseKeyBytes()
        var onBytes = 0
        for _ in 0..<6_000 {
            var word = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 1...9, using: &random) { word.append(alphabet.randomElement(using: &random)!) }
            let text = String(word)
            XCTAssertEqual(try quick.keys(of: text, lang: "uk"), try icu.keys(of: text, lang: "uk"), text)
            XCTAssertEqual(try quick.keys(of: text, forText: true), try icu.keys(of: text, forText: true), text)
            XCTAssertEqual(try quick.fold(text), try icu.fold(text), text)
            if try Self.checkTextLooseKeys(of: text, quick, &buffer) { onBytes += 1 }
            // The matcher reads a word's lower case from its strict forms, where it used
            // `lowercased()` (the common-word and given-name lists are keyed by it).
            XCTAssertEqual(try quick.strictForms(of: text).lower, text.lowercased(), text)
            XCTAssertEqual(try icu.strictForms(of: text).lower, text.lowercased(), text)
        }
        // Many generated words need ICU (marks, Greek, 中); the rest must take the byte path.
        XCTAssertGreaterThan(onBytes, 1_000)
    }

    /// The per-character table a compiled lexicon carries reads back as the table ICU fills, and
    /// a ladder given it folds as one that fills its own.
    func testPrebuiltScalarTableEqualsTheTableICUFills() throws {
        let encoded = try FoldLadder(rules: Self.rules).encodedScalarFolds()
        let owner = ByteImage(copying: encoded)
        let prebuilt = try XCTUnwrap(ScalarFoldTable.Prebuilt(bytes: UnsafeRawBufferPointer(start: owner.base, count: owner.count), owner: owner))
        let reading = try FoldLadder(rules: Self.rules, scalarFolds: prebuilt)
        XCTAssertEqual(reading.encodedScalarFolds(), encoded, "every entry reads back as written")
        let filling = try FoldLadder(rules: Self.rules)
        var random = SplitMix64(seed: 800)
        let alphabet = Array("aeioukzäöüßéçčšžłıİễḩṭẞАБВГҐЕЄЖИІЇЙХЦЧШЩЮЯабвгґеєжиіїйхцчшщюяьъΑΣαστ’'-".unicodeScalars)
        for _ in 0..<2_000 {
            var word = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 1...8, using: &random) { word.append(alphabet.randomElement(using: &random)!) }
            let text = String(word)
            XCTAssertEqual(try reading.keys(of: text, lang: "ru"), try filling.keys(of: text, lang: "ru"), text)
        }
        XCTAssertNil(
            ScalarFoldTable.Prebuilt(bytes: UnsafeRawBufferPointer(start: owner.base, count: owner.count - 1), owner: owner),
            "a table cut short is refused")
    }

    /// A pack's own rule file in the subset ``NativeRuleTransform`` reads gives the same keys
    /// read natively as through ICU.
    func testPackRulesReadNativelyGiveICUsKeys() throws {
        let packRules = [(id: "test/rules.txt", text: ":: NFC ;\n$v = [aeiou] ;\n$v { ck } $v → k ;\noe → ö ;\nsch } [^[:L:]] → š ;\n")]
        XCTAssertNotNil(NativeRuleTransform(rules: packRules[0].text))
        let rules = try FoldRules.bundled(packRules: packRules)
        let quick = try FoldLadder(rules: rules)
        let icu = try FoldLadder(rules: rules, quickPaths: false)
        for word in ["Backe", "Boeck", "Mensch", "Schoeckel", "Kyiv", "Харків", "Zürich", "Rosche", "Aäcke"] {
            XCTAssertEqual(try quick.keys(of: word, lang: nil), try icu.keys(of: word, lang: nil), word)
            XCTAssertEqual(try quick.fold(word), try icu.fold(word), word)
        }
        XCTAssertEqual(try quick.fold("Backe"), "bake", "the pack's rule applies")
    }

    /// Romanization-like strings built from the skeleton's digraph material, so that every rule
    /// of every pass and their overlaps (schtsch, s+kh, š+č, ts+kh, doubled classes) are reached.
    func testNativeSkeletonEqualsICUOnGeneratedRomanizations() throws {
        var table = ScalarFoldTable(
            sources: .init(
                fold: { $0 }, lowercase: { try UnicodeNormalizer.lowercase($0) }, asciiFold: { $0 },
                skeletonBase: { try Transliterator(id: "Latin-ASCII; NFD; [:M:] Remove; NFC").transliterate($0) }))
        let icu = try Transliterator(id: "Canonym-Skeleton-Test", rules: Self.rules.skeletonRules)
        let pieces = [
            "s", "c", "h", "t", "z", "k", "d", "y", "j", "w", "i", "o", "u", "a", "e", "sch", "tsch", "shch", "zh", "kh",
            "ts", "tz", "cz", "sz", "ch", "sh", "ii", "yo", "iu", "ss", "hh", "dsch", "chtch", "szcz", "č", "š", "ž", "ć",
            "ŝ", "â", "ê", "û", "ë", "í", "ŭ", "ł", "ó", "ß", "ʹ", "'", "·", "z·h", " ", "-", "1", "K", "Sh", "Ž", "\"",
            "ə", "ɔ", "ɛ", "ɵ", "i\u{0307}",
        ]
        var random = SplitMix64(seed: 9)
        var covered = 0
        let total = 20_000
        for _ in 0..<total {
            let text = (0..<Int.random(in: 1...7, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            guard let native = NativeSkeleton.skeleton(of: text, table: &table) else { continue }
            covered += 1
            XCTAssertEqual(native, try icu.transliterate(text), text)
        }
        XCTAssertEqual(covered, total, "every generated string is Latin and must take the native path")
        // Combining marks: one NFC leaves in place is read natively (pass 2 removes it); one NFC
        // would compose or reorder is left to ICU. Either way the key is ICU's.
        let marked = [
            "g\u{0300}", "i\u{0301}\u{0308}", "\u{00ED}\u{0308}", "\u{00CA}\u{0327}", "e\u{0301}", "c\u{030C}", "s\u{0308}",
            "\u{0300}", "\u{0327}", "a", "sh", "ch", "'",
        ]
        var nativeMarks = 0
        for _ in 0..<3_000 {
            let text = (0..<Int.random(in: 1...6, using: &random)).map { _ in marked.randomElement(using: &random)! }.joined()
            guard let native = NativeSkeleton.skeleton(of: text, table: &table) else { continue }
            XCTAssertEqual(native, try icu.transliterate(text), text)
            if text.unicodeScalars.contains(where: { ScalarFoldTable.isCombiningMark($0.value) }) { nativeMarks += 1 }
        }
        XCTAssertGreaterThan(nativeMarks, 300)
        XCTAssertEqual(NativeSkeleton.skeleton(of: "g\u{0300}r\u{00ED}nsboro", table: &table), "grinsboro")
        // Long inputs whose skeleton is longer than they are (ŝ spells out as four letters).
        for text in [String(repeating: "ŝa", count: 40), String(repeating: "šč", count: 33), String(repeating: "cz", count: 50)] {
            XCTAssertEqual(NativeSkeleton.skeleton(of: text, table: &table), try icu.transliterate(text), text)
        }
    }
}

/// A small deterministic generator (SplitMix64), so that generated cases are the same on every run.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
