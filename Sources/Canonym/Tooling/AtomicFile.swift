import Foundation

/// Replaces files' contents all at once or not at all: the bytes go to a temporary file in the
/// same directory, which is flushed to disk (`fsync`) and then renamed over the target, and the
/// directory is flushed too. A reader sees the old file or the new one, never a mix; if
/// anything fails before the rename, the old file is left byte for byte as it was and the
/// temporary file is removed.
///
/// ```swift
/// try AtomicFile.write(Array(text.utf8), to: "my-pack/names.tsv")
/// ```
public enum AtomicFile {
    /// Writes `bytes` to `path` atomically, keeping an existing file's permission bits
    /// (a new file gets 0644).
    /// - Throws: ``AtomicWriteError`` naming the step that failed.
    /// - Complexity: O(n) in the size of `bytes`, plus two `fsync` calls.
    public static func write(_ bytes: [UInt8], to path: String) throws(AtomicWriteError) {
        try write([(path, bytes)], failingAfter: nil)
    }

    /// Writes several files: every temporary file is written and flushed first, and only then
    /// are they renamed into place, one after the other. A failure while writing leaves every
    /// file unchanged; only a failing `rename` (which does not happen for lack of space) could
    /// leave some replaced and not others.
    /// - Throws: ``AtomicWriteError`` naming the file and the step that failed.
    public static func write(_ files: [(path: String, bytes: [UInt8])]) throws(AtomicWriteError) {
        try write(files, failingAfter: nil)
    }

    /// ``write(_:)`` that, for tests, fails as a full disk would once `failingAfter` bytes of a
    /// temporary file are written.
    static func write(_ files: [(path: String, bytes: [UInt8])], failingAfter: Int?) throws(AtomicWriteError) {
        var prepared: [String] = []
        var committed = 0
        defer { for temporary in prepared.dropFirst(committed) { unlink(temporary) } }
        for file in files {
            prepared.append(try prepare(file.bytes, for: file.path, failingAfter: failingAfter))
        }
        for (file, temporary) in zip(files, prepared) {
            guard rename(temporary, file.path) == 0 else {
                throw AtomicWriteError(path: file.path, step: "renaming the temporary file over it", code: errno)
            }
            committed += 1
        }
        for folder in Set(files.map { folder(of: $0.path) }) {
            let descriptor = Foundation.open(folder, O_RDONLY)
            if descriptor >= 0 {
                _ = fsync(descriptor)
                close(descriptor)
            }
        }
    }

    private static func folder(of path: String) -> String {
        let directory = (path as NSString).deletingLastPathComponent
        return directory.isEmpty ? "." : directory
    }

    /// Bytes per `write(2)`. Small on purpose: a kernel with large page-cache folios (Linux 6.x
    /// on ext4) caches a file in folios as large as the writes that made it, and a mapping of
    /// the file (a compiled lexicon, read at random) then makes a whole folio resident at its
    /// first read. The benchmark's world pack, written in 1 MiB writes, left a tag run 153 MB
    /// resident; in 64 KiB writes, 145 MB, the same as a file read in from disk.
    static let writeChunk = 1 << 16

    /// Writes and flushes a temporary file beside `path`; returns its path.
    private static func prepare(_ bytes: [UInt8], for path: String, failingAfter: Int?) throws(AtomicWriteError) -> String {
        let folder = folder(of: path)
        let name = (path as NSString).lastPathComponent
        var template = Array((folder + "/." + name + ".tmp-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            throw AtomicWriteError(path: path, step: "creating a temporary file in \(folder)", code: errno)
        }
        let temporary = String(cString: template.withUnsafeBufferPointer { $0.baseAddress! })
        var done = false
        var open = true
        defer {
            if open { close(descriptor) }
            if !done { unlink(temporary) }
        }
        var existing = stat()
        let mode: mode_t = stat(path, &existing) == 0 ? existing.st_mode & 0o7777 : 0o644
        guard fchmod(descriptor, mode) == 0 else {
            throw AtomicWriteError(path: path, step: "setting the temporary file's permissions", code: errno)
        }
        var written = 0
        try bytes.withUnsafeBufferPointer { (buffer) throws(AtomicWriteError) in
            while written < buffer.count {
                var chunk = min(buffer.count - written, Self.writeChunk)
                if let limit = failingAfter {
                    if written >= limit {
                        throw AtomicWriteError(path: path, step: "writing the temporary file", code: ENOSPC)
                    }
                    chunk = min(chunk, limit - written)
                }
                let n = Foundation.write(descriptor, buffer.baseAddress! + written, chunk)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw AtomicWriteError(path: path, step: "writing the temporary file", code: errno)
                }
                written += n
            }
        }
        guard fsync(descriptor) == 0 else {
            throw AtomicWriteError(path: path, step: "flushing the temporary file to disk", code: errno)
        }
        open = false
        guard close(descriptor) == 0 else {
            throw AtomicWriteError(path: path, step: "closing the temporary file", code: errno)
        }
        done = true
        return temporary
    }
}

/// A failed ``AtomicFile`` write; the target file is unchanged.
public struct AtomicWriteError: Error, Sendable, CustomStringConvertible {
    /// The file that was to be written.
    public let path: String
    /// The step that failed.
    public let step: String
    /// The system's error number.
    public let code: Int32

    /// `path: error: cannot write the file (step: reason); it is unchanged`.
    public var description: String {
        "\(path): error: cannot write the file (\(step): \(String(cString: strerror(code)))); it is unchanged"
    }
}
