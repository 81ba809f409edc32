/// Flags on one row of a pack's `names.tsv` (the comma-separated `flags` column).
public struct NameFlags: OptionSet, Sendable, Hashable {
    public let rawValue: UInt16

    /// Creates flags from their bits.
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// The entity's preferred name in its language.
    public static let preferred = NameFlags(rawValue: 1 << 0)
    /// A historic name no longer in official use (Krasnoarmiisk for Pokrovsk). Still matched.
    public static let former = NameFlags(rawValue: 1 << 1)
    /// An abbreviation (`USA`). Matched only as written, like `caseSensitive`.
    public static let abbreviation = NameFlags(rawValue: 1 << 2)
    /// Matched only at the `exact` level: the case and diacritics must be as written.
    public static let caseSensitive = NameFlags(rawValue: 1 << 3)
    /// A colloquial name (GeoNames' isColloquial).
    public static let colloquial = NameFlags(rawValue: 1 << 4)
    /// A short name (GeoNames' isShortName).
    public static let short = NameFlags(rawValue: 1 << 5)
    /// The pack vouches that this name denotes the entity even where it is also a common word
    /// or a given name: the precision guards let it through.
    public static let vouched = NameFlags(rawValue: 1 << 6)
    /// Never matched in running text (`tag`, `normalize`); still found by `lookup`.
    public static let lookupOnly = NameFlags(rawValue: 1 << 7)

    /// Every flag with its spelling in `names.tsv`, in documentation order.
    public static let spellings: [(String, NameFlags)] = [
        ("preferred", .preferred), ("former", .former), ("abbreviation", .abbreviation),
        ("case-sensitive", .caseSensitive), ("colloquial", .colloquial), ("short", .short),
        ("vouched", .vouched), ("lookup-only", .lookupOnly),
    ]

    /// Parses one flag's spelling; `nil` when unknown.
    public init?(spelling: String) {
        guard let match = Self.spellings.first(where: { $0.0 == spelling }) else { return nil }
        self = match.1
    }

    /// The flags' spellings, comma-separated, as written in `names.tsv`.
    public var spelled: String {
        Self.spellings.filter { contains($0.1) }.map(\.0).joined(separator: ",")
    }
}
