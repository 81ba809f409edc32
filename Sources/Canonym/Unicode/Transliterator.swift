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
        var text = text
        var capacity = text.utf8.count * 3 + 64
        for _ in 0..<4 {
            var status: Int32 = 0
            var needed: Int32 = 0
            let output: String? = text.withUTF8 { source in
                withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { destination -> String? in
                    needed = source.withMemoryRebound(to: CChar.self) { input in
                        destination.withMemoryRebound(to: CChar.self) { out in
                            cnm_transliterator_apply_utf8(
                                handle, input.baseAddress, Int32(input.count), out.baseAddress, Int32(capacity), &status)
                        }
                    }
                    guard status <= 0 else { return nil }
                    return String(decoding: UnsafeBufferPointer(rebasing: destination[0..<Int(needed)]), as: UTF8.self)
                }
            }
            if let output { return output }
            if status == 15 /* U_BUFFER_OVERFLOW_ERROR */ {
                capacity = max(capacity * 2, Int(needed) + 16)
                continue
            }
            throw ICUError(status: status, operation: "transliterating with \"\(id)\"")
        }
        throw ICUError(status: 15, operation: "transliterating with \"\(id)\"")
    }
}
