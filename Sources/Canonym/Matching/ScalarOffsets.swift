/// The code point offsets of byte positions in a document, counted when a mention needs them:
/// the tokenizer tracks bytes only, and most tokens are never reported.
///
/// An offset counts the code points before the byte, each invalid UTF-8 byte as one (as if it
/// had been replaced by U+FFFD), exactly as ``Tokenizer/decode(_:at:)`` steps through the text.
/// Positions asked in increasing order (a document's mentions) cost one pass over the document
/// in all; a position before the previous one counts again from the start.
struct ScalarOffsets {
    private let bytes: UnsafeBufferPointer<UInt8>
    /// Whether the document is well-formed UTF-8, so that a code point is a byte that is no
    /// continuation byte (10xxxxxx), counted eight bytes at a time.
    private let wellFormed: Bool
    /// The last position asked, and its offset.
    private var byte = 0, scalar = 0

    /// Offsets into `bytes`; `wellFormed` is what ``Tokenizer/tokenize(_:into:)`` returned for it.
    init(_ bytes: UnsafeBufferPointer<UInt8>, wellFormed: Bool) {
        self.bytes = bytes
        self.wellFormed = wellFormed
    }

    /// The code point offset of byte `position`, which must start a code point (or an invalid
    /// byte) or be the end of the document.
    /// - Complexity: O(n) in the bytes between the previous position asked and this one.
    mutating func offset(ofByte position: Int) -> Int {
        precondition(position >= 0 && position <= bytes.count, "byte position outside the document")
        if position < byte { (byte, scalar) = (0, 0) }
        scalar &+= wellFormed ? Self.leadBytes(bytes, byte, position) : Self.decodeSteps(bytes, byte, position)
        byte = position
        return scalar
    }

    /// The bytes of `bytes[from ..< to]` that are no UTF-8 continuation byte.
    private static func leadBytes(_ bytes: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        let highs: UInt64 = 0x8080_8080_8080_8080
        var i = from, continuations = 0
        while i &+ 8 <= to {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
            // Bit 7 of each byte that is 10xxxxxx: bit 7 set, bit 6 (moved up to bit 7) clear.
            let marks = word & ~(word &<< 1) & highs
            // The marks summed by a multiply (a population count is software on baseline x86-64).
            continuations &+= Int(truncatingIfNeeded: ((marks &>> 7) &* 0x0101_0101_0101_0101) &>> 56)
            i &+= 8
        }
        while i < to {
            if base[i] & 0xC0 == 0x80 { continuations &+= 1 }
            i &+= 1
        }
        return (to &- from) &- continuations
    }

    /// The steps of ``Tokenizer/decode(_:at:)`` from `from` to `to`: one per ASCII byte, taken
    /// eight at a time while eight are ASCII, and one per character or invalid byte otherwise.
    private static func decodeSteps(_ bytes: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        var i = from, steps = 0
        while i < to {
            if i &+ 8 <= to, UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i &+= 8
                steps &+= 8
                continue
            }
            i &+= Tokenizer.decode(bytes, at: i).1
            steps &+= 1
        }
        return steps
    }
}
