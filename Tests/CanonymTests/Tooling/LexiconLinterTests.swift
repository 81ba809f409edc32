import Canonym
import XCTest

/// `LexiconLinter`: every error class on broken packs, every warning class on a pack that loads.
final class LexiconLinterTests: XCTestCase {
    private func lint(_ packs: [String], _ options: LexiconLinter.Options = .init()) throws -> LexiconLinter.Report {
        try LexiconLinter.lint(directories: packs.map(ToolingFixtures.path), options: options)
    }

    private func assertError(
        _ report: LexiconLinter.Report, _ kind: LintIssue.Kind, at place: String, containing text: String,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        let found = report.errors.contains { issue in
            issue.kind == kind && issue.description.contains(place) && issue.message.contains(text)
        }
        XCTAssertTrue(found, "no \(kind) error at \(place) with '\(text)' in:\n" + report.errors.map(\.description).joined(separator: "\n"), file: file, line: line)
    }

    func testBrokenPackReportsEveryLoaderErrorOfEveryFileWithItsPlace() throws {
        let report = try lint(["lint/broken"], .init(warnings: []))
        assertError(report, .manifest, at: "broken/pack.json:1:31", containing: "\"version\" must be a string")
        assertError(report, .rules, at: "broken/pack.json:1:44", containing: "rule file 'rules/missing.txt' does not exist")
        assertError(report, .entities, at: "entities.tsv:4:1", containing: "duplicate entity id 'x:ok'")
        assertError(report, .entities, at: "entities.tsv:5:11", containing: "empty label")
        assertError(report, .entities, at: "entities.tsv:6:24", containing: "invalid country 'ua'")
        assertError(report, .entities, at: "entities.tsv:7:33", containing: "invalid population '-5'")
        assertError(report, .entities, at: "entities.tsv:8:1", containing: "contains whitespace")
        assertError(report, .entities, at: "entities.tsv:9:15", containing: "too few fields")
        assertError(report, .entities, at: "entities.tsv:10:10", containing: "trailing whitespace")
        assertError(report, .names, at: "names.tsv:4:6", containing: "empty name")
        assertError(report, .names, at: "names.tsv:5:11", containing: "invalid language tag 'en_US'")
        assertError(report, .names, at: "names.tsv:6:14", containing: "unknown flag 'famous'")
        assertError(report, .names, at: "names.tsv:7:6", containing: "duplicate name 'Okay'")
        assertError(report, .names, at: "names.tsv:8:7", containing: "invalid UTF-8")
        assertError(report, .packSet, at: "names.tsv:3:1", containing: "unknown entity id 'x:unknown'")
        XCTAssertEqual(report.errors.count, 15)
    }

    func testPacksThatCannotBeReadOrConflictReportTheirClass() throws {
        let report = try lint(["lint/no-manifest", "lint/bad-json", "lint/bad-header", "lint/conflict-a", "lint/conflict-b", "lint/missing-directory"], .init(warnings: []))
        assertError(report, .manifest, at: "no-manifest/pack.json", containing: "missing pack.json")
        assertError(report, .manifest, at: "bad-json/pack.json:2:14", containing: "invalid JSON")
        assertError(report, .entities, at: "bad-header/entities.tsv:1:1", containing: "missing required column 'id'")
        assertError(report, .pack, at: "missing-directory", containing: "pack directory does not exist")
        assertError(report, .packSet, at: "conflict-b/entities.tsv:2:1", containing: "is defined differently by pack 'conflict-b'")
    }

    func testNamesOfAnIDNoPackDefinesAreAPackSetError() throws {
        let report = try lint(["lint/conflict-a", "lint/conflict-b"], .init(warnings: []))
        assertError(report, .packSet, at: "conflict-b/names.tsv:3:1", containing: "unknown entity id 'c:2'")
    }

    func testRuleFileThatICUCannotCompileIsAnErrorAtItsLine() throws {
        let report = try lint(["lint/bad-rules"], .init(warnings: []))
        assertError(report, .rules, at: "bad-rules/rules/broken.txt:3:", containing: "does not compile (U_MULTIPLE_ANTE_CONTEXTS)")
        XCTAssertEqual(report.errors.count, 1)
    }

