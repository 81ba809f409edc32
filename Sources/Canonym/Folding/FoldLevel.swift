/// How loosely a spelling matched a name: the rungs of the fold ladder, strict to loose.
///
/// Each level compares a different key of the text with the same key of every name:
/// - `exact`: the NFC form, case and diacritics as written (`Київ` = `Київ`).
/// - `folded`: NFKC_Casefold, diacritics removed, apostrophes and dashes unified
///   (`KIJÓW` = `kijow`, `Pokrovs’k` = `pokrovs'k`).
/// - `romanized`: every non-Latin spelling romanized under several schemes, then ASCII
///   (`Чернігів` → `chernihiv`, `Чернигов` → `chernigov`).
/// - `skeleton`: a rule-based transform that collapses the differences between romanization
///   conventions (`Tschernihiw`, `Černihiv`, `Chernihiv` share one skeleton).
public enum FoldLevel: Int, Sendable, CaseIterable, Comparable, CustomStringConvertible {
    case exact = 0
    case folded = 1
    case romanized = 2
    case skeleton = 3

    /// The score a match at this level carries, from 1.0 (exact) down.
    public var score: Double {
        switch self {
        case .exact: 1.0
        case .folded: 0.95
        case .romanized: 0.85
        case .skeleton: 0.75
        }
    }

    /// The method name written in output (`exact`, `folded`, `romanized`, `skeleton`).
    public var description: String {
        switch self {
        case .exact: "exact"
        case .folded: "folded"
        case .romanized: "romanized"
        case .skeleton: "skeleton"
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
