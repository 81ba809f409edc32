import ArgumentParser
import Canonym

struct LookupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lookup",
        abstract: "Resolve whole terms to entities, best first (one JSON object per term).",
        discussion: """
            Terms come from the arguments or, when there are none, from standard input, one per \
            line. Output, in input order: {"input": TERM, "matches": [{"id", "label", "score", \
            "method"}, …]}, with [] when nothing matches.
            """)

    @OptionGroup var packOptions: PackOptions

    @Option(help: "At most this many matches per term.")
    var limit = 10

    @Argument(help: "Terms to look up. Reads standard input when none are given.")
    var terms: [String] = []

    func validate() throws {
        if limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        let lexicon = try packOptions.loadLexicon()
        let output = OutputBuffer()
        let limit = self.limit
        func answer(_ term: String) {
            var json = JSONWriter()
            json.literal("{\"input\":")
            json.string(term)
            json.literal(",\"matches\":[")
            for (i, match) in lexicon.lookup(term, limit: limit).enumerated() {
                if i > 0 { json.byte(0x2C) }
                MentionJSON.appendMatch(match, to: &json)
            }
            json.literal("]}\n")
            output.append(json)
            output.flushIfLarge()
        }
        if !terms.isEmpty {
            terms.forEach(answer)
        } else {
            try LineReader().forEachPiece({ piece in
                if output.closed { throw ExitCode.success }
                var bytes = piece.bytes
                if let last = bytes.last, last == 0x0D { bytes = UnsafeBufferPointer(rebasing: bytes.dropLast()) }
                answer(String(decoding: bytes, as: UTF8.self))
            }, afterChunk: { output.flush() })
        }
        output.flush()
    }
}
