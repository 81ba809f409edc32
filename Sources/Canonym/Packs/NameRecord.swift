/// One row of a pack's `names.tsv`: a spelling of an entity's name.
public struct NameRecord: Sendable, Hashable {
    /// The id of the entity this name denotes.
    public let entityID: String
    /// The name as written in the pack.
    public let name: String
    /// Its BCP 47 language tag, or `nil` when the column is empty or absent.
    public let lang: String?
    /// The row's flags.
    public let flags: NameFlags
    /// Where the row stands, for error messages and lint.
    public let location: SourceLocation?

    /// Creates a name record.
    public init(
        entityID: String, name: String, lang: String? = nil, flags: NameFlags = [],
        location: SourceLocation? = nil
    ) {
        self.entityID = entityID
        self.name = name
        self.lang = lang
        self.flags = flags
        self.location = location
    }
}

/// A position in a pack file: path, 1-based line and 1-based column (in characters).
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    /// The file's path as given when the pack was loaded.
    public let file: String
    /// 1-based line number.
    public let line: Int
    /// 1-based column, counted in Unicode scalars.
    public let column: Int

    /// Creates a location.
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`, the form editors and compilers use.
    public var description: String { "\(file):\(line):\(column)" }
}
