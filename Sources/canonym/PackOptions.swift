import ArgumentParser
import Canonym

/// `--pack DIR`, shared by every command that matches.
struct PackOptions: ParsableArguments {
    @Option(
        name: .customLong("pack"),
        help: ArgumentHelp(
            "A lexicon pack directory (repeat to combine packs). Default: the bundled lexicon.",
            valueName: "dir"))
    var packs: [String] = []

    @Flag(help: "Turn off the precision guards (common words, given names).")
    var noGuards = false

    /// Loads the lexicon, or prints the error and exits 1.
    func loadLexicon() throws -> Lexicon {
        do {
            let directories = packs.isEmpty ? try Lexicon.bundledPackDirectories() : packs
            return try Lexicon(packDirectories: directories, useGuards: !noGuards)
        } catch {
            StandardError.write("canonym: \(error)\n")
            throw ExitCode.failure
        }
    }
}

/// `--field NAME`, shared by normalize and tag.
struct FieldOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Read JSON Lines and process this string field; every other field passes through unchanged.",
            valueName: "name"))
    var field: String?
}
