import ArgumentParser
import Canonym

@main
struct CanonymCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "canonym",
        abstract: "Turn the many spellings of a place name into one canonical id.",
        discussion: """
            Filters read standard input and write standard output, line by line, and stream: each \
            output line appears as soon as its input line is complete. Without --pack they use the \
            bundled default lexicon (countries, regions of Ukraine, Russia and Belarus, cities).
            """,
        version: "canonym 0.1.0 (ICU \(Lexicon.icuVersion))",
        subcommands: [NormalizeCommand.self, TagCommand.self, LookupCommand.self, KeyCommand.self, LexiconCommand.self]
    )
}
