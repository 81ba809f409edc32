import Foundation

/// Finds the data Canonym ships: fold rules, guard data and the default lexicon.
///
/// Search order for `rules`/`guards`: `$CANONYM_RESOURCES`, the SwiftPM resource bundle beside
/// the executable (`Canonym_Canonym.resources`, which also serves an installed copy when it is
/// copied beside the binary), `../share/canonym` beside the executable, and finally the source
/// checkout this binary was built from.
/// For the default lexicon: `$CANONYM_LEXICONS`, `../share/canonym/Lexicons` and `Lexicons`
/// beside the executable, then the checkout's `Lexicons/`.
enum ResourceLocator {
    /// The folder holding `schemes.tsv`, `skeleton.txt` and the scheme rule files.
    static func rulesDirectory() throws -> String { try find("rules") }

    /// The folder holding the guard word lists and thresholds.
    static func guardsDirectory() throws -> String { try find("guards") }

    /// The folder holding the designator list.
    static func qualifiersDirectory() throws -> String { try find("qualifiers") }

    /// The folder holding the inflection paradigms.
    static func inflectionDirectory() throws -> String { try find("inflection") }

    /// The folder holding the default packs and `default.txt`.
    static func lexiconsDirectory() throws -> String {
        var candidates: [String] = []
        if let env = ProcessInfo.processInfo.environment["CANONYM_LEXICONS"] { candidates.append(env) }
        if let exe = executableDirectory {
            candidates.append(exe + "/../share/canonym/Lexicons")
            candidates.append(exe + "/Lexicons")
        }
        candidates.append(checkoutRoot + "/Lexicons")
        for candidate in candidates where FileManager.default.fileExists(atPath: candidate + "/default.txt") {
            return (candidate as NSString).standardizingPath
        }
        throw CanonymError.missingResource("Lexicons/default.txt (looked in \(candidates.joined(separator: ", ")))")
    }

    private static func find(_ name: String) throws -> String {
        var candidates: [String] = []
        if let env = ProcessInfo.processInfo.environment["CANONYM_RESOURCES"] {
            candidates.append(env + "/" + name)
        }
        if let exe = executableDirectory {
            candidates.append(exe + "/Canonym_Canonym.resources/" + name)
            candidates.append(exe + "/../share/canonym/" + name)
        }
        candidates.append(checkoutRoot + "/Sources/Canonym/Resources/" + name)
        var isDirectory: ObjCBool = false
        for candidate in candidates
        where FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory) && isDirectory.boolValue {
            return candidate
        }
        throw CanonymError.missingResource(name + " (looked in \(candidates.joined(separator: ", ")))")
    }

    private static let executableDirectory: String? = {
        guard let path = Bundle.main.executablePath else { return nil }
        let resolved = (path as NSString).resolvingSymlinksInPath
        return (resolved as NSString).deletingLastPathComponent
    }()

    /// The repository root this file was compiled from (…/Sources/Canonym/ResourceLocator.swift).
    private static let checkoutRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()
}
