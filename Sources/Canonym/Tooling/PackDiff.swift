/// What changes between two versions of a set of packs (`canonym lexicon diff`): entities added,
/// removed, relabelled or otherwise changed; names added, removed or re-flagged; and — the
/// question a reviewer asks — which terms resolve to another entity afterwards ("after this
/// change, `Donetsk` resolves to … instead of …").
///
/// ```swift
/// let diff = try PackDiff(old: ["/tmp/old/cities"], new: ["Lexicons/cities"])
/// for change in diff.ownerChanges { print(change.term, change.before?.id, change.after?.id) }
/// ```
///
/// Owner changes are computed with ``Lexicon/lookup(_:limit:)`` on both versions, for the names
/// of every entity that changed (or whose names did) and the names of every entity that shares
/// a fold key with one of them at any level, in either version: a term that shares no key with
/// a changed entity resolves as before.
public struct PackDiff: Sendable, Codable {
    /// An entity as the diff shows it.
    public struct EntitySummary: Sendable, Codable, Hashable {
        /// The entity's id.
        public let id: String
        /// Its label.
        public let label: String
        /// Its type, country and population, if any.
        public let type: String?
        public let country: String?
        public let population: Int?
        /// `file:line` of its row.
        public let location: String?
    }

    /// An entity whose definition changed.
    public struct EntityChange: Sendable, Codable, Hashable {
        /// The entity's id.
        public let id: String
        /// Each changed field: `field`, old value, new value (`null` for none).
        public let fields: [FieldChange]
    }

    /// One field of an entity, before and after.
    public struct FieldChange: Sendable, Codable, Hashable {
        /// The column (`label`, `population`, an attribute's name…).
        public let field: String
        /// The value before and after (`nil`: none).
        public let before: String?
        public let after: String?

        /// Creates a field change.
        public init(field: String, before: String?, after: String?) {
            self.field = field
            self.before = before
            self.after = after
        }
    }

    /// A name row as the diff shows it.
    public struct NameSummary: Sendable, Codable, Hashable {
        /// The entity's id.
        public let id: String
        /// The name as written.
        public let name: String
        /// Its language tag, if any.
        public let lang: String?
        /// Its flags as written in names.tsv.
        public let flags: String
        /// `file:line` of its row.
        public let location: String?
    }

    /// A name row whose language or flags changed.
    public struct NameChange: Sendable, Codable, Hashable {
        /// The row before and after.
        public let before: NameSummary
        public let after: NameSummary
    }

    /// Where a term resolves (its best `lookup` match).
    public struct Owner: Sendable, Codable, Hashable {
        /// The entity's id, label and country.
        public let id: String
        public let label: String
        public let country: String?
        /// The fold level of the match (`exact`, `folded`…).
        public let method: String
    }

    /// A term that resolves differently after the change (`nil`: to nothing).
    public struct OwnerChange: Sendable, Codable, Hashable {
        /// The term looked up (a name of either version).
        public let term: String
        /// Its best match before and after.
        public let before: Owner?
        public let after: Owner?
    }

    /// Entities only in the new version.
    public let entitiesAdded: [EntitySummary]
    /// Entities only in the old version.
    public let entitiesRemoved: [EntitySummary]
    /// Entities whose label changed (`fields` holds the label only).
    public let entitiesRelabelled: [EntityChange]
    /// Entities whose type, country, population or attributes changed.
    public let entitiesChanged: [EntityChange]
    /// Name rows (by entity and spelling) only in the new version.
    public let namesAdded: [NameSummary]
    /// Name rows only in the old version.
    public let namesRemoved: [NameSummary]
    /// Name rows in both whose language or flags differ.
    public let namesChanged: [NameChange]
    /// Terms whose best match changes, sorted by term.
    public let ownerChanges: [OwnerChange]
    /// How many terms were looked up on both sides to find them.
    public let termsChecked: Int

    /// Whether nothing changed.
    public var isEmpty: Bool {
        entitiesAdded.isEmpty && entitiesRemoved.isEmpty && entitiesRelabelled.isEmpty && entitiesChanged.isEmpty
            && namesAdded.isEmpty && namesRemoved.isEmpty && namesChanged.isEmpty && ownerChanges.isEmpty
    }

    /// Compares the packs in `old` with those in `new`, each loaded after the `context` packs
    /// (packs both versions are used with, e.g. the packs whose entities a names-only pack
    /// names).
    ///
    /// - Throws: ``PackError`` when either version does not load; ``CanonymError`` for
    ///   Canonym's own data.
    /// - Complexity: O(e + n) to compare the tables, the index build of both versions (cached
    ///   on disk), and two lookups per term checked.
    public init(old: [String], new: [String], context: [String] = []) throws {
        let before = try Lexicon(packDirectories: context + old, useGuards: false)
        let after = try Lexicon(packDirectories: context + new, useGuards: false)
        self.init(before: before, after: after)
    }

