internal import CCanonymICU

/// The writing system of a character or a word, as Unicode's Script property names it.
public struct Script: Sendable, Hashable, CustomStringConvertible {
    /// ICU's UScriptCode.
    let code: Int32

    static let common = Script(code: 0)
    static let inherited = Script(code: 1)
    static let cyrillic = Script(code: 8)
    static let greek = Script(code: 14)
    static let latin = Script(code: 25)
    /// No letter at all (digits, punctuation only).
    static let none = Script(code: -1)

    /// The Script property of a scalar.
    init(of scalar: Unicode.Scalar) {
        if scalar.value < 0x80 {
            let v = scalar.value
            let isLetter = (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
            self.code = isLetter ? 25 : 0
        } else {
            self.code = cnm_script_of(scalar.value)
        }
    }

    init(code: Int32) { self.code = code }

    /// ISO 15924 code, e.g. `Cyrl`.
    public var description: String {
        code < 0 ? "Zyyy" : String(cString: cnm_script_code(code))
    }

    /// Whether the script carries no letters of its own (Common, Inherited).
    var isNeutral: Bool { code <= 1 }

    /// The script of the letters in `text`: `.none` when it has no letters, `nil` when it mixes
    /// several scripts.
    static func dominant(in text: String) -> Script? {
        var found = Script.none
        for scalar in text.unicodeScalars {
            let script = Script(of: scalar)
            if script.isNeutral { continue }
            if found == .none {
                found = script
            } else if found != script {
                return nil
            }
        }
        return found
    }

    /// Whether `text` has a letter of a script other than Latin (neutral characters, such as
    /// digits and punctuation, are of none).
    static func hasNonLatinLetter(in text: String) -> Bool {
        text.unicodeScalars.contains(where: isNonLatinLetter)
    }

    /// ``hasNonLatinLetter(in:)`` of well-formed UTF-8 text.
    /// - Complexity: O(n) in the text's length.
    static func hasNonLatinLetter(utf8 text: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < text.count {
            if text[index] < 0x80 {
                index += 1
                continue
            }
            let (scalar, length) = Tokenizer.decode(text, at: index)
            index += length
            if let scalar, isNonLatinLetter(scalar) { return true }
        }
        return false
    }

    /// Whether `scalar` is a letter of a script other than Latin.
    private static func isNonLatinLetter(_ scalar: Unicode.Scalar) -> Bool {
        // ASCII letters are Latin; everything else in ASCII is neutral.
        guard scalar.value >= 0x80, scalar.properties.isAlphabetic else { return false }
        let script = Script(of: scalar)
        return !script.isNeutral && script != .latin
    }

    /// Every distinct non-neutral script in `text`, in order of first appearance.
    static func all(in text: String) -> [Script] {
        var seen: [Script] = []
        for scalar in text.unicodeScalars {
            let script = Script(of: scalar)
            if !script.isNeutral, !seen.contains(script) { seen.append(script) }
        }
        return seen
    }
}
