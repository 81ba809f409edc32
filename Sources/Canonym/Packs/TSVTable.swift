import Foundation

// The byte-level reader behind `entities.tsv` and `names.tsv`.
//
// Format: UTF-8 (a leading byte order mark is ignored), LF or CRLF line ends, fields separated
// by one tab, no quoting. Lines starting with `#` are comments, anywhere in the file; lines that
// are empty or hold only spaces and tabs are skipped. The first other line is the header, which
// names the columns; every later line is a row with exactly one field per column.
//
// Files are split as bytes, never as `String`s: a 500 000-row table is one pass over its bytes
// that checks UTF-8 on the way, and only the fields a caller asks for become `String`s.

/// Errors found while loading, in the order found; stops taking errors after the first one when
/// the caller only wants that one.
struct PackErrorLog {
    /// The errors so far.
    private(set) var errors: [PackError] = []
    /// Whether the log wants only the first error.
    let stopsAtFirst: Bool

    init(stopsAtFirst: Bool) { self.stopsAtFirst = stopsAtFirst }

    /// Whether loading can stop: the log wants one error and has it.
    var isFull: Bool { stopsAtFirst && !errors.isEmpty }

    mutating func append(_ error: PackError) {
        if !isFull { errors.append(error) }
    }

    mutating func append(contentsOf more: [PackError]) {
        for error in more where !isFull { errors.append(error) }
    }
}

/// What a file read from disk turned out to be.
enum PackFileContents {
    case bytes([UInt8])
    case missing
    case notAFile
    case unreadable

    /// Reads the file at `path`.
    static func read(_ path: String) -> PackFileContents {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return .missing
        }
        if isDirectory.boolValue { return .notAFile }
        // Read straight into the array (no `Data` in between: packs can be tens of MB).
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return .unreadable }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return .unreadable }
        let size = Int(status.st_size)
        var failed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            count = 0
            while count < size {
                let read = Foundation.read(descriptor, buffer.baseAddress! + count, size - count)
                if read > 0 {
                    count += read
                } else if read == 0 {
                    break  // The file shrank meanwhile: keep what is there.
                } else if errno != EINTR {
                    failed = true
                    break
                }
            }
        }
        if failed { return .unreadable }
        return .bytes(bytes)
    }
}

/// `directory/name`, keeping the directory as the user wrote it (so error paths match theirs).
func packPath(_ directory: String, _ name: String) -> String {
    if directory.isEmpty { return name }
    return directory.hasSuffix("/") ? directory + name : directory + "/" + name
}

/// Byte-level text helpers shared by the TSV reader, the manifest parser and rule files.
enum PackText {
    /// The length of the UTF-8 byte order mark at the start of `bytes`, or 0.
    static func bomLength(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
    }

    /// The length of the well-formed UTF-8 sequence whose lead byte (>= 0x80) is at `i`, or
    /// `nil` if the bytes there are not UTF-8 (stray continuation byte, overlong form,
    /// surrogate, value above U+10FFFF, truncated sequence).
    @inline(__always)
    static func sequenceLength(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        let n = p.count
        let b0 = p[i]
        @inline(__always) func isContinuation(_ j: Int) -> Bool { j < n && p[j] & 0xC0 == 0x80 }
        switch b0 {
        case 0xC2...0xDF:
            return isContinuation(i + 1) ? 2 : nil
        case 0xE0...0xEF:
            guard i + 1 < n else { return nil }
            let b1 = p[i + 1]
            let lower: UInt8 = b0 == 0xE0 ? 0xA0 : 0x80
            let upper: UInt8 = b0 == 0xED ? 0x9F : 0xBF
            guard b1 >= lower, b1 <= upper, isContinuation(i + 2) else { return nil }
            return 3
        case 0xF0...0xF4:
            guard i + 1 < n else { return nil }
            let b1 = p[i + 1]
            let lower: UInt8 = b0 == 0xF0 ? 0x90 : 0x80
            let upper: UInt8 = b0 == 0xF4 ? 0x8F : 0xBF
            guard b1 >= lower, b1 <= upper, isContinuation(i + 2), isContinuation(i + 3) else {
                return nil
            }
            return 4
        default:
            return nil
        }
    }

