import Canonym
import XCTest

/// `TermExplanation`, `NameVariants` and `LexiconStatistics` on the shared fixture lexicon.
final class InspectionToolsTests: XCTestCase {
    let lexicon = Fixtures.lexicon

    func testExplainRanksAsLookupAndSaysWhyTheWinnerWins() throws {
        let why = try TermExplanation(term: "Donetsk", in: lexicon)
        XCTAssertEqual(why.candidates.map(\.entity.id), lexicon.lookup("Donetsk").map(\.id))
        XCTAssertEqual(why.candidates.first?.level, .exact)
        XCTAssertEqual(why.reasons, ["test:donetsk-ua over test:donetsk-ru: same level (exact), no context, same type rank; larger population (929,063 against 47,000)"])
        XCTAssertEqual(why.levelHits.first?.entities, ["test:donetsk-ua", "test:donetsk-ru"])
        XCTAssertEqual(why.words.first?.keys.first { $0.level == .folded }?.key, "donetsk")
        XCTAssertTrue(why.words.first?.keys.allSatisfy(\.inIndex) ?? false)
    }

    /// When the name's weight decides (the label in another script against a larger entity's
    /// alternate name), explain says so with both weighted populations.
    func testExplainNamesTheWeightOfALabelInAnotherScript() throws {
        let pack = Pack(
            name: "spellings",
            entities: [
                Entity(id: "test:tolyatti", label: "Tolyatti", type: "city", country: "RU", population: 700_000, pack: "spellings"),
                Entity(id: "test:stavropol", label: "Stavropol", type: "city", country: "RU", population: 450_000, pack: "spellings"),
            ],
            names: [
                NameRecord(entityID: "test:tolyatti", name: "Tolyatti"), NameRecord(entityID: "test:tolyatti", name: "Ставрополь"),
                NameRecord(entityID: "test:stavropol", name: "Stavropol"), NameRecord(entityID: "test:stavropol", name: "Ставрополь"),
            ])
        let lexicon = try Lexicon(packs: [pack])
        let why = try TermExplanation(term: "Ставрополь", in: lexicon)
        XCTAssertEqual(why.candidates.map(\.entity.id), ["test:stavropol", "test:tolyatti"])
        XCTAssertEqual(why.candidates.map(\.nameWeight), [3, 1])
        XCTAssertEqual(why.reasons, [
            "test:stavropol over test:tolyatti: same level (exact), no context, same type rank; more prominent "
                + "(population 450,000 × 3 (its label in another script) against population 700,000, an alternate name)",
        ])
        XCTAssertEqual(try TermExplanation(term: "Stavropol", in: lexicon).candidates.first?.nameWeight, 5)
    }

    func testExplainWithContextAgreesWithTag() throws {
        let document = "Донецк, Россия"
        let why = try TermExplanation(term: "Донецк", in: lexicon, context: document)
        XCTAssertEqual(why.candidates.first?.entity.id, lexicon.tag(document).first?.id)
        XCTAssertEqual(why.candidates.first?.entity.id, "test:donetsk-ru")
        XCTAssertTrue(why.reasons.first?.contains("more context") ?? false, "\(why.reasons)")
        XCTAssertEqual(why.contextEvidence, ["'Россия' → test:russia (RU)"])
    }

    func testExplainShowsTheGuardsAndWhatTagDoes() throws {
        let why = try TermExplanation(term: "March", in: lexicon)
        XCTAssertTrue(why.guards.contains { $0.contains("'march' has zipf 5.26 in the en list (≥ 3.50") }, "\(why.guards)")
        XCTAssertTrue(why.guards.contains { $0.contains("≥ 100,000 people mid-sentence") }, "\(why.guards)")
        XCTAssertEqual(why.inText.map(\.result), ["not matched", "not matched", "not matched"])
        let kyiv = try TermExplanation(term: "Kyiv", in: lexicon)
        XCTAssertEqual(kyiv.inText.map(\.result).map { $0.hasPrefix("geonames:703448") }, [true, true, true])
    }

    func testExplainOfAnUnknownTermHasNoCandidates() throws {
        let why = try TermExplanation(term: "Atlantis", in: lexicon)
        XCTAssertTrue(why.candidates.isEmpty)
        XCTAssertFalse(why.words.first?.keys.contains(where: \.inIndex) ?? true)
    }

    func testVariantsListEverySchemeOfTheReading() throws {
        let variants = try NameVariants(name: "Чернігів")
        XCTAssertEqual(variants.readings, ["be", "uk"], "і reads Ukrainian or Belarusian")
        let bySchema = Dictionary(variants.rows.map { ($0.scheme, $0) }, uniquingKeysWith: { a, _ in a })
        XCTAssertEqual(bySchema["uk-bgn"]?.key, "chernihiv")
        XCTAssertEqual(bySchema["uk-de-duden"]?.romanization, "Tschernihiw")
        XCTAssertEqual(bySchema["uk-de-duden"]?.skeleton, "", "national conventions make no skeleton")
        XCTAssertNil(bySchema["ru-bgn"], "no Russian reading for a word with і")
        let russian = try NameVariants(name: "Чернигов", lang: "ru")
        XCTAssertEqual(russian.readings, ["ru"])
        XCTAssertEqual(Dictionary(russian.rows.map { ($0.scheme, $0.key) }, uniquingKeysWith: { a, _ in a })["ru-bgn"], "chernigov")
        XCTAssertFalse(variants.confusableSkeleton.isEmpty)
    }

    func testVariantsOfALatinNameAreItsOwnKeys() throws {
        let variants = try NameVariants(name: "Ivano-Frankivsk")
        XCTAssertEqual(variants.rows.map(\.scheme), ["latin"])
        XCTAssertEqual(variants.rows.first?.key, "ivano frankivsk")
    }

    func testStatisticsCountEntitiesNamesAndCollisions() throws {
        let stats = LexiconStatistics(lexicon: lexicon)
        XCTAssertEqual(stats.entityCount, Fixtures.entities.count)
        XCTAssertEqual(stats.nameCount, Fixtures.names.count)
        XCTAssertEqual(stats.entitiesByType.first.map { "\($0.0) \($0.1)" }, "city 16")
        XCTAssertEqual(stats.entitiesByCountry.first.map { "\($0.0) \($0.1)" }, "UA 10")
        let exact = try XCTUnwrap(stats.levels.first { $0.level == .exact })
        XCTAssertEqual(exact.collisions, 3, "Donetsk, Донецк, Moscow")
        XCTAssertEqual(exact.entitiesInCollisions, 4)
        XCTAssertEqual(exact.names, Fixtures.names.count)
        XCTAssertGreaterThan(stats.indexBytes, 0)
        XCTAssertEqual(stats.tableBytes + stats.indexBytes + stats.guardBytes, stats.fileBytes)
        XCTAssertEqual(stats.namesByFlag.first { $0.0 == "former" }?.1, 4)
    }
}
