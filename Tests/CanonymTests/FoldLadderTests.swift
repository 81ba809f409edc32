import Canonym
import XCTest

/// Each fold level, exercised with real spellings of real places.
final class FoldLadderTests: XCTestCase {
    let lexicon = Fixtures.lexicon

    private func assertLookup(_ term: String, _ id: String, _ method: FoldLevel, file: StaticString = #filePath, line: UInt = #line) {
        let best = lexicon.lookup(term).first
        XCTAssertEqual(best?.id, id, "\(term) resolves to the wrong entity", file: file, line: line)
        XCTAssertEqual(best?.method, method, "\(term) matched at the wrong level", file: file, line: line)
    }

    func testExactLevelMatchesNamesAsWritten() {
        assertLookup("Krasnoarmiisk", "geonames:704422", .exact)
        assertLookup("Красноармійськ", "geonames:704422", .exact)
        assertLookup("Київ", "geonames:703448", .exact)
        assertLookup("Kiev", "geonames:703448", .exact)
        assertLookup("Чернігів", "test:chernihiv", .exact)
        assertLookup("Luhansk", "test:luhansk", .exact)
    }

    func testFoldedLevelIgnoresCaseDiacriticsAndApostropheShapes() {
        assertLookup("kyiv", "geonames:703448", .folded)
        assertLookup("KIJOW", "geonames:703448", .folded)
        assertLookup("kijów", "geonames:703448", .folded)
        assertLookup("КИЇВ", "geonames:703448", .folded)
        assertLookup("krasnoarmiisk", "geonames:704422", .folded)
    }

    func testRomanizedLevelJoinsScriptsBothWays() {
        // Latin text meets a Cyrillic name: Russian BGN of Красноармейск, Чернигов, Луганск.
        assertLookup("Krasnoarmeysk", "geonames:704422", .romanized)
        assertLookup("Chernigov", "test:chernihiv", .romanized)
        assertLookup("Lugansk", "test:luhansk", .romanized)
        assertLookup("Pokrovs'k", "geonames:704422", .romanized)
        assertLookup("Pokrovs’k", "geonames:704422", .romanized)
        // Cyrillic text meets a Latin name.
        assertLookup("Суми", "test:sumy", .exact)
    }

    func testConventionSpellingsResolveAtTheRomanizedLevel() {
        // German, Czech, Polish… schemes romanize the pack's Cyrillic names directly.
        assertLookup("Tschernihiw", "test:chernihiv", .romanized)
        assertLookup("Černihiv", "test:chernihiv", .romanized)
        assertLookup("Krasnoarmijs'k", "geonames:704422", .romanized)
        assertLookup("Charkiw", "geonames:706483", .romanized)
        assertLookup("Kyjiw", "geonames:703448", .romanized)
    }

    func testSkeletonLevelCollapsesRomanizationConventions() throws {
        // Spellings that mix conventions: no scheme writes them, the skeleton still meets them.
        assertLookup("Chernyhiw", "test:chernihiv", .skeleton)
        assertLookup("Tschernyhiv", "test:chernihiv", .skeleton)
        assertLookup("Tchernyhiv", "test:chernihiv", .skeleton)
        assertLookup("Kiew", "geonames:703448", .skeleton)
        // The groups the skeleton must join share one key.
        for group in [["Krasnoarmiisk", "Krasnoarmijs'k", "Krasnoarmiys'k"], ["Tschernihiw", "Černihiv", "Chernihiv"]] {
            let skeletons = try group.map { try XCTUnwrap(lexicon.keys(of: $0).first?.skeleton.first) }
            XCTAssertEqual(Set(skeletons).count, 1, "\(group) → \(skeletons)")
        }
    }

    func testSkeletonDoesNotMergeGAndH() {
        // Chernigov reaches Chernihiv only through the Russian Cyrillic name (romanized level).
        let keysChernigov = try? lexicon.keys(of: "Chernigov").first?.skeleton
        let keysChernihiv = try? lexicon.keys(of: "Chernihiv").first?.skeleton
        XCTAssertNotNil(keysChernigov)
        XCTAssertNotEqual(keysChernigov, keysChernihiv)
    }

    func testShortStringsMatchOnlyAtStrictLevels() throws {
        let keys = try lexicon.keys(of: "Иж")
        XCTAssertEqual(keys.first?.letterCount, 2)
        XCTAssertTrue(lexicon.lookup("re").isEmpty)
        XCTAssertTrue(lexicon.lookup("i").isEmpty)
    }

    func testKeysReportEveryLevel() throws {
        let keys = try XCTUnwrap(lexicon.keys(of: "Чернігів").first)
        XCTAssertEqual(keys.exact, "Чернігів")
        XCTAssertEqual(keys.folded, "чернігів")
        XCTAssertEqual(keys.script, "Cyrl")
        XCTAssertTrue(keys.romanized.contains("chernihiv"), "\(keys.romanized)")
        XCTAssertFalse(keys.skeleton.isEmpty)
    }
}
