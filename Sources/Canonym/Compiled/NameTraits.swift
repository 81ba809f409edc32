/// What matching asks about a name row for every candidate, computed when a lexicon is compiled
/// and stored densely beside the name records (one `UInt16` per name, so that reading it touches
/// one small array instead of a 32-byte record and two strings in the image).
///
/// The low bits are the row's ``NameFlags``; the top two say whether the name is the entity's
/// own in the two senses matching uses.
struct NameTraits: OptionSet, Sendable {
    let rawValue: UInt16

    init(rawValue: UInt16) { self.rawValue = rawValue }

    /// The entity's label, a `preferred` name or the label's short form: counts five times in
    /// prominence (see ``Resolver/nameWeight(_:_:)``).
    static let ownName = NameTraits(rawValue: 1 << 15)
    /// Not an own name, but the label in another script (Cyrillic for a Latin label, or the
    /// other way round): counts three times in prominence.
    static let labelSpelling = NameTraits(rawValue: 1 << 13)
    /// An own name as the precision guards see it: also an `abbreviation` or `case-sensitive`
    /// form, or a name with a letter of a script other than Latin (see
    /// ``PrecisionGuards/isOwnName(_:_:)``).
    static let ownForGuards = NameTraits(rawValue: 1 << 14)
    /// The bits that hold the row's flags.
    private static let flagBits: UInt16 = (1 << 13) - 1

    /// The row's flags.
    var flags: NameFlags { NameFlags(rawValue: rawValue & Self.flagBits) }

    /// How a name row relates to its entity's label, as the compiler finds from the fold keys
    /// of their words.
    enum LabelRelation: Sendable {
        /// Neither of the two below.
        case none
        /// The label in another script: Latin where the label is not, or the other way round,
        /// with the same words by their romanized keys ("Ставрополь" for Stavropol).
        case otherScript
        /// The label without a last word that names the kind of place ("City"), keeping at least
        /// two ("New York" for New York City, "Ho Chi Minh" for Ho Chi Minh City): the name the
        /// entity goes by.
        case shortForm
    }

    /// The traits of name `name`, with `flags`, of the entity labelled `label`. A name that is
    /// the label, `preferred`, or the label's ``LabelRelation/shortForm`` is the entity's own;
    /// the label in another script weighs in prominence (``labelSpelling``) but is not the
    /// entity's own for the precision guards.
    /// - Complexity: O(n) in the name's length.
    init(name: String, flags: NameFlags, label: String, relation: LabelRelation = .none) {
        precondition(flags.rawValue & ~Self.flagBits == 0, "name flags must leave the trait bits free")
        var traits = NameTraits(rawValue: flags.rawValue)
        let own = flags.contains(.preferred) || name.utf8.elementsEqual(label.utf8) || relation == .shortForm
        if own { traits.insert(.ownName) } else if relation == .otherScript { traits.insert(.labelSpelling) }
        // A curated as-written form (`US`, `USA`) is the entity's own, and so is a name in a
        // script other than Latin.
        let nonLatin = name.utf8.contains { $0 >= 0x80 } && Script.hasNonLatinLetter(in: name)
        if own || !flags.isDisjoint(with: [.abbreviation, .caseSensitive]) || nonLatin { traits.insert(.ownForGuards) }
        self = traits
    }
}
