/// A dictionary key made of UTF-8 bytes, hashed once with the compiled tables' hash.
struct ByteKey: Hashable {
    let bytes: [UInt8]
    private let hash: UInt64

    init(_ text: String) {
        self.init(bytes: Array(text.utf8))
    }

    init(bytes: [UInt8]) {
        self.bytes = bytes
        hash = bytes.withUnsafeBufferPointer { StringTable.hash($0) }
    }

    static func == (a: ByteKey, b: ByteKey) -> Bool { a.hash == b.hash && a.bytes == b.bytes }

    func hash(into hasher: inout Hasher) { hasher.combine(hash) }
}
