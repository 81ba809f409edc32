import ArgumentParser
import Canonym

struct KeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key",
        abstract: "Print every fold level's key(s) for each word of TEXT.",
        discussion: """
            Shows what the matcher compares: exact (NFC), folded (case, diacritics, apostrophes), \
            romanized (one key per romanization scheme, with the schemes that produce it) and \
            skeleton. Words of fewer than 4 letters match only at exact and folded.
            """)

    @OptionGroup var packOptions: PackOptions

    @Flag(help: "Write JSON instead of text.")
    var json = false

    @Argument(help: "The text whose keys to print.")
    var text: [String]

    func validate() throws {
        if text.isEmpty { throw ValidationError("give the text whose keys to print, e.g. canonym key Чернігів") }
    }

    func run() throws {
        let lexicon = try packOptions.loadLexicon()
        let keys: [TokenKeys]
        do {
            keys = try lexicon.keys(of: text.joined(separator: " "))
        } catch {
            StandardError.write("canonym: \(error)\n")
            throw ExitCode.failure
        }
        let output = OutputBuffer()
        for word in keys {
            if json {
                var json = JSONWriter()
                json.literal("{\"word\":"); json.string(word.exact)
                json.literal(",\"script\":"); json.string(word.script)
                json.literal(",\"exact\":"); json.string(word.exact)
                json.literal(",\"folded\":"); json.string(word.folded)
                json.literal(",\"romanized\":[")
                for (i, key) in word.romanized.enumerated() {
                    if i > 0 { json.byte(0x2C) }
                    json.literal("{\"key\":"); json.string(key)
                    json.literal(",\"schemes\":[")
                    for (j, scheme) in word.romanizedSchemes[i].enumerated() {
                        if j > 0 { json.byte(0x2C) }
                        json.string(scheme)
                    }
                    json.literal("]}")
                }
                json.literal("],\"skeleton\":[")
                for (i, key) in word.skeleton.enumerated() {
                    if i > 0 { json.byte(0x2C) }
                    json.string(key)
                }
                json.literal("]}\n")
                output.append(json)
            } else {
                output.append("\(word.exact)  (\(word.script), \(word.letterCount) letters)\n")
                output.append("  exact      \(word.exact)\n")
                output.append("  folded     \(word.folded)\n")
                for (key, schemes) in zip(word.romanized, word.romanizedSchemes) {
                    output.append("  romanized  \(key)  [\(schemes.joined(separator: ", "))]\n")
                }
                for key in word.skeleton { output.append("  skeleton   \(key)\n") }
                if word.letterCount < FoldLevel.minimumLettersForLooseLevels {
                    output.append("  (fewer than \(FoldLevel.minimumLettersForLooseLevels) letters: matched at exact and folded only)\n")
                }
            }
        }
        output.flush()
    }
}
