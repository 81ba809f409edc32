import ArgumentParser
import Canonym

/// The streaming loop shared by `normalize` and `tag`: reads stdin line by line (a line is a
/// document), hands each document's text to `process`, and writes the result in input order.
/// With `--field`, each line is a JSON record and only that string field is the document.
struct FilterRunner {
    let lexicon: Lexicon
    let field: String?
    /// Whether each input line's ending (CR, LF) is copied to the output: true for filters that
    /// write one output line per input line, false for `tag`, which writes one line per mention.
    let copiesLineEndings: Bool

    /// What a filter does with one document.
    /// - `text`: the document's bytes (no line ending); `line`: its 1-based line number;
    ///   `byteBase`/`scalarBase`: offsets of `text` within its line (non-zero only for the
    ///   segments of a very long line); `mentions`: the mentions found in `text`.
    typealias Process = (_ text: UnsafeBufferPointer<UInt8>, _ mentions: [Mention], _ context: DocumentContext, _ out: inout [UInt8]) -> Void

    /// Where a document stands in the input.
    struct DocumentContext {
        var line: Int
        var byteBase: Int
        var scalarBase: Int
    }

    /// Called in field mode to wrap the processed field back into its record.
    enum FieldOutput {
        /// Replace the field's value with the produced bytes (which must be the new value's text).
        case replaceValue
        /// Append `,"mentions":[…]` (the produced bytes are the array's content) before the `}`.
        case appendMember(String)
    }

    func run(fieldOutput: FieldOutput, process: Process) throws {
        let output = OutputBuffer()
        var reader = LineReader()
        if field != nil { reader.maxSegment = Int.max / 2 }
        var byteBase = 0
        var scalarBase = 0
        var scratch: [UInt8] = []
        var warnings = 0
        try reader.forEachPiece({ piece in
            if output.closed { throw ExitCode.success }
            if !piece.isContinuation { byteBase = 0; scalarBase = 0 }
            var content = piece.bytes
            var carriageReturn = false
            if piece.endsLine, let last = content.last, last == 0x0D {
                content = UnsafeBufferPointer(rebasing: content.dropLast())
                carriageReturn = true
            }
            if let field {
                do {
                    let found = try JSONText.findField(field, in: content)
                    let mentions = found.value.withUnsafeBufferPointer { lexicon.tag(utf8: $0) }
                    scratch.removeAll(keepingCapacity: true)
                    found.value.withUnsafeBufferPointer { value in
                        process(value, mentions, DocumentContext(line: piece.line, byteBase: 0, scalarBase: 0), &scratch)
                    }
                    switch fieldOutput {
                    case .replaceValue:
                        output.append(contentsOf: content[0..<found.literal.lowerBound])
                        var literal: [UInt8] = []
                        JSONText.appendString(scratch, to: &literal)
                        output.append(contentsOf: literal)
                        output.append(contentsOf: content[found.literal.upperBound...])
                    case .appendMember(let name):
                        output.append(contentsOf: content[0..<found.closingBrace])
                        var member: [UInt8] = [0x2C]
                        JSONText.appendString(name, to: &member)
                        member.append(contentsOf: Array(":[".utf8))
                        member.append(contentsOf: scratch)
                        member.append(0x5D)
                        output.append(contentsOf: member)
                        output.append(contentsOf: content[found.closingBrace...])
                    }
                } catch {
                    warnings += 1
                    if warnings <= 20 {
                        StandardError.write("canonym: line \(piece.line): \(error); record passed through unchanged\n")
                    }
                    output.append(contentsOf: content)
                }
            } else {
                let mentions = lexicon.tag(utf8: content)
                scratch.removeAll(keepingCapacity: true)
                process(content, mentions, DocumentContext(line: piece.line, byteBase: byteBase, scalarBase: scalarBase), &scratch)
                output.append(contentsOf: scratch)
                byteBase += content.count
                scalarBase += ScalarCount.of(content)
            }
            if copiesLineEndings {
                if carriageReturn { output.append(0x0D) }
                if piece.hasNewline { output.append(0x0A) }
            }
            output.flushIfLarge()
        }, afterChunk: { output.flush() })
        output.flush()
        if warnings > 20 { StandardError.write("canonym: \(warnings) records passed through unchanged in all\n") }
    }
}

/// Counts code points the way offsets do: each invalid UTF-8 byte counts as one.
enum ScalarCount {
    static func of(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            var length = 1
            if b >= 0xC2 && b < 0xE0 { length = 2 } else if b >= 0xE0 && b < 0xF0 { length = 3 } else if b >= 0xF0 && b < 0xF5 { length = 4 }
            if length > 1 {
                var valid = i + length <= n
                if valid { for k in 1..<length where bytes[i + k] & 0xC0 != 0x80 { valid = false } }
                if !valid { length = 1 }
            }
            count += 1
            i += length
        }
        return count
    }
}
