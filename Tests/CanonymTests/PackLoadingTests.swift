import Foundation
import XCTest

import Canonym

/// Loading lexicon packs from disk: the format, every error with its exact location, the
/// all-errors variant, rule files, and combining packs.
final class PackLoadingTests: XCTestCase {
    private var root = ""

    override func setUpWithError() throws {
        root = NSTemporaryDirectory() + "canonym-pack-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: root)
    }

    // MARK: Fixtures

    private static let entitiesHeader = "id\tlabel\ttype\tcountry\tpopulation\n"
    private static let basicEntities = entitiesHeader
        + "geo:1\tKyiv\tcity\tUA\t2884000\n"
        + "geo:2\tLviv\tcity\tUA\t\n"

    /// Writes a pack directory named `name` under the test's temporary root and returns its
    /// path. Files given as `String` are written as UTF-8; `raw` files byte for byte.
    @discardableResult
    private func writePack(
        _ name: String = "pack", manifest: String? = #"{"name": "test"}"#,
        entities: String? = basicEntities, names: String? = nil,
        raw: [String: [UInt8]] = [:], extra: [String: String] = [:]
    ) throws -> String {
        let directory = root + "/" + name
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var files: [String: [UInt8]] = [:]
        if let manifest { files["pack.json"] = Array(manifest.utf8) }
        if let entities { files["entities.tsv"] = Array(entities.utf8) }
        if let names { files["names.tsv"] = Array(names.utf8) }
        for (path, text) in extra { files[path] = Array(text.utf8) }
        for (path, bytes) in raw { files[path] = bytes }
        for (path, bytes) in files {
            let full = directory + "/" + path
            try FileManager.default.createDirectory(
                atPath: (full as NSString).deletingLastPathComponent,
                withIntermediateDirectories: true)
            XCTAssertTrue(FileManager.default.createFile(atPath: full, contents: Data(bytes)))
        }
        return directory
    }

    /// The error `Pack.load` throws, failing the test if it loads.
    private func loadError(
        _ directory: String, allowingForeignIDs: Bool = false,
        file: StaticString = #filePath, line: UInt = #line
    ) -> PackError? {
        do {
            _ = try Pack.load(from: directory, allowingForeignIDs: allowingForeignIDs)
            XCTFail("expected the pack to be rejected", file: file, line: line)
            return nil
        } catch {
            return error
        }
    }

    /// Asserts that loading fails at `file:line:column` with a message containing every
    /// fragment, and that `validate` reports the same error first.
    private func assertLoadFails(
        _ directory: String, at fileName: String, _ line: Int, _ column: Int,
        _ fragments: String..., file: StaticString = #filePath, testLine: UInt = #line
    ) {
        guard let error = loadError(directory, file: file, line: testLine) else { return }
        XCTAssertEqual(
            error.location,
            SourceLocation(file: directory + "/" + fileName, line: line, column: column),
            "\(error)", file: file, line: testLine)
        for fragment in fragments {
            XCTAssertTrue(
                error.message.contains(fragment), "\(error) should contain '\(fragment)'",
                file: file, line: testLine)
        }
        let validated = Pack.validate(directory: directory)
        XCTAssertEqual(validated.errors.first, error, file: file, line: testLine)
    }

    // MARK: Happy paths

    func testLoadsEntitiesWithColumnsInAnyOrderAndKeepsExtraColumnsAsAttributes() throws {
        let directory = try writePack(
            entities: "population\twikidata\tlabel\tid\tnote\tcountry\ttype\n"
                + "2884000\tQ1899\tKyiv\tgeo:1\tcapital\tUA\tcity\n"
                + "\t\tLviv\tgeo:2\t\t\t\n")
        let pack = try Pack.load(from: directory)
        XCTAssertEqual(pack.name, "test")
        XCTAssertEqual(pack.directory, directory)
        XCTAssertEqual(pack.entities.count, 2)
        let kyiv = pack.entities[0]
        XCTAssertEqual(kyiv.id, "geo:1")
        XCTAssertEqual(kyiv.label, "Kyiv")
        XCTAssertEqual(kyiv.type, "city")
        XCTAssertEqual(kyiv.country, "UA")
        XCTAssertEqual(kyiv.population, 2_884_000)
        XCTAssertEqual(kyiv.pack, "test")
        XCTAssertEqual(
            kyiv.attributes,
            [.init(key: "wikidata", value: "Q1899"), .init(key: "note", value: "capital")])
        XCTAssertEqual(kyiv.location, SourceLocation(file: directory + "/entities.tsv", line: 2, column: 20))
        let lviv = pack.entities[1]
        XCTAssertEqual(lviv.label, "Lviv")
        XCTAssertNil(lviv.type)
        XCTAssertNil(lviv.country)
        XCTAssertNil(lviv.population)
        XCTAssertEqual(lviv.attributes, [], "empty attribute values are skipped")
        XCTAssertTrue(pack.names.isEmpty, "names.tsv is optional")
        XCTAssertTrue(pack.rules.isEmpty)
    }

