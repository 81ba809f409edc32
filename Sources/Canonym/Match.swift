/// An entity that a term or a mention resolves to, with how it was reached.
///
/// A match found by a ``Lexicon`` refers to the entity's record in the lexicon's compiled image
/// and reads its fields on access: tagging builds no ``Entity`` (with its strings and
/// attributes) for a mention nobody looks into, and ``withIDBytes(_:)`` writes the id without
/// building a `String` at all. Such a match keeps its lexicon's image mapped for as long as it
/// lives.
public struct Match: Sendable, Hashable {
    private let source: Source
    /// The fold level at which it matched.
    public let method: FoldLevel
    /// The match's score: the level's score (1.0 exact … 0.75 skeleton).
    public let score: Double

    /// Where the entity and the name row are: in a compiled lexicon (two record indexes), or
    /// given as values (boxed, so that a match stays three words wide either way).
    private enum Source: @unchecked Sendable {
        case compiled(CompiledLexicon, entity: Int32, name: Int32)
        case values(Values)
    }

    private final class Values: Sendable {
        let entity: Entity
        let name: String
        init(entity: Entity, name: String) {
            self.entity = entity
            self.name = name
        }
    }

    /// Creates a match.
    public init(entity: Entity, name: String, method: FoldLevel, score: Double? = nil) {
        self.source = .values(Values(entity: entity, name: name))
        self.method = method
        self.score = score ?? method.score
    }

    /// A match of entity record `entity` through name row `name` of `lexicon`.
    init(_ lexicon: CompiledLexicon, entity: Int32, name: Int32, method: FoldLevel) {
        self.source = .compiled(lexicon, entity: entity, name: name)
        self.method = method
        self.score = method.score
    }

    /// The entity.
    /// - Complexity: O(1) plus the length of its strings and attributes, decoded on each access.
    public var entity: Entity {
        switch source {
        case .compiled(let lexicon, let entity, _): lexicon.entities[Int(entity)]
        case .values(let values): values.entity
        }
    }

    /// The name row that matched, as written in its pack.
    public var name: String {
        switch source {
        case .compiled(let lexicon, _, let name): lexicon.names.name(at: Int(name))
        case .values(let values): values.name
        }
    }

    /// The entity's id, e.g. `geonames:703448`.
    public var id: String {
        switch source {
        case .compiled(let lexicon, let entity, _): lexicon.entities.id(at: Int(entity))
        case .values(let values): values.entity.id
        }
    }

    /// The entity's label, e.g. `Kyiv`.
    public var label: String {
        switch source {
        case .compiled(let lexicon, let entity, _): lexicon.entities.label(at: Int(entity))
        case .values(let values): values.entity.label
        }
    }

    /// Calls `body` with the UTF-8 bytes of the entity's id, read in place from the compiled
    /// lexicon when the match comes from one (no `String` is built). The bytes are valid only
    /// during the call.
    public func withIDBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try withBytes(of: .id, body)
    }

    /// Calls `body` with the UTF-8 bytes of the entity's label, as ``withIDBytes(_:)`` does.
    public func withLabelBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try withBytes(of: .label, body)
    }

    /// The entity's string fields that can be read as bytes.
    private enum StringField { case id, label }

    /// One string field of the entity as bytes: in place in the image, or from the value. (A
    /// field selector rather than a closure and a key path: those copied the entity table,
    /// with its references, and built a key path on every call.)
    private func withBytes<R>(of field: StringField, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        switch source {
        case .compiled(let lexicon, let entity, _):
            let index = Int(entity)
            return try body(field == .id ? lexicon.entities.idBytes(at: index) : lexicon.entities.labelBytes(at: index))
        case .values(let values):
            var text = field == .id ? values.entity.id : values.entity.label
            return try text.withUTF8(body)
        }
    }

    /// The entity's and the name's record indexes in `lexicon`, when the match comes from it.
    func records(in lexicon: CompiledLexicon) -> (entity: Int32, name: Int32)? {
        guard case .compiled(let owner, let entity, let name) = source, owner === lexicon else { return nil }
        return (entity, name)
    }

    /// Matches are equal when they reach equal entities through equal name text at the same
    /// level and score, wherever their values are kept.
    public static func == (a: Match, b: Match) -> Bool {
        guard a.method == b.method, a.score == b.score else { return false }
        if case .compiled(let la, let ea, let na) = a.source, case .compiled(let lb, let eb, let nb) = b.source, la === lb {
            // One lexicon holds each entity once, so equal entities have equal records.
            return ea == eb && (na == nb || la.names.nameBytes(at: Int(na)).elementsEqual(la.names.nameBytes(at: Int(nb))))
        }
        return a.entity == b.entity && a.name == b.name
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(name)
        hasher.combine(method)
        hasher.combine(score)
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

    /// The code points of `bytes` as ``start`` and ``end`` count them: each well-formed UTF-8
    /// character is one, and so is each invalid byte. A caller that cuts a document into pieces
    /// (the segments of a very long line) adds these counts to make offsets continue across them.
    /// - Complexity: O(n) in the bytes, eight at a time through ASCII.
    public static func codePointCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var offsets = ScalarOffsets(bytes, wellFormed: false)
        return offsets.offset(ofByte: bytes.count)
    }

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
