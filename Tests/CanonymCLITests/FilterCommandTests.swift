import Foundation
import XCTest

/// The `canonym` filters, run as a user runs them: bytes in, bytes out, exit codes.
final class FilterCommandTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    let places = fixtures.appendingPathComponent("places").path

    func testNormalizeReplacesMentionsAndKeepsEverythingElse() throws {
        let result = try CLI.run(["normalize", "--pack", places], input: "Shelling near Kiev, Харків and Tschernihiw.\nnothing here\n")
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.output, "Shelling near Kyiv, Kharkiv and Chernihiv.\nnothing here\n")
    }

    func testAnnotateMarksMentionsWithTheirIDs() throws {
        let result = try CLI.run(["normalize", "--annotate", "--pack", places], input: "near Kiev")
        XCTAssertEqual(result.output, "near [[geonames:703448|Kiev]]")
    }

    func testTagWritesOneJSONObjectPerMentionWithAllFields() throws {
        let result = try CLI.run(["tag", "--pack", places], input: "no places\n🔥 Київ і Donetsk\n")
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = result.output.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 2)
        let first = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        XCTAssertEqual(first["line"] as? Int, 2)
        XCTAssertEqual(first["start"] as? Int, 2)
        XCTAssertEqual(first["end"] as? Int, 6)
        XCTAssertEqual(first["byte_start"] as? Int, 5)
        XCTAssertEqual(first["byte_end"] as? Int, 13)
        XCTAssertEqual(first["text"] as? String, "Київ")
        XCTAssertEqual(first["id"] as? String, "geonames:703448")
        XCTAssertEqual(first["label"] as? String, "Kyiv")
        XCTAssertEqual(first["method"] as? String, "exact")
        XCTAssertEqual(first["score"] as? Double, 1.0)
        XCTAssertEqual((first["alternatives"] as? [Any])?.count, 0)
        let second = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any])
        XCTAssertEqual(second["id"] as? String, "test:donetsk-ua")
        let alternatives = try XCTUnwrap(second["alternatives"] as? [[String: Any]])
        XCTAssertEqual(alternatives.first?["id"] as? String, "test:donetsk-ru")
    }

    func testLookupAnswersEachTermInOrder() throws {
        let result = try CLI.run(["lookup", "--pack", places, "Chernigov", "Nowhere-on-Earth", "Krasnoarmiisk"])
        let lines = result.output.split(separator: "\n")
        XCTAssertEqual(lines.count, 3)
        XCTAssertTrue(lines[0].hasPrefix(#"{"input":"Chernigov","matches":[{"id":"test:chernihiv","label":"Chernihiv","score":0.85,"method":"romanized"}"#), String(lines[0]))
        XCTAssertEqual(String(lines[1]), #"{"input":"Nowhere-on-Earth","matches":[]}"#)
        XCTAssertTrue(lines[2].contains(#""id":"geonames:704422""#))
    }

    func testLookupReadsTermsFromStandardInput() throws {
        let result = try CLI.run(["lookup", "--pack", places], input: "kyiv\r\nSumi\n")
        let lines = result.output.split(separator: "\n")
        XCTAssertEqual(lines.count, 2)
        XCTAssertTrue(lines[0].contains(#""input":"kyiv""#))
        XCTAssertTrue(lines[1].contains(#""id":"test:sumy""#))
    }

    func testFieldModePassesOtherFieldsThroughUnchanged() throws {
        let input = #"{"id": 7, "meta": {"a": [1, 2, "x"]}, "text": "Obstril \"Kiev\"\nі Харків", "z": null}"# + "\n"
        let result = try CLI.run(["normalize", "--pack", places, "--field", "text"], input: input)
        XCTAssertEqual(result.output, #"{"id": 7, "meta": {"a": [1, 2, "x"]}, "text": "Obstril \"Kyiv\"\nі Kharkiv", "z": null}"# + "\n")
        let tagged = try CLI.run(["tag", "--pack", places, "--field", "text"], input: input)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(tagged.output.utf8)) as? [String: Any])
        XCTAssertEqual(object["id"] as? Int, 7)
        let mentions = try XCTUnwrap(object["mentions"] as? [[String: Any]])
        XCTAssertEqual(mentions.map { $0["id"] as? String }, ["geonames:703448", "geonames:706483"])
        XCTAssertTrue(tagged.output.hasPrefix(#"{"id": 7, "meta": {"a": [1, 2, "x"]}, "text": "Obstril \"Kiev\"\nі Харків", "z": null,"mentions":["#))
    }

    func testFieldModePassesBadRecordsThroughWithAWarning() throws {
        let input = "not json\n{\"other\": 1}\n{\"text\": \"Kiev\"}\n"
        let result = try CLI.run(["normalize", "--pack", places, "--field", "text"], input: input)
        XCTAssertEqual(result.status, 0)
        XCTAssertEqual(result.output, "not json\n{\"other\": 1}\n{\"text\": \"Kyiv\"}\n")
        XCTAssertTrue(result.stderr.contains("line 1: not a JSON object"), result.stderr)
        XCTAssertTrue(result.stderr.contains("line 2: no field \"text\""), result.stderr)
    }

    func testCRLFLineEndingsAreKept() throws {
        let result = try CLI.run(["normalize", "--pack", places], input: "Kiev\r\nSumi\r\n")
        XCTAssertEqual(result.output, "Kyiv\r\nSumy\r\n")
    }

    func testInvalidUTF8AndNULBytesPassThroughByteForByte() throws {
        var input = Data("Kiev".utf8)
        input.append(contentsOf: [0xFF, 0x00, 0xC3])
        input.append(contentsOf: Array(" Kiev\nlast line without newline \u{0}".utf8))
        let result = try CLI.run(["normalize", "--pack", places], input: input)
        var expected = Data("Kyiv".utf8)
        expected.append(contentsOf: [0xFF, 0x00, 0xC3])
        expected.append(contentsOf: Array(" Kyiv\nlast line without newline \u{0}".utf8))
        XCTAssertEqual(result.stdout, expected)
    }

    func testFieldOutputEscapesJSONAndReplacesInvalidUTF8() throws {
        // A raw invalid byte inside the field (JSON text must be UTF-8), and characters that need
        // an escape: quote, backslash, tab (escaped in the input) and DEL (raw).
        var input = Data(#"{"text":"Kiev \"x\" \\ \t "#.utf8)
        input.append(contentsOf: [0x7F, 0x20, 0xFF])
        input.append(contentsOf: Array(#" Київ","n":1}"#.utf8) + [0x0A])
        let result = try CLI.run(["normalize", "--pack", places, "--field", "text"], input: input)
        XCTAssertEqual(result.output, #"{"text":"Kyiv \"x\" \\ \t \u007f "# + "\u{FFFD}" + #" Kyiv","n":1}"# + "\n")
    }

    /// The writer checks eight bytes at a time for characters that need an escape: one at any
    /// position of a block, after ASCII or Cyrillic text, must still be escaped, and every
    /// other byte copied as it is.
    func testFieldOutputEscapesAtEveryPositionOfAnEightByteBlock() throws {
        var values: [String] = []
        for special in ["\"", "\\", "\u{01}", "\n", "\u{1F}", "\u{7F}"] {
            for prefix in ["", "ж"] {
                for offset in 0..<17 {
                    values.append(prefix + String(repeating: "a", count: offset) + special + "bcdéfghijklmnopq")
                }
            }
        }
        values.append(String(repeating: "Ωmega ", count: 9))
        let input = try values.map { value in
            String(decoding: try JSONSerialization.data(withJSONObject: ["text": value]), as: UTF8.self) + "\n"
        }.joined()
        let result = try CLI.run(["normalize", "--pack", places, "--field", "text"], input: input)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertFalse(result.stdout.contains { $0 < 0x20 && $0 != 0x0A || $0 == 0x7F }, "control characters and DEL are escaped")
        let lines = result.output.split(separator: "\n")
        XCTAssertEqual(lines.count, values.count)
        for (line, value) in zip(lines, values) {
            let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String], String(line))
            XCTAssertEqual(object["text"], value)
        }
    }

    func testEmptyInputGivesEmptyOutput() throws {
        for command in ["normalize", "tag", "lookup"] {
            let result = try CLI.run([command, "--pack", places], input: "")
            XCTAssertEqual(result.status, 0)
            XCTAssertEqual(result.stdout.count, 0)
        }
    }

    func testVeryLongLineIsProcessedInSegmentsWithoutLosingBytes() throws {
        // 9 MB on one line: longer than the reader's 4 MiB segment.
        let unit = "some words Kiev more words Харків "
        let line = String(repeating: unit, count: 9_000_000 / unit.utf8.count)
        let result = try CLI.run(["normalize", "--pack", places], input: line + "\nKiev\n")
        let expected = line.replacingOccurrences(of: "Kiev", with: "Kyiv").replacingOccurrences(of: "Харків", with: "Kharkiv") + "\nKyiv\n"
        XCTAssertEqual(result.status, 0)
        XCTAssertEqual(result.output.count, expected.count)
        XCTAssertTrue(result.output == expected)
    }

    func testStreamingWritesEachLineBeforeInputEnds() throws {
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["normalize", "--pack", places]
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        stdin.fileHandleForWriting.write(Data("first Kiev\n".utf8))
        let first = stdout.fileHandleForReading.availableData  // blocks until the line comes out
        XCTAssertEqual(String(decoding: first, as: UTF8.self), "first Kyiv\n")
        stdin.fileHandleForWriting.write(Data("second Sumi\n".utf8))
        let second = stdout.fileHandleForReading.availableData
        XCTAssertEqual(String(decoding: second, as: UTF8.self), "second Sumy\n")
        try stdin.fileHandleForWriting.close()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
    }

    func testBrokenPackFailsWithFileLineAndColumn() throws {
        let broken = Self.fixtures.appendingPathComponent("broken").path
        let result = try CLI.run(["tag", "--pack", broken], input: "x")
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("broken/entities.tsv:3:"), result.stderr)
        XCTAssertTrue(result.stderr.contains("population"), result.stderr)
        XCTAssertFalse(result.stderr.contains("Fatal error"), result.stderr)
        XCTAssertEqual(result.stdout.count, 0)
    }

    /// The second run of the same binary on the same pack maps the file the first compiled
    /// into the cache, instead of compiling again under another key.
    func testASecondRunReusesTheCompiledCacheOfTheFirst() throws {
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("canonym-cli-cache-\(UUID().uuidString)").path
        addTeardownBlock { try? FileManager.default.removeItem(atPath: cache) }
        var environment = ProcessInfo.processInfo.environment
        environment["CANONYM_CACHE_DIR"] = cache
        func compiledFiles() throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: cache).filter { $0.hasSuffix(".cnmlex") }
        }
        let first = try CLI.run(["tag", "--pack", places], input: Data("near Kiev\n".utf8), environment: environment)
        let files = try compiledFiles()
        XCTAssertEqual(files.count, 1, "the first run compiles into the cache")
        let second = try CLI.run(["tag", "--pack", places], input: Data("near Kiev\n".utf8), environment: environment)
        XCTAssertEqual(try compiledFiles(), files, "the second run finds the first one's file")
        XCTAssertEqual(second.stdout, first.stdout)
        XCTAssertEqual(second.status, 0)
    }

    func testMissingPackDirectoryIsAClearError() throws {
        let result = try CLI.run(["normalize", "--pack", "/nonexistent/pack"], input: "x")
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("/nonexistent/pack"), result.stderr)
    }

    func testUsageErrorsExitWith64() throws {
        let result = try CLI.run(["lookup", "--limit", "0", "x"])
        XCTAssertEqual(result.status, 64)
        let unknown = try CLI.run(["normalize", "--no-such-flag"])
        XCTAssertEqual(unknown.status, 64)
    }

    func testKeyPrintsEveryLevel() throws {
        let result = try CLI.run(["key", "--pack", places, "Krasnoarmiys'k"])
        XCTAssertEqual(result.status, 0, result.stderr)
        for level in ["exact", "folded", "romanized", "skeleton"] {
            XCTAssertTrue(result.output.contains("  \(level) "), result.output)
        }
    }
}

/// `--threads` and `--document`.
final class ParallelAndDocumentTests: XCTestCase {
    let places = FilterCommandTests.fixtures.appendingPathComponent("places").path

    func testMultithreadedOutputIsByteIdenticalToSingleThreaded() throws {
        // A varied text: scripts, phrases, CRLF, invalid bytes, empty lines, long lines.
        var text = Data()
        let lines = [
            "Shelling near Kiev, Харків and Tschernihiw.", "", "Donetsk and Pokrovsk\r", "no places at all",
            "Біла Церква та Russian Federation", "KHARKIV UNDER FIRE", String(repeating: "Sumi, ", count: 500),
        ]
        for i in 0..<1200 {
            text.append(contentsOf: Array(lines[i % lines.count].utf8))
            if i % 97 == 0 { text.append(contentsOf: [0xFF, 0xFE]) }
            text.append(0x0A)
        }
        for command in [["tag"], ["normalize", "--annotate"]] {
            let one = try CLI.run(command + ["--pack", places, "--threads", "1"], input: text)
            let four = try CLI.run(command + ["--pack", places, "--threads", "4"], input: text)
            XCTAssertEqual(one.status, 0, one.stderr)
            XCTAssertGreaterThan(one.stdout.count, 1000)
            XCTAssertEqual(one.stdout, four.stdout, "\(command)")
        }
    }

    func testDocumentModeUsesContextAcrossLines() throws {
        let input = "Донецк\nРоссия, Москва\n"
        let perLine = try CLI.run(["tag", "--pack", places], input: input)
        XCTAssertTrue(perLine.output.hasPrefix(#"{"line":1,"start":0,"end":6,"byte_start":0,"byte_end":12,"text":"Донецк","id":"test:donetsk-ua""#), perLine.output)
        let document = try CLI.run(["tag", "--pack", places, "--document"], input: input)
        let lines = document.output.split(separator: "\n")
        XCTAssertTrue(lines[0].hasPrefix(#"{"line":1,"start":0,"end":6,"byte_start":0,"byte_end":12,"text":"Донецк","id":"test:donetsk-ru""#), document.output)
        XCTAssertTrue(lines[1].hasPrefix(#"{"line":2,"start":0,"end":6,"byte_start":0,"byte_end":12,"text":"Россия""#), document.output)
        XCTAssertTrue(lines[2].hasPrefix(#"{"line":2,"start":8,"end":14,"byte_start":14,"byte_end":26,"text":"Москва""#), document.output)
        let normalized = try CLI.run(["normalize", "--pack", places, "--document"], input: input)
        XCTAssertEqual(normalized.output, "Donetsk\nRussia, Moscow\n")
    }

    func testDocumentAndFieldCannotBeCombined() throws {
        let result = try CLI.run(["tag", "--document", "--field", "text"], input: "")
        XCTAssertEqual(result.status, 64)
    }
}