    func testLoadsNamesWithColumnsInAnyOrderLanguagesAndFlags() throws {
        let directory = try writePack(
            names: "flags\tname\tlang\tid\n"
                + "preferred\tKyiv\ten\tgeo:1\n"
                + "former,case-sensitive\tKiev\t\tgeo:1\n"
                + "\tЛьвів\tuk\tgeo:2\n")
        let pack = try Pack.load(from: directory)
        XCTAssertEqual(pack.names.count, 3)
        XCTAssertEqual(
            pack.names[0],
            NameRecord(
                entityID: "geo:1", name: "Kyiv", lang: "en", flags: .preferred,
                location: SourceLocation(file: directory + "/names.tsv", line: 2, column: 19)))
        XCTAssertEqual(pack.names[1].flags, [.former, .caseSensitive])
        XCTAssertNil(pack.names[1].lang)
        XCTAssertEqual(pack.names[2].name, "Львів")
        XCTAssertEqual(pack.names[2].flags, [])
        // The id cell's column counts characters, not bytes: "\tЛьвів\tuk\t" is 10.
        XCTAssertEqual(pack.names[2].location?.column, 11)
    }

    func testEveryFlagSpellingIsAccepted() throws {
        let all = NameFlags.spellings.map(\.0).joined(separator: ",")
        let directory = try writePack(names: "id\tname\tflags\ngeo:1\tKyiv\t\(all)\n")
        let pack = try Pack.load(from: directory)
        XCTAssertEqual(pack.names[0].flags.rawValue, 0xFF)
    }

    func testReadsManifestFieldsAndIgnoresUnknownKeys() throws {
        let directory = try writePack(
            manifest: """
                {
                  "name": "ua-places", "version": "1.2", "description": "Places of Ukraine",
                  "license": "CC-BY-4.0", "attribution": "GeoNames \\u00A9",
                  "homepage": "https://example.org", "maintainers": [{"n": 1.5e3, "ok": true}]
                }
                """)
        let pack = try Pack.load(from: directory)
        XCTAssertEqual(pack.name, "ua-places")
        XCTAssertEqual(pack.version, "1.2")
        XCTAssertEqual(pack.description, "Places of Ukraine")
        XCTAssertEqual(pack.license, "CC-BY-4.0")
        XCTAssertEqual(pack.attribution, "GeoNames ©")
        XCTAssertEqual(pack.entities.first?.pack, "ua-places")
    }

    func testSkipsCommentsAndBlankLinesAnywhereIncludingBeforeTheHeader() throws {
        let directory = try writePack(
            entities: "# entities of the test pack\n\n#id\tlabel\nid\tlabel\n"
                + "# a comment between rows\ngeo:1\tKyiv\n\n   \n\t\ngeo:2\tLviv\n# trailing",
            names: "# names\nid\tname\n#geo:9\tnot a row\ngeo:1\tKyiv\n")
        let pack = try Pack.load(from: directory)
        XCTAssertEqual(pack.entities.map(\.id), ["geo:1", "geo:2"])
        XCTAssertEqual(pack.entities[1].location?.line, 10, "line numbers count comments and blanks")
        XCTAssertEqual(pack.names.map(\.name), ["Kyiv"])
        XCTAssertEqual(pack.names[0].location?.line, 4)
    }

    func testAcceptsCRLFLineEndsAndKeepsCarriageReturnsOutOfValues() throws {
        let directory = try writePack(
            entities: "id\tlabel\tcountry\r\n# comment\r\ngeo:1\tKyiv\tUA\r\ngeo:2\tLviv\t\r\n",
            names: "id\tname\r\ngeo:1\tKyiv\r\ngeo:2\tLviv")
        let pack = try Pack.load(from: directory)
        XCTAssertEqual(pack.entities.map(\.label), ["Kyiv", "Lviv"])
        XCTAssertEqual(pack.entities[0].country, "UA")
        XCTAssertNil(pack.entities[1].country)
        XCTAssertEqual(pack.entities[1].location?.line, 4)
        XCTAssertEqual(pack.names.map(\.name), ["Kyiv", "Lviv"])
    }

    func testCRLFDoesNotShiftErrorLocations() throws {
        let directory = try writePack(
            entities: "id\tlabel\r\ngeo:1\tKyiv\r\n\r\ngeo:2\t\r\n")
        assertLoadFails(directory, at: "entities.tsv", 4, 7, "empty label")
    }

