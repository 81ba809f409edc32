@testable import Canonym
import XCTest

/// `PackEditor` and `AtomicFile`: edits keep everything else, refuse what would not load, and a
/// failed write leaves the old file byte for byte.
final class PackEditorTests: XCTestCase {
    private func pack() throws -> String {
        let directory = try ToolingFixtures.scratch("edit", for: self) + "/pack"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try Data(#"{"name": "edit"}"#.utf8).write(to: URL(fileURLWithPath: directory + "/pack.json"))
        try Data("# Entities, hand-kept.\r\nid\tlabel\ttype\tcountry\r\nk:kyiv\tKyiv\tcity\tUA\r\n# Donetsk below\r\nk:donetsk\tDonetsk\tcity\tUA\r\n".utf8)
            .write(to: URL(fileURLWithPath: directory + "/entities.tsv"))
        try Data("id\tname\tlang\tflags\n# Kyiv\nk:kyiv\tKyiv\ten\tpreferred\nk:kyiv\tКиїв\tuk\t\n\n# Donetsk\nk:donetsk\tDonetsk\ten\tpreferred\n".utf8)
            .write(to: URL(fileURLWithPath: directory + "/names.tsv"))
        return directory
    }

    private func text(_ path: String) throws -> String { String(decoding: try ToolingFixtures.bytes(path), as: UTF8.self) }

    func testAddingANameInsertsItAfterItsEntitysRowsAndKeepsEverythingElse() throws {
        let directory = try pack()
        var editor = try PackEditor(directory: directory)
        try editor.addName(id: "k:kyiv", name: "Kiev", lang: "en", flags: .former)
        try editor.save()
        XCTAssertEqual(
            try text(directory + "/names.tsv"),
            "id\tname\tlang\tflags\n# Kyiv\nk:kyiv\tKyiv\ten\tpreferred\nk:kyiv\tКиїв\tuk\t\nk:kyiv\tKiev\ten\tformer\n\n# Donetsk\nk:donetsk\tDonetsk\ten\tpreferred\n")
        XCTAssertEqual(editor.changedFiles, ["names.tsv"])
    }

    func testAddingAnEntityAppendsItInTheFilesColumnOrderAndLineEndings() throws {
        let directory = try pack()
        var editor = try PackEditor(directory: directory)
        try editor.addEntity(id: "k:lyman", label: "Lyman", country: "UA")
        try editor.save()
        XCTAssertTrue(try text(directory + "/entities.tsv").hasSuffix("k:donetsk\tDonetsk\tcity\tUA\r\nk:lyman\tLyman\t\tUA\r\n"))
        XCTAssertTrue(try text(directory + "/names.tsv").hasSuffix("k:lyman\tLyman\t\tpreferred\n"), "the label becomes a name")
        XCTAssertEqual(try Pack.load(from: directory).entities.count, 3)
    }

    func testRemovingAnEntityRemovesItsNamesAndNothingElse() throws {
        let directory = try pack()
        var editor = try PackEditor(directory: directory)
        XCTAssertEqual(try editor.removeEntity(id: "k:kyiv"), 2)
        try editor.save()
        XCTAssertEqual(try text(directory + "/entities.tsv"), "# Entities, hand-kept.\r\nid\tlabel\ttype\tcountry\r\n# Donetsk below\r\nk:donetsk\tDonetsk\tcity\tUA\r\n")
        XCTAssertEqual(try text(directory + "/names.tsv"), "id\tname\tlang\tflags\n# Kyiv\n\n# Donetsk\nk:donetsk\tDonetsk\ten\tpreferred\n")
    }

    func testRemovingANameThatIsNotThereIsRefused() throws {
        var editor = try PackEditor(directory: try pack())
        XCTAssertThrowsError(try editor.removeName(id: "k:kyiv", name: "Kiev")) { error in
            guard case PackEditError.notFound = error else { return XCTFail("\(error)") }
        }
    }

    func testAnEditThatWouldNotLoadIsRefusedAndNothingIsWritten() throws {
        let directory = try pack()
        let before = try ToolingFixtures.bytes(directory + "/names.tsv")
        var editor = try PackEditor(directory: directory)
        try editor.addName(id: "k:kyiv", name: "Kyiw", lang: "de_DE")
        XCTAssertThrowsError(try editor.save()) { error in
            guard case PackEditError.wouldNotLoad(let errors) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(errors.first?.description.hasPrefix(directory + "/names.tsv:5:") ?? false, "\(errors)")
            XCTAssertTrue(errors.first?.message.contains("invalid language tag 'de_DE'") ?? false)
        }
        var unknown = try PackEditor(directory: directory)
        try unknown.addName(id: "k:nowhere", name: "Nowhere")
        XCTAssertThrowsError(try unknown.save())
        XCTAssertEqual(try ToolingFixtures.bytes(directory + "/names.tsv"), before)
    }

    func testDuplicatesAndMissingColumnsAreRefusedBeforeSaving() throws {
        var editor = try PackEditor(directory: try pack())
        XCTAssertThrowsError(try editor.addName(id: "k:kyiv", name: "Київ")) { error in
            guard case PackEditError.exists = error else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try editor.addEntity(id: "k:kyiv", label: "Kyiv"))
        XCTAssertThrowsError(try editor.addEntity(id: "k:x", label: "X", attributes: ["wikidata": "Q1"])) { error in
            XCTAssertTrue("\(error)".contains("has no column 'wikidata'"), "\(error)")
        }
        XCTAssertThrowsError(try editor.addName(id: "k:kyiv", name: "Tab\there"))
    }

    func testAPackThatDoesNotLoadCannotBeEdited() {
        XCTAssertThrowsError(try PackEditor(directory: ToolingFixtures.path("lint/broken"))) { error in
            guard case PackEditError.doesNotLoad(let errors) = error else { return XCTFail("\(error)") }
            XCTAssertFalse(errors.isEmpty)
        }
    }

    func testNamesOfAnotherPacksEntityNeedThatPackAsContext() throws {
        let directory = try pack()
        let places = try Pack.load(from: ToolingFixtures.path("../../CanonymCLITests/Fixtures/places"))
        var editor = try PackEditor(directory: directory)
        try editor.addName(id: "test:sumy", name: "Sumi", lang: "en")
        XCTAssertThrowsError(try editor.save())
        try editor.save(context: [places])
        XCTAssertTrue(try text(directory + "/names.tsv").hasSuffix("test:sumy\tSumi\ten\t\n"))
    }

    func testAWriteThatFailsMidwayLeavesTheOldFileByteIdentical() throws {
        let directory = try pack()
        let entitiesBefore = try ToolingFixtures.bytes(directory + "/entities.tsv")
        let namesBefore = try ToolingFixtures.bytes(directory + "/names.tsv")
        var editor = try PackEditor(directory: directory)
        try editor.removeEntity(id: "k:donetsk")
        try editor.addName(id: "k:kyiv", name: "Kiev", lang: "en")
        XCTAssertThrowsError(try editor.save(context: [], failingAfter: 20)) { error in
            guard case PackEditError.writeFailed(let message) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(message.contains("No space left on device"), message)
        }
        XCTAssertEqual(try ToolingFixtures.bytes(directory + "/entities.tsv"), entitiesBefore)
        XCTAssertEqual(try ToolingFixtures.bytes(directory + "/names.tsv"), namesBefore)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasPrefix(".") }
        XCTAssertEqual(leftovers, [], "temporary files are removed")
        try editor.save()
        XCTAssertFalse(try text(directory + "/names.tsv").contains("k:donetsk"))
    }

    func testAtomicWriteKeepsPermissionsAndReplacesContents() throws {
        let path = try ToolingFixtures.scratch("atomic", for: self) + "/file.txt"
        try Data("old".utf8).write(to: URL(fileURLWithPath: path))
        chmod(path, 0o640)
        XCTAssertThrowsError(try AtomicFile.write([(path, Array("a much longer new content".utf8))], failingAfter: 5))
        XCTAssertEqual(try ToolingFixtures.bytes(path), Data("old".utf8))
        try AtomicFile.write(Array("new".utf8), to: path)
        XCTAssertEqual(try ToolingFixtures.bytes(path), Data("new".utf8))
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o640)
    }
}
