import ArgumentParser
import Canonym
import Foundation

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two versions of a pack: entities, names, and the terms that resolve to another entity.",
        discussion: """
            OLD and NEW are pack directories, or lexicon folders holding a default.txt (all their \
            packs are compared, e.g. a copy of Lexicons/ before a regeneration and after). Both \
            must load. --with DIR loads packs both versions are used with first (the packs whose \
            entities a names-only pack names, say).

            Reports entities added, removed, relabelled and otherwise changed; names added, \
            removed, and with another language or flags; and the keys that change owner: every \
            name of a changed entity, and every name sharing a fold key with one, is looked up in \
            both versions, and each term whose best match differs is listed ("after this change, \
            'Donetsk' resolves to … instead of …"). With --json, one JSON object for CI. The exit \
            status is 0 whether or not there are differences; use --exit-code for 1 when there are.

            To compare with the committed version: git worktree add /tmp/old HEAD, then \
            canonym lexicon diff /tmp/old/Lexicons/cities Lexicons/cities.
            """)

    @Argument(help: ArgumentHelp("The pack (or lexicon folder with default.txt) before the change.", valueName: "old"))
    var old: String

    @Argument(help: ArgumentHelp("The pack (or lexicon folder with default.txt) after the change.", valueName: "new"))
    var new: String

    @Option(name: .customLong("with"), help: ArgumentHelp("A pack loaded before both versions (repeatable).", valueName: "dir"))
    var context: [String] = []

    @Option(help: ArgumentHelp("List at most this many items per section (0: all).", valueName: "n"))
    var limit = 50

    @Flag(help: "Write one JSON object instead of text.")
    var json = false

    @Flag(help: "Exit with status 1 when there are differences.")
    var exitCode = false

    func run() throws {
        let oldPacks = try Self.packDirectories(old)
        let newPacks = try Self.packDirectories(new)
        let diff = try reportingErrors { try PackDiff(old: oldPacks, new: newPacks, context: context) }
        let output = OutputBuffer()
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
            encoder.keyEncodingStrategy = .convertToSnakeCase
            let data = try reportingErrors { try encoder.encode(diff) }
            output.append(String(decoding: data, as: UTF8.self) + "\n")
        } else {
            output.append(Self.render(diff, limit: limit))
        }
        output.flush()
        if exitCode && !diff.isEmpty { throw ExitCode.failure }
    }

    /// A pack directory, or every pack a lexicon folder's default.txt lists.
    static func packDirectories(_ path: String) throws -> [String] {
        let list = path.hasSuffix("/") ? path + "default.txt" : path + "/default.txt"
        guard FileManager.default.fileExists(atPath: list) else { return [path] }
        guard let text = try? String(contentsOfFile: list, encoding: .utf8) else {
            StandardError.write("canonym: cannot read \(list)\n")
            throw ExitCode.failure
        }
        let root = path.hasSuffix("/") ? String(path.dropLast()) : path
        return text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }.map { root + "/" + $0 }
    }

    static func render(_ diff: PackDiff, limit: Int) -> String {
        func cut<T>(_ items: [T]) -> ([T], String) {
            guard limit > 0, items.count > limit else { return (items, "") }
            return (Array(items.prefix(limit)), "  … \(Count.grouped(items.count - limit)) more\n")
        }
        func describe(_ e: PackDiff.EntitySummary) -> String {
            var parts: [String] = []
            if let type = e.type { parts.append(type) }
            if let country = e.country { parts.append(country) }
            if let population = e.population { parts.append("\(Count.grouped(population)) people") }
            return "\(e.id) '\(e.label)'" + (parts.isEmpty ? "" : " (\(parts.joined(separator: ", ")))")
        }
        func describe(_ n: PackDiff.NameSummary) -> String {
            var details: [String] = []
            if let lang = n.lang { details.append(lang) }
            if !n.flags.isEmpty { details.append(n.flags) }
            return "\(n.id) '\(n.name)'" + (details.isEmpty ? "" : " (\(details.joined(separator: "; ")))")
        }
        func value(_ text: String?) -> String { text.map { "'\($0)'" } ?? "none" }
        func owner(_ o: PackDiff.Owner?) -> String {
            guard let o else { return "nothing" }
            return "\(o.id) '\(o.label)'" + (o.country.map { " (\($0))" } ?? "") + " at \(o.method)"
        }
        var out = "entities: \(Count.grouped(diff.entitiesAdded.count)) added, \(Count.grouped(diff.entitiesRemoved.count)) removed, "
            + "\(Count.grouped(diff.entitiesRelabelled.count)) relabelled, \(Count.grouped(diff.entitiesChanged.count)) changed\n"
        var (items, more) = cut(diff.entitiesAdded)
        for e in items { out += "  + \(describe(e))\n" }
        out += more
        (items, more) = cut(diff.entitiesRemoved)
        for e in items { out += "  - \(describe(e))\n" }
        out += more
        let (relabelled, moreRelabelled) = cut(diff.entitiesRelabelled)
        for change in relabelled {
            for field in change.fields { out += "  ~ \(change.id) relabelled \(value(field.before)) → \(value(field.after))\n" }
        }
        out += moreRelabelled
        let (changed, moreChanged) = cut(diff.entitiesChanged)
        for change in changed {
            out += "  ~ \(change.id) " + change.fields.map { "\($0.field) \(value($0.before)) → \(value($0.after))" }.joined(separator: "; ") + "\n"
        }
        out += moreChanged
        out += "names: \(Count.grouped(diff.namesAdded.count)) added, \(Count.grouped(diff.namesRemoved.count)) removed, "
            + "\(Count.grouped(diff.namesChanged.count)) with another language or flags\n"
        var (names, moreNames) = cut(diff.namesAdded)
        for n in names { out += "  + \(describe(n))\n" }
        out += moreNames
        (names, moreNames) = cut(diff.namesRemoved)
        for n in names { out += "  - \(describe(n))\n" }
        out += moreNames
        let (renamed, moreRenamed) = cut(diff.namesChanged)
        for change in renamed { out += "  ~ \(describe(change.before)) → \(describe(change.after))\n" }
        out += moreRenamed
        out += "keys that change owner: \(Count.grouped(diff.ownerChanges.count)) (of \(Count.grouped(diff.termsChecked)) terms checked)\n"
        let (owners, moreOwners) = cut(diff.ownerChanges)
        for change in owners {
            out += "  after this change, '\(change.term)' resolves to \(owner(change.after)) instead of \(owner(change.before))\n"
        }
        out += moreOwners
        return out
    }
}
