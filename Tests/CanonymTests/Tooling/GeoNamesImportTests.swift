@testable import Canonym
import XCTest

/// `GeoNamesImport` on fixture dumps written in GeoNames' own formats
/// (Tests/CanonymTests/Fixtures/geonames).
final class GeoNamesImportTests: XCTestCase {
    private let dumps = ToolingFixtures.path("geonames")

    private func job(_ configure: (inout GeoNamesImport) -> Void = { _ in }) -> GeoNamesImport {
        var job = GeoNamesImport(packName: "imported")
        job.geonameTables = [dumps + "/cities.txt"]
        job.alternateNames = dumps + "/alternateNamesV2.txt"
        job.admin1Codes = dumps + "/admin1CodesASCII.txt"
        job.countryInfo = dumps + "/countryInfo.txt"
        configure(&job)
        return job
    }

    private func importPack(_ configure: (inout GeoNamesImport) -> Void = { _ in }) throws -> (Pack, GeoNamesImport.Summary) {
        let out = try ToolingFixtures.scratch("import", for: self) + "/pack"
        let summary = try job(configure).write(to: out)
        return (try Pack.load(from: out), summary)
    }

    private func names(_ pack: Pack, _ id: Int) -> [String: NameRecord] {
        Dictionary(pack.names.filter { $0.entityID == "geonames:\(id)" }.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    }

    func testEveryFlagKindOfAlternateNamesCarriesOver() throws {
        let (pack, _) = try importPack()
        let kyiv = names(pack, 703448)
        XCTAssertEqual(kyiv["Kyiv"]?.flags, .preferred)
        XCTAssertEqual(kyiv["Kyiv"]?.lang, "en", "the label's row takes the language of the same spelling")
        XCTAssertEqual(kyiv["Київ"]?.flags, .preferred)
        XCTAssertEqual(kyiv["Kiev"]?.flags, .former, "isHistoric")
        XCTAssertEqual(names(pack, 706483)["Kharkov"]?.flags, .former)
        XCTAssertEqual(names(pack, 524901)["Moskva"]?.flags, .colloquial, "isColloquial")
        XCTAssertEqual(names(pack, 625144)["Менск"]?.flags, .short, "isShortName")
        XCTAssertEqual(names(pack, 704422)["Красноармійськ"]?.flags, .former, "isHistoric with from/to dates")
        XCTAssertEqual(names(pack, 706483)["KhKh"]?.flags, .abbreviation, "abbr")
        XCTAssertNil(names(pack, 706483)["KhKh"]?.lang)
    }

    func testLanguageTagsCarryOverAsBCP47() throws {
        let (pack, summary) = try importPack()
        let kyiv = names(pack, 703448)
        XCTAssertEqual(kyiv["Київ"]?.lang, "uk")
        XCTAssertEqual(kyiv["Kijów"]?.lang, "pl")
        XCTAssertEqual(kyiv["基輔"]?.lang, "zh-TW", "zh_TW becomes zh-TW")
        XCTAssertEqual(kyiv["Jīfǔ"]?.lang, "zh-Latn-pinyin", "piny")
        XCTAssertEqual(kyiv["Kiovie"]?.lang, "fr", "fr_1793")
        XCTAssertEqual(kyiv["Kiovie"]?.flags, .former)
        XCTAssertNil(kyiv["Kyjiw"]?.lang, "no isolanguage")
        XCTAssertNil(kyiv["Kyivv"]?.lang, "a code that is not BCP 47 leaves the row without a language")
        XCTAssertTrue(summary.counts.contains { $0.label.hasPrefix("language codes that are not BCP 47") && $0.value == 1 })
    }

    func testPseudoLanguagesAreNotNamesAndWikidataBecomesAnAttribute() throws {
        let (pack, summary) = try importPack()
        let kyivNames = Set(names(pack, 703448).keys)
        for code in ["https://en.wikipedia.org/wiki/Kyiv", "01001", "IEV", "UKKK", "Q1899", "UAIEV"] {
            XCTAssertFalse(kyivNames.contains(code), code)
        }
        XCTAssertFalse(names(pack, 706483).keys.contains("HRK"), "faac")
        XCTAssertFalse(names(pack, 704422).keys.contains("UA123"), "tcid")
        XCTAssertFalse(names(pack, 524901).keys.contains("MOS-kow"), "phon")
        let kyiv = try XCTUnwrap(pack.entities.first { $0.id == "geonames:703448" })
        XCTAssertEqual(kyiv.attributes.first { $0.key == "wikidata" }?.value, "Q1899")
        for code in ["link", "post", "iata", "icao", "faac", "unlc", "tcid", "phon"] {
            XCTAssertEqual(summary.counts.first { $0.label == "names dropped: pseudo-language \(code)" }?.value, 1, code)
        }
    }

    func testNamesAreNormalizedAndMergedPerSpelling() throws {
        let (pack, summary) = try importPack()
        let kyiv = pack.names.filter { $0.entityID == "geonames:703448" }
        XCTAssertEqual(kyiv.filter { $0.name == "Kijów" }.count, 1, "an NFD spelling merges with the NFC one")
        XCTAssertTrue(kyiv.allSatisfy { $0.name.unicodeScalars.elementsEqual($0.name.precomposedStringWithCanonicalMapping.unicodeScalars) })
        XCTAssertNotNil(names(pack, 524901)["Third Rome"], "runs of spaces become one")
        XCTAssertFalse(kyiv.contains { $0.name.contains("\u{7}") }, "names with control characters are dropped")
        XCTAssertEqual(summary.counts.first { $0.label == "names dropped: control character" }?.value, 1)
        XCTAssertEqual(kyiv.first?.name, "Kyiv", "the label comes first")
    }

    func testEntitiesComeFromEverySourceWithTheLayoutOfLexicons() throws {
        let (pack, _) = try importPack()
        let byID = Dictionary(pack.entities.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        XCTAssertEqual(pack.entities.map(\.id), pack.entities.map(\.id).sorted { Int($0.dropFirst(9))! < Int($1.dropFirst(9))! })
        let ukraine = try XCTUnwrap(byID["geonames:690791"])
        XCTAssertEqual(ukraine.type, "country")
        XCTAssertEqual(ukraine.population, 44_622_516)
        XCTAssertEqual(ukraine.attributes.map(\.key), ["feature_code", "iso3166", "alpha3", "continent", "wikidata"])
        let oblast = try XCTUnwrap(byID["geonames:706482"])
        XCTAssertEqual(oblast.type, "region", "admin1 first, then filled in from the geoname table")
        XCTAssertEqual(oblast.population, 2_658_461)
        XCTAssertEqual(byID["geonames:709930"]?.type, "water")
        let kyiv = try XCTUnwrap(byID["geonames:703448"])
        XCTAssertEqual(kyiv.type, "city")
        XCTAssertEqual(kyiv.attributes.map(\.key), ["feature_code", "admin1", "latitude", "longitude", "timezone", "wikidata"])
        XCTAssertEqual(kyiv.attributes.first?.value, "P.PPLC")
        let out = try ToolingFixtures.scratch("layout", for: self) + "/pack"
        _ = try job().write(to: out)
        let header = try String(contentsOfFile: out + "/entities.tsv", encoding: .utf8).split(separator: "\n").first
        XCTAssertEqual(header.map(String.init), "id\tlabel\ttype\tcountry\tpopulation\tfeature_code\tadmin1\tlatitude\tlongitude\ttimezone\tiso3166\talpha3\tcontinent\twikidata")
        let manifest = try String(contentsOfFile: out + "/pack.json", encoding: .utf8)
        XCTAssertTrue(manifest.contains("\"attribution\": \"GeoNames (geonames.org), CC BY 4.0\""))
        XCTAssertEqual(try Pack.load(from: out).name, "imported")
    }

    func testFiltersSelectCountriesFeaturesPopulationAndLanguages() throws {
        let (pack, _) = try importPack { job in
            job.countries = ["UA"]
            job.featureClasses = ["P"]
            job.featureCodes = ["ADM1", "A.PCLI"]
            job.minPopulation = 5000
            job.languages = ["uk", "en", "und"]
        }
        XCTAssertEqual(
            Set(pack.entities.map(\.id)),
            ["geonames:690791", "geonames:703447", "geonames:703448", "geonames:704422", "geonames:706482", "geonames:706483", "geonames:709717"],
            "Ukraine, its admin1 regions and its places of at least 5,000; not the river, not the village of 350")
        let languages = Set(pack.names.compactMap(\.lang).map { $0.split(separator: "-")[0] })
        XCTAssertEqual(languages, ["uk", "en"])
        XCTAssertNotNil(names(pack, 703448)["Kyjiw"], "und keeps names without a language")
        XCTAssertNil(names(pack, 703448)["Киев"], "ru is not selected")
    }

    func testFeatureCodeAloneSelectsOnlyThatCode() throws {
        let (pack, _) = try importPack { job in
            job.featureCodes = ["PPLC"]
            job.admin1Codes = nil
            job.countryInfo = nil
        }
        XCTAssertEqual(Set(pack.entities.map(\.label)), ["Kyiv", "Moscow", "Minsk"])
    }

    func testWithoutAlternateNamesTheTableColumnGivesUntaggedNames() throws {
        let (pack, _) = try importPack { job in
            job.alternateNames = nil
            job.countryInfo = nil
            job.admin1Codes = nil
        }
        let kyiv = names(pack, 703448)
        XCTAssertEqual(Set(kyiv.keys), ["Kyiv", "Kiev", "Kijev", "Kyjiv", "Київ", "Киев"])
        XCTAssertTrue(kyiv.values.allSatisfy { $0.lang == nil })
    }

    func testAFileInTheWrongFormatIsRefusedWithItsLine() throws {
        let out = try ToolingFixtures.scratch("wrong", for: self) + "/pack"
        XCTAssertThrowsError(try job { $0.geonameTables = [self.dumps + "/alternateNamesV2.txt"] }.write(to: out)) { error in
            XCTAssertTrue("\(error)".contains("alternateNamesV2.txt:1: error: expected the 19 tab-separated columns"), "\(error)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: out + "/pack.json"))
    }

    func testAnExistingPackIsReplacedOnlyWhenAllowed() throws {
        let out = try ToolingFixtures.scratch("exists", for: self) + "/pack"
        _ = try job().write(to: out)
        XCTAssertThrowsError(try job().write(to: out)) { XCTAssertTrue("\($0)".contains("pass --force"), "\($0)") }
        var again = job()
        again.overwrite = true
        again.countries = ["BY"]
        _ = try again.write(to: out)
        XCTAssertTrue(try Pack.load(from: out).entities.allSatisfy { $0.country == "BY" })
    }

    func testInvalidFiltersAreRefused() {
        XCTAssertThrowsError(try job { $0.countries = ["ua"] }.write(to: "/tmp/never"))
        XCTAssertThrowsError(try job { $0.featureClasses = ["X"] }.write(to: "/tmp/never"))
        XCTAssertThrowsError(try job { $0.languages = ["en_US"] }.write(to: "/tmp/never"))
    }

    func testLinesAreReadAcrossChunkBoundariesWithCRLFAndNoFinalNewline() throws {
        let path = try ToolingFixtures.scratch("lines", for: self) + "/lines.txt"
        let long = String(repeating: "x", count: 50)
        try Data("a\tb\r\n\(long)\nccc\n\nlast".utf8).write(to: URL(fileURLWithPath: path))
        var lines: [String] = []
        try DumpLineReader(path: path, chunkSize: 7).forEachLine { line, number in
            lines.append("\(number):" + String(decoding: line, as: UTF8.self))
        }
        XCTAssertEqual(lines, ["1:a\tb", "2:\(long)", "3:ccc", "4:", "5:last"])
    }
}
