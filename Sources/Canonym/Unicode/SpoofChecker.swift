internal import CCanonymICU

/// ICU's spoof checker (Unicode Technical Standard #39): mixed scripts, invisible characters,
/// and the confusable skeleton that tells whether a string looks like one of another script.
///
/// The shim configures the checker once (restriction level "highly restrictive", invisible
/// characters). Since ICU 58, `uspoof_check` no longer reports whole-script confusables for a
/// single string; compare ``skeleton(_:)``s instead: two strings that look alike have the same
/// skeleton (Cyrillic `Сосоа` and Latin `Cocoa`).
///
/// Not thread-safe by contract (ICU documents a configured checker as safe to share, but
/// Canonym keeps one per caller, like its transliterators).
final class SpoofChecker {
    private let handle: OpaquePointer

    /// What ``check(_:)`` found, as ICU's `USpoofChecks` bits.
    struct Findings: OptionSet, Sendable {
        let rawValue: Int32
        init(rawValue: Int32) { self.rawValue = rawValue }

        /// The string mixes scripts in a way UTS #39's "highly restrictive" level forbids
        /// (Latin with Cyrillic; Han with Kana or Hangul is allowed).
        static let restrictionLevel = Findings(rawValue: 16)
        /// The string holds invisible characters or repeated non-spacing marks.
        static let invisible = Findings(rawValue: 32)
    }

    /// Opens and configures a checker.
    init() throws(ICUError) {
        var status: Int32 = 0
        guard let handle = cnm_spoof_open(&status), status <= 0 else {
            throw ICUError(status: status, operation: "opening the spoof checker")
        }
        self.handle = handle
    }

    deinit { cnm_spoof_close(handle) }

    /// Checks one string. O(n) in its length.
    func check(_ text: String) throws(ICUError) -> Findings {
        let units = Array(text.utf16)
        var status: Int32 = 0
        let result = units.withUnsafeBufferPointer {
            cnm_spoof_check(handle, $0.baseAddress, Int32($0.count), &status)
        }
        if status > 0 { throw ICUError(status: status, operation: "spoof-checking text") }
        return Findings(rawValue: result)
    }

    /// The UTS #39 confusable skeleton: two strings that look alike have the same skeleton
    /// (`Kиїв` with a Cyrillic `и`, `Kиïв`…). O(n) in the length.
    func skeleton(_ text: String) throws(ICUError) -> String {
        let units = Array(text.utf16)
        let handle = self.handle
        let output = try withICUOutput(units, operation: "computing a confusable skeleton") { src, len, dst, cap, status in
            cnm_spoof_skeleton(handle, src, len, dst, cap, status)
        }
        return String(decoding: output, as: UTF16.self)
    }
}