    /// The 1-based column, in Unicode scalars, of byte `offset` on the line starting at
    /// `lineStart`. The bytes before `offset` must be UTF-8.
    static func column(_ p: UnsafeBufferPointer<UInt8>, lineStart: Int, offset: Int) -> Int {
        var column = 1
        var i = lineStart
        while i < offset {
            if p[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return column
    }

    /// The 1-based line and column of byte `offset`, counting from `start` (after any BOM).
    static func position(
        _ p: UnsafeBufferPointer<UInt8>, start: Int, offset: Int
    ) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = start
        var i = start
        while i < offset {
            if p[i] == 0x0A {
                line += 1
                lineStart = i + 1
            }
            i += 1
        }
        return (line, column(p, lineStart: lineStart, offset: offset))
    }

    /// What is wrong with a file's encoding.
    enum EncodingProblem {
        case invalidUTF8
        case nul

        /// The message for an error at the offending byte.
        func message(fileName: String) -> String {
            switch self {
            case .invalidUTF8:
                return "invalid UTF-8: \(fileName) must be UTF-8 text; re-save it as UTF-8 "
                    + "(e.g. `iconv -f LATIN1 -t UTF-8`) or fix the damaged character"
            case .nul:
                return "NUL byte: \(fileName) must be plain text; remove the NUL (0x00) "
                    + "character, which often comes from saving as UTF-16"
            }
        }
    }

    /// The first invalid UTF-8 sequence or NUL byte at or after `start`.
    static func firstEncodingProblem(
        _ p: UnsafeBufferPointer<UInt8>, from start: Int
    ) -> (offset: Int, problem: EncodingProblem)? {
        var i = start
        while i < p.count {
            let b = p[i]
            if b < 0x80 {
                if b == 0 { return (i, .nul) }
                i += 1
            } else if let length = sequenceLength(p, at: i) {
                i += length
            } else {
                return (i, .invalidUTF8)
            }
        }
        return nil
    }

    /// Whether a scalar counts as whitespace that must not start or end a field.
    @inline(__always)
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace
    }

    /// The scalar whose UTF-8 encoding starts at `i` (the bytes must be valid UTF-8).
    @inline(__always)
    static func scalar(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> Unicode.Scalar {
        let b0 = UInt32(p[i])
        let value: UInt32
        switch b0 {
        case 0..<0x80: value = b0
        case 0xC0..<0xE0: value = (b0 & 0x1F) << 6 | UInt32(p[i + 1] & 0x3F)
        case 0xE0..<0xF0:
            value = (b0 & 0x0F) << 12 | UInt32(p[i + 1] & 0x3F) << 6 | UInt32(p[i + 2] & 0x3F)
        default:
            value = (b0 & 0x07) << 18 | UInt32(p[i + 1] & 0x3F) << 12
                | UInt32(p[i + 2] & 0x3F) << 6 | UInt32(p[i + 3] & 0x3F)
        }
        return Unicode.Scalar(value) ?? "\u{FFFD}"
    }

    /// Whether the (valid UTF-8) scalar starting at `i` is whitespace. Only lead bytes
    /// C2 and E1–E3 start non-ASCII whitespace (U+0085, U+00A0, U+1680, U+2000…U+3000), so
    /// other letters are decided from their first byte.
    @inline(__always)
    static func isWhitespace(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        let b = p[i]
        if b < 0x80 { return isASCIIWhitespace(b) }
        guard b == 0xC2 || (b >= 0xE1 && b <= 0xE3) else { return false }
        return isWhitespace(scalar(p, at: i))
    }

    /// Whether the (valid UTF-8) bytes start with whitespace.
    static func hasLeadingWhitespace(_ field: UnsafeBufferPointer<UInt8>) -> Bool {
        !field.isEmpty && isWhitespace(field, at: 0)
    }

    /// Whether the (valid UTF-8) bytes end with whitespace.
    static func hasTrailingWhitespace(_ field: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !field.isEmpty else { return false }
        var start = field.count - 1
        while start > 0 && field[start] & 0xC0 == 0x80 { start -= 1 }
        return isWhitespace(field, at: start)
    }

    /// Whether the (valid UTF-8) bytes contain whitespace anywhere.
    static func containsWhitespace(_ field: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < field.count {
            if isWhitespace(field, at: i) { return true }
            i += 1
            while i < field.count && field[i] & 0xC0 == 0x80 { i += 1 }
        }
        return false
    }

    @inline(__always)
    static func isASCIIWhitespace(_ b: UInt8) -> Bool {
        b == 0x20 || (b >= 0x09 && b <= 0x0D)
    }
}

/// A tab-separated table read from bytes: its header, then its rows one at a time.
struct TSVTable {
    /// The file's path as given, for locations.
    let file: String
    /// The file's name (`names.tsv`), for messages.
    let fileName: String
    /// The header's column names, in file order; empty when the file has no header line
    /// (it is empty or holds only comments), which makes a table with no rows.
    let columns: [String]
    /// The location of the header line's first field, if there is a header.
    let headerLocation: SourceLocation?
    /// Where each column's header cell stands.
    let columnLocations: [SourceLocation]

