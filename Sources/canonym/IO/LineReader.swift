#if canImport(Glibc)
import Glibc
#endif

/// Reads standard input with read(2) and hands out complete lines, without their line feed.
///
/// Lines longer than `maxSegment` bytes are handed out in segments cut at a blank (or, failing
/// that, at a UTF-8 boundary), so memory stays bounded on a 100 MB line; `isContinuation` tells
/// the caller that a segment continues the previous one. After each read the caller's
/// `afterChunk` runs, which the filters use to process the read's lines and flush output: a
/// line typed into a pipe comes out at once, while a large file is written in large blocks.
/// A piece's bytes stay valid until the `afterChunk` that follows it returns, so the caller
/// can gather a read's pieces without copying them.
struct LineReader {
    /// A piece of input: a whole line or a segment of a long one.
    struct Piece {
        /// The bytes, without the line feed. A trailing carriage return is kept.
        var bytes: UnsafeBufferPointer<UInt8>
        /// 1-based line number.
        var line: Int
        /// Whether this piece continues the same line as the previous piece.
        var isContinuation: Bool
        /// Whether the line ended with a line feed here (false for the last line without one,
        /// and for every segment but the last of a long line).
        var endsLine: Bool
        /// Whether a line feed follows in the input.
        var hasNewline: Bool
    }

    var fd: Int32 = 0
    var maxSegment = 4 << 20
    var chunkSize = 1 << 16

    /// Calls `body` with every piece, in order. Returns when the input ends.
    func forEachPiece(_ body: (Piece) throws -> Void, afterChunk: () -> Void) throws {
        var pending: [UInt8] = []
        pending.reserveCapacity(chunkSize * 2)
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        var line = 1
        var continuing = false
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, chunkSize) }
            if n < 0 {
                if errno == EINTR { continue }
                throw ReadError(code: errno)
            }
            if n == 0 { break }
            pending.append(contentsOf: chunk[0..<n])
            var consumed = 0
            try pending.withUnsafeBufferPointer { all in
                var start = 0
                while true {
                    if let newline = indexOfNewline(all, from: start) {
                        try body(Piece(
                            bytes: UnsafeBufferPointer(rebasing: all[start..<newline]), line: line,
                            isContinuation: continuing, endsLine: true, hasNewline: true))
                        line += 1
                        continuing = false
                        start = newline + 1
                    } else if all.count - start > maxSegment {
                        let cut = segmentCut(all, from: start, limit: start + maxSegment)
                        try body(Piece(
                            bytes: UnsafeBufferPointer(rebasing: all[start..<cut]), line: line,
                            isContinuation: continuing, endsLine: false, hasNewline: false))
                        continuing = true
                        start = cut
                    } else {
                        break
                    }
                }
                consumed = start
                // While the pieces' bytes are still where the pieces point.
                afterChunk()
            }
            pending.removeSubrange(0..<consumed)
        }
        try pending.withUnsafeBufferPointer { all in
            if !all.isEmpty {
                try body(Piece(bytes: all, line: line, isContinuation: continuing, endsLine: true, hasNewline: false))
            }
            afterChunk()
        }
    }

    private func indexOfNewline(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard start < buffer.count else { return nil }
        let base = buffer.baseAddress! + start
        guard let hit = memchr(base, 0x0A, buffer.count - start) else { return nil }
        return start + (UnsafeRawPointer(hit) - UnsafeRawPointer(base))
    }

    /// The last blank before `limit`, or else the last UTF-8 boundary before it.
    private func segmentCut(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, limit: Int) -> Int {
        var i = limit
        let floor = start + (limit - start) / 2
        while i > floor {
            if buffer[i - 1] == 0x20 || buffer[i - 1] == 0x09 { return i }
            i -= 1
        }
        i = limit
        while i > start + 1, buffer[i] & 0xC0 == 0x80 { i -= 1 }
        return i
    }

    struct ReadError: Error, CustomStringConvertible {
        var code: Int32
        var description: String { "cannot read standard input: \(String(cString: strerror(code)))" }
    }
}
