import ArgumentParser
import Canonym
import Dispatch
import Foundation

/// The streaming loop shared by `normalize` and `tag`: reads stdin, hands each document's text
/// to `process`, and writes the results in input order.
///
/// A document is a line by default; with `--field`, the named string field of a JSON Lines
/// record; with `--document`, the whole input. Lines are gathered per read(2) and processed on
/// `threads` threads at once; output keeps input order and is flushed after every read, so a
/// pipe sees each line as soon as it is complete. Memory is bounded by one read's worth of lines
/// (and by the longest record in `--field` mode).
struct FilterRunner {
    let lexicon: Lexicon
    let field: String?
    /// Whether each input line's ending (CR, LF) is copied to the output: true for filters that
    /// write one output line per input line, false for `tag`, which writes one line per mention.
    let copiesLineEndings: Bool
    /// Threads that process lines at once.
    var threads = 1

    /// What a filter does with one document: `text` (no line ending), the mentions found in it,
    /// where it stands, and the output to append to.
    typealias Process = @Sendable (_ text: UnsafeBufferPointer<UInt8>, _ mentions: [Mention], _ context: DocumentContext, _ out: inout [UInt8]) -> Void

    /// Where a document stands in the input.
    struct DocumentContext: Sendable {
        /// 1-based line number.
        var line: Int
        /// Offsets of the text within its line (non-zero only for the segments of a very long line).
        var byteBase: Int
        var scalarBase: Int
        /// For whole-input documents: where each line starts, in bytes and in code points, to
        /// turn document offsets into line and in-line offsets.
        var lineStarts: [(byte: Int, scalar: Int)]? = nil

        /// The line (1-based) and that line's start offsets for a document byte offset.
        func lineOf(byte: Int) -> (line: Int, byteStart: Int, scalarStart: Int) {
            guard let lineStarts else { return (line, -byteBase, -scalarBase) }
            var low = 0, high = lineStarts.count - 1
            while low < high {
                let mid = (low + high + 1) / 2
                if lineStarts[mid].byte <= byte { low = mid } else { high = mid - 1 }
            }
            return (low + 1, lineStarts[low].byte, lineStarts[low].scalar)
        }
    }

    /// How `--field` mode puts the processed field back into its record.
    enum FieldOutput: Sendable {
        /// Replace the field's value with the produced text.
        case replaceValue
        /// Append `,"NAME":[…]` (the produced bytes are the array's content) before the `}`.
        case appendMember(String)
    }

    /// One line (or segment) of the reader's buffer, ready for a worker thread. Its bytes are
    /// the reader's, valid until the batch they belong to is done (``LineReader`` keeps them
    /// until `afterChunk` returns, and the batch runs inside it): lines are not copied.
    private struct Job: @unchecked Sendable {
        var bytes: UnsafeBufferPointer<UInt8>
        var line: Int
        var byteBase: Int
        var scalarBase: Int
        var carriageReturn: Bool
        var newline: Bool
    }

    private struct Result: Sendable {
        var output: [UInt8] = []
        var warning: String? = nil
    }

    /// Input of this many bytes makes a long run: the lexicon's file is then read ahead
    /// (``Lexicon/readAhead()``), which a line or two typed into a pipe does not need.
    static let longInput = 1 << 16

    func run(fieldOutput: FieldOutput, process: @escaping Process) throws {
        let output = OutputBuffer()
        var reader = LineReader()
        if field != nil { reader.maxSegment = Int.max / 2 }
        if threads > 1 { reader.chunkSize = 1 << 20 }
        var byteBase = 0, scalarBase = 0
        var jobs: [Job] = []
        var warnings = 0
        var bytesRead = 0, readingAhead = false
        try reader.forEachPiece({ piece in
            bytesRead += piece.bytes.count
            if output.closed { throw ExitCode.success }
            if !piece.isContinuation { byteBase = 0; scalarBase = 0 }
            var content = piece.bytes
            var carriageReturn = false
            if piece.endsLine, let last = content.last, last == 0x0D {
                content = UnsafeBufferPointer(rebasing: content.dropLast())
                carriageReturn = true
            }
            jobs.append(Job(
                bytes: content, line: piece.line, byteBase: byteBase, scalarBase: scalarBase,
                carriageReturn: carriageReturn, newline: piece.hasNewline))
            if field == nil, !piece.endsLine {
                // Only the next segment of a long line needs to know where this one ended.
                byteBase += content.count
                scalarBase += Mention.codePointCount(content)
            }
        }, afterChunk: {
            if !readingAhead, bytesRead >= Self.longInput {
                lexicon.readAhead()
                readingAhead = true
            }
            runJobs(jobs, fieldOutput: fieldOutput, process: process) { result, warning in
                output.append(contentsOf: result)
                if let warning {
                    warnings += 1
                    if warnings <= 20 { StandardError.write(warning) }
                }
            }
            jobs.removeAll(keepingCapacity: true)
            output.flush()
        })
        output.flush()
        if warnings > 20 { StandardError.write("canonym: \(warnings) records passed through unchanged in all\n") }
    }

