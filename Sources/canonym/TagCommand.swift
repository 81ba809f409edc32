import ArgumentParser
import Canonym

struct TagCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tag",
        abstract: "Write one JSON object per place mention (stdin → JSON Lines).",
        discussion: """
            Each object: {"line", "start", "end", "byte_start", "byte_end", "text", "id", "label", \
            "score", "method", "alternatives"}. `line` counts from 1; `start`/`end` are code point \
            offsets within the line (end exclusive), `byte_start`/`byte_end` UTF-8 byte offsets; an \
            invalid UTF-8 byte counts as one code point. With --field, each input record is written \
            back with a "mentions" array added, offsets relative to the field's text.
            """)

    @OptionGroup var packOptions: PackOptions
    @OptionGroup var fieldOptions: FieldOptions
    @OptionGroup var processing: ProcessingOptions

    func validate() throws { try processing.validate(field: fieldOptions.field) }

    func run() throws {
        let lexicon = try packOptions.loadLexicon()
        let fieldMode = fieldOptions.field != nil
        var runner = FilterRunner(lexicon: lexicon, field: fieldOptions.field, copiesLineEndings: fieldMode)
        runner.threads = processing.resolvedThreads
        let process: FilterRunner.Process = { text, mentions, context, out in
            // Room for the line's objects at once, instead of growing the buffer several times.
            out.reserveCapacity(out.count + mentions.count * 192)
            for (index, mention) in mentions.enumerated() {
                if fieldMode {
                    if index > 0 { out.append(0x2C) }
                    MentionJSON.append(mention, line: nil, context: context, to: &out)
                } else {
                    MentionJSON.append(mention, line: context.line, context: context, to: &out)
                    out.append(0x0A)
                }
            }
        }
        if processing.document {
            try runner.runWholeInput(process: process)
        } else {
            try runner.run(fieldOutput: .appendMember("mentions"), process: process)
        }
    }
}

/// The JSON shape of a mention and of a match.
enum MentionJSON {
    static func append(_ mention: Mention, line: Int?, context: FilterRunner.DocumentContext, to out: inout [UInt8]) {
        let position = context.lineOf(byte: mention.byteStart)
        if line != nil {
            literal("{\"line\":", &out); JSONText.appendInteger(position.line, to: &out)
            literal(",\"start\":", &out)
        } else {
            literal("{\"start\":", &out)
        }
        JSONText.appendInteger(mention.start - position.scalarStart, to: &out)
        literal(",\"end\":", &out); JSONText.appendInteger(mention.end - position.scalarStart, to: &out)
        literal(",\"byte_start\":", &out); JSONText.appendInteger(mention.byteStart - position.byteStart, to: &out)
        literal(",\"byte_end\":", &out); JSONText.appendInteger(mention.byteEnd - position.byteStart, to: &out)
        literal(",\"text\":", &out); JSONText.appendString(mention.text, to: &out)
        literal(",\"id\":", &out); appendID(mention.best, to: &out)
        appendMatchFields(mention.best, to: &out)
        literal(",\"alternatives\":[", &out)
        for (i, alternative) in mention.alternatives.enumerated() {
            if i > 0 { out.append(0x2C) }
            appendMatch(alternative, to: &out)
        }
        literal("]}", &out)
    }

    static func appendMatch(_ match: Match, to out: inout [UInt8]) {
        literal("{\"id\":", &out); appendID(match, to: &out)
        appendMatchFields(match, to: &out)
        out.append(0x7D)
    }

    /// The fields after `id`.
    private static func appendMatchFields(_ match: Match, to out: inout [UInt8]) {
        literal(",\"label\":", &out); match.withLabelBytes { JSONText.appendString($0, to: &out) }
        literal(",\"score\":", &out); JSONText.appendNumber(match.score, to: &out)
        literal(",\"method\":", &out); JSONText.appendString(match.method.description, to: &out)
    }

    /// The entity's id, copied from the lexicon without building a `String`.
    private static func appendID(_ match: Match, to out: inout [UInt8]) {
        match.withIDBytes { JSONText.appendString($0, to: &out) }
    }

    /// Appends fixed JSON punctuation and key names in one copy.
    @inline(__always)
    private static func literal(_ text: StaticString, _ out: inout [UInt8]) {
        text.withUTF8Buffer { out.append(contentsOf: $0) }
    }
}
