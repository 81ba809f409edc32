/// Several packs checked together: entity ids are global, and a pack's `names.tsv` may name
/// entities that another pack defines (to add aliases to someone else's entities).
///
/// Combining checks that
/// - an entity id defined by more than one pack has the same definition everywhere
///   (``Entity/hasSameDefinition(as:)``; the first definition is kept), and
/// - every name row's id is defined by some pack of the set.
///
/// ```swift
/// let set = try PackSet.load(from: ["Lexicons/world", "Lexicons/my-aliases"])
/// ```
public struct PackSet: Sendable {
    /// The packs, in the order given.
    public let packs: [Pack]
    /// Every entity once, in pack order then file order. For an id defined by several packs,
    /// the first pack's entity.
    public let entities: [Entity]
    private let indexByID: [String: Int]

    /// The entity with this id, if a pack of the set defines it.
    /// - Complexity: O(1) on average.
    public func entity(withID id: String) -> Entity? {
        indexByID[id].map { entities[$0] }
    }

    /// Every pack's names, in pack order then file order.
    /// - Complexity: O(n) in the number of names: the array is built on each access.
    public var names: [NameRecord] { packs.flatMap(\.names) }

    /// Every pack's rule files, in pack order then manifest order.
    public var rules: [Pack.RuleFile] { packs.flatMap(\.rules) }

    private init(packs: [Pack], entities: [Entity], indexByID: [String: Int]) {
        self.packs = packs
        self.entities = entities
        self.indexByID = indexByID
    }

    /// Combines packs that were loaded (typically with `allowingForeignIDs: true`).
    ///
    /// - Throws: The first ``PackError``: an entity id that two packs define differently
    ///   (located at the later definition, citing the first), or a name row whose id no pack
    ///   defines (located at the row).
    /// - Complexity: O(e + n) for e entities and n names in all the packs.
    public init(_ packs: [Pack]) throws(PackError) {
        var log = PackErrorLog(stopsAtFirst: true)
        let set = Self.combine(packs, rejectedEntityIDs: [], checkingNames: true, log: &log)
        if let error = log.errors.first { throw error }
        self = set
    }

    /// Combines packs and reports every conflict and unknown id, for lint tools.
    ///
    /// - Returns: The set (conflicting later definitions and names of unknown entities left
    ///   out) and every error; the packs are valid together only when `errors` is empty.
    /// - Complexity: O(e + n) for e entities and n names in all the packs.
    public static func validate(_ packs: [Pack]) -> (packSet: PackSet, errors: [PackError]) {
        var log = PackErrorLog(stopsAtFirst: false)
        let set = combine(packs, rejectedEntityIDs: [], checkingNames: true, log: &log)
        return (set, log.errors)
    }

    /// Loads the packs in `directories` and combines them.
    ///
    /// Each pack is loaded with ``Pack/load(from:allowingForeignIDs:)`` allowing foreign ids,
    /// then the set is checked as by ``init(_:)``, so a name row may name an entity of any of
    /// the packs.
    ///
    /// - Throws: The first ``PackError``: the first pack's problems first, then the next
    ///   pack's, then conflicts and unknown ids across the set.
    /// - Complexity: O(n) in the total size of the packs' files.
    public static func load(from directories: [String]) throws(PackError) -> PackSet {
        var packs: [Pack] = []
        for directory in directories {
            packs.append(try Pack.load(from: directory, allowingForeignIDs: true))
        }
        return try PackSet(packs)
    }

    /// Loads and checks the packs in `directories` and reports every problem, for lint tools.
    ///
    /// Each pack is checked as by ``Pack/validate(directory:allowingForeignIDs:)``, allowing
    /// foreign ids; then the usable packs are combined and checked across the set. Unknown
    /// ids are not checked across the set when some pack could not be loaded at all (its
    /// entities are unknown); names of an entity whose own row was rejected are not reported
    /// again.
    ///
    /// - Returns: `errors` in order (each pack's, then the set's; empty when all is valid)
    ///   and the set combined from the usable parts of the packs.
    /// - Complexity: O(n) in the total size of the packs' files, plus O(e) for e errors.
    public static func validate(directories: [String]) -> (packSet: PackSet, errors: [PackError]) {
        var log = PackErrorLog(stopsAtFirst: false)
        var packs: [Pack] = []
        var rejected: Set<String> = []
        var allLoaded = true
        for directory in directories {
            let outcome = PackLoader.load(
                directory: directory, allowingForeignIDs: true, stopsAtFirst: false)
            log.append(contentsOf: outcome.errors)
            rejected.formUnion(outcome.rejectedEntityIDs)
            if let pack = outcome.pack { packs.append(pack) } else { allLoaded = false }
        }
        let set = combine(packs, rejectedEntityIDs: rejected, checkingNames: allLoaded, log: &log)
        return (set, log.errors)
    }

