/// The entities of a lexicon, read in place from its compiled image.
///
/// Subscripting builds an ``Entity`` (its strings are decoded then); the matcher uses the
/// accessors that return one field without building the rest.
public struct EntityTable: RandomAccessCollection, @unchecked Sendable {
    let image: ByteImage
    let records: Int
    let strings: Int
    let attributes: UnsafeBufferPointer<UInt32>
    let symbols: SymbolTable
    /// Bytes per entity record.
    static let stride = 56

    /// For each symbol read as a country code, the population ranking gives a region of that
    /// country that has none of its own (see ``rankingPopulation(at:)``); 0 for the rest.
    private(set) var regionPopulationEstimates: [Int] = []

    public let startIndex = 0
    public let endIndex: Int

    init(image: ByteImage, records: Int, count: Int, strings: Int, attributes: UnsafeBufferPointer<UInt32>, symbols: SymbolTable) {
        self.image = image
        self.records = records
        self.endIndex = count
        self.strings = strings
        self.attributes = attributes
        self.symbols = symbols
        self.regionPopulationEstimates = Self.regionPopulationEstimates(of: self)
    }

    /// Each country's population divided by the number of its regions without a population of
    /// their own, indexed by country symbol: the mean population of a first-level subdivision,
    /// which ranks Florida, USA (about 6.4 million) before Floridablanca, Colombia, whose
    /// alternate name it is, and before Florida, Uruguay (about 180,000). Regions of a country
    /// that the lexicon does not hold get 0.
    /// - Complexity: O(n) in the entities, once at load (well under a millisecond for 40,000).
    private static func regionPopulationEstimates(of table: EntityTable) -> [Int] {
        let symbols = table.symbols, country = symbols.country, region = symbols.region
        guard country != UInt32.max, region != UInt32.max else { return [] }
        var countryPopulation = [Int](repeating: 0, count: symbols.values.count)
        var regions = [Int](repeating: 0, count: symbols.values.count)
        for index in 0..<table.endIndex {
            let code = table.countrySymbol(at: index)
            guard code != UInt32.max else { continue }
            switch table.field(index, 16) {
            case country: countryPopulation[Int(code)] = Swift.max(countryPopulation[Int(code)], table.population(at: index) ?? 0)
            case region where table.population(at: index) == nil: regions[Int(code)] += 1
            default: break
            }
        }
        return zip(countryPopulation, regions).map { population, count in count > 0 ? population / count : 0 }
    }

    @inline(__always)
    fileprivate func field(_ index: Int, _ offset: Int) -> UInt32 { image.u32(records + index * Self.stride + offset) }

    @inline(__always)
    private func string(_ index: Int, _ offset: Int) -> String {
        String(decoding: image.bytes(strings + Int(field(index, offset)), Int(field(index, offset + 4))), as: UTF8.self)
    }

    /// The entity's id.
    public func id(at index: Int) -> String { string(index, 0) }
    /// The entity's id as bytes in the image.
    func idBytes(at index: Int) -> UnsafeBufferPointer<UInt8> { image.bytes(strings + Int(field(index, 0)), Int(field(index, 4))) }
    /// The entity's label.
    public func label(at index: Int) -> String { string(index, 8) }
    /// The entity's label as bytes in the image.
    func labelBytes(at index: Int) -> UnsafeBufferPointer<UInt8> { image.bytes(strings + Int(field(index, 8)), Int(field(index, 12))) }
    /// The entity's type, if any.
    public func type(at index: Int) -> String? { symbols[field(index, 16)] }
    /// The entity's ISO country code, if any.
    public func country(at index: Int) -> String? { symbols[field(index, 20)] }
    /// The symbol index of the entity's country code (`UInt32.max`: none). Equal codes have
    /// equal indexes, so the resolver compares countries without building strings.
    func countrySymbol(at index: Int) -> UInt32 { field(index, 20) }
    /// ``Resolver/typeRank(_:)`` of the entity's type, from a table made at load.
    func typeRank(at index: Int) -> Int {
        let symbol = field(index, 16)
        return symbol == UInt32.max ? Resolver.typeRank(nil) : Int(symbols.typeRanks[Int(symbol)])
    }
    /// Whether the entity's type is `city`.
    func isCity(at index: Int) -> Bool { symbols.city != UInt32.max && field(index, 16) == symbols.city }
    /// Whether the entity's type is `region`.
    func isRegion(at index: Int) -> Bool { symbols.region != UInt32.max && field(index, 16) == symbols.region }
    /// The entity's population, if known.
    public func population(at index: Int) -> Int? {
        let value = Int64(bitPattern: image.u64(records + index * Self.stride + 24))
        return value == Int64.min ? nil : Int(value)
    }

