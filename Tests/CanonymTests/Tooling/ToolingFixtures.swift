import Foundation
import XCTest

/// Paths of the tooling fixtures (Tests/CanonymTests/Fixtures) and scratch directories.
enum ToolingFixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    /// A fixture folder, e.g. `lint/broken` or `geonames`.
    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    /// A fresh empty directory under the temporary directory, removed when `test` ends.
    static func scratch(_ name: String, for test: XCTestCase) throws -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("canonym-\(name)-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        test.addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        return path
    }

    /// A copy of a fixture pack in a fresh directory; returns the copy's path.
    static func copy(_ relative: String, for test: XCTestCase) throws -> String {
        let target = try scratch("copy", for: test) + "/" + (relative as NSString).lastPathComponent
        try FileManager.default.copyItem(atPath: path(relative), toPath: target)
        return target
    }

    /// The bytes of a file.
    static func bytes(_ path: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: path))
    }
}