    private let bytes: [UInt8]
    private let bodyStart: Int
    private let bodyLine: Int
    private let columnIndex: [String: Int]

    /// Whether the file has a header line.
    var hasHeader: Bool { headerLocation != nil }

    /// An upper bound on the number of rows (the number of lines after the header), to
    /// reserve capacity. O(n) in the file's size.
    var estimatedRowCount: Int {
        bytes.withUnsafeBufferPointer { p in
            guard let base = p.baseAddress, bodyStart < p.count else { return 0 }
            var lines = 1
            var position = UnsafeRawPointer(base + bodyStart)
            let end = UnsafeRawPointer(base + p.count)
            while let found = memchr(position, 0x0A, end - position) {
                lines += 1
                position = UnsafeRawPointer(found) + 1
            }
            return lines
        }
    }

    /// The index of the column with this header, if any.
    func index(of column: String) -> Int? { columnIndex[column] }

    /// Reads the header. Returns `nil`, with the problems in `log`, when the header is unusable:
    /// not UTF-8, a NUL, an empty or whitespace-padded column name, a duplicate column.
    init?(file: String, fileName: String, bytes: [UInt8], log: inout PackErrorLog) {
        self.file = file
        self.fileName = fileName
        self.bytes = bytes
        var header: (columns: [String], locations: [SourceLocation], next: Int, line: Int)?
        var headerErrors: [PackError] = []
        var headerIsUsable = true
        bytes.withUnsafeBufferPointer { p in
            var starts: [Int] = []
            var ends: [Int] = []
            var offset = PackText.bomLength(p)
            var line = 1
            while offset < p.count {
                let scan = TSVTable.scanLine(p, from: offset, starts: &starts, ends: &ends)
                defer {
                    offset = scan.next
                    line += 1
                }
                if let problem = scan.problem {
                    let column = PackText.column(p, lineStart: scan.start, offset: problem.offset)
                    headerErrors.append(PackError(
                        at: SourceLocation(file: file, line: line, column: column),
                        problem.problem.message(fileName: fileName)))
                    // A damaged comment before the header is reported but does not hide the
                    // header; a damaged header makes the table unusable.
                    if TSVTable.isSkippable(p, scan) { continue }
                    headerIsUsable = false
                    return
                }
                if TSVTable.isSkippable(p, scan) { continue }
                var names: [String] = []
                var locations: [SourceLocation] = []
                var seen: [String: SourceLocation] = [:]
                for k in starts.indices {
                    let field = UnsafeBufferPointer(rebasing: p[starts[k]..<ends[k]])
                    let location = SourceLocation(
                        file: file, line: line,
                        column: PackText.column(p, lineStart: scan.start, offset: starts[k]))
                    let name = String(decoding: field, as: UTF8.self)
                    if field.isEmpty {
                        headerIsUsable = false
                        headerErrors.append(PackError(
                            at: location,
                            "empty column name in the header of \(fileName): every tab-separated "
                                + "header field must name a column; remove the extra tab"))
                    } else if PackText.hasLeadingWhitespace(field)
                        || PackText.hasTrailingWhitespace(field)
                    {
                        headerIsUsable = false
                        headerErrors.append(PackError(
                            at: location,
                            "column name \(packQuote(name)) has leading or trailing whitespace: "
                                + "remove it (fields are separated by single tabs and never "
                                + "trimmed)"))
                    } else if let first = seen[name] {
                        headerIsUsable = false
                        headerErrors.append(PackError(
                            at: location,
                            "duplicate column \(packQuote(name)) in the header of \(fileName) (first "
                                + "at column \(first.column)): remove or rename one of them"))
                    } else {
                        seen[name] = location
                    }
                    names.append(name)
                    locations.append(location)
                }
                header = (names, locations, scan.next, line + 1)
                return
            }
        }
        log.append(contentsOf: headerErrors)
        if !headerIsUsable { return nil }
        if let header {
            columns = header.columns
            columnLocations = header.locations
            headerLocation = header.locations.first
            bodyStart = header.next
            bodyLine = header.line
            var index: [String: Int] = [:]
            for (i, name) in header.columns.enumerated() { index[name] = i }
            columnIndex = index
        } else {
            columns = []
            columnLocations = []
            headerLocation = nil
            bodyStart = bytes.count
            bodyLine = 1
            columnIndex = [:]
        }
    }

