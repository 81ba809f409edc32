/// A dictionary key made of UTF-8 bytes, hashed once with the compiled tables' hash.
struct ByteKey: Hashable {
    let bytes: [UInt8]
    private let hash: UInt64

    init(_ text: String) {
        bytes = Array(text.utf8)
        hash = bytes.withUnsafeBufferPointer { StringTable.hash($0) }
    }

    static func == (a: ByteKey, b: ByteKey) -> Bool { a.hash == b.hash && a.bytes == b.bytes }

    func hash(into hasher: inout Hasher) { hasher.combine(hash) }
}
