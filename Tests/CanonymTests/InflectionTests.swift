@testable import Canonym
import Foundation
import XCTest

/// Case forms of Cyrillic place names: the paradigm data, and matching with method `inflected`.
final class InflectionTests: XCTestCase {
    static let cases = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Tools/inflection-check/cases.tsv").standardized

    /// Every expected form of the reference case list (real usage, uk/ru/be) is generated, and
    /// indeclinable names (Сочи, Токио, США) generate nothing.
    func testGeneratedFormsMatchTheReferenceCases() throws {
        let inflector = try Inflector.bundled()
        let rows = try String(contentsOf: Self.cases, encoding: .utf8).split(separator: "\n")
            .filter { !$0.hasPrefix("#") }.map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
            .filter { $0.count >= 4 && $0[0] != "name" }
        XCTAssertGreaterThan(rows.count, 200)
        for row in rows {
            let forms = inflector.forms(of: row[0], lang: row[1])
            if row[2] == "*" {
                XCTAssertEqual(forms, [], "\(row[0]) must not inflect")
            } else if row[3] != row[0] {
                XCTAssertTrue(forms.contains(row[3]), "\(row[0]) (\(row[1])) \(row[2]): expected \(row[3]) among \(forms)")
            }
        }
    }

    func testInflectedMentionsInUkrainianAndRussianText() {
        let lexicon = Fixtures.lexicon
        let uk = lexicon.tag("Вибухи у Києві та Харкові, евакуація з Чернігова і Сум.")
        XCTAssertEqual(uk.map(\.text), ["Києві", "Харкові", "Чернігова", "Сум"])
        XCTAssertEqual(uk.map(\.id), ["geonames:703448", "geonames:706483", "test:chernihiv", "test:sumy"])
        XCTAssertEqual(uk.first?.method, .inflected)
        let ru = lexicon.tag("Бои под Донецком, в Москве и в Белой Церкви")
        XCTAssertEqual(ru.map(\.text), ["Донецком", "Москве"])
        XCTAssertEqual(lexicon.tag("у Білій Церкві").map(\.id), ["test:bila-tserkva"])
    }

    /// A name in another Cyrillic-script language is declined by the alphabets that spell it,
    /// like an untagged one; a name tagged with a language not written in Cyrillic is not.
    func testNamesInOtherCyrillicLanguagesAreDeclinedLikeUntaggedOnes() throws {
        let inflector = try Inflector.bundled()
        XCTAssertTrue(inflector.forms(of: "Техас", lang: "ba").contains("Техасе"))
        XCTAssertTrue(inflector.forms(of: "Техас", lang: "bg").contains("Техасі"))
        XCTAssertEqual(inflector.forms(of: "Техас", lang: "ba"), inflector.forms(of: "Техас", lang: nil))
        XCTAssertEqual(inflector.forms(of: "Техас", lang: "de"), [], "not a Cyrillic-script language")
        let pack = Pack(
            name: "regions",
            entities: [Entity(id: "r:us-tx", label: "Texas", type: "region", country: "US", pack: "regions")],
            names: [NameRecord(entityID: "r:us-tx", name: "Texas"), NameRecord(entityID: "r:us-tx", name: "Техас", lang: "ba")])
        let lexicon = try Lexicon(packs: [pack])
        XCTAssertEqual(lexicon.tag("Губернатор заявил в Техасе, что").map(\.id), ["r:us-tx"])
        XCTAssertEqual(lexicon.tag("Губернатор заявил в Техасе, что").first?.method, .inflected)
        // Such a name's forms that are common words are not generated: Russian rules make
        // "Нами" (by us) of Bashkir "Наама", and a region passes the population guard.
        let naama = Pack(
            name: "regions",
            entities: [Entity(id: "r:dz-45", label: "Naama", type: "region", country: "DZ", pack: "regions")],
            names: [NameRecord(entityID: "r:dz-45", name: "Naama"), NameRecord(entityID: "r:dz-45", name: "Наама", lang: "ba")])
        let withNaama = try Lexicon(packs: [naama])
        XCTAssertTrue(withNaama.tag("Нами было принято решение.").isEmpty)
        XCTAssertEqual(withNaama.tag("Делегация из Наамы прибыла.").map(\.id), ["r:dz-45"])
    }

    func testInflectedFormNeverShadowsAnotherEntitysOwnName() throws {
        // "Самар" (a Ukrainian town) inflects to "Самара", which is the Russian city's own name.
        let pack = Pack(
            name: "namesakes",
            entities: [Entity(id: "t:samar", label: "Samar", type: "city", country: "UA", population: 500_000, pack: "namesakes"),
                       Entity(id: "t:samara", label: "Samara", type: "city", country: "RU", population: 1_000, pack: "namesakes")],
            names: [NameRecord(entityID: "t:samar", name: "Самар", lang: "uk"), NameRecord(entityID: "t:samara", name: "Самара", lang: "ru")])
        let lexicon = try Lexicon(packs: [pack])
        let mention = lexicon.tag("в городе Самара").first
        XCTAssertEqual(mention?.id, "t:samara")
        XCTAssertEqual(mention?.method, .exact)
        XCTAssertEqual(mention?.alternatives.map(\.id), ["t:samar"])
    }
}