    /// One scanned line: its byte range without the line end, the next line's start, and the
    /// first encoding problem on it.
    struct LineScan {
        var start: Int
        var end: Int
        var next: Int
        var problem: (offset: Int, problem: PackText.EncodingProblem)?
    }

    /// Scans the line starting at `start`: splits it on tabs into `starts`/`ends` (byte
    /// offsets), drops a CR before the LF, and checks UTF-8 and NUL bytes on the way.
    @inline(__always)
    static func scanLine(
        _ p: UnsafeBufferPointer<UInt8>, from start: Int, starts: inout [Int], ends: inout [Int]
    ) -> LineScan {
        starts.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        let n = p.count
        var problem: (offset: Int, problem: PackText.EncodingProblem)?
        var fieldStart = start
        var i = start
        while i < n {
            let b = p[i]
            if b < 0x80 {
                if b == 0x0A { break }
                if b == 0x09 {
                    starts.append(fieldStart)
                    ends.append(i)
                    fieldStart = i + 1
                } else if b == 0 && problem == nil {
                    problem = (i, .nul)
                }
                i += 1
            } else if let length = PackText.sequenceLength(p, at: i) {
                i += length
            } else {
                if problem == nil { problem = (i, .invalidUTF8) }
                i += 1
            }
        }
        var end = i
        if end > fieldStart && p[end - 1] == 0x0D { end -= 1 }
        starts.append(fieldStart)
        ends.append(end)
        return LineScan(start: start, end: end, next: i < n ? i + 1 : n, problem: problem)
    }

    /// Whether a line is a comment (`#` first) or blank (only spaces and tabs).
    @inline(__always)
    static func isSkippable(_ p: UnsafeBufferPointer<UInt8>, _ scan: LineScan) -> Bool {
        if scan.start == scan.end { return true }
        if p[scan.start] == UInt8(ascii: "#") { return true }
        var i = scan.start
        while i < scan.end {
            let b = p[i]
            if b != 0x20 && b != 0x09 { return false }
            i += 1
        }
        return true
    }

