import Foundation
import XCTest

/// A news paragraph in mixed spellings and scripts, tagged with the bundled default lexicon and
/// compared with hand-checked expectations (`Fixtures/golden`).
final class GoldenNewsTests: XCTestCase {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/golden")

    func testEnglishParagraphTagsEveryPlaceAndNoTrap() throws {
        let text = try Data(contentsOf: Self.golden.appendingPathComponent("news-en.txt"))
        let expected = try String(contentsOf: Self.golden.appendingPathComponent("news-en.expected.tsv"), encoding: .utf8)
            .split(separator: "\n").filter { !$0.hasPrefix("#") }.map { String($0) }
        let result = try CLI.run(["tag"], input: text)
        XCTAssertEqual(result.status, 0, result.stderr)
        let found = try result.output.split(separator: "\n").map { line -> String in
            let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            return "\(object["text"] as? String ?? "")\t\(object["id"] as? String ?? "")"
        }
        XCTAssertEqual(found, expected)
    }

    func testDefaultLexiconIsUsedWithoutPackFromAnyDirectory() throws {
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["lookup", "Krasnoarmiisk"]
        process.currentDirectoryURL = URL(fileURLWithPath: NSTemporaryDirectory())
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        XCTAssertTrue(String(decoding: data, as: UTF8.self).hasPrefix(#"{"input":"Krasnoarmiisk","matches":[{"id":"geonames:704422","label":"Pokrovsk""#))
    }
}
