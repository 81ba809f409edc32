internal import CCanonymICU

/// Unicode normalization through ICU: NFC, NFD, NFKC and NFKC_Casefold.
///
/// ICU's normalizer instances are shared and thread-safe, so these functions may be called from
/// any thread. Each call is O(n) in the length of the text.
enum UnicodeNormalizer {
    /// A normalization form.
    enum Form {
        case nfc, nfd, nfkc, nfkcCasefold

        fileprivate var icu: cnm_normalization_form {
            switch self {
            case .nfc: CNM_NFC
            case .nfd: CNM_NFD
            case .nfkc: CNM_NFKC
            case .nfkcCasefold: CNM_NFKC_CASEFOLD
            }
        }
    }

    /// Normalizes `text` to `form`. ASCII text is returned unchanged for NFC/NFD/NFKC without
    /// calling ICU.
    static func normalize(_ text: String, _ form: Form) throws(ICUError) -> String {
        if form != .nfkcCasefold, text.utf8.allSatisfy({ $0 < 0x80 }) { return text }
        let units = Array(text.utf16)
        let icuForm = form.icu
        let output = try withICUOutput(units, operation: "normalizing text") { src, len, dst, cap, status in
            cnm_normalize(icuForm, src, len, dst, cap, status)
        }
        return String(decoding: output, as: UTF16.self)
    }

    /// Lower-cases `text` with the root locale's full case mapping.
    static func lowercase(_ text: String) throws(ICUError) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text.lowercased() }
        let units = Array(text.utf16)
        let output = try withICUOutput(units, operation: "lower-casing text") { src, len, dst, cap, status in
            cnm_to_lower(src, len, dst, cap, status)
        }
        return String(decoding: output, as: UTF16.self)
    }
}
