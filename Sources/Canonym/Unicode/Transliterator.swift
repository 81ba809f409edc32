internal import CCanonymICU

/// An ICU transliterator, opened by ID (`Ukrainian-Latin/BGN`) or compiled from rule text.
///
/// Not thread-safe: ICU transliterators keep internal state, so each thread uses its own
/// instance (``FoldLadder`` instances are pooled per thread by ``Lexicon``).
final class Transliterator {
    /// The ID it was opened with.
    let id: String
    private let handle: OpaquePointer

    /// Opens a system transliterator or compound ID.
    init(id: String) throws(ICUError) {
        let units = Array(id.utf16)
        var status: Int32 = 0
        let handle = units.withUnsafeBufferPointer {
            cnm_transliterator_open_id($0.baseAddress, Int32($0.count), &status)
        }
        guard let handle, status <= 0 else {
            throw ICUError(status: status, operation: "opening transliterator \"\(id)\"")
        }
        self.id = id
        self.handle = handle
    }

    /// Compiles a transliterator from ICU transform rules.
    ///
    /// - Throws: ``ICUError`` with the rule line and offset ICU reports for syntax errors.
    init(id: String, rules: String) throws(ICUError) {
        let idUnits = Array(id.utf16)
        let ruleUnits = Array(rules.utf16)
        var status: Int32 = 0
        var line: Int32 = 0
        var offset: Int32 = 0
        let handle = idUnits.withUnsafeBufferPointer { idBuffer in
            ruleUnits.withUnsafeBufferPointer { ruleBuffer in
                cnm_transliterator_open_rules(
                    idBuffer.baseAddress, Int32(idBuffer.count), ruleBuffer.baseAddress,
                    Int32(ruleBuffer.count), &line, &offset, &status)
            }
        }
        guard let handle, status <= 0 else {
            throw ICUError(
                status: status, operation: "compiling transform rules \"\(id)\"",
                ruleLine: Int(line), ruleOffset: Int(offset))
        }
        self.id = id
        self.handle = handle
    }

    deinit { cnm_transliterator_close(handle) }

    /// Transliterates `text`. O(n·r) in text length n and rule count r touched.
    func transliterate(_ text: String) throws(ICUError) -> String {
        let source = Array(text.utf16)
        var capacity = max(32, source.count * 4 + 16)
        for _ in 0..<4 {
            var buffer = source + [UInt16](repeating: 0, count: capacity - source.count)
            var length = Int32(source.count)
            var status: Int32 = 0
            buffer.withUnsafeMutableBufferPointer {
                cnm_transliterator_apply(handle, $0.baseAddress, &length, Int32(capacity), &status)
            }
            if status == 15 /* U_BUFFER_OVERFLOW_ERROR */ {
                capacity = max(capacity * 2, Int(length) + 16)
                continue
            }
            if status > 0 {
                throw ICUError(status: status, operation: "transliterating with \"\(id)\"")
            }
            return String(decoding: buffer[0..<Int(length)], as: UTF16.self)
        }
        throw ICUError(status: 15, operation: "transliterating with \"\(id)\"")
    }
}
