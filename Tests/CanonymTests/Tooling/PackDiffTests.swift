import Canonym
import XCTest

/// `PackDiff`: table changes and the terms that change owner.
final class PackDiffTests: XCTestCase {
    /// The CLI fixture pack `places`, and a copy with a few changes.
    private func versions() throws -> (old: String, new: String) {
        let old = ToolingFixtures.path("../../CanonymCLITests/Fixtures/places")
        let new = try ToolingFixtures.scratch("diff", for: self) + "/places"
        try FileManager.default.copyItem(atPath: old, toPath: new)
        var editor = try PackEditor(directory: new)
        try editor.removeEntity(id: "test:rubio")
        try editor.addEntity(id: "test:lyman", label: "Lyman", type: "city", country: "UA", population: 20_066)
        try editor.addName(id: "test:lyman", name: "Лиман", lang: "uk")
        try editor.save()
        var text = try String(contentsOfFile: new + "/entities.tsv", encoding: .utf8)
        text = text.replacingOccurrences(of: "Donetsk\ttest:donetsk-ru\tRU\tcity\t47000", with: "Donetsk\ttest:donetsk-ru\tRU\tcity\t4700000")
        text = text.replacingOccurrences(of: "Kyiv\tgeonames:703448", with: "Kyïv\tgeonames:703448")
        try text.write(toFile: new + "/entities.tsv", atomically: true, encoding: .utf8)
        return (old, new)
    }

    func testReportsEntitiesAndNamesAddedRemovedAndChanged() throws {
        let (old, new) = try versions()
        let diff = try PackDiff(old: [old], new: [new])
        XCTAssertEqual(diff.entitiesAdded.map(\.id), ["test:lyman"])
        XCTAssertEqual(diff.entitiesRemoved.map(\.id), ["test:rubio"])
        XCTAssertEqual(diff.entitiesRelabelled.first?.fields, [.init(field: "label", before: "Kyiv", after: "Kyïv")])
        XCTAssertEqual(diff.entitiesChanged.first?.fields, [.init(field: "population", before: "47000", after: "4700000")])
        XCTAssertEqual(Set(diff.namesAdded.map(\.name)), ["Lyman", "Лиман"])
        XCTAssertEqual(diff.namesRemoved.map(\.name), ["Rubio"])
    }

    func testListsTheTermsThatResolveToAnotherEntity() throws {
        let (old, new) = try versions()
        let diff = try PackDiff(old: [old], new: [new])
        let byTerm = Dictionary(diff.ownerChanges.map { ($0.term, $0) }, uniquingKeysWith: { a, _ in a })
        XCTAssertEqual(byTerm["Donetsk"]?.before?.id, "test:donetsk-ua")
        XCTAssertEqual(byTerm["Donetsk"]?.after?.id, "test:donetsk-ru", "the Russian Donetsk is now the more populous")
        XCTAssertNil(byTerm["Lyman"]?.before)
        XCTAssertEqual(byTerm["Lyman"]?.after?.id, "test:lyman")
        XCTAssertEqual(byTerm["Rubio"]?.before?.id, "test:rubio")
        XCTAssertNil(byTerm["Rubio"]?.after)
        XCTAssertNil(byTerm["Kyiv"], "relabelling does not change the owner")
        XCTAssertNil(byTerm["Kharkiv"], "terms that share no key with a change are not affected")
    }

    func testIdenticalVersionsHaveNoDifferences() throws {
        let places = ToolingFixtures.path("../../CanonymCLITests/Fixtures/places")
        XCTAssertTrue(try PackDiff(old: [places], new: [places]).isEmpty)
    }
}
