import Foundation

/// Streams a text file line by line, as bytes, with a fixed-size buffer: memory does not grow
/// with the file (GeoNames' `allCountries.txt` and `alternateNamesV2.txt` are gigabytes).
///
/// Lines are split on LF; a CR before it is dropped. A line longer than the buffer grows the
/// buffer to fit it, so memory is bounded by the longest line, not the file.
struct DumpLineReader {
    /// The file's path, for messages.
    let path: String
    private let chunkSize: Int

    /// Creates a reader; nothing is opened until ``forEachLine(_:)``.
    init(path: String, chunkSize: Int = 1 << 20) {
        self.path = path
        self.chunkSize = chunkSize
    }

    /// The file's size in bytes, if it can be read.
    var size: Int? {
        var status = stat()
        return stat(path, &status) == 0 ? Int(status.st_size) : nil
    }

    /// Calls `body` with each line (without its line end) and its 1-based number.
    /// - Throws: ``GeoNamesImportError`` when the file cannot be opened or read, or what `body`
    ///   throws.
    /// - Complexity: O(n) in the file's size; one copy of each incomplete line at a chunk's end.
    func forEachLine(_ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void) throws {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw GeoNamesImportError(file: path, line: nil, "cannot open the file (\(String(cString: strerror(errno)))): check the path")
        }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: chunkSize)
        var filled = 0
        var lineNumber = 0
        var atEnd = false
        while !atEnd {
            if filled == buffer.count {
                buffer.append(contentsOf: [UInt8](repeating: 0, count: buffer.count))
            }
            let read = buffer.withUnsafeMutableBytes { raw in
                Foundation.read(descriptor, raw.baseAddress! + filled, raw.count - filled)
            }
            if read < 0 {
                if errno == EINTR { continue }
                throw GeoNamesImportError(file: path, line: nil, "cannot read the file (\(String(cString: strerror(errno))))")
            }
            if read == 0 { atEnd = true }
            filled += read
            var consumed = 0
            try buffer.withUnsafeBufferPointer { all in
                let base = all.baseAddress!
                while consumed < filled {
                    let remaining = filled - consumed
                    guard let found = memchr(base + consumed, 0x0A, remaining) else {
                        if atEnd {
                            lineNumber += 1
                            try body(UnsafeBufferPointer(start: base + consumed, count: trimmedLength(base + consumed, remaining)), lineNumber)
                            consumed = filled
                        }
                        break
                    }
                    let end = UnsafeRawPointer(found).assumingMemoryBound(to: UInt8.self) - base
                    lineNumber += 1
                    try body(UnsafeBufferPointer(start: base + consumed, count: trimmedLength(base + consumed, end - consumed)), lineNumber)
                    consumed = end + 1
                }
            }
            if consumed > 0 {
                let rest = filled - consumed
                if rest > 0 {
                    buffer.withUnsafeMutableBufferPointer { p in
                        _ = memmove(p.baseAddress!, p.baseAddress! + consumed, rest)
                    }
                }
                filled = rest
            }
        }
    }

    private func trimmedLength(_ start: UnsafePointer<UInt8>, _ length: Int) -> Int {
        length > 0 && start[length - 1] == 0x0D ? length - 1 : length
    }
}

/// The tab-separated fields of one line, as byte ranges (no copies).
struct DumpFields {
    private(set) var starts: [Int] = []
    private(set) var ends: [Int] = []
    private var line = UnsafeBufferPointer<UInt8>(start: nil, count: 0)

    /// Fields found.
    var count: Int { starts.count }

    /// Splits `line` on tabs.
    mutating func split(_ line: UnsafeBufferPointer<UInt8>) {
        self.line = line
        starts.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        var start = 0
        for i in 0..<line.count where line[i] == 0x09 {
            starts.append(start)
            ends.append(i)
            start = i + 1
        }
        starts.append(start)
        ends.append(line.count)
    }

    /// The bytes of field `k`.
    func bytes(_ k: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: line[starts[k]..<ends[k]])
    }

    /// Whether field `k` is empty.
    func isEmpty(_ k: Int) -> Bool { starts[k] == ends[k] }

    /// Field `k` as text, or `nil` when it is not valid UTF-8.
    func string(_ k: Int) -> String? {
        String(validating: bytes(k), as: UTF8.self)
    }

    /// Field `k` as a non-negative integer, or `nil` (empty, sign, other characters).
    func integer(_ k: Int) -> Int? {
        let field = bytes(k)
        guard !field.isEmpty, field.count <= 18 else { return nil }
        var value = 0
        for b in field {
            guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(b - UInt8(ascii: "0"))
        }
        return value
    }

    /// Whether field `k` holds exactly these ASCII bytes.
    func equals(_ k: Int, _ text: StaticString) -> Bool {
        let field = bytes(k)
        guard field.count == text.utf8CodeUnitCount else { return false }
        if field.isEmpty { return true }
        return memcmp(field.baseAddress!, text.utf8Start, field.count) == 0
    }
}
