import Foundation

/// A file written through a 1 MiB buffer, flushed to disk (`fsync`) when finished: for the
/// large files an import writes, without holding them in memory.
struct StreamingFile {
    /// The file's path.
    let path: String
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private var finished = false

    /// Creates (or truncates) the file.
    init(path: String) throws {
        self.path = path
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else {
            throw GeoNamesImportError(file: path, line: nil, "cannot create the file: \(String(cString: strerror(errno)))")
        }
        buffer.reserveCapacity(1 << 20)
    }

    /// Appends text.
    mutating func append(_ text: String) { buffer.append(contentsOf: text.utf8) }

    /// Writes the buffer out once it holds 1 MiB.
    mutating func flushIfLarge() throws {
        if buffer.count >= 1 << 20 { try flush() }
    }

    private mutating func flush() throws {
        var written = 0
        while written < buffer.count {
            let n = buffer.withUnsafeBytes { write(descriptor, $0.baseAddress! + written, $0.count - written) }
            if n < 0 {
                if errno == EINTR { continue }
                throw GeoNamesImportError(file: path, line: nil, "cannot write the file: \(String(cString: strerror(errno)))")
            }
            written += n
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is left, flushes the file to disk and closes it.
    mutating func finish() throws {
        guard !finished else { return }
        finished = true
        defer { close(descriptor) }
        try flush()
        guard fsync(descriptor) == 0 else {
            throw GeoNamesImportError(file: path, line: nil, "cannot flush the file to disk: \(String(cString: strerror(errno)))")
        }
    }
}