    /// Compares two lexicons.
    /// - Complexity: as ``init(old:new:context:)``, without loading.
    public init(before: Lexicon, after: Lexicon) {
        func summary(_ e: Entity) -> EntitySummary {
            EntitySummary(
                id: e.id, label: e.label, type: e.type, country: e.country, population: e.population,
                location: e.location.map { "\($0.file):\($0.line)" })
        }
        func summary(_ n: NameRecord) -> NameSummary {
            NameSummary(id: n.entityID, name: n.name, lang: n.lang, flags: n.flags.spelled, location: n.location.map { "\($0.file):\($0.line)" })
        }
        var oldEntities: [String: Entity] = [:]
        for entity in before.entities { oldEntities[entity.id] = entity }
        var newEntities: [String: Entity] = [:]
        for entity in after.entities { newEntities[entity.id] = entity }
        var affected = Set<String>()
        var added: [EntitySummary] = [], removed: [EntitySummary] = []
        var relabelled: [EntityChange] = [], changed: [EntityChange] = []
        for entity in after.entities {
            guard let old = oldEntities[entity.id] else {
                added.append(summary(entity))
                affected.insert(entity.id)
                continue
            }
            if old.label != entity.label {
                relabelled.append(EntityChange(id: entity.id, fields: [FieldChange(field: "label", before: old.label, after: entity.label)]))
                affected.insert(entity.id)
            }
            var fields: [FieldChange] = []
            if old.type != entity.type { fields.append(FieldChange(field: "type", before: old.type, after: entity.type)) }
            if old.country != entity.country { fields.append(FieldChange(field: "country", before: old.country, after: entity.country)) }
            if old.population != entity.population {
                fields.append(FieldChange(field: "population", before: old.population.map(String.init), after: entity.population.map(String.init)))
            }
            if old.attributes != entity.attributes {
                let a = Dictionary(old.attributes.map { ($0.key, $0.value) }, uniquingKeysWith: { x, _ in x })
                let b = Dictionary(entity.attributes.map { ($0.key, $0.value) }, uniquingKeysWith: { x, _ in x })
                for key in Set(a.keys).union(b.keys).sorted() where a[key] != b[key] {
                    fields.append(FieldChange(field: key, before: a[key], after: b[key]))
                }
            }
            if !fields.isEmpty {
                changed.append(EntityChange(id: entity.id, fields: fields))
                affected.insert(entity.id)
            }
        }
        for entity in before.entities where newEntities[entity.id] == nil {
            removed.append(summary(entity))
            affected.insert(entity.id)
        }

        struct NameKey: Hashable { let id: String; let name: String }
        var oldNames: [NameKey: NameRecord] = [:]
        for name in before.names where oldNames[NameKey(id: name.entityID, name: name.name)] == nil {
            oldNames[NameKey(id: name.entityID, name: name.name)] = name
        }
        var newNames: [NameKey: NameRecord] = [:]
        var namesAdded: [NameSummary] = [], namesRemoved: [NameSummary] = [], namesChanged: [NameChange] = []
        for name in after.names {
            let key = NameKey(id: name.entityID, name: name.name)
            if newNames[key] != nil { continue }
            newNames[key] = name
            if let old = oldNames[key] {
                if old.lang != name.lang || old.flags != name.flags {
                    namesChanged.append(NameChange(before: summary(old), after: summary(name)))
                    affected.insert(name.entityID)
                }
            } else {
                namesAdded.append(summary(name))
                affected.insert(name.entityID)
            }
        }
        for name in before.names where newNames[NameKey(id: name.entityID, name: name.name)] == nil {
            namesRemoved.append(summary(name))
            affected.insert(name.entityID)
        }
        namesRemoved = Array(uniqued(namesRemoved))

        // Terms: names of the affected entities and of every entity sharing a key with them.
        var terms = Set<String>()
        for lexicon in [before, after] {
            var affectedIndexes = Set<Int32>()
            for id in affected { if let index = lexicon.entityIndex(of: id) { affectedIndexes.insert(Int32(index)) } }
            for name in lexicon.names where affected.contains(name.entityID) { terms.insert(name.name) }
            for inspection in lexicon.inspections() {
                inspection.forEachCollision { _, postings in
                    guard postings.contains(where: { affectedIndexes.contains($0.entity) }) else { return }
                    for posting in postings { terms.insert(lexicon.names[Int(posting.name)].name) }
                }
            }
        }
        func owner(_ match: Match?) -> Owner? {
            match.map { Owner(id: $0.id, label: $0.label, country: $0.entity.country, method: $0.method.description) }
        }
        var owners: [OwnerChange] = []
        for term in terms.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            let a = before.lookup(term, limit: 1).first
            let b = after.lookup(term, limit: 1).first
            if a?.id != b?.id { owners.append(OwnerChange(term: term, before: owner(a), after: owner(b))) }
        }
        entitiesAdded = added
        entitiesRemoved = removed
        entitiesRelabelled = relabelled
        entitiesChanged = changed
        self.namesAdded = namesAdded
        self.namesRemoved = namesRemoved
        self.namesChanged = namesChanged
        ownerChanges = owners
        termsChecked = terms.count
    }
}

/// The elements in order, each once.
private func uniqued<T: Hashable>(_ items: [T]) -> [T] {
    var seen = Set<T>()
    return items.filter { seen.insert($0).inserted }
}
