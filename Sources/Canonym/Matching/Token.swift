/// One word of the input, as the tokenizer found it: its bytes and the writing cues the
/// precision guards read. Plain data, 24 bytes; no allocation.
///
/// A token holds no code point offsets: reports need them only for mentions, and
/// ``ScalarOffsets`` counts them then, from the bytes.
struct Token {
    /// UTF-8 byte offsets within the document (end exclusive).
    var byteStart: Int
    var byteEnd: Int
    /// Letters in the token (at most `UInt32.max` are counted).
    private var letters: UInt32
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

    /// A token of `letterCount` letters at bytes `byteStart ..< byteEnd`, with its cues.
    @inline(__always)
    init(byteStart: Int, byteEnd: Int, joinsPrevious: Bool, sentenceInitial: Bool, capitalized: Bool, allCaps: Bool, letterCount: Int) {
        self.byteStart = byteStart
        self.byteEnd = byteEnd
        self.letters = UInt32(clamping: letterCount)
        self.joinsPrevious = joinsPrevious
        self.sentenceInitial = sentenceInitial
        self.capitalized = capitalized
        self.allCaps = allCaps
    }

    /// Letters in the token.
    var letterCount: Int { Int(letters) }
}

extension Token {
    /// Whether only spaces or tabs lie between this token and the later token `next`: two words
    /// of one name, or a designator and its name ("місто Київ"), are written so, where a dash
    /// between them ("Старий Город — Перевальск") ends one phrase and starts the next.
    func hasBlankGap(to next: Token, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes[byteEnd..<next.byteStart].allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }

    /// Whether a period and then only spaces lie between this token and the later token `next`:
    /// an abbreviated designator ends with its period ("м. Київ", "г. Москва").
    func hasPeriodGap(to next: Token, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let gap = bytes[byteEnd..<next.byteStart]
        return gap.first == 0x2E && gap.dropFirst().allSatisfy { $0 == 0x20 }
    }

    /// Whether the token's first character is a Cyrillic letter of U+0400–U+04FF (two bytes of
    /// UTF-8, led by D0–D3) in `bytes`, the document it was read from.
    /// - Complexity: O(1).
    func startsWithCyrillicLetter(in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        byteEnd > byteStart && (0xD0...0xD3).contains(bytes[byteStart])
    }
}
