import ArgumentParser
import Canonym
import Foundation

struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check packs: errors that stop them loading (exit 1), warnings to review (exit 0).",
        discussion: """
            The packs are checked together, as `--pack` would load them: a names row may name an \
            entity of another pack. Without PACK, the bundled default lexicon is checked.

            Errors (anything that would not load), by class: pack, manifest, rules (also rule files \
            that ICU cannot compile), entities, names, pack-set (conflicts across packs).

            Warnings, by class:
              duplicate         an entity or (id, name) row in two packs; names equal after NFC
              collision         names of different entities with the same fold key, at the \
            strictest level where they meet, ranked as the resolver ranks them without context
              common-word       every word of the name is a common word (wordfreq Zipf >= the \
            guard's threshold) in the list the precision guard reads, or in the name's own language
              mixed-script      letters of several scripts (UTS #39, ICU spoof checker)
              confusable        looks like a word of another script, or holds invisible characters
              short-name        one or two letters (ideographic names excepted)
              label-only        an entity with no name but its label, or none at all
              label-not-a-name  an entity whose label is not among its names

            Each finding is one line, `file:line:column: warning: message [class]`, followed by a \
            summary of the counts. Word frequencies come from Canonym's guard data (wordfreq 3.1.1, \
            CC BY-SA 4.0; see Sources/Canonym/Resources/guards/README.md).
            """)

    @Argument(help: ArgumentHelp("Pack directories to check together (default: the bundled lexicon).", valueName: "pack"))
    var packs: [String] = []

    @Option(name: .customLong("only"), help: ArgumentHelp("Report only these warning classes (comma-separated, repeatable).", valueName: "class"))
    var only: [String] = []

    @Option(name: .customLong("disable"), help: ArgumentHelp("Do not report these warning classes (comma-separated, repeatable).", valueName: "class"))
    var disabled: [String] = []

    @Option(name: .customLong("levels"), help: ArgumentHelp("Fold levels whose collisions to report (default: exact,folded,romanized,skeleton).", valueName: "levels"))
    var levels: [String] = []

    @Option(help: ArgumentHelp("Print at most this many findings of each class (the summary still counts all).", valueName: "n"))
    var limit: Int?

    @Flag(help: "Print only the summary of counts.")
    var summary = false

    @Flag(help: "Write one JSON object: {\"errors\": […], \"warnings\": […], \"counts\": {…}}.")
    var json = false

    func validate() throws {
        _ = try warningClasses()
        _ = try collisionLevels()
        if let limit, limit < 0 { throw ValidationError("--limit must be 0 or more") }
    }

    private func warningClasses() throws -> Set<LintIssue.Kind> {
        func parse(_ values: [String]) throws -> Set<LintIssue.Kind> {
            var kinds: Set<LintIssue.Kind> = []
            for value in ListArgument.split(values) {
                guard let kind = LintIssue.Kind(rawValue: value), !kind.isError else {
                    throw ValidationError(
                        "unknown warning class '\(value)'; use one of "
                            + LintIssue.Kind.warningKinds.map(\.rawValue).joined(separator: ", "))
                }
                kinds.insert(kind)
            }
            return kinds
        }
        var kinds = only.isEmpty ? Set(LintIssue.Kind.warningKinds) : try parse(only)
        kinds.subtract(try parse(disabled))
        return kinds
    }

    private func collisionLevels() throws -> Set<FoldLevel> {
        if levels.isEmpty { return Set(FoldLevel.indexed) }
        return Set(try ListArgument.split(levels).map { value in
            guard let level = FoldLevel.indexed.first(where: { $0.description == value }) else {
                throw ValidationError("unknown fold level '\(value)'; use exact, folded, romanized or skeleton")
            }
            return level
        })
    }

    func run() throws {
        let directories = try PackArguments.directories(packs)
        if let compiled = directories.first(where: Lexicon.isCompiledLexicon) {
            StandardError.write(
                "canonym: \(compiled): a compiled lexicon has no sources to lint; lint the pack directories it was compiled from\n")
            throw ExitCode.failure
        }
        let options = LexiconLinter.Options(warnings: try warningClasses(), collisionLevels: try collisionLevels())
        let report: LexiconLinter.Report
        do {
            report = try LexiconLinter.lint(directories: directories, options: options)
        } catch {
            StandardError.write("canonym: \(error)\n")
            throw ExitCode.failure
        }
        let output = OutputBuffer()
        if json {
            output.append(LintJSON.render(report))
        } else {
            if !summary {
                var printed: [LintIssue.Kind: Int] = [:]
                for issue in report.errors + report.warnings {
                    let n = printed[issue.kind, default: 0]
                    if let limit, n >= limit { continue }
                    printed[issue.kind] = n + 1
                    output.append(issue.description + "\n")
                    output.flushIfLarge()
                }
            }
            output.append(Self.summaryText(report))
        }
        output.flush()
        if !report.errors.isEmpty { throw ExitCode.failure }
    }

    static func summaryText(_ report: LexiconLinter.Report) -> String {
        var text = "lint: \(report.packCount) pack\(report.packCount == 1 ? "" : "s"), "
            + "\(Count.grouped(report.entityCount)) entities, \(Count.grouped(report.nameCount)) names\n"
        text += "errors: \(Count.grouped(report.errors.count))\n"
        for kind in LintIssue.Kind.errorKinds where report.count(of: kind) > 0 {
            text += "  \(kind.rawValue.padding(toLength: 17, withPad: " ", startingAt: 0))\(Count.grouped(report.count(of: kind)))\n"
        }
        text += "warnings: \(Count.grouped(report.warnings.count))\n"
        for kind in LintIssue.Kind.warningKinds {
            text += "  \(kind.rawValue.padding(toLength: 17, withPad: " ", startingAt: 0))\(Count.grouped(report.count(of: kind)))\n"
        }
        for note in report.skipped { text += "skipped: \(note)\n" }
        return text
    }
}

/// The JSON form of a lint report.
enum LintJSON {
    static func render(_ report: LexiconLinter.Report) -> String {
        func issues(_ list: [LintIssue]) -> [[String: Any]] {
            list.map { issue in
                var object: [String: Any] = ["class": issue.kind.rawValue, "message": issue.message]
                if let file = issue.file { object["file"] = file }
                if let location = issue.location {
                    object["line"] = location.line
                    object["column"] = location.column
                }
                return object
            }
        }
        var counts: [String: Int] = [:]
        for kind in LintIssue.Kind.allCases { counts[kind.rawValue] = report.count(of: kind) }
        let document: [String: Any] = [
            "packs": report.packCount, "entities": report.entityCount, "names": report.nameCount,
            "errors": issues(report.errors), "warnings": issues(report.warnings), "counts": counts,
            "skipped": report.skipped,
        ]
        return JSONDocument.text(document)
    }
}
