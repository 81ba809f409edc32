@testable import Canonym
import XCTest

/// The document evidence that reranks ambiguous mentions: each mention resolved to an entity
/// counts twice for that entity, its country's weight counts for every entity of that country,
/// and the span being ranked never counts for itself.
final class ResolverContextTests: XCTestCase {
    let lexicon = Fixtures.lexicon

    private func entity(_ id: String) throws -> Int32 {
        let entities = lexicon.entities
        let index = try XCTUnwrap(entities.indices.first { entities.id(at: $0) == id }, "\(id) is in the fixture")
        return Int32(index)
    }

    private func candidate(_ entity: Int32) -> Resolver.Candidate {
        Resolver.Candidate(entity: entity, name: 0, level: .exact)
    }

    func testRepeatedMentionsAndCountryWeightsAddUp() throws {
        let entities = lexicon.entities
        let donetskUA = try entity("test:donetsk-ua"), donetskRU = try entity("test:donetsk-ru")
        let ukraine = entities.countrySymbol(at: Int(donetskUA)), russia = entities.countrySymbol(at: Int(donetskRU))
        XCTAssertNotEqual(ukraine, russia)
        let clues = [
            Resolver.Clue(entity: donetskUA, country: ukraine, weight: 2),
            Resolver.Clue(entity: nil, country: russia, weight: 1),
            Resolver.Clue(entity: donetskUA, country: ukraine, weight: 2),
            Resolver.Clue(entity: nil, country: ukraine, weight: 1),
            Resolver.Clue(entity: nil, country: nil, weight: 2),
        ]
        var context = Resolver.Context(clues)
        // Two mentions of the entity (2 × 2) and Ukraine's weight (2 + 2 + 1).
        XCTAssertEqual(context.score(of: candidate(donetskUA), in: lexicon), 9)
        // No mention of the entity; Russia's weight alone.
        XCTAssertEqual(context.score(of: candidate(donetskRU), in: lexicon), 1)
        // Ranking the first span: its own mention and weight are left out.
        context.excluded = clues[0]
        XCTAssertEqual(context.score(of: candidate(donetskUA), in: lexicon), 5)
        XCTAssertEqual(context.score(of: candidate(donetskRU), in: lexicon), 1)
    }

    func testEvidenceDoesNotDependOnTheOrderOfTheMentions() throws {
        let entities = lexicon.entities
        let ids = try entities.indices.prefix(12).map { try entity(entities.id(at: $0)) }
        let clues = ids.enumerated().map { i, e in
            Resolver.Clue(entity: i % 3 == 0 ? nil : e, country: entities.countrySymbol(at: Int(e)), weight: 1 + i % 2)
        }
        let forward = Resolver.Context(clues), backward = Resolver.Context(clues.reversed())
        for e in ids {
            XCTAssertEqual(forward.score(of: candidate(e), in: lexicon), backward.score(of: candidate(e), in: lexicon))
        }
    }

    func testEmptyContextScoresNothing() throws {
        let context = Resolver.Context([])
        XCTAssertEqual(context.score(of: candidate(try entity("test:donetsk-ua")), in: lexicon), 0)
    }
}
