import ArgumentParser
import Canonym
import Foundation

/// `--pack DIR`, shared by every command that matches.
struct PackOptions: ParsableArguments {
    @Option(
        name: .customLong("pack"),
        help: ArgumentHelp(
            "A lexicon pack directory or a compiled lexicon file (repeat to combine). Default: the bundled lexicon.",
            valueName: "path"))
    var packs: [String] = []

    @Flag(help: "Turn off the precision guards (common words, given names).")
    var noGuards = false

    /// Loads the lexicon, or prints the error and exits 1.
    func loadLexicon() throws -> Lexicon {
        do {
            let directories = packs.isEmpty ? try Lexicon.bundledPackDirectories() : packs
            let lexicon = try Lexicon(packDirectories: directories, useGuards: !noGuards)
            // A command's lexicon lives until the process exits: retained once more, it is never
            // torn down, which would only free ICU objects and caches the exit frees anyway.
            _ = Unmanaged.passRetained(lexicon)
            return lexicon
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

/// `--threads` and `--document`, shared by normalize and tag.
struct ProcessingOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Threads that process lines at once (default: all cores). Output keeps input order.", valueName: "n"))
    var threads: Int?

    @Flag(help: "Treat the whole input as one document, so that context spans lines (reads all input first).")
    var document = false

    /// The thread count to use.
    var resolvedThreads: Int { threads ?? ProcessInfo.processInfo.activeProcessorCount }

    func validate(field: String?) throws {
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
        if document, field != nil { throw ValidationError("--document and --field cannot be combined: with --field each record is a document") }
    }
}
