/// One word of the input, as the tokenizer found it: positions and the writing cues the
/// precision guards read. Plain data; no allocation.
struct Token {
    /// UTF-8 byte offsets within the document (end exclusive).
    var byteStart: Int
    var byteEnd: Int
    /// Code point offsets within the document (end exclusive). Each invalid UTF-8 byte counts
    /// as one code point, as if it had been replaced by U+FFFD.
    var scalarStart: Int
    var scalarEnd: Int
    /// Whether the token may continue a phrase begun by the previous token: only blanks, one
    /// hyphen or dash, or the period of an abbreviation (`St. Petersburg`) lie between them.
    var joinsPrevious: Bool
    /// Whether the token opens a sentence (start of document, or after . ! ? …), so that a
    /// capital letter says nothing about it being a name.
    var sentenceInitial: Bool
    /// The first letter is upper case (`Kyiv`, `KYIV`).
    var capitalized: Bool
    /// Every letter is upper case and there are at least two (`KYIV`).
    var allCaps: Bool
    /// Letters in the token.
    var letterCount: Int
}
