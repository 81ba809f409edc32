#if canImport(Glibc)
import Glibc
#endif

/// Buffered standard output written with write(2): flushed when large, and by the line reader
/// after every chunk of input so that a pipe sees each line as soon as it is complete.
final class OutputBuffer {
    private(set) var bytes: [UInt8] = []
    private let fd: Int32
    /// Set when the reader has gone away (EPIPE): the command stops quietly.
    private(set) var closed = false

    init(fd: Int32 = 1) {
        self.fd = fd
        bytes.reserveCapacity(1 << 16)
    }

    @inline(__always)
    func append(_ byte: UInt8) { bytes.append(byte) }

    @inline(__always)
    func append<C: Collection>(contentsOf data: C) where C.Element == UInt8 { bytes.append(contentsOf: data) }

    func append(_ text: String) { bytes.append(contentsOf: text.utf8) }

    /// Appends what `json` wrote, in one copy.
    func append(_ json: borrowing JSONWriter) { json.write(to: &bytes) }

    func flushIfLarge() { if bytes.count >= 1 << 16 { flush() } }

    func flush() {
        guard !bytes.isEmpty, !closed else { bytes.removeAll(keepingCapacity: true); return }
        bytes.withUnsafeBufferPointer { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    closed = true
                    return
                }
                offset += n
            }
        }
        bytes.removeAll(keepingCapacity: true)
    }
}
