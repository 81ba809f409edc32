import ArgumentParser
import Canonym

struct VariantsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "variants",
        abstract: "Show the romanizations the engine generates for a name under each scheme, and its skeletons.",
        discussion: """
            For each romanization scheme of Sources/Canonym/Resources/rules/schemes.tsv that reads \
            the name's script: the scheme's spelling (with diacritics), the `romanized` key the \
            index stores (ASCII, lower case, soft signs dropped) and the `skeleton` key. Cyrillic \
            names are read as Ukrainian, Russian and/or Belarusian, guessed from the letters (ї є ґ \
            Ukrainian, ы э ъ Russian, ў Belarusian) unless --lang says. Also the `exact` and \
            `folded` keys and the UTS #39 confusable skeleton.

            With --owners, each spelling is looked up in the lexicon (--pack, or the bundled one), \
            to show which entity a reader who writes it that way would get.
            """)

    @Option(help: ArgumentHelp("Read the name as this language (uk, ru, be… a BCP 47 tag).", valueName: "lang"))
    var lang: String?

    @Flag(help: "Look each spelling up in the lexicon and show the entity it resolves to.")
    var owners = false

    @OptionGroup var packOptions: PackOptions

    @Argument(help: "The name (several arguments are joined with spaces).")
    var name: [String]

    func validate() throws {
        if name.isEmpty { throw ValidationError("give the name, e.g. canonym lexicon variants Чернігів --lang uk") }
        if !owners && !packOptions.packs.isEmpty { throw ValidationError("--pack only matters with --owners") }
    }

    func run() throws {
        let text = name.joined(separator: " ")
        let variants = try reportingErrors { try NameVariants(name: text, lang: lang) }
        let lexicon = owners ? try packOptions.loadLexicon() : nil
        func owner(_ spelling: String) -> String {
            guard let lexicon, !spelling.isEmpty else { return "" }
            guard let best = lexicon.lookup(spelling, limit: 1).first else { return "  → (no entity)" }
            return "  → \(best.id) '\(best.label)' at \(best.method)"
        }
        var out = "\(text)  (\(variants.script), \(variants.letterCount) letters"
        if !variants.readings.isEmpty { out += "; read as \(variants.readings.joined(separator: ", ")) from \(variants.readingSource)" }
        out += ")\n"
        out += "  exact      \(variants.exact)\(owner(variants.exact))\n"
        out += "  folded     \(variants.folded)\n"
        if variants.rows.isEmpty {
            out += "  no romanization scheme reads this script: the name matches at exact and folded only\n"
        } else {
            out += "  \(pad("scheme", 18)) \(pad("romanization", 24)) \(pad("romanized key", 22)) skeleton\n"
            for row in variants.rows {
                let text = row.appliesToText ? "" : "  (names only)"
                out += "  \(pad(row.scheme, 18)) \(pad(row.romanization, 24)) \(pad(row.key, 22)) \(row.skeleton.isEmpty ? "—" : row.skeleton)\(text)\(owner(row.romanization))\n"
            }
        }
        if variants.letterCount < FoldLevel.minimumLettersForLooseLevels {
            out += "  (fewer than \(FoldLevel.minimumLettersForLooseLevels) letters: the romanized and skeleton keys are not used)\n"
        }
        out += "  UTS #39 confusable skeleton: \(variants.confusableSkeleton)\n"
        let output = OutputBuffer()
        output.append(out)
        output.flush()
    }
}
