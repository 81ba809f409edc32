import ArgumentParser
import Canonym

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show how a term folds, which keys it hits, which entities compete and why the winner wins.",
        discussion: """
            For each word: its key at every fold level (exact, folded, romanized with the schemes \
            that produce each key, skeleton) and whether any name of the lexicon has that key. For \
            the whole term: the entities reached at each level; the candidates best first, each at \
            the strictest level that reaches it, with the name row that matched; why the winner \
            beats each other candidate (level, then context, then type, then population); the \
            precision guards (common-word frequencies against the thresholds of \
            guards/thresholds.tsv, given names, vouched and lookup-only flags); and what `tag` \
            finds for the term as a sentence of its own, mid-sentence and in lower case.

            With --context TEXT, the term is ranked inside that document, as `tag` ranks it: other \
            mentions resolved to one entity or one country count as evidence.
            """)

    @OptionGroup var packOptions: PackOptions

    @Option(help: ArgumentHelp("A document containing the term: rank it with the document's other mentions as context.", valueName: "text"))
    var context: String?

    @Argument(help: "The term to explain (several arguments are joined with spaces).")
    var term: [String]

    func validate() throws {
        if term.isEmpty { throw ValidationError("give the term to explain, e.g. canonym lexicon explain Donetsk") }
    }

    func run() throws {
        let lexicon = try packOptions.loadLexicon()
        let text = term.joined(separator: " ")
        let why = try reportingErrors { try TermExplanation(term: text, in: lexicon, context: context) }
        var out = "\(text)\n"
        for word in why.words {
            out += "  word '\(word.text)' (\(word.script), \(word.letterCount) letter\(word.letterCount == 1 ? "" : "s"))\n"
            for key in word.keys {
                let schemes = key.schemes.isEmpty ? "" : "  [\(key.schemes.joined(separator: ", "))]"
                out += "    \(pad(key.level.description, 10)) \(pad(key.key, 22)) \(key.inIndex ? "in index" : "no name has it")\(schemes)\n"
            }
        }
        out += "  whole term, entities reached per level:\n"
        for (level, entities) in why.levelHits {
            let shown = entities.prefix(10).joined(separator: ", ") + (entities.count > 10 ? ", … (\(entities.count) in all)" : "")
            let note = level.isLoose && why.words.reduce(0, { $0 + $1.letterCount }) < FoldLevel.minimumLettersForLooseLevels
                ? "(not tried: fewer than \(FoldLevel.minimumLettersForLooseLevels) letters)" : (entities.isEmpty ? "—" : shown)
            out += "    \(pad(level.description, 10)) \(note)\n"
        }
        if let evidence = why.contextEvidence {
            out += "context (the document's other mentions):\n"
            for line in evidence { out += "  \(line)\n" }
            if evidence.isEmpty { out += "  none\n" }
        }
        if why.candidates.isEmpty {
            out += "no entity: no name of the lexicon has these keys\n"
        } else {
            out += "candidates, best first\(why.contextEvidence == nil ? " (as lookup ranks them, no context)" : " (in the context document)"):\n"
            for (i, c) in why.candidates.prefix(20).enumerated() {
                var name = "'\(c.name.name)'"
                if let lang = c.name.lang { name += " (\(lang))" }
                if !c.name.flags.isEmpty { name += " [\(c.name.flags.spelled)]" }
                let place = c.name.location.map { " at \($0)" } ?? ""
                let context = why.contextEvidence == nil ? "" : ", context \(c.contextScore)"
                out += "  \(i + 1). \(c.entity.id) '\(c.entity.label)' (\(Self.prominence(c.entity))): \(c.level) via \(name)\(place)\(context)\n"
            }
            if why.candidates.count > 20 { out += "  … \(why.candidates.count - 20) more\n" }
        }
        if !why.reasons.isEmpty {
            out += "why \(why.candidates[0].entity.id) wins:\n"
            for reason in why.reasons { out += "  \(reason)\n" }
        }
        out += "guards (thresholds: guards/thresholds.tsv):\n"
        for line in why.guards { out += "  \(line)\n" }
        out += "in running text (tag):\n"
        for (setting, result) in why.inText { out += "  \(pad(setting + ":", 26)) \(result)\n" }
        let output = OutputBuffer()
        output.append(out)
        output.flush()
    }

    static func prominence(_ entity: Entity) -> String {
        var parts: [String] = []
        if let type = entity.type { parts.append(type) }
        if let country = entity.country { parts.append(country) }
        if let population = entity.population { parts.append("\(Count.grouped(population)) people") }
        return parts.isEmpty ? "no type, country or population" : parts.joined(separator: ", ")
    }
}

/// `text` padded with spaces to `width` characters.
func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
}
