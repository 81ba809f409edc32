import ArgumentParser
import Canonym

struct NormalizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "normalize",
        abstract: "Replace each place mention with its canonical label (stdin → stdout).",
        discussion: """
            Everything that is not a mention passes through byte for byte, including invalid \
            UTF-8, NUL bytes and CRLF line endings. With --annotate, each mention is kept and \
            marked up as [[ID|text]] (MediaWiki's link order: target, then the text shown), e.g. \
            "near [[geonames:703448|Kiev]]".
            """)

    @OptionGroup var packOptions: PackOptions
    @OptionGroup var fieldOptions: FieldOptions

    @OptionGroup var processing: ProcessingOptions

    @Flag(help: "Keep the text and mark each mention as [[ID|text]] instead of replacing it.")
    var annotate = false

    func validate() throws { try processing.validate(field: fieldOptions.field) }

    func run() throws {
        let lexicon = try packOptions.loadLexicon()
        let annotate = self.annotate
        var runner = FilterRunner(lexicon: lexicon, field: fieldOptions.field, copiesLineEndings: true)
        runner.threads = processing.resolvedThreads
        let process: FilterRunner.Process = { text, mentions, _, out in
            Lexicon.rewrite(text, mentions: mentions, into: &out) { mention, out in
                if annotate {
                    out.append(contentsOf: Array("[[".utf8))
                    out.append(contentsOf: mention.id.utf8)
                    out.append(0x7C)
                    out.append(contentsOf: text[mention.byteStart..<mention.byteEnd])
                    out.append(contentsOf: Array("]]".utf8))
                } else {
                    out.append(contentsOf: mention.label.utf8)
                }
            }
        }
        if processing.document {
            try runner.runWholeInput(process: process)
        } else {
            try runner.run(fieldOutput: .replaceValue, process: process)
        }
    }
}