    func testIgnoresALeadingByteOrderMark() throws {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let directory = try writePack(
            raw: [
                "pack.json": bom + Array(#"{"name": "bom"}"#.utf8),
                "entities.tsv": bom + Array("id\tlabel\ngeo:1\tKyiv\n".utf8),
                "names.tsv": bom + Array("# comment\nid\tname\ngeo:1\tKyiv\n".utf8),
            ])
        let pack = try Pack.load(from: directory)
        XCTAssertEqual(pack.name, "bom")
        XCTAssertEqual(pack.entities.map(\.id), ["geo:1"])
        XCTAssertEqual(pack.names.map(\.name), ["Kyiv"])
    }

    func testByteOrderMarkDoesNotCountAsAColumn() throws {
        let directory = try writePack(
            raw: ["entities.tsv": [0xEF, 0xBB, 0xBF] + Array("id\tid\n".utf8)])
        assertLoadFails(directory, at: "entities.tsv", 1, 4, "duplicate column 'id'")
    }

    func testAnEntitiesFileWithOnlyAHeaderOrOnlyCommentsHasNoRows() throws {
        XCTAssertEqual(try Pack.load(from: writePack("a", entities: "id\tlabel\n")).entities, [])
        XCTAssertEqual(try Pack.load(from: writePack("b", entities: "# nothing yet\n")).entities, [])
        XCTAssertEqual(try Pack.load(from: writePack("c", entities: "", names: "")).names, [])
    }

    // MARK: File and manifest errors

    func testMissingDirectoryIsAnError() {
        let missing = root + "/nowhere"
        let error = loadError(missing)
        XCTAssertNil(error?.location)
        XCTAssertEqual(error?.file, missing)
        XCTAssertTrue(error?.message.contains("does not exist") ?? false)
    }

    func testMissingEntitiesFileIsAnError() throws {
        let directory = try writePack(entities: nil, names: "id\tname\n")
        let error = loadError(directory)
        XCTAssertEqual(error?.file, directory + "/entities.tsv")
        XCTAssertNil(error?.location)
        XCTAssertTrue(error?.message.contains("missing entities.tsv") ?? false, "\(String(describing: error))")
        XCTAssertTrue(error?.description.hasPrefix(directory + "/entities.tsv: error: ") ?? false)
    }

    func testMissingPackJSONIsAnError() throws {
        let directory = try writePack(manifest: nil)
        let error = loadError(directory)
        XCTAssertEqual(error?.file, directory + "/pack.json")
        XCTAssertTrue(error?.message.contains("missing pack.json") ?? false)
        XCTAssertTrue(error?.message.contains("\"name\"") ?? false, "says how to fix it")
    }

    func testManifestWithoutNameIsAnErrorAtTheObject() throws {
        let directory = try writePack(manifest: "\n  {\"version\": \"1\"}")
        assertLoadFails(directory, at: "pack.json", 2, 3, "no \"name\"", "\"name\": \"my-pack\"")
    }

    func testManifestNameMustBeANonEmptyString() throws {
        assertLoadFails(
            try writePack("a", manifest: #"{"name": ""}"#), at: "pack.json", 1, 10, "\"name\" is empty")
        assertLoadFails(
            try writePack("b", manifest: #"{"name": 7}"#), at: "pack.json", 1, 10,
            "\"name\" must be a string", "not a number")
    }

    func testManifestOptionalFieldsMustBeStrings() throws {
        let directory = try writePack(manifest: "{\"name\": \"x\",\n \"version\": 1.0}")
        assertLoadFails(directory, at: "pack.json", 2, 13, "\"version\" must be a string")
    }

    func testInvalidJSONReportsLineAndColumn() throws {
        let directory = try writePack(manifest: "{\n  \"name\": \"x\"\n  \"version\": \"1\"\n}")
        assertLoadFails(directory, at: "pack.json", 3, 3, "invalid JSON", "expected ',' or '}'")
    }

    func testManifestMustBeAnObject() throws {
        let directory = try writePack(manifest: #"["name"]"#)
        assertLoadFails(directory, at: "pack.json", 1, 1, "must be a JSON object", "not an array")
    }

    func testDuplicateManifestKeyIsAnError() throws {
        let directory = try writePack(manifest: #"{"name": "a", "name": "b"}"#)
        assertLoadFails(directory, at: "pack.json", 1, 15, "duplicate key \"name\"")
    }

    func testInvalidUTF8InManifestPointsAtTheCharacter() throws {
        let directory = try writePack(
            raw: ["pack.json": Array("{\"name\": \"Ки".utf8) + [0xC0, 0x80] + Array("\"}".utf8)])
        assertLoadFails(directory, at: "pack.json", 1, 13, "invalid UTF-8")
    }

    // MARK: Header errors

    func testMissingRequiredEntityColumnIsReportedAtTheHeader() throws {
        let directory = try writePack(entities: "# header next\nid\tname\ngeo:1\tKyiv\n")
        assertLoadFails(
            directory, at: "entities.tsv", 2, 1, "missing required column 'label'",
            "found: 'id', 'name'")
    }

    func testMissingRequiredNameColumnsAreReportedTogether() throws {
        let directory = try writePack(names: "lang\tflags\n")
        assertLoadFails(directory, at: "names.tsv", 1, 1, "missing required columns 'id' and 'name'")
    }

    func testDuplicateHeaderColumnIsReportedAtTheSecondOccurrence() throws {
        let directory = try writePack(names: "id\tname\tlang\tname\ngeo:1\tKyiv\ten\tKyiv\n")
        assertLoadFails(directory, at: "names.tsv", 1, 14, "duplicate column 'name'", "first at column 4")
    }

    func testEmptyHeaderColumnNameIsAnError() throws {
        let directory = try writePack(entities: "id\tlabel\t\ngeo:1\tKyiv\t\n")
        assertLoadFails(directory, at: "entities.tsv", 1, 10, "empty column name")
    }

    // MARK: Row errors

    func testUnknownEntityIDInNamesReportsFileLineAndColumn() throws {
        let directory = try writePack(
            names: "name\tid\nKyiv\tgeo:1\n# comment\nЛьвів\tgeo:3\n")
        assertLoadFails(
            directory, at: "names.tsv", 4, 7, "unknown entity id 'geo:3'", "add the entity to entities.tsv")
    }

    func testRowWithTooManyFieldsPointsAtTheFirstExtraField() throws {
        let directory = try writePack(names: "id\tname\ngeo:1\tКиїв\textra\n")
        assertLoadFails(
            directory, at: "names.tsv", 2, 12, "too many fields", "has 3", "header has 2 (id, name)")
    }

    func testRowWithTooFewFieldsPointsAtTheEndOfTheLine() throws {
        let directory = try writePack(
            entities: "id\tlabel\tcountry\r\ngeo:1\tКиїв\r\n")
        assertLoadFails(directory, at: "entities.tsv", 2, 11, "too few fields", "leaving absent values empty")
    }

    func testInvalidUTF8PointsAtTheOffendingCharacter() throws {
        // "geo:1\tКи" is 8 characters, so the stray byte is character 9.
        let directory = try writePack(
            raw: ["names.tsv": Array("id\tname\ngeo:1\tКи".utf8) + [0xFF] + Array("ev\n".utf8)])
        assertLoadFails(directory, at: "names.tsv", 2, 9, "invalid UTF-8", "re-save it as UTF-8")
    }

    func testTruncatedAndOverlongUTF8AreRejected() throws {
        let truncated = try writePack(
            "a", raw: ["names.tsv": Array("id\tname\ngeo:1\t".utf8) + [0xE2, 0x82] + [0x0A]])
        assertLoadFails(truncated, at: "names.tsv", 2, 7, "invalid UTF-8")
        let surrogate = try writePack(
            "b", raw: ["names.tsv": Array("id\tname\ngeo:1\tx".utf8) + [0xED, 0xA0, 0x80]])
        assertLoadFails(surrogate, at: "names.tsv", 2, 8, "invalid UTF-8")
    }

    func testNULBytePointsAtTheByte() throws {
        let directory = try writePack(
            raw: ["entities.tsv": Array("id\tlabel\ngeo:1\tKy".utf8) + [0] + Array("iv\n".utf8)])
        assertLoadFails(directory, at: "entities.tsv", 2, 9, "NUL byte")
    }

    func testInvalidUTF8InACommentIsStillAnError() throws {
        let directory = try writePack(
            raw: ["entities.tsv": Array("# caf".utf8) + [0xE9] + Array("\nid\tlabel\n".utf8)])
        assertLoadFails(directory, at: "entities.tsv", 1, 6, "invalid UTF-8")
    }

    func testDuplicateEntityIDCitesTheFirstDefinition() throws {
        let directory = try writePack(
            entities: "label\tid\nKyiv\tgeo:1\nLviv\tgeo:2\nKiev\tgeo:1\n")
        assertLoadFails(
            directory, at: "entities.tsv", 4, 6, "duplicate entity id 'geo:1'",
            "first defined at \(directory)/entities.tsv:2:6")
    }

    func testPopulationMustBeANonNegativeInteger() throws {
        for (i, bad) in ["-5", "1,000", "12a", "1.5", "+3", "99999999999999999999"].enumerated() {
            let directory = try writePack(
                "p\(i)", entities: "id\tlabel\tpopulation\ngeo:1\tKyiv\t\(bad)\n")
            assertLoadFails(
                directory, at: "entities.tsv", 2, 12, "invalid population '\(bad)'",
                "non-negative whole number")
        }
        let fine = try writePack("fine", entities: "id\tlabel\tpopulation\na\tA\t0\nb\tB\t\nc\tC\t007\n")
        XCTAssertEqual(try Pack.load(from: fine).entities.map(\.population), [0, nil, 7])
    }

    func testEmptyEntityIDIsAnError() throws {
        let directory = try writePack(entities: "label\tid\nKyiv\t\n")
        assertLoadFails(directory, at: "entities.tsv", 2, 6, "empty id")
    }

    func testEmptyLabelIsAnError() throws {
        let directory = try writePack(entities: "id\tlabel\ttype\ngeo:1\t\tcity\n")
        assertLoadFails(directory, at: "entities.tsv", 2, 7, "empty label")
    }

    func testEmptyNameAndEmptyNameIDAreErrors() throws {
        assertLoadFails(
            try writePack("a", names: "id\tname\ngeo:1\t\n"), at: "names.tsv", 2, 7, "empty name")
        assertLoadFails(
            try writePack("b", names: "name\tid\nKyiv\t\n"), at: "names.tsv", 2, 6, "empty id")
    }

    func testLeadingOrTrailingWhitespaceInAFieldIsAnError() throws {
        assertLoadFails(
            try writePack("a", names: "id\tname\ngeo:1\t Kyiv\n"), at: "names.tsv", 2, 7,
            "leading whitespace in column 'name'", "remove it")
        assertLoadFails(
            try writePack("b", names: "id\tname\tlang\ngeo:1\tКиїв\tuk \n"), at: "names.tsv", 2, 12,
            "trailing whitespace in column 'lang'")
        // A no-break space is whitespace too.
        assertLoadFails(
            try writePack("c", entities: "id\tlabel\tnote\ngeo:1\tKyiv\tcapital\u{A0}\n"),
            at: "entities.tsv", 2, 12, "trailing whitespace in column 'note'")
        assertLoadFails(
            try writePack("d", entities: " id\tlabel\n"), at: "entities.tsv", 1, 1,
            "column name ' id' has leading or trailing whitespace")
    }

    func testIDContainingWhitespaceIsAnError() throws {
        assertLoadFails(
            try writePack("a", entities: "id\tlabel\ngeo 1\tKyiv\n"), at: "entities.tsv", 2, 1,
            "id 'geo 1' contains whitespace")
        assertLoadFails(
            try writePack("b", names: "name\tid\nKyiv\tgeo\u{2003}1\n"), at: "names.tsv", 2, 6,
            "contains whitespace")
    }

    func testCountryMustBeTwoUpperCaseASCIILetters() throws {
        for (i, bad) in ["ua", "UKR", "U1", "ÜA", "U"].enumerated() {
            let directory = try writePack(
                "p\(i)", entities: "id\tlabel\tcountry\ngeo:1\tКиїв\t\(bad)\n")
            assertLoadFails(
                directory, at: "entities.tsv", 2, 12, "invalid country '\(bad)'",
                "two upper-case ASCII letters")
        }
        XCTAssertTrue(
            loadError(try writePack("hint", entities: "id\tlabel\tcountry\na\tA\tua\n"))?
                .message.contains("write 'UA'") ?? false)
    }

    func testLanguageTagMustLookLikeBCP47() throws {
        let bad = ["en_US", "englishlanguage", "e", "en--US", "en-", "1a", "fr-x", "ру", "en US"]
        for (i, tag) in bad.enumerated() {
            let directory = try writePack(
                "p\(i)", names: "id\tname\tlang\ngeo:1\tKyiv\t\(tag)\n")
            assertLoadFails(
                directory, at: "names.tsv", 2, 12, "invalid language tag '\(tag)'",
                "BCP 47")
        }
        XCTAssertTrue(
            loadError(try writePack("u", names: "id\tname\tlang\ngeo:1\tKyiv\ten_US\n"))?
                .message.contains("use '-' between subtags") ?? false)
        let good = [
            "en", "uk", "pt-BR", "sr-Latn", "zh-Hant-TW", "de-CH-1996", "x-private", "en-x-twain",
            "yue",
        ]
        let rows = good.enumerated().map { "geo:1\tKyiv \($0.offset)\t\($0.element)\n" }.joined()
        let pack = try Pack.load(from: writePack("good", names: "id\tname\tlang\n" + rows))
        XCTAssertEqual(pack.names.compactMap(\.lang), good)
    }

    func testUnknownFlagIsAnErrorListingTheKnownFlags() throws {
        let directory = try writePack(names: "id\tname\tflags\ngeo:1\tKyiv\tpreferred,oficial\n")
        assertLoadFails(
            directory, at: "names.tsv", 2, 12, "unknown flag 'oficial'",
            "known flags: preferred, former, abbreviation, case-sensitive, colloquial, short, "
                + "vouched, lookup-only")
    }

    func testEmptyOrSpacedFlagIsAnError() throws {
        assertLoadFails(
            try writePack("a", names: "id\tname\tflags\ngeo:1\tKyiv\tpreferred,\n"),
            at: "names.tsv", 2, 12, "empty flag")
        assertLoadFails(
            try writePack("b", names: "id\tname\tflags\ngeo:1\tKyiv\tpreferred, former\n"),
            at: "names.tsv", 2, 12, "unknown flag ' former'", "without spaces")
    }

    func testTheSameNameTwiceForOneEntityIsAnError() throws {
        let directory = try writePack(
            names: "id\tname\tlang\ngeo:1\tKyiv\ten\ngeo:2\tKyiv\ten\ngeo:1\tKyiv\tuk\n")
        assertLoadFails(
            directory, at: "names.tsv", 4, 7, "duplicate name 'Kyiv' for entity 'geo:1'",
            "first at \(directory)/names.tsv:2:1")
    }

    func testDuplicateNamesAreFoundAmongManyRows() throws {
        var rows = "id\tname\n"
        for i in 0..<5000 { rows += "geo:\(i % 2 + 1)\tName \(i)\n" }
        rows += "geo:1\tName 0\ngeo:2\tName 0\ngeo:2\tName 3999\n"
        let result = Pack.validate(directory: try writePack(names: rows))
        XCTAssertEqual(result.errors.map { $0.location!.line }, [5002, 5004])
        XCTAssertTrue(result.errors[1].message.contains("names.tsv:4001:1"), result.errors[1].message)
        XCTAssertEqual(result.pack?.names.count, 5001)
    }

    func testErrorDescriptionHasTheEditorForm() throws {
        let directory = try writePack(names: "id\tname\ngeo:9\tKyiv\n")
        let error = try XCTUnwrap(loadError(directory))
        XCTAssertTrue(
            error.description.hasPrefix("\(directory)/names.tsv:2:1: error: unknown entity id 'geo:9'"),
            error.description)
    }

    func testTrailingSlashInDirectoryDoesNotDoubleTheSeparator() throws {
        let directory = try writePack(names: "id\tname\ngeo:9\tKyiv\n")
        let error = try XCTUnwrap(loadError(directory + "/"))
        XCTAssertEqual(error.file, directory + "/names.tsv")
    }

    // MARK: All errors

    func testValidateCollectsEveryErrorInFileOrder() throws {
        let directory = try writePack(
            manifest: #"{"name": "x", "license": 3}"#,
            entities: "id\tlabel\tcountry\tpopulation\n"
                + "geo:1\tKyiv\tua\t-1\n"  // two errors on one row, in column order
                + "geo:2\tLviv\tUA\t717000\n"
                + "geo:2\tLemberg\t\t\n"
                + "geo:3\tOdesa\n",
            names: "id\tname\tlang\n"
                + "geo:2\tLviv\ten\n"
                + "geo:1\tKyiv\ten\n"  // geo:1 was rejected: not reported again
                + "geo:4\tNowhere\t\n"
                + "geo:2\t\ten_GB\n")
        let result = Pack.validate(directory: directory)
        let places = result.errors.map { error in
            let location = error.location!
            return "\(location.file.split(separator: "/").last!):\(location.line):\(location.column)"
        }
        XCTAssertEqual(
            places,
            [
                "pack.json:1:26",
                "entities.tsv:2:12", "entities.tsv:2:15",
                "entities.tsv:4:1",
                "entities.tsv:5:12",
                "names.tsv:4:1",
                "names.tsv:5:7", "names.tsv:5:8",
            ], result.errors.map(\.description).joined(separator: "\n"))
        // The rows without errors still make a pack.
        let pack = try XCTUnwrap(result.pack)
        XCTAssertEqual(pack.entities.map(\.id), ["geo:2"])
        XCTAssertEqual(pack.names.map(\.name), ["Lviv"])
        XCTAssertEqual(result.errors.first, loadError(directory), "load throws the first error")
    }

    func testDuplicateOfARejectedRowIsStillReported() throws {
        let directory = try writePack(entities: "id\tlabel\tcountry\ngeo:1\tKyiv\tua\ngeo:1\tKyiv\tUA\n")
        let result = Pack.validate(directory: directory)
        XCTAssertEqual(result.errors.map { $0.location!.line }, [2, 3])
        XCTAssertTrue(
            result.errors[1].message.contains("first defined at \(directory)/entities.tsv:2:1"),
            result.errors[1].message)
    }

    func testManifestErrorsComeInTheOrderOfTheMembers() throws {
        let directory = try writePack(manifest: #"{"name": "a", "license": 3, "rules": ["../x"]}"#)
        let result = Pack.validate(directory: directory)
        XCTAssertEqual(result.errors.map { $0.location!.column }, [26, 39])
    }

    func testValidateOfAValidPackHasNoErrors() throws {
        let directory = try writePack(names: "id\tname\ngeo:1\tKyiv\n")
        let result = Pack.validate(directory: directory)
        XCTAssertEqual(result.errors, [])
        XCTAssertEqual(result.pack?.names.count, 1)
    }

    func testValidateStillChecksNamesWhenEntitiesAreUnusable() throws {
        let directory = try writePack(
            entities: "id\tid\n", names: "id\tname\tflags\ngeo:1\tKyiv\tbogus\n")
        let result = Pack.validate(directory: directory)
        XCTAssertNil(result.pack)
        XCTAssertEqual(result.errors.map { $0.location?.line }, [1, 2])
        XCTAssertTrue(result.errors[1].message.contains("unknown flag 'bogus'"))
    }

    // MARK: Rule files

    func testLoadsRuleFilesInManifestOrder() throws {
        let directory = try writePack(
            manifest: #"{"name": "x", "rules": ["rules/b.txt", "./rules/../rules/a.txt"]}"#,
            raw: ["rules/a.txt": [0xEF, 0xBB, 0xBF] + Array("ё > е;\n".utf8)],
            extra: ["rules/b.txt": "ß > ss;\n"])
        let pack = try Pack.load(from: directory)
        XCTAssertEqual(
            pack.rules,
            [
                Pack.RuleFile(path: "rules/b.txt", text: "ß > ss;\n"),
                Pack.RuleFile(path: "./rules/../rules/a.txt", text: "ё > е;\n"),
            ])
    }

    func testRulePathThatEscapesThePackIsRejected() throws {
        let outside = root + "/outside.txt"
        try "x > y;".write(toFile: outside, atomically: true, encoding: .utf8)
        assertLoadFails(
            try writePack("a", manifest: "{\"name\": \"x\",\n \"rules\": [\"../outside.txt\"]}"),
            at: "pack.json", 2, 12, "leaves the pack directory")
        assertLoadFails(
            try writePack("b", manifest: "{\"name\": \"x\", \"rules\": [\"rules/../../outside.txt\"]}"),
            at: "pack.json", 1, 25, "leaves the pack directory")
        assertLoadFails(
            try writePack("c", manifest: "{\"name\": \"x\", \"rules\": [\"\(outside)\"]}"),
            at: "pack.json", 1, 25, "is absolute")
    }

    func testRuleFileSymlinkedOutsideThePackIsRejected() throws {
        let outside = root + "/outside.txt"
        try "x > y;".write(toFile: outside, atomically: true, encoding: .utf8)
        let directory = try writePack(manifest: #"{"name": "x", "rules": ["link.txt"]}"#)
        try FileManager.default.createSymbolicLink(
            atPath: directory + "/link.txt", withDestinationPath: outside)
        assertLoadFails(directory, at: "pack.json", 1, 25, "outside the pack directory")
    }

    func testMissingRuleFileIsAnError() throws {
        let directory = try writePack(manifest: #"{"name": "x", "rules": ["rules/none.txt"]}"#)
        assertLoadFails(directory, at: "pack.json", 1, 25, "'rules/none.txt' does not exist")
    }

    func testRulesMustBeAnArrayOfStrings() throws {
        assertLoadFails(
            try writePack("a", manifest: #"{"name": "x", "rules": "r.txt"}"#),
            at: "pack.json", 1, 24, "\"rules\" must be an array")
        assertLoadFails(
            try writePack("b", manifest: #"{"name": "x", "rules": [1]}"#),
            at: "pack.json", 1, 25, "each entry of \"rules\" must be a path string")
    }

    func testRuleFileWithInvalidUTF8PointsIntoTheRuleFile() throws {
        let directory = try writePack(
            manifest: #"{"name": "x", "rules": ["r.txt"]}"#,
            raw: ["r.txt": Array("a > b;\nщ > ".utf8) + [0xFE] + Array(";\n".utf8)])
        let error = try XCTUnwrap(loadError(directory))
        XCTAssertEqual(error.location, SourceLocation(file: directory + "/r.txt", line: 2, column: 5))
        XCTAssertTrue(error.message.contains("invalid UTF-8"))
    }

    // MARK: Several packs

    func testNameOfAnEntityOfAnotherPackIsAnErrorWhenThePackIsLoadedAlone() throws {
        let aliases = try writePack(
            "aliases", manifest: #"{"name": "aliases"}"#, entities: "id\tlabel\n",
            names: "id\tname\ngeo:1\tKyjiw\n")
        assertLoadFails(aliases, at: "names.tsv", 2, 1, "unknown entity id 'geo:1'")
        // Allowing foreign ids defers the check to the set.
        let pack = try Pack.load(from: aliases, allowingForeignIDs: true)
        XCTAssertEqual(pack.names.map(\.entityID), ["geo:1"])
    }

    func testNamesMayNameEntitiesOfAnotherLoadedPack() throws {
        let base = try writePack("base", manifest: #"{"name": "base"}"#)
        let aliases = try writePack(
            "aliases", manifest: #"{"name": "aliases"}"#,
            entities: "id\tlabel\ngeo:9\tOdesa\n",
            names: "id\tname\tlang\ngeo:1\tKyjiw\tde\ngeo:9\tOdessa\tde\n")
        let set = try PackSet.load(from: [base, aliases])
        XCTAssertEqual(set.packs.map(\.name), ["base", "aliases"])
        XCTAssertEqual(set.entities.map(\.id), ["geo:1", "geo:2", "geo:9"])
        XCTAssertEqual(set.entity(withID: "geo:9")?.pack, "aliases")
        XCTAssertEqual(set.names.map(\.name), ["Kyjiw", "Odessa"])
        XCTAssertNil(set.entity(withID: "geo:404"))
        XCTAssertEqual(PackSet.validate(directories: [aliases, base]).errors, [], "order does not matter")
    }

    func testUnknownIDAcrossTheSetReportsTheNameRowLocation() throws {
        let base = try writePack("base", manifest: #"{"name": "base"}"#)
        let aliases = try writePack(
            "aliases", manifest: #"{"name": "aliases"}"#, entities: "id\tlabel\n",
            names: "name\tid\nKyjiw\tgeo:1\nSomewhere\tgeo:77\n")
        do {
            _ = try PackSet.load(from: [base, aliases])
            XCTFail("expected an unknown id")
        } catch {
            XCTAssertEqual(error.location, SourceLocation(file: aliases + "/names.tsv", line: 3, column: 11))
            XCTAssertTrue(error.message.contains("unknown entity id 'geo:77'"), error.message)
            XCTAssertTrue(error.message.contains("loaded: 'base', 'aliases'"), error.message)
        }
        let validated = PackSet.validate(directories: [base, aliases])
        XCTAssertEqual(validated.errors.count, 1)
        XCTAssertEqual(validated.packSet.names.map(\.name), ["Kyjiw"])
    }

    func testConflictingDefinitionsInTwoPacksCiteBothLocations() throws {
        let a = try writePack("a", manifest: #"{"name": "a"}"#)
        let b = try writePack(
            "b", manifest: #"{"name": "b"}"#,
            entities: "id\tlabel\ttype\tcountry\tpopulation\n# newer label\ngeo:1\tKiev\tcity\tUA\t2884000\n")
        do {
            _ = try PackSet.load(from: [a, b])
            XCTFail("expected a conflict")
        } catch {
            XCTAssertEqual(error.location, SourceLocation(file: b + "/entities.tsv", line: 3, column: 1))
            XCTAssertTrue(error.message.contains("entity 'geo:1' is defined differently"), error.message)
            XCTAssertTrue(error.message.contains("\(a)/entities.tsv:2:1"), error.message)
            XCTAssertTrue(error.message.contains("label 'Kiev' here, 'Kyiv' there"), error.message)
        }
    }

    func testConflictingAttributesAreAConflictToo() throws {
        let packs = [
            Pack(
                name: "a",
                entities: [
                    Entity(id: "e", label: "E", attributes: [.init(key: "k", value: "1")], pack: "a")
                ],
                names: []),
            Pack(name: "b", entities: [Entity(id: "e", label: "E", pack: "b")], names: []),
        ]
        XCTAssertThrowsError(try Pack.combine(packs)) { error in
            XCTAssertTrue("\(error)".contains("attributes"), "\(error)")
        }
    }

    func testIdenticalDefinitionsInTwoPacksAreAccepted() throws {
        let a = try writePack("a", manifest: #"{"name": "a"}"#)
        // Same entities, other column order and an extra comment: still identical.
        let b = try writePack(
            "b", manifest: #"{"name": "b"}"#,
            entities: "# copy\npopulation\tcountry\ttype\tlabel\tid\n2884000\tUA\tcity\tKyiv\tgeo:1\n",
            names: "id\tname\ngeo:2\tLemberg\n")
        let set = try PackSet.load(from: [a, b])
        XCTAssertEqual(set.entities.map(\.id), ["geo:1", "geo:2"])
        XCTAssertEqual(set.entity(withID: "geo:1")?.pack, "a", "the first definition is kept")
        XCTAssertEqual(set.names.map(\.name), ["Lemberg"])
    }

    func testCombineOfInMemoryPacksChecksUnknownIDs() throws {
        let a = Pack(name: "a", entities: [Entity(id: "e", label: "E", pack: "a")], names: [])
        let b = Pack(
            name: "b", entities: [],
            names: [NameRecord(entityID: "e", name: "Ee"), NameRecord(entityID: "f", name: "Ef")])
        XCTAssertThrowsError(try Pack.combine([a, b])) { error in
            XCTAssertTrue("\(error)".contains("unknown entity id 'f'"), "\(error)")
        }
        XCTAssertEqual(try Pack.combine([a, b.withNames([b.names[0]])]).names.count, 1)
        let validated = PackSet.validate([a, b])
        XCTAssertEqual(validated.errors.count, 1)
    }

    func testValidateDirectoriesCollectsEachPacksErrorsThenTheSetsErrors() throws {
        let a = try writePack(
            "a", manifest: #"{"name": "a"}"#, names: "id\tname\tlang\ngeo:1\tKyiv\tEN_\n")
        let b = try writePack(
            "b", manifest: #"{"name": "b"}"#,
            entities: "id\tlabel\ngeo:1\tKiev\ngeo:5\t\n",
            names: "id\tname\ngeo:5\tFive\ngeo:6\tSix\n")
        let result = PackSet.validate(directories: [a, b])
        let files = result.errors.map { error in
            let pack = URL(fileURLWithPath: error.file!).deletingLastPathComponent().lastPathComponent
            return "\(pack)/\(error.location!.line)"
        }
        // a's bad tag; b's empty label; then the conflict and the unknown geo:6 (geo:5's
        // name is not reported: its entity row was rejected).
        XCTAssertEqual(
            files, ["a/2", "b/3", "b/2", "b/3"],
            result.errors.map(\.description).joined(separator: "\n"))
    }
}

extension Pack {
    /// A copy with other names.
    fileprivate func withNames(_ names: [NameRecord]) -> Pack {
        Pack(
            name: name, version: version, description: description, license: license,
            attribution: attribution, directory: directory, entities: entities, names: names,
            rules: rules)
    }
}
