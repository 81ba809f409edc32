import Foundation
import XCTest

/// `canonym lexicon …`, run as a user runs it: output, exit codes, help.
final class LexiconCommandTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let toolingFixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("CanonymTests/Fixtures")
    let places = fixtures.appendingPathComponent("places").path
    let lint = toolingFixtures.appendingPathComponent("lint").path
    let dumps = toolingFixtures.appendingPathComponent("geonames").path

    private func scratch() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("canonym-cli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        return path
    }

    func testEverySubcommandHasHelp() throws {
        let commands: [([String], String)] = [
            ([], "Build, check, explain, compare and edit lexicon packs."),
            (["import"], "Build a pack from an external source."),
            (["import", "geonames"], "Build a pack from GeoNames dump files"),
            (["lint"], "Check packs: errors that stop them loading"),
            (["explain"], "Show how a term folds, which keys it hits"),
            (["variants"], "Show the romanizations the engine generates"),
            (["stats"], "Count what packs hold"),
            (["diff"], "Compare two versions of a pack"),
            (["add"], "Add an entity or a name to a pack,"),
            (["add", "entity"], "Add an entity to entities.tsv"),
            (["add", "name"], "Add a name to names.tsv"),
            (["remove"], "Remove an entity (with its names) or a name"),
            (["remove", "entity"], "Remove an entity from entities.tsv"),
            (["remove", "name"], "Remove a name from names.tsv."),
            (["compile"], "Compile packs into one binary file"),
        ]
        for (path, abstract) in commands {
            let result = try CLI.run(["lexicon"] + path + ["--help"])
            XCTAssertEqual(result.status, 0, path.joined(separator: " "))
            XCTAssertTrue(result.output.contains("OVERVIEW: " + abstract), "\(path): \(result.output)")
            XCTAssertTrue(result.output.contains("USAGE: canonym lexicon"), "\(path)")
        }
        let root = try CLI.run(["--help"])
        XCTAssertTrue(root.output.contains("lexicon"), root.output)
    }

    func testCompiledFileTagsLikeItsPackDirectoryAndIsNotLinted() throws {
        let file = try scratch() + "/places.cnmlex"
        let compile = try CLI.run(["lexicon", "compile", places, "-o", file])
        XCTAssertEqual(compile.status, 0, compile.stderr)
        XCTAssertTrue(compile.stderr.contains("into \(file)"), compile.stderr)
        let text = "Shelling near Kiev and Харків; Krasnoarmiisk, Moscow and Донецьк.\nKYIV\n"
        let fromDirectory = try CLI.run(["tag", "--pack", places], input: text)
        let fromFile = try CLI.run(["tag", "--pack", file], input: text)
        XCTAssertEqual(fromFile.status, 0, fromFile.stderr)
        XCTAssertFalse(fromDirectory.output.isEmpty)
        XCTAssertEqual(fromFile.output, fromDirectory.output)
        let lint = try CLI.run(["lexicon", "lint", file])
        XCTAssertEqual(lint.status, 1)
        XCTAssertTrue(lint.stderr.contains("a compiled lexicon has no sources to lint"), lint.stderr)
        // A file that is not a compiled lexicon is refused, naming the file and the fix.
        let bogus = try scratch() + "/bogus.cnmlex"
        try "not a lexicon".write(toFile: bogus, atomically: true, encoding: .utf8)
        let refused = try CLI.run(["tag", "--pack", bogus], input: text)
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("\(bogus): not a compiled Canonym lexicon"), refused.stderr)
    }

    func testLintExitsOneOnErrorsWithLocatedMessages() throws {
        let result = try CLI.run(["lexicon", "lint", lint + "/broken"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.output.contains("broken/entities.tsv:6:24: error: invalid country 'ua'"), result.output)
        XCTAssertTrue(result.output.contains("errors: 15\n"), result.output)
    }

    func testLintExitsZeroWithWarningsAndCountsThemByClass() throws {
        let result = try CLI.run(["lexicon", "lint", lint + "/warnings"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.output.contains("warning: name 'Ob' of 'w:ob' has 2 letters"), result.output)
        XCTAssertTrue(result.output.contains("errors: 0\n"))
        XCTAssertTrue(result.output.contains("  collision        1\n"), result.output)
        let summary = try CLI.run(["lexicon", "lint", "--summary", "--only", "short-name", lint + "/warnings"])
        XCTAssertFalse(summary.output.contains("warning:"))
        XCTAssertTrue(summary.output.contains("warnings: 1\n"), summary.output)
    }

    func testLintJSONIsOneObjectForCI() throws {
        let result = try CLI.run(["lexicon", "lint", "--json", lint + "/broken"])
        XCTAssertEqual(result.status, 1)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
        XCTAssertEqual((object["errors"] as? [Any])?.count, 15)
        XCTAssertEqual((object["counts"] as? [String: Int])?["entities"], 7)
    }

    func testLintRejectsAnUnknownWarningClassAsAUsageError() throws {
        let result = try CLI.run(["lexicon", "lint", "--only", "typos", places])
        XCTAssertEqual(result.status, 64)
        XCTAssertTrue(result.stderr.contains("unknown warning class 'typos'"), result.stderr)
    }

    func testImportGeoNamesWritesAPackThatLoadsAndLints() throws {
        let out = try scratch() + "/ua"
        let result = try CLI.run([
            "lexicon", "import", "geonames", "--geonames", dumps + "/cities.txt", "--alternate-names", dumps + "/alternateNamesV2.txt",
            "--admin1", dumps + "/admin1CodesASCII.txt", "--country-info", dumps + "/countryInfo.txt", "--country", "UA",
            "--feature-class", "P", "--feature-code", "ADM1,PCLI", "--min-population", "5000", "--lang", "uk,en,und", "--out", out,
        ])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stderr.contains("wrote \(out): 7 entities"), result.stderr)
        let names = try String(contentsOfFile: out + "/names.tsv", encoding: .utf8)
        XCTAssertTrue(names.contains("geonames:703448\tKiev\ten\tformer\n"), names)
        let linted = try CLI.run(["lexicon", "lint", "--summary", out])
        XCTAssertEqual(linted.status, 0, linted.output)
        let again = try CLI.run(["lexicon", "import", "geonames", "--geonames", dumps + "/cities.txt", "--out", out])
        XCTAssertEqual(again.status, 1)
        XCTAssertTrue(again.stderr.contains("pass --force"), again.stderr)
    }

    func testExplainShowsKeysCandidatesAndTheReason() throws {
        let result = try CLI.run(["lexicon", "explain", "--pack", places, "Donetsk"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.output.contains("    folded     donetsk                in index\n"), result.output)
        XCTAssertTrue(result.output.contains("  1. test:donetsk-ua 'Donetsk' (city, UA, 929,063 people): exact via 'Donetsk' (en)"), result.output)
        XCTAssertTrue(result.output.contains("larger population (929,063 against 47,000)"), result.output)
        let context = try CLI.run(["lexicon", "explain", "--pack", places, "--context", "Донецк, Россия", "Донецк"])
        XCTAssertTrue(context.output.contains("why test:donetsk-ru wins:"), context.output)
    }

    func testVariantsPrintsEverySchemeAndTheOwners() throws {
        let result = try CLI.run(["lexicon", "variants", "--lang", "uk", "Чернігів"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.output.contains("uk-de-duden        Tschernihiw"), result.output)
        let owners = try CLI.run(["lexicon", "variants", "--owners", "--pack", places, "Харків"])
        XCTAssertTrue(owners.output.contains("→ geonames:706483 'Kharkiv'"), owners.output)
    }

    func testStatsCountsLevelsAndCollisions() throws {
        let result = try CLI.run(["lexicon", "stats", places])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.output.contains("  by type: city 16, country 2, region 1\n"), result.output)
        XCTAssertTrue(result.output.contains("  exact      45        46        47         45         3 (4)\n"), result.output)
        let json = try CLI.run(["lexicon", "stats", "--json", places])
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: json.stdout) as? [String: Any])
        XCTAssertEqual(object["entities"] as? Int, 19)
    }

    func testAddRemoveAndDiffWorkTogether() throws {
        let copy = try scratch() + "/places"
        try FileManager.default.copyItem(atPath: places, toPath: copy)
        var result = try CLI.run(["lexicon", "add", "entity", copy, "test:lyman", "Lyman", "--type", "city", "--country", "UA", "--population", "20066"])
        XCTAssertEqual(result.status, 0, result.stderr)
        result = try CLI.run(["lexicon", "add", "name", copy, "test:lyman", "Лиман", "--lang", "uk"])
        XCTAssertEqual(result.status, 0, result.stderr)
        result = try CLI.run(["lexicon", "remove", "entity", copy, "test:rubio"])
        XCTAssertEqual(result.output, "removed entity test:rubio and 1 name from \(copy)\n")
        let refused = try CLI.run(["lexicon", "add", "name", copy, "test:sumy", "Sumi", "--lang", "en_GB"])
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("refusing to write: the pack would not load afterwards"), refused.stderr)
        let badFlag = try CLI.run(["lexicon", "add", "name", copy, "test:sumy", "Sumi", "--flags", "famous"])
        XCTAssertEqual(badFlag.status, 64)

        let diff = try CLI.run(["lexicon", "diff", places, copy])
        XCTAssertEqual(diff.status, 0, diff.stderr)
        XCTAssertTrue(diff.output.contains("entities: 1 added, 1 removed, 0 relabelled, 0 changed\n"), diff.output)
        XCTAssertTrue(diff.output.contains("after this change, 'Лиман' resolves to test:lyman 'Lyman' (UA) at exact instead of nothing"), diff.output)
        let json = try CLI.run(["lexicon", "diff", "--json", "--exit-code", places, copy])
        XCTAssertEqual(json.status, 1, "differences with --exit-code")
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: json.stdout) as? [String: Any])
        XCTAssertEqual((object["entities_removed"] as? [[String: Any]])?.first?["id"] as? String, "test:rubio")
        XCTAssertEqual((object["owner_changes"] as? [Any])?.count, 3, "Lyman, Лиман, Rubio")
    }
}
