import Foundation

#if _endian(big)
#error("Compiled lexicons are little-endian; Canonym reads them in place and supports little-endian machines only")
#endif

/// Read-only bytes that a compiled lexicon's views point into: a memory-mapped file, or a heap
/// buffer for a lexicon compiled in this process. The image lives as long as any view of it.
///
/// Views read numbers in place (little-endian, naturally aligned: every section starts on an
/// 8-byte boundary and mappings and the heap buffer are page- or 16-byte aligned), so loading
/// parses nothing but the header and the section table.
final class ByteImage: @unchecked Sendable {
    /// The first byte.
    let base: UnsafeRawPointer
    /// The image's length in bytes.
    let count: Int
    /// The file it maps, or nil for a heap image.
    let path: String?
    /// What `fstat` said of the mapped file when it was opened, or nil for a heap image.
    let identity: FileIdentity?
    private let release: () -> Void

    /// Copies `bytes` into an aligned heap buffer.
    init(copying bytes: [UInt8]) {
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: max(bytes.count, 1), alignment: 16)
        bytes.withUnsafeBytes { buffer.copyMemory(from: $0.baseAddress!, byteCount: bytes.count) }
        base = UnsafeRawPointer(buffer)
        count = bytes.count
        path = nil
        identity = nil
        release = { buffer.deallocate() }
    }

    /// Maps a file read-only.
    /// - Throws: ``CompiledLexiconError/unreadable(path:reason:)`` when it cannot be opened or mapped.
    init(mapping path: String) throws(CompiledLexiconError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw .unreadable(path: path, reason: "not a regular file") }
        let length = Int(info.st_size)
        self.path = path
        self.count = length
        self.identity = FileIdentity(info)
        if length == 0 {
            let empty = UnsafeMutableRawPointer.allocate(byteCount: 1, alignment: 16)
            base = UnsafeRawPointer(empty)
            release = { empty.deallocate() }
            return
        }
        guard let mapped = mmap(nil, length, PROT_READ, MAP_PRIVATE, fd, 0), mapped != MAP_FAILED else {
            throw .unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        // Matching reads the image at random (hash probes): no read-ahead, and no mapping of
        // neighbouring pages on a fault, so that only pages actually read become resident.
        madvise(mapped, length, MADV_RANDOM)
        base = UnsafeRawPointer(mapped)
        release = { munmap(mapped, length) }
    }

    deinit { release() }

    /// Reads the whole mapped file into the page cache on a background queue, and returns at
    /// once. Matching reads the image at random, and each first read of a page not in the cache
    /// is a 4 KiB read from disk that stalls the matcher; read ahead in large sequential reads,
    /// those pages are found in memory. The file is read with `pread` into a scratch buffer, not
    /// through the mapping, so pages join this process only when matching reads them and its
    /// resident memory does not grow. (`MADV_WILLNEED` would not do: the kernel reads only its
    /// read-ahead window, 128 KiB, of the range.) Nothing for a heap image; when the file is
    /// cached already, a copy of it through a 1 MiB buffer on another core.
    func readAhead() {
        guard let path, count > 0 else { return }
        let length = count
        DispatchQueue.global(qos: .utility).async {
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { return }
            defer { close(fd) }
            let chunk = 1 << 20
            let buffer = UnsafeMutableRawPointer.allocate(byteCount: chunk, alignment: 4096)
            defer { buffer.deallocate() }
            var offset = 0
            while offset < length {
                let n = pread(fd, buffer, min(chunk, length - offset), off_t(offset))
                if n < 0, errno == EINTR { continue }
                guard n > 0 else { return }
                offset += n
            }
        }
    }

    /// Tells the kernel the pages holding `start ..< start + length` may be dropped from this
    /// process (a mapped image only: they come back from the page cache when read again).
    func releasePages(_ start: UnsafeRawPointer, _ length: Int) {
        guard path != nil else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let from = (Int(bitPattern: start) + page - 1) / page * page
        let to = (Int(bitPattern: start) + length) / page * page
        if to > from { madvise(UnsafeMutableRawPointer(bitPattern: from), to - from, MADV_DONTNEED) }
    }

    /// A little-endian `UInt32` at `offset` (4-aligned).
    @inline(__always)
    func u32(_ offset: Int) -> UInt32 { base.load(fromByteOffset: offset, as: UInt32.self) }

    /// A little-endian `UInt64` at `offset` (8-aligned).
    @inline(__always)
    func u64(_ offset: Int) -> UInt64 { base.load(fromByteOffset: offset, as: UInt64.self) }

    /// The bytes `offset ..< offset + length`.
    @inline(__always)
    func bytes(_ offset: Int, _ length: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: base.advanced(by: offset).assumingMemoryBound(to: UInt8.self), count: length)
    }

    /// A typed view of `count` values starting at `offset`.
    @inline(__always)
    func array<T>(_ offset: Int, count: Int, of type: T.Type) -> UnsafeBufferPointer<T> {
        UnsafeBufferPointer(start: base.advanced(by: offset).assumingMemoryBound(to: T.self), count: count)
    }
}
