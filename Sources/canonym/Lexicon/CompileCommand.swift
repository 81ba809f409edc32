import ArgumentParser
import Canonym
import Foundation

/// `canonym lexicon compile PACK... -o FILE`: one memory-mappable file for fast loading.
struct CompileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compile",
        abstract: "Compile packs into one binary file that loads in milliseconds.",
        discussion: """
            The file holds everything matching needs: the entity and name tables, the fold keys \
            of every level and the phrase structure over them, the pack rule files and a copy of \
            the guard data. `--pack FILE` (and the library's Lexicon(packDirectories:)) accept it \
            wherever they accept a pack directory; it is memory-mapped, checked (length, checksum, \
            format version, and the fold rules and ICU version it was compiled with) and used in \
            place, with no parsing. A file that fails a check is refused with a message saying \
            why; compile it again. Pack directories are also compiled automatically and cached \
            (see CANONYM_CACHE_DIR in the README); this command makes a file to ship or pin.
            """)

    @Argument(help: ArgumentHelp("Pack directories or compiled files to combine (default: the bundled lexicon).", valueName: "pack"))
    var packs: [String] = []

    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("The file to write (atomically).", valueName: "file"))
    var output: String

    func run() throws {
        let sources = try PackArguments.directories(packs)
        let started = Date()
        let summary = try reportingErrors { try Lexicon.compile(sources, to: output) }
        let seconds = Date().timeIntervalSince(started)
        StandardError.write(
            "canonym: compiled \(Count.grouped(summary.entityCount)) entities and \(Count.grouped(summary.nameCount)) names "
                + "into \(output) (\(Count.grouped(summary.byteCount)) bytes) in \(String(format: "%.1f", seconds)) s\n")
    }
}
