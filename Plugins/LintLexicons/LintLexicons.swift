import Foundation
import PackagePlugin

/// `swift package lint-lexicons [lint options] [pack…]`: runs `canonym lexicon lint` on the packs
/// listed in `Lexicons/default.txt` (or on the packs given), and fails when lint finds errors.
///
/// Arguments are passed to `canonym lexicon lint` (`--summary`, `--only collision`, `--json`…);
/// arguments that are directories replace the default packs.
@main
struct LintLexicons: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        let tool = try context.tool(named: "canonym")
        let root = context.package.directoryURL
        var options: [String] = []
        var packs: [String] = []
        for argument in arguments {
            var isDirectory: ObjCBool = false
            if !argument.hasPrefix("-"), FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory), isDirectory.boolValue {
                packs.append(argument)
            } else {
                options.append(argument)
            }
        }
        if packs.isEmpty {
            let lexicons = root.appendingPathComponent("Lexicons")
            let list = try String(contentsOf: lexicons.appendingPathComponent("default.txt"), encoding: .utf8)
            packs = list.split(whereSeparator: \.isNewline)
                .map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty && !$0.hasPrefix("#") }
                .map { lexicons.appendingPathComponent($0).path }
        }
        let process = Process()
        process.executableURL = tool.url
        process.arguments = ["lexicon", "lint"] + options + packs
        try process.run()
        process.waitUntilExit()
        if process.terminationReason != .exit || process.terminationStatus != 0 {
            Diagnostics.error("canonym lexicon lint found errors in the lexicon packs (exit status \(process.terminationStatus))")
            throw LintFailed()
        }
    }
}

/// Lint reported errors (already printed).
struct LintFailed: Error, CustomStringConvertible {
    var description: String { "lexicon lint failed" }
}
