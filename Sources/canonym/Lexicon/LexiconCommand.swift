import ArgumentParser

/// `canonym lexicon …`: the tools that keep lexicon packs reviewable.
struct LexiconCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lexicon",
        abstract: "Build, check, explain, compare and edit lexicon packs.",
        discussion: """
            A pack is a directory with pack.json, entities.tsv and names.tsv (see the README, Pack \
            format). These commands import packs from GeoNames dumps, lint them (exit 1 on errors), \
            explain how a term resolves, show the romanizations of a name, count what a pack holds, \
            compare two versions of a pack, add or remove rows without disturbing the rest, and \
            compile packs into one file that loads in milliseconds.
            """,
        subcommands: [
            ImportCommand.self, LintCommand.self, ExplainCommand.self, VariantsCommand.self,
            StatsCommand.self, DiffCommand.self, AddCommand.self, RemoveCommand.self, CompileCommand.self,
        ]
    )
}
