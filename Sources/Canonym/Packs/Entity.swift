/// One thing a lexicon can name: a country, a region, a city, a person.
///
/// Entities come from a pack's `entities.tsv`. Their `id` is global across every loaded pack
/// (`geonames:704422`); two packs may define the same id only if they define it identically.
public struct Entity: Sendable, Hashable {
    /// The canonical identifier, e.g. `geonames:703448`.
    public let id: String
    /// The canonical label that `normalize` writes, e.g. `Kyiv`.
    public let label: String
    /// The entity's type (`country`, `region`, `city`, `person`…), if the pack gives one.
    public let type: String?
    /// ISO 3166-1 alpha-2 country code, if the pack gives one.
    public let country: String?
    /// Population, used as prominence when a name is ambiguous.
    public let population: Int?
    /// Every other column of `entities.tsv`, in header order, as (column, value) pairs.
    public let attributes: [Attribute]
    /// The name of the pack that defines the entity.
    public let pack: String
    /// Where the entity's row stands in `entities.tsv` (the cell of its `id`), for error
    /// messages and lint; `nil` for entities built in memory. Not part of the definition.
    public let location: SourceLocation?

    /// One extra column of `entities.tsv`.
    public struct Attribute: Sendable, Hashable {
        /// The column's header.
        public let key: String
        /// The cell's text.
        public let value: String

        /// Creates an attribute.
        public init(key: String, value: String) {
            self.key = key
            self.value = value
        }
    }

    /// Creates an entity.
    public init(
        id: String, label: String, type: String? = nil, country: String? = nil,
        population: Int? = nil, attributes: [Attribute] = [], pack: String,
        location: SourceLocation? = nil
    ) {
        self.id = id
        self.label = label
        self.type = type
        self.country = country
        self.population = population
        self.attributes = attributes
        self.pack = pack
        self.location = location
    }

    /// Whether two entities carry the same definition, ignoring which pack they came from and
    /// where their rows stand.
    public func hasSameDefinition(as other: Entity) -> Bool {
        id == other.id && label == other.label && type == other.type && country == other.country
            && population == other.population && attributes == other.attributes
    }
}