    /// Processes a batch of jobs, on several threads when there are enough of them, and hands
    /// each job's output (and warning) to `emit` in job order. Each thread borrows one matching
    /// worker for its share of the batch (``Lexicon/withTagger(_:)``) and writes its results to
    /// their own slots, so the threads share no lock while they work; on one thread, every job
    /// writes into one buffer kept for the batch.
    private func runJobs(
        _ jobs: [Job], fieldOutput: FieldOutput, process: @escaping Process, emit: (_ output: [UInt8], _ warning: String?) -> Void
    ) {
        if jobs.isEmpty { return }
        let workers = min(threads, max(1, jobs.count / 16))
        if workers <= 1 {
            lexicon.withTagger { tag in
                var output: [UInt8] = []
                for job in jobs {
                    output.removeAll(keepingCapacity: true)
                    let warning = runJob(job, tag: tag, fieldOutput: fieldOutput, process: process, into: &output)
                    emit(output, warning)
                }
            }
            return
        }
        let results = BatchResults<Result>(count: jobs.count)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            lexicon.withTagger { tag in
                var i = worker
                while i < jobs.count {
                    var result = Result()
                    result.warning = runJob(jobs[i], tag: tag, fieldOutput: fieldOutput, process: process, into: &result.output)
                    results.set(i, result)
                    i += workers
                }
            }
        }
        for result in results.take() { emit(result.output, result.warning) }
    }

    /// Appends the output of one job to `output`; returns the warning of a record passed
    /// through unchanged.
    private func runJob(
        _ job: Job, tag: (UnsafeBufferPointer<UInt8>) -> [Mention], fieldOutput: FieldOutput, process: Process,
        into output: inout [UInt8]
    ) -> String? {
        var warning: String? = nil
        let content = job.bytes
        if let field {
            do {
                let found = try JSONText.findField(field, in: content)
                let mentions = found.value.withUnsafeBufferPointer { tag($0) }
                var produced: [UInt8] = []
                found.value.withUnsafeBufferPointer { value in
                    process(value, mentions, DocumentContext(line: job.line, byteBase: 0, scalarBase: 0), &produced)
                }
                switch fieldOutput {
                case .replaceValue:
                    output.append(contentsOf: content[0..<found.literal.lowerBound])
                    var json = JSONWriter(capacity: produced.count + 16)
                    produced.withUnsafeBufferPointer { json.string($0) }
                    json.write(to: &output)
                    output.append(contentsOf: content[found.literal.upperBound...])
                case .appendMember(let name):
                    output.append(contentsOf: content[0..<found.closingBrace])
                    var json = JSONWriter()
                    json.byte(0x2C)
                    json.string(name)
                    json.literal(":[")
                    json.write(to: &output)
                    output.append(contentsOf: produced)
                    output.append(0x5D)
                    output.append(contentsOf: content[found.closingBrace...])
                }
            } catch {
                warning = "canonym: line \(job.line): \(error); record passed through unchanged\n"
                output.append(contentsOf: content)
            }
        } else {
            let mentions = tag(content)
            process(content, mentions, DocumentContext(line: job.line, byteBase: job.byteBase, scalarBase: job.scalarBase), &output)
        }
        if copiesLineEndings || field != nil {
            if job.carriageReturn { output.append(0x0D) }
            if job.newline { output.append(0x0A) }
        }
        return warning
    }

    /// `--document`: the whole input is one document (context spans every line). Reads all of
    /// standard input, so memory grows with the input.
    func runWholeInput(process: Process) throws {
        var input: [UInt8] = []
        try LineReader().forEachPiece({ piece in
            input.append(contentsOf: piece.bytes)
            if piece.hasNewline { input.append(0x0A) }
        }, afterChunk: {})
        var lineStarts: [(byte: Int, scalar: Int)] = [(0, 0)]
        input.withUnsafeBufferPointer { all in
            var start = 0, scalars = 0
            for (i, byte) in all.enumerated() where byte == 0x0A {
                scalars += Mention.codePointCount(UnsafeBufferPointer(rebasing: all[start...i]))
                start = i + 1
                lineStarts.append((start, scalars))
            }
        }
        let output = OutputBuffer()
        input.withUnsafeBufferPointer { content in
            let mentions = lexicon.tag(utf8: content)
            var produced: [UInt8] = []
            process(content, mentions, DocumentContext(line: 1, byteBase: 0, scalarBase: 0, lineStarts: lineStarts), &produced)
            output.append(contentsOf: produced)
        }
        output.flush()
    }
}

/// Results of a batch, written by index from several threads without a lock: each index is
/// set exactly once, by one thread, and read only after every thread has finished
/// (`concurrentPerform` returns after its last iteration).
private final class BatchResults<T: Sendable>: @unchecked Sendable {
    private let storage: UnsafeMutableBufferPointer<T?>
    init(count: Int) {
        storage = .allocate(capacity: count)
        storage.initialize(repeating: nil)
    }
    deinit {
        storage.deinitialize()
        storage.deallocate()
    }
    func set(_ index: Int, _ value: T) { storage[index] = value }
    /// The results in index order, moved out.
    func take() -> [T] {
        storage.indices.map { index in
            defer { storage[index] = nil }
            return storage[index]!
        }
    }
}
