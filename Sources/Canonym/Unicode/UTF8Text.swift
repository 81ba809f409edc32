/// UTF-8 checks with the library's own rule (the one the pack reader applies), for callers
/// outside it: the command-line filters use it to decide whether output bytes can be copied as
/// they are.
public enum UTF8Text {
    /// Whether `bytes` is well-formed UTF-8: no stray continuation byte, overlong form,
    /// surrogate, value above U+10FFFF or truncated sequence.
    /// - Complexity: O(n) in the byte count.
    public static func isWellFormed(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < bytes.count {
            if bytes[i] < 0x80 {
                i += 1
            } else if let length = PackText.sequenceLength(bytes, at: i) {
                i += length
            } else {
                return false
            }
        }
        return true
    }
}
