import Foundation

/// A word that qualifies a place name: `Oblast` in "Kharkiv Oblast", `село` in "село Піски".
struct Designator: Sendable, Hashable {
    /// Whether the designator follows the name ("X Oblast") or precedes it ("м. Київ"); or,
    /// `context`, precedes it in an oblique case ("в городе Сокол", "з міста Прилуки"): it names
    /// the place's type, and so vouches for the name and constrains it, but stays out of the span;
    /// or, `direction`, follows an adjective made from a place's name ("на Покровському
    /// напрямку", "на Покровском направлении"): the adjective is no mention of a place, though
    /// its case forms may spell one.
    enum Position: String, Sendable { case before, after, context, direction }
    var position: Position
    /// Entity types the qualified name must have.
    var types: Set<String>
    /// Whether it qualifies every name of a list ("Kharkiv, Sumy and Chernihiv regions").
    var plural: Bool
    /// For a Russian or Ukrainian plural, its singular in the same case (one per language where
    /// they differ): a list of adjectives before it names one place per adjective, each with the
    /// singular ("у Донецькій та Луганській областях": "Донецькій області", "Луганській області").
    var singulars: [String] = []
}

/// The designators of `Resources/qualifiers/designators.tsv`, the feature words of
/// `feature-heads.tsv`, the title words of `title-heads.tsv`, the name prefixes of
/// `name-prefixes.tsv`, the month names of `months.tsv` and the list conjunctions, by lower-case
/// word.
struct Designators: Sendable {
    /// Every designator; ``Roles`` index into it.
    var entries: [Designator] = []

    /// What a word can be next to a place name.
    struct Roles: Sendable {
        /// The designator the word is after a name ("Oblast") or before one ("село"), or -1.
        var after: Int16 = -1
        var before: Int16 = -1
        /// The designator the word is after an adjective made from a place's name ("напрямку"), or -1.
        var direction: Int16 = -1
        /// The word's other roles: list conjunction, feature head, title head, month, name or
        /// place prefix (see ``WordRoles``; the word entry keeps them as they are).
        var flags: WordRoles = []
    }

    /// Roles by the word's UTF-8 bytes (one probe per word, without `String`'s normalizing hash).
    private var roles: [ByteKey: Roles] = [:]

    /// A one-probe Bloom filter over the words of `roles`: bit `h & 0xFFFF` of a word's
    /// ``StringTable/hash(_:)`` `h` is set for each of them, so a word of text whose bit is clear
    /// has no roles, known without building its key. With a few hundred words, under 0.5 % of
    /// other words pass. 8 KB.
    private var filter = [UInt64](repeating: 0, count: 1024)

    /// The bit of `word` in ``filter``.
    @inline(__always)
    private static func filterBit(_ word: String) -> Int {
        Int(truncatingIfNeeded: StringTable.hash(of: word) & 0xFFFF)
    }

    /// Whether `word` passes ``filter``.
    @inline(__always)
    private func mayHaveRoles(_ word: String) -> Bool {
        let bit = Self.filterBit(word)
        return filter[bit >> 6] & (1 << UInt64(bit & 63)) != 0
    }

    /// Words that may join the names of a list qualified by a plural designator.
    private static let conjunctions = ["and", "or", "та", "і", "й", "и", "или", "або", "&", "und", "et", "i"]

    /// The roles of a word of text, found by its folded key or, for list words whose folding
    /// drops a mark (район, посёлок), by its lower case.
    func roles(folded: String, lower: String) -> Roles {
        if mayHaveRoles(folded), let found = roles[ByteKey(folded)] { return found }
        if mayHaveRoles(lower), let found = roles[ByteKey(lower)] { return found }
        return Roles()
    }

    private mutating func update(_ word: String, _ change: (inout Roles) -> Void) {
        let key = word.lowercased()
        change(&roles[ByteKey(key), default: Roles()])
        let bit = Self.filterBit(key)
        filter[bit >> 6] |= 1 << UInt64(bit & 63)
    }

    static let empty = Designators()

    /// Loads the list shipped with Canonym (once per process).
    static func bundled() throws -> Designators { try cache.get() }

    private static let cache: Result<Designators, Error> = Result {
        let directory = try ResourceLocator.qualifiersDirectory()
        var result = Designators()
        var problem: String? = nil
        try ResourceTable.read(
            directory + "/designators.tsv", columns: ["word", "position", "types", "plural", "singular"], required: true
        ) { row in
            guard let position = Designator.Position(rawValue: row[1]) else {
                problem = problem ?? "designators.tsv: position must be before, after, context or direction, not '\(row[1])' (word \(row[0]))"
                return
            }
            let designator = Designator(
                position: position, types: Set(row[2].split(separator: ",").map(String.init)), plural: row[3] == "yes",
                singulars: row[4].split(separator: ",").map(String.init))
            let word = row[0].lowercased()
            let index = Int16(result.entries.count)
            result.entries.append(designator)
            result.update(word) { roles in
                switch position {
                case .after: roles.after = index
                case .before, .context: roles.before = index
                case .direction: roles.direction = index
                }
            }
        }
        if let problem { throw CanonymError.badResource(problem) }
        try ResourceTable.read(directory + "/feature-heads.tsv", columns: ["word"], required: true) { row in
            result.update(row[0]) { $0.flags.insert(.featureHead) }
        }
        try ResourceTable.read(directory + "/title-heads.tsv", columns: ["word"], required: true) { row in
            result.update(row[0]) { $0.flags.insert(.titleHead) }
        }
        try ResourceTable.read(directory + "/months.tsv", columns: ["word"], required: true) { row in
            result.update(row[0]) { $0.flags.insert(.month) }
        }
        try ResourceTable.read(directory + "/name-prefixes.tsv", columns: ["word", "kind"], required: true) { row in
            guard row[1] == "name" || row[1] == "place" else {
                problem = problem ?? "name-prefixes.tsv: kind must be name or place, not '\(row[1])' (word \(row[0]))"
                return
            }
            result.update(row[0]) { $0.flags.insert(row[1] == "place" ? .placePrefix : .namePrefix) }
        }
        if let problem { throw CanonymError.badResource(problem) }
        for word in conjunctions { result.update(word) { $0.flags.insert(.conjunction) } }
        return result
    }
}
