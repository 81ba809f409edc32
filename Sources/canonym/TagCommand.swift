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
            if mentions.isEmpty { return }
            // The line's objects in one writer, copied to the output once.
            var json = JSONWriter(capacity: mentions.count * 256)
            for (index, mention) in mentions.enumerated() {
                if fieldMode {
                    if index > 0 { json.byte(0x2C) }
                    MentionJSON.append(mention, line: nil, context: context, to: &json)
                } else {
                    MentionJSON.append(mention, line: context.line, context: context, to: &json)
                    json.byte(0x0A)
                }
            }
            json.write(to: &out)
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
    static func append(_ mention: Mention, line: Int?, context: FilterRunner.DocumentContext, to json: inout JSONWriter) {
        let position = context.lineOf(byte: mention.byteStart)
        if line != nil {
            json.literal("{\"line\":"); json.integer(position.line)
            json.literal(",\"start\":")
        } else {
            json.literal("{\"start\":")
        }
        json.integer(mention.start - position.scalarStart)
        json.literal(",\"end\":"); json.integer(mention.end - position.scalarStart)
        json.literal(",\"byte_start\":"); json.integer(mention.byteStart - position.byteStart)
        json.literal(",\"byte_end\":"); json.integer(mention.byteEnd - position.byteStart)
        json.literal(",\"text\":"); json.string(mention.text)
        json.literal(",\"id\":"); appendID(mention.best, to: &json)
        appendMatchFields(mention.best, to: &json)
        json.literal(",\"alternatives\":[")
        for (i, alternative) in mention.alternatives.enumerated() {
            if i > 0 { json.byte(0x2C) }
            appendMatch(alternative, to: &json)
        }
        json.literal("]}")
    }

    static func appendMatch(_ match: Match, to json: inout JSONWriter) {
        json.literal("{\"id\":"); appendID(match, to: &json)
        appendMatchFields(match, to: &json)
        json.byte(0x7D)
    }

    /// The fields after `id`.
    private static func appendMatchFields(_ match: Match, to json: inout JSONWriter) {
        json.literal(",\"label\":"); match.withLabelBytes { json.string($0) }
        if match.score == match.method.score {
            levelFields[match.method.rawValue].withUnsafeBufferPointer { json.encoded($0) }
        } else {
            appendScoreAndMethod(score: match.score, method: match.method, to: &json)
        }
    }

    /// `,"score":…,"method":"…"`.
    private static func appendScoreAndMethod(score: Double, method: FoldLevel, to json: inout JSONWriter) {
        json.literal(",\"score\":"); json.number(score)
        json.literal(",\"method\":"); json.string(method.description)
    }

    /// The score and method fields of each level at its own score (nearly every match), encoded
    /// once: each match wrote its method's name through a `String`, and a fractional score
    /// through `String(Double)`.
    private static let levelFields: [[UInt8]] = FoldLevel.allCases.map { level in
        var json = JSONWriter(capacity: 64)
        appendScoreAndMethod(score: level.score, method: level, to: &json)
        var bytes: [UInt8] = []
        json.write(to: &bytes)
        return bytes
    }

    /// The entity's id, copied from the lexicon without building a `String`.
    private static func appendID(_ match: Match, to json: inout JSONWriter) {
        match.withIDBytes { json.string($0) }
    }
}
