@testable import Canonym
import XCTest

/// How regions, which ISO 3166-2 gives no population, rank against cities and each other: by
/// their country's population shared among its regions, when they have more names than every
/// city they compete with and none of those cities is in their own country; else after the
/// cities.
final class RegionRankingTests: XCTestCase {
    /// Real names and populations (GeoNames), cut down to the competition under test.
    private static let lexicon: Lexicon = {
        let entities = [
            Entity(id: "t:usa", label: "United States", type: "country", country: "US", population: 327_167_434, pack: "t"),
            Entity(id: "t:uruguay", label: "Uruguay", type: "country", country: "UY", population: 3_449_299, pack: "t"),
            Entity(id: "t:ukraine", label: "Ukraine", type: "country", country: "UA", population: 44_622_516, pack: "t"),
            Entity(id: "t:us-fl", label: "Florida", type: "region", country: "US", pack: "t"),
            Entity(id: "t:us-tx", label: "Texas", type: "region", country: "US", pack: "t"),
            Entity(id: "t:uy-fd", label: "Florida", type: "region", country: "UY", pack: "t"),
            Entity(id: "t:uy-mo", label: "Montevideo", type: "region", country: "UY", pack: "t"),
            Entity(id: "t:floridablanca", label: "Floridablanca", type: "city", country: "CO", population: 252_267, pack: "t"),
            Entity(id: "t:ua-68", label: "Khmelnytska oblast", type: "region", country: "UA", pack: "t"),
            Entity(id: "t:khmelnytskyi", label: "Khmelnytskyi", type: "city", country: "UA", population: 274_176, pack: "t"),
            Entity(id: "t:with-population", label: "Somewhere", type: "region", country: "US", population: 1_000, pack: "t"),
            Entity(id: "t:mozambique", label: "Mozambique", type: "country", country: "MZ", population: 30_366_043, pack: "t"),
            Entity(id: "t:mz-g", label: "Gaza", type: "region", country: "MZ", pack: "t"),
            Entity(id: "t:gaza", label: "Gaza", type: "city", country: "PS", population: 410_000, pack: "t"),
        ]
        let names: [(String, String, NameFlags)] = [
            ("t:usa", "United States", .preferred), ("t:uruguay", "Uruguay", .preferred), ("t:ukraine", "Ukraine", .preferred),
            // iso-codes translates both Floridas into many languages, Floridablanca has two names.
            ("t:us-fl", "Florida", .preferred), ("t:us-fl", "Floride", []), ("t:us-fl", "Флорида", []),
            ("t:us-tx", "Texas", .preferred), ("t:uy-fd", "Florida", .preferred), ("t:uy-fd", "Floride", []),
            ("t:uy-fd", "Флорида", []),
            ("t:uy-mo", "Montevideo", .preferred), ("t:floridablanca", "Floridablanca", .preferred),
            ("t:floridablanca", "Florida", []), ("t:ua-68", "Khmelnytska oblast", .preferred),
            // iso-codes translates the oblast by its centre's name in some languages.
            ("t:ua-68", "Khmelnytskyi", []), ("t:khmelnytskyi", "Khmelnytskyi", .preferred),
            ("t:with-population", "Somewhere", .preferred),
            ("t:mozambique", "Mozambique", .preferred), ("t:mz-g", "Gaza", .preferred), ("t:mz-g", "Gaza Province", []),
            ("t:gaza", "Gaza", .preferred), ("t:gaza", "Gaza City", []), ("t:gaza", "Ghazzah", []), ("t:gaza", "غزة", []),
        ]
        let pack = Pack(
            name: "t", version: "1", entities: entities,
            names: names.map { NameRecord(entityID: $0.0, name: $0.1, lang: "en", flags: $0.2) })
        do { return try Lexicon(packs: [pack]) } catch { fatalError("region test lexicon does not build: \(error)") }
    }()

    private func index(_ id: String) throws -> Int {
        try XCTUnwrap(Self.lexicon.entities.indices.first { Self.lexicon.entities.id(at: $0) == id })
    }

    func testARegionWithoutPopulationRanksByItsCountrysPopulationSharedAmongItsRegions() throws {
        let entities = Self.lexicon.entities
        // Three US regions without a population of their own would share it; one has its own.
        XCTAssertEqual(entities.rankingPopulation(at: try index("t:us-fl")), 327_167_434 / 2)
        XCTAssertEqual(entities.rankingPopulation(at: try index("t:uy-fd")), 3_449_299 / 2)
        XCTAssertEqual(entities.rankingPopulation(at: try index("t:with-population")), 1_000)
        XCTAssertEqual(entities.rankingPopulation(at: try index("t:floridablanca")), 252_267)
        XCTAssertNil(entities.population(at: try index("t:us-fl")), "the estimate is not reported as a population")
    }

    func testAStateOutranksAForeignCityWhoseAlternateNameItIs() throws {
        let best = Self.lexicon.lookup("Florida")
        XCTAssertEqual(best.first?.id, "t:us-fl")
        XCTAssertEqual(best.map(\.id).sorted(), ["t:floridablanca", "t:us-fl", "t:uy-fd"])
        XCTAssertEqual(Self.lexicon.tag("Hurricane season reached Florida on Monday.").first?.id, "t:us-fl")
    }

    func testARegionWithFewerNamesThanACityRanksAfterIt() throws {
        // Gaza, Mozambique would outrank the city on its estimated population (15 million).
        XCTAssertGreaterThan(Self.lexicon.entities.rankingPopulation(at: try index("t:mz-g")), 410_000 * 5)
        XCTAssertEqual(Self.lexicon.lookup("Gaza").map(\.id), ["t:gaza", "t:mz-g"])
        let why = try TermExplanation(term: "Gaza", in: Self.lexicon)
        XCTAssertTrue(why.reasons.first?.contains("more names than each of them (2 against 4)") ?? false, "\(why.reasons)")
    }

    func testACityKeepsTheNameOfTheRegionOfItsOwnCountryNamedAfterIt() throws {
        XCTAssertEqual(Self.lexicon.lookup("Khmelnytskyi").first?.id, "t:khmelnytskyi")
        XCTAssertEqual(Self.lexicon.tag("Drones hit Khmelnytskyi overnight.").first?.id, "t:khmelnytskyi")
    }

    func testTheExplanationNamesTheEstimate() throws {
        let why = try TermExplanation(term: "Florida", in: Self.lexicon)
        XCTAssertEqual(why.candidates.first?.entity.id, "t:us-fl")
        let reason = try XCTUnwrap(why.reasons.first { $0.hasPrefix("t:us-fl over t:uy-fd") })
        XCTAssertTrue(reason.contains("its country's population shared among its regions"), reason)
    }
}