    /// The combining itself; errors go to `log`.
    static func combine(
        _ packs: [Pack], rejectedEntityIDs: Set<String>, checkingNames: Bool,
        log: inout PackErrorLog
    ) -> PackSet {
        var entities: [Entity] = []
        var indexByID: [String: Int] = [:]
        var kept = packs
        for pack in packs where !log.isFull {
            for entity in pack.entities {
                guard let i = indexByID[entity.id] else {
                    indexByID[entity.id] = entities.count
                    entities.append(entity)
                    continue
                }
                let first = entities[i]
                if first.hasSameDefinition(as: entity) { continue }
                log.append(conflict(entity, in: pack, with: first))
                if log.isFull { break }
            }
        }
        if checkingNames {
            for (p, pack) in packs.enumerated() where !log.isFull {
                let known = pack.names.allSatisfy {
                    indexByID[$0.entityID] != nil || rejectedEntityIDs.contains($0.entityID)
                }
                if known { continue }
                var names: [NameRecord] = []
                names.reserveCapacity(pack.names.count)
                for name in pack.names {
                    if indexByID[name.entityID] != nil {
                        names.append(name)
                    } else if !rejectedEntityIDs.contains(name.entityID) {
                        log.append(unknown(name, in: pack, packs: packs))
                        if log.isFull { break }
                    }
                }
                kept[p] = Pack(
                    name: pack.name, version: pack.version, description: pack.description,
                    license: pack.license, attribution: pack.attribution,
                    directory: pack.directory, entities: pack.entities, names: names,
                    rules: pack.rules)
            }
        }
        return PackSet(packs: kept, entities: entities, indexByID: indexByID)
    }

    private static func conflict(_ entity: Entity, in pack: Pack, with first: Entity) -> PackError {
        let firstPlace = first.location.map { " at \($0)" } ?? ""
        let message = "entity \(packQuote(entity.id)) is defined differently by pack "
            + "\(packQuote(pack.name)) and by pack \(packQuote(first.pack))\(firstPlace): "
            + "\(difference(entity, first)); make the definitions identical, or define the "
            + "entity in one pack only (another pack's names.tsv may still name it)"
        if let location = entity.location { return PackError(at: location, message) }
        return PackError(file: pack.directory, message)
    }

    /// The first field in which two definitions of an id differ, for messages.
    private static func difference(_ a: Entity, _ b: Entity) -> String {
        func show(_ value: String?) -> String { value.map(packQuote) ?? "none" }
        if a.label != b.label { return "label \(show(a.label)) here, \(show(b.label)) there" }
        if a.type != b.type { return "type \(show(a.type)) here, \(show(b.type)) there" }
        if a.country != b.country {
            return "country \(show(a.country)) here, \(show(b.country)) there"
        }
        if a.population != b.population {
            return "population \(show(a.population.map(String.init))) here, "
                + "\(show(b.population.map(String.init))) there"
        }
        func describe(_ attributes: [Entity.Attribute]) -> String {
            guard !attributes.isEmpty else { return "none" }
            return attributes.map { "\($0.key)=\(packQuote($0.value))" }.joined(separator: ", ")
        }
        return "attributes \(describe(a.attributes)) here, \(describe(b.attributes)) there"
    }

    private static func unknown(_ name: NameRecord, in pack: Pack, packs: [Pack]) -> PackError {
        let loaded = packs.map { packQuote($0.name) }.joined(separator: ", ")
        let message = "unknown entity id \(packQuote(name.entityID)): no loaded pack defines it "
            + "(loaded: \(loaded)); correct the id, add the entity to an entities.tsv, or also "
            + "load the pack that defines it"
        if let location = name.location { return PackError(at: location, message) }
        return PackError(
            file: pack.directory,
            "pack \(packQuote(pack.name)), name \(packQuote(name.name)): " + message)
    }
}

extension Pack {
    /// Combines loaded packs into a ``PackSet``, checking entity conflicts and unknown ids
    /// across them; the same as ``PackSet/init(_:)``.
    ///
    /// - Throws: The first ``PackError`` (see ``PackSet/init(_:)``).
    /// - Complexity: O(e + n) for e entities and n names in all the packs.
    public static func combine(_ packs: [Pack]) throws(PackError) -> PackSet {
        try PackSet(packs)
    }
}