    /// Calls `body` with each data row, in file order.
    ///
    /// Rows that are not UTF-8, hold a NUL, or have the wrong number of fields are reported
    /// to `log` and skipped. Fields with leading or trailing whitespace are reported, and
    /// listed in the row's `dirtyFields` so `body` skips its own checks of them. `body`
    /// appends the row's other errors to its `inout` array and must not keep a record of a row
    /// whose array is non-empty when it returns; the row's errors go to `log` sorted by column.
    /// Stops early once `log` is full.
    ///
    /// - Complexity: O(n) in the file's size, plus what `body` does.
    func forEachRow(
        log: inout PackErrorLog, _ body: (borrowing TSVRow, inout [PackError]) -> Void
    ) {
        guard hasHeader, !log.isFull else { return }
        let columnCount = columns.count
        bytes.withUnsafeBufferPointer { p in
            var starts: [Int] = []
            var ends: [Int] = []
            var rowErrors: [PackError] = []
            var dirty: [Int] = []
            starts.reserveCapacity(columnCount + 1)
            ends.reserveCapacity(columnCount + 1)
            var offset = bodyStart
            var line = bodyLine
            while offset < p.count && !log.isFull {
                let scan = TSVTable.scanLine(p, from: offset, starts: &starts, ends: &ends)
                let lineNumber = line
                offset = scan.next
                line += 1
                if let problem = scan.problem {
                    let column = PackText.column(p, lineStart: scan.start, offset: problem.offset)
                    log.append(PackError(
                        at: SourceLocation(file: file, line: lineNumber, column: column),
                        problem.problem.message(fileName: fileName)))
                    continue
                }
                if TSVTable.isSkippable(p, scan) { continue }
                if starts.count != columnCount {
                    let offset = starts.count > columnCount ? starts[columnCount] : scan.end
                    let column = PackText.column(p, lineStart: scan.start, offset: offset)
                    let what = starts.count > columnCount ? "too many" : "too few"
                    log.append(PackError(
                        at: SourceLocation(file: file, line: lineNumber, column: column),
                        "\(what) fields: the row has \(starts.count) tab-separated "
                            + "field\(starts.count == 1 ? "" : "s") but the header has "
                            + "\(columnCount) (\(columns.joined(separator: ", "))); give every "
                            + "row one field per column, separated by single tabs, leaving "
                            + "absent values empty"))
                    continue
                }
                rowErrors.removeAll(keepingCapacity: true)
                dirty.removeAll(keepingCapacity: true)
                for k in 0..<columnCount where starts[k] < ends[k] {
                    let field = UnsafeBufferPointer(rebasing: p[starts[k]..<ends[k]])
                    let leading = PackText.hasLeadingWhitespace(field)
                    let trailing = PackText.hasTrailingWhitespace(field)
                    guard leading || trailing else { continue }
                    dirty.append(k)
                    let which = leading && trailing
                        ? "leading and trailing" : leading ? "leading" : "trailing"
                    rowErrors.append(PackError(
                        at: SourceLocation(
                            file: file, line: lineNumber,
                            column: PackText.column(p, lineStart: scan.start, offset: starts[k])),
                        "\(which) whitespace in column \(packQuote(columns[k])) "
                            + "(\(packQuote(String(decoding: field, as: UTF8.self)))): remove it; "
                            + "fields are never trimmed"))
                }
                let row = TSVRow(
                    file: file, buffer: p, line: lineNumber, lineStart: scan.start,
                    starts: starts, ends: ends, dirtyFields: dirty)
                body(row, &rowErrors)
                if rowErrors.count > 1 {
                    rowErrors = rowErrors.enumerated().sorted {
                        let a = $0.element.location?.column ?? 0
                        let b = $1.element.location?.column ?? 0
                        return a != b ? a < b : $0.offset < $1.offset
                    }.map(\.element)
                }
                log.append(contentsOf: rowErrors)
            }
        }
    }
}

/// One data row of a ``TSVTable``, valid only inside the `forEachRow` call that made it.
struct TSVRow: ~Copyable {
    private let file: String
    private let buffer: UnsafeBufferPointer<UInt8>
    /// The row's 1-based line number.
    let line: Int
    private let lineStart: Int
    private let starts: [Int]
    private let ends: [Int]
    /// Fields already reported for leading or trailing whitespace.
    let dirtyFields: [Int]

    fileprivate init(
        file: String, buffer: UnsafeBufferPointer<UInt8>, line: Int, lineStart: Int,
        starts: [Int], ends: [Int], dirtyFields: [Int]
    ) {
        self.file = file
        self.buffer = buffer
        self.line = line
        self.lineStart = lineStart
        self.starts = starts
        self.ends = ends
        self.dirtyFields = dirtyFields
    }

    /// Whether field `k` has passed the whitespace check (so its own checks should run).
    func isClean(_ k: Int) -> Bool { dirtyFields.isEmpty || !dirtyFields.contains(k) }

    /// Whether field `k` is empty.
    func isEmpty(_ k: Int) -> Bool { starts[k] == ends[k] }

    /// The bytes of field `k`.
    func bytes(_ k: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: buffer[starts[k]..<ends[k]])
    }

    /// The text of field `k`.
    func string(_ k: Int) -> String { String(decoding: bytes(k), as: UTF8.self) }

    /// The text of field `k`, or `nil` when it is empty.
    func optionalString(_ k: Int) -> String? { isEmpty(k) ? nil : string(k) }

    /// Where field `k` starts.
    func location(_ k: Int) -> SourceLocation {
        SourceLocation(
            file: file, line: line,
            column: PackText.column(buffer, lineStart: lineStart, offset: starts[k]))
    }

    /// An error at the start of field `k`.
    func error(_ k: Int, _ message: String) -> PackError {
        PackError(at: location(k), message)
    }
}

/// `'text'`, for messages.
func packQuote(_ text: String) -> String { "'\(text)'" }