    func testCollisionsAreSkippedWhileThereAreErrors() throws {
        let report = try lint(["lint/broken"])
        XCTAssertEqual(report.count(of: .collision), 0)
        XCTAssertTrue(report.skipped.contains { $0.hasPrefix("collision") })
    }

    func testPackThatLoadsHasNoErrorsAndOneWarningOfEveryClass() throws {
        let report = try lint(["lint/warnings"])
        XCTAssertEqual(report.errors, [])
        for kind in LintIssue.Kind.warningKinds {
            XCTAssertGreaterThan(report.count(of: kind), 0, "no \(kind.rawValue) warning")
        }
        func warning(_ kind: LintIssue.Kind, _ text: String) -> LintIssue? {
            report.warnings.first { $0.kind == kind && $0.message.contains(text) }
        }
        XCTAssertEqual(warning(.duplicate, "after Unicode normalization")?.location?.line, 4)
        let collision = try XCTUnwrap(warning(.collision, "share the exact key 'Donetsk'"))
        XCTAssertTrue(collision.message.contains("w:donetsk-ua 'Donetsk' (city, UA, 929,063 people) via 'Donetsk'; w:donetsk-ru"), collision.message)
        XCTAssertEqual(collision.location?.line, 7, "located at the name that loses without context")
        XCTAssertNotNil(warning(.commonWord, "'March' of 'w:march' is a common word (en zipf 5.26"))
        XCTAssertNotNil(warning(.commonWord, "the guard blocks it even capitalized"))
        XCTAssertNotNil(warning(.commonWord, "'Kijów' of 'w:kyiv' is a common word in its language (pl"))
        XCTAssertNotNil(warning(.mixedScript, "'Kиїв' of 'w:kyiv' mixes scripts (Latn, Cyrl)"))
        XCTAssertNotNil(warning(.confusable, "'Соса' of 'w:sosa' (Cyrl) looks like the Latin name 'Coca' of 'w:coca'"))
        XCTAssertNotNil(warning(.shortName, "'Ob' of 'w:ob' has 2 letters"))
        XCTAssertNotNil(warning(.labelOnly, "'w:march' has no name but its label 'March'"))
        XCTAssertNotNil(warning(.labelOnly, "'w:nameless' ('Nameless') has no names"))
        XCTAssertNotNil(warning(.labelNotAName, "the label 'Bakhmut' of 'w:renamed' is not among its names"))
    }

    func testLookupOnlyNamesAreNotCheckedAsRunningText() throws {
        let report = try lint(["lint/warnings"])
        XCTAssertFalse(report.warnings.contains { $0.message.contains("'Obb'") }, "Obb is lookup-only")
    }

    func testWarningsAreSortedByFileAndLine() throws {
        let report = try lint(["lint/warnings"])
        let places: [String] = report.warnings.map { issue in
            let line = issue.location?.line ?? 0
            return (issue.file ?? "") + ":" + String(repeating: "0", count: 8 - String(line).count) + String(line)
        }
        XCTAssertEqual(places, places.sorted())
    }

    func testOptionsSelectWarningClassesAndCollisionLevels() throws {
        let only = try lint(["lint/warnings"], .init(warnings: [.shortName]))
        XCTAssertEqual(Set(only.warnings.map(\.kind)), [.shortName])
        let looseOnly = try lint(["lint/warnings"], .init(warnings: [.collision], collisionLevels: [.skeleton]))
        XCTAssertTrue(looseOnly.warnings.allSatisfy { $0.message.contains("skeleton key") }, looseOnly.warnings.map(\.message).joined(separator: "\n"))
    }

    func testACollisionIsReportedOnceAtItsStrictestLevel() throws {
        let report = try lint(["lint/warnings"], .init(warnings: [.collision]))
        let donetsk = report.warnings.filter { $0.message.contains("w:donetsk-ua") }
        XCTAssertEqual(donetsk.count, 1, donetsk.map(\.message).joined(separator: "\n"))
    }

    func testBundledDefaultLexiconHasNoErrors() throws {
        let report = try LexiconLinter.lint(directories: Lexicon.bundledPackDirectories(), options: .init(warnings: []))
        XCTAssertEqual(report.errors.map(\.description), [])
        XCTAssertEqual(report.packCount, try Lexicon.bundledPackDirectories().count)
    }
}
