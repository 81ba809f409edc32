internal import CCanonymICU

/// An ICU call failed. Carries ICU's own error name (`U_INVALID_ID`, `U_MALFORMED_RULE`…) so the
/// message can be looked up in ICU's documentation.
public struct ICUError: Error, Sendable, Hashable, CustomStringConvertible {
    /// ICU's name for the status code, e.g. `U_MALFORMED_RULE`.
    public let name: String
    /// What Canonym was doing, e.g. `opening transliterator "Ukrainian-Latin/BGN"`.
    public let operation: String
    /// For rule syntax errors: the rule line and the offset in it that ICU reported.
    public let ruleLine: Int?
    /// The offset within `ruleLine` that ICU reported.
    public let ruleOffset: Int?

    init(status: Int32, operation: String, ruleLine: Int? = nil, ruleOffset: Int? = nil) {
        self.name = String(cString: cnm_status_name(status))
        self.operation = operation
        self.ruleLine = ruleLine
        self.ruleOffset = ruleOffset
    }

    /// `ICU error U_MALFORMED_RULE while compiling rules "x" (rule line 3, offset 7)`.
    public var description: String {
        var text = "ICU error \(name) while \(operation)"
        if let ruleLine { text += " (rule line \(ruleLine), offset \(ruleOffset ?? 0))" }
        return text
    }

    /// ICU's version, e.g. "72.1".
    public static var icuVersion: String {
        var buffer = [CChar](repeating: 0, count: 32)
        cnm_icu_version(&buffer, Int32(buffer.count))
        return String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// Runs an ICU function with the "preflight, grow, retry" buffer contract on UTF-16 text.
///
/// `body(source, sourceLength, destination, capacity, status)` must return the needed length.
@inline(never)
func withICUOutput(
    _ source: [UInt16], operation: @autoclosure () -> String,
    _ body: (UnsafePointer<UInt16>?, Int32, UnsafeMutablePointer<UInt16>?, Int32, UnsafeMutablePointer<Int32>) -> Int32
) throws(ICUError) -> [UInt16] {
    var capacity = max(16, source.count * 2 + 8)
    for _ in 0..<3 {
        var status: Int32 = 0
        var output = [UInt16](repeating: 0, count: capacity)
        let needed = source.withUnsafeBufferPointer { src in
            output.withUnsafeMutableBufferPointer { dst in
                body(src.baseAddress, Int32(src.count), dst.baseAddress, Int32(capacity), &status)
            }
        }
        if status == 15 /* U_BUFFER_OVERFLOW_ERROR */ {
            capacity = Int(needed) + 1
            continue
        }
        if status > 0 { throw ICUError(status: status, operation: operation()) }
        output.removeSubrange(Int(needed)...)
        return output
    }
    throw ICUError(status: 15, operation: operation())
}