    /// The population the resolver ranks the entity by: its own, or for a region without one
    /// (ISO 3166-2 gives none) its country's population divided by the number of such regions
    /// of its country in the lexicon; else 0.
    /// - Complexity: O(1).
    public func rankingPopulation(at index: Int) -> Int {
        if let population = population(at: index) { return population }
        let code = countrySymbol(at: index)
        return code == UInt32.max || Int(code) >= regionPopulationEstimates.count ? 0 : regionPopulationEstimates[Int(code)]
    }

    /// The entity at `index`.
    /// - Complexity: O(1) plus its strings' length.
    public subscript(index: Int) -> Entity {
        let start = Int(field(index, 36)), count = Int(field(index, 40))
        var attributes: [Entity.Attribute] = []
        attributes.reserveCapacity(count)
        for a in start..<start + count {
            let key = symbols[self.attributes[a * 3]] ?? ""
            let value = String(decoding: image.bytes(strings + Int(self.attributes[a * 3 + 1]), Int(self.attributes[a * 3 + 2])), as: UTF8.self)
            attributes.append(Entity.Attribute(key: key, value: value))
        }
        let file = symbols[field(index, 44)]
        return Entity(
            id: id(at: index), label: label(at: index), type: type(at: index), country: country(at: index),
            population: population(at: index), attributes: attributes, pack: symbols[field(index, 32)] ?? "",
            location: file.map { SourceLocation(file: $0, line: Int(field(index, 48)), column: Int(field(index, 52))) })
    }
}

/// The name rows of a lexicon, read in place from its compiled image.
public struct NameTable: RandomAccessCollection, @unchecked Sendable {
    let image: ByteImage
    let records: Int
    let strings: Int
    let symbols: SymbolTable
    let entities: EntityTable
    /// Each name's ``NameTraits``.
    let traits: UnsafeBufferPointer<UInt16>
    /// Bytes per name record.
    static let stride = 32

    public let startIndex = 0
    public let endIndex: Int

    init(image: ByteImage, records: Int, count: Int, strings: Int, symbols: SymbolTable, entities: EntityTable, traits: UnsafeBufferPointer<UInt16>) {
        self.image = image
        self.records = records
        self.endIndex = count
        self.strings = strings
        self.symbols = symbols
        self.entities = entities
        self.traits = traits
    }

    @inline(__always)
    private func field(_ index: Int, _ offset: Int) -> UInt32 { image.u32(records + index * Self.stride + offset) }

    /// Index of the entity the name belongs to.
    func entity(at index: Int) -> Int32 { Int32(bitPattern: field(index, 0)) }
    /// The name as written.
    public func name(at index: Int) -> String {
        String(decoding: image.bytes(strings + Int(field(index, 4)), Int(field(index, 8))), as: UTF8.self)
    }
    /// The name as bytes in the image.
    func nameBytes(at index: Int) -> UnsafeBufferPointer<UInt8> { image.bytes(strings + Int(field(index, 4)), Int(field(index, 8))) }
    /// The name's language tag, if any.
    public func lang(at index: Int) -> String? { symbols[field(index, 12)] }
    /// The name's flags.
    public func flags(at index: Int) -> NameFlags { NameTraits(rawValue: traits[index]).flags }
    /// The name's flags and whether it is its entity's own.
    @inline(__always)
    func traits(at index: Int) -> NameTraits { NameTraits(rawValue: traits[index]) }

    /// The name row at `index`.
    public subscript(index: Int) -> NameRecord {
        let file = symbols[field(index, 20)]
        return NameRecord(
            entityID: entities.id(at: Int(entity(at: index))), name: name(at: index), lang: lang(at: index),
            flags: NameFlags(rawValue: UInt16(truncatingIfNeeded: field(index, 16))),
            location: file.map { SourceLocation(file: $0, line: Int(field(index, 24)), column: Int(field(index, 28))) })
    }
}

/// Short strings many records share (types, countries, languages, pack names, file paths,
/// attribute keys), decoded once at load. Index `UInt32.max` means none.
struct SymbolTable: Sendable {
    let values: [String]
    /// ``Resolver/typeRank(_:)`` of each symbol read as an entity type.
    let typeRanks: [UInt8]

    /// The symbols of the entity types `country`, `city` and `region` (`UInt32.max`: absent).
    let country: UInt32, city: UInt32, region: UInt32

    init(values: [String]) {
        self.values = values
        self.typeRanks = values.map { UInt8(Resolver.typeRank($0)) }
        func symbol(_ value: String) -> UInt32 { values.firstIndex(of: value).map(UInt32.init) ?? UInt32.max }
        self.country = symbol("country")
        self.city = symbol("city")
        self.region = symbol("region")
    }

    @inline(__always)
    subscript(index: UInt32) -> String? { index == UInt32.max ? nil : values[Int(index)] }
}
