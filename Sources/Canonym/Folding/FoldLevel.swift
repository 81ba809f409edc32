/// How loosely a spelling matched a name: the rungs of the fold ladder, strict to loose.
///
/// Each level compares a different key of the text with the same key of every name:
/// - `exact`: the NFC form, case and diacritics as written (`Київ` = `Київ`).
/// - `folded`: NFKC_Casefold, diacritics removed, apostrophes and dashes unified
///   (`KIJÓW` = `kijow`, `Pokrovs’k` = `pokrovs'k`).
/// - `inflected`: a case form generated from a pack's Cyrillic name by the paradigms in
///   `Resources/inflection` (`у Києві`, `з Харкова`), compared folded. Below `folded`, so an
///   inflected form never shadows another entity's own name.
/// - `romanized`: every non-Latin spelling romanized under several schemes, then ASCII
///   (`Чернігів` → `chernihiv`, `Чернигов` → `chernigov`).
/// - `skeleton`: a rule-based transform that collapses the differences between romanization
///   conventions (`Tschernihiw`, `Černihiv`, `Chernihiv` share one skeleton).
/// - `fuzzy`: one edit away from a skeleton key, for words of at least
///   ``FuzzyIndex/minimumLength`` letters, and only when exactly one entity is within reach.
public enum FoldLevel: Int, Sendable, CaseIterable, Comparable, CustomStringConvertible {
    case exact = 0
    case folded = 1
    case inflected = 2
    case romanized = 3
    case skeleton = 4
    case fuzzy = 5

    /// The levels with a key index of their own (fuzzy searches the skeleton index).
    public static let indexed: [FoldLevel] = [.exact, .folded, .inflected, .romanized, .skeleton]

    /// The indexed levels that are not loose: a word has one key at each.
    static let strictIndexed: [FoldLevel] = [.exact, .folded, .inflected]
    /// The bits of ``strictIndexed`` in a mask of levels (bit `rawValue`).
    static let strictMask: UInt8 = 1 << 0 | 1 << 1 | 1 << 2

    /// The score a match at this level carries, from 1.0 (exact) down.
    public var score: Double {
        switch self {
        case .exact: 1.0
        case .folded: 0.95
        case .inflected: 0.9
        case .romanized: 0.85
        case .skeleton: 0.75
        case .fuzzy: 0.6
        }
    }

    /// The method name written in output.
    public var description: String {
        switch self {
        case .exact: "exact"
        case .folded: "folded"
        case .inflected: "inflected"
        case .romanized: "romanized"
        case .skeleton: "skeleton"
        case .fuzzy: "fuzzy"
        }
    }

    /// Whether the level is loose enough that short strings must not use it: a query or a
    /// mention of fewer than ``minimumLettersForLooseLevels`` letters matches only at
    /// `exact` and `folded` (`Иж`, `i`, `re` would collide otherwise).
    public var isLoose: Bool { self >= .romanized }

    /// Fewer letters than this match only at the strict levels.
    public static let minimumLettersForLooseLevels = 4

    public static func < (lhs: FoldLevel, rhs: FoldLevel) -> Bool { lhs.rawValue < rhs.rawValue }
}
