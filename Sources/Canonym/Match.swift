/// An entity that a term or a mention resolves to, with how it was reached.
public struct Match: Sendable, Hashable {
    /// The entity.
    public let entity: Entity
    /// The name row that matched, as written in its pack.
    public let name: String
    /// The fold level at which it matched.
    public let method: FoldLevel
    /// The match's score: the level's score (1.0 exact … 0.75 skeleton).
    public let score: Double

    /// The entity's id, e.g. `geonames:703448`.
    public var id: String { entity.id }
    /// The entity's label, e.g. `Kyiv`.
    public var label: String { entity.label }

    /// Creates a match.
    public init(entity: Entity, name: String, method: FoldLevel, score: Double? = nil) {
        self.entity = entity
        self.name = name
        self.method = method
        self.score = score ?? method.score
    }
}

/// A place (or person, or anything a pack names) found in running text.
public struct Mention: Sendable, Hashable {
    /// The text of the mention as it appears in the input.
    public let text: String
    /// Code point offsets within the document (end exclusive). An invalid UTF-8 byte counts as
    /// one code point.
    public let start: Int
    public let end: Int
    /// UTF-8 byte offsets within the document (end exclusive).
    public let byteStart: Int
    public let byteEnd: Int
    /// The winning entity.
    public let best: Match
    /// The other entities the mention could denote, best first.
    public let alternatives: [Match]

    /// The winner's id.
    public var id: String { best.id }
    /// The winner's label.
    public var label: String { best.label }
    /// The winner's score.
    public var score: Double { best.score }
    /// The winner's fold level.
    public var method: FoldLevel { best.method }

    /// Creates a mention.
    public init(text: String, start: Int, end: Int, byteStart: Int, byteEnd: Int, best: Match, alternatives: [Match]) {
        self.text = text
        self.start = start
        self.end = end
        self.byteStart = byteStart
        self.byteEnd = byteEnd
        self.best = best
        self.alternatives = alternatives
    }
}
