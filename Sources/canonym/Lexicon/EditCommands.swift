import ArgumentParser
import Canonym

/// `--with DIR`, shared by the edit commands.
struct EditContextOptions: ParsableArguments {
    @Option(name: .customLong("with"), help: ArgumentHelp("A pack loaded with this one, whose entities its names may name (repeatable).", valueName: "dir"))
    var context: [String] = []

    func loadContext() throws -> [Pack] {
        try reportingErrors { try PackSet.load(from: context).packs }
    }
}

/// Opens, edits and saves a pack, printing refusals as `canonym: …` with exit 1.
enum PackEdit {
    static func run(_ directory: String, context: EditContextOptions, _ edit: (inout PackEditor) throws -> String) throws {
        let contextPacks = try context.loadContext()
        let message = try reportingErrors { () throws -> String in
            var editor = try PackEditor(directory: directory)
            let message = try edit(&editor)
            try editor.save(context: contextPacks)
            return message
        }
        let output = OutputBuffer()
        output.append(message + "\n")
        output.flush()
    }

    static func flags(_ values: [String]) throws -> NameFlags {
        var flags: NameFlags = []
        for value in ListArgument.split(values) {
            guard let flag = NameFlags(spelling: value) else {
                throw ValidationError("unknown flag '\(value)'; known flags: \(NameFlags.spellings.map(\.0).joined(separator: ", "))")
            }
            flags.insert(flag)
        }
        return flags
    }
}

struct AddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add an entity or a name to a pack, keeping its order and comments; refused if the pack would not load.",
        subcommands: [AddEntityCommand.self, AddNameCommand.self])
}

struct RemoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Remove an entity (with its names) or a name from a pack; refused if the pack would not load.",
        subcommands: [RemoveEntityCommand.self, RemoveNameCommand.self])
}

private let editDiscussion = """
    Every other line of the file, comments and blank lines included, stays as it is; the new row \
    follows the header's column order and the file's line endings. The edited pack is checked \
    first (as `lint` checks for errors, in a temporary copy) and nothing is written if it would \
    not load; the changed files are then replaced atomically (temporary file, fsync, rename).
    """

struct AddEntityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "entity",
        abstract: "Add an entity to entities.tsv (at the end), and its label as a preferred name.",
        discussion: editDiscussion + """


            Example: canonym lexicon add entity my-pack test:lyman Lyman --type city --country UA \
            --population 20066
            """)

    @Argument(help: ArgumentHelp("The pack directory.", valueName: "pack")) var pack: String
    @Argument(help: "The entity's id, e.g. geonames:704422.") var id: String
    @Argument(help: "Its canonical label.") var label: String
    @Option(help: "Its type (country, region, city, person…).") var type: String?
    @Option(help: "Its country (ISO 3166-1 alpha-2).") var country: String?
    @Option(help: "Its population.") var population: Int?
    @Option(name: .customLong("attribute"), help: ArgumentHelp("Another column's value, key=value (repeatable; the column must exist).", valueName: "key=value"))
    var attributes: [String] = []
    @Flag(help: "Do not add the label to names.tsv.") var noName = false
    @OptionGroup var contextOptions: EditContextOptions

    func validate() throws {
        for attribute in attributes where !attribute.contains("=") {
            throw ValidationError("--attribute takes key=value, not '\(attribute)'")
        }
    }

    func run() throws {
        var values: [String: String] = [:]
        for attribute in attributes {
            let parts = attribute.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            values[String(parts[0])] = String(parts[1])
        }
        try PackEdit.run(pack, context: contextOptions) { editor in
            try editor.addEntity(
                id: id, label: label, type: type, country: country, population: population, attributes: values,
                labelAsName: !noName)
            return "added entity \(id) to \(pack)" + (noName ? "" : " with its label as a name")
        }
    }
}

struct AddNameCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "name",
        abstract: "Add a name to names.tsv, after the other names of its entity.",
        discussion: editDiscussion + """


            The entity must be defined by the pack or by a pack given with --with. Example: \
            canonym lexicon add name my-pack geonames:704422 Krasnoarmiisk --lang uk-Latn --flags former
            """)

    @Argument(help: ArgumentHelp("The pack directory.", valueName: "pack")) var pack: String
    @Argument(help: "The entity's id.") var id: String
    @Argument(help: "The name as written.") var name: String
    @Option(help: "Its language (a BCP 47 tag).") var lang: String?
    @Option(help: ArgumentHelp("Its flags (comma-separated): preferred, former, abbreviation, case-sensitive, colloquial, short, vouched, lookup-only.", valueName: "flags"))
    var flags: [String] = []
    @OptionGroup var contextOptions: EditContextOptions

    func validate() throws { _ = try PackEdit.flags(flags) }

    func run() throws {
        let flags = try PackEdit.flags(self.flags)
        try PackEdit.run(pack, context: contextOptions) { editor in
            try editor.addName(id: id, name: name, lang: lang, flags: flags)
            return "added name '\(name)' of \(id) to \(pack)"
        }
    }
}

struct RemoveEntityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "entity",
        abstract: "Remove an entity from entities.tsv, and its names from names.tsv.",
        discussion: editDiscussion)

    @Argument(help: ArgumentHelp("The pack directory.", valueName: "pack")) var pack: String
    @Argument(help: "The entity's id.") var id: String
    @OptionGroup var contextOptions: EditContextOptions

    func run() throws {
        try PackEdit.run(pack, context: contextOptions) { editor in
            let names = try editor.removeEntity(id: id)
            return "removed entity \(id) and \(names) name\(names == 1 ? "" : "s") from \(pack)"
        }
    }
}

struct RemoveNameCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "name",
        abstract: "Remove a name from names.tsv.",
        discussion: editDiscussion)

    @Argument(help: ArgumentHelp("The pack directory.", valueName: "pack")) var pack: String
    @Argument(help: "The entity's id.") var id: String
    @Argument(help: "The name as written.") var name: String
    @OptionGroup var contextOptions: EditContextOptions

    func run() throws {
        try PackEdit.run(pack, context: contextOptions) { editor in
            try editor.removeName(id: id, name: name)
            return "removed name '\(name)' of \(id) from \(pack)"
        }
    }
}
