import Foundation

extension Pack {
    /// Loads the pack in `directory` and checks it, stopping at the first problem.
    ///
    /// Reads `pack.json` (required), the rule files it lists, `entities.tsv` (required) and
    /// `names.tsv` (optional). See ``Pack`` for the format. Every row must be well formed, and
    /// every `names.tsv` id must be defined by the pack's own `entities.tsv` — unless
    /// `allowingForeignIDs` is `true`, for packs that add names to entities defined by other
    /// packs; such packs must then be checked together with those, with ``PackSet``
    /// (``PackSet/load(from:)`` does both steps).
    ///
    /// ```swift
    /// let pack = try Pack.load(from: "Lexicons/ua-places")
    /// ```
    ///
    /// - Parameters:
    ///   - directory: The pack directory. Error locations use this path as written.
    ///   - allowingForeignIDs: Whether `names.tsv` may name entities that the pack does not
    ///     define. Default `false`: an unknown id is an error, as it is for a pack used alone.
    /// - Returns: The pack, with entities and names in file order.
    /// - Throws: The first ``PackError``, in file order (`pack.json`, its rule files,
    ///   `entities.tsv`, `names.tsv`), located at `file:line:column` when it concerns a line.
    ///   Use ``validate(directory:allowingForeignIDs:)`` to get every error.
    /// - Complexity: O(n) in the total size of the pack's files; a `names.tsv` of 500 000 rows
    ///   loads in a fraction of a second in a release build.
    public static func load(
        from directory: String, allowingForeignIDs: Bool = false
    ) throws(PackError) -> Pack {
        let result = PackLoader.load(
            directory: directory, allowingForeignIDs: allowingForeignIDs, stopsAtFirst: true)
        if let error = result.errors.first { throw error }
        guard let pack = result.pack else {
            throw PackError(file: directory, "the pack could not be loaded")  // Not reached.
        }
        return pack
    }

    /// Checks the pack in `directory` and reports every problem, for lint tools and CI.
    ///
    /// Applies the same rules as ``load(from:allowingForeignIDs:)`` but keeps going after a
    /// problem: a row with errors is reported (one error per faulty field) and left out, and
    /// the other rows are still checked. Names of an entity whose own row was rejected are not
    /// reported again as unknown ids.
    ///
    /// - Parameters:
    ///   - directory: The pack directory. Error locations use this path as written.
    ///   - allowingForeignIDs: Whether `names.tsv` may name entities that the pack does not
    ///     define (see ``load(from:allowingForeignIDs:)``).
    /// - Returns: `errors`, in file order (empty when the pack is valid), and `pack`: the
    ///   pack built from the rows without errors, or `nil` when `pack.json` or `entities.tsv`
    ///   is missing or unusable. A non-`nil` `pack` does not mean the pack is valid; only
    ///   an empty `errors` does.
    /// - Complexity: O(n) in the total size of the pack's files, plus O(e) for e errors.
    public static func validate(
        directory: String, allowingForeignIDs: Bool = false
    ) -> (pack: Pack?, errors: [PackError]) {
        let result = PackLoader.load(
            directory: directory, allowingForeignIDs: allowingForeignIDs, stopsAtFirst: false)
        return (result.pack, result.errors)
    }
}

/// Reads and checks one pack directory.
enum PackLoader {
    /// What loading one pack produced.
    struct Outcome {
        /// The pack from the rows without errors; `nil` if `pack.json` or `entities.tsv` is
        /// missing or unusable.
        var pack: Pack?
        /// The errors, in file order.
        var errors: [PackError]
        /// Ids of entities whose rows had errors, so names of them are not reported again.
        var rejectedEntityIDs: Set<String>
    }

    /// The columns of `entities.tsv` that are not attributes.
    static let entityColumns: Set<String> = ["id", "label", "type", "country", "population"]

    /// Flag spellings as bytes, for matching without building strings.
    private static let flagSpellings: [([UInt8], NameFlags)] = NameFlags.spellings.map {
        (Array($0.0.utf8), $0.1)
    }

    static func load(directory: String, allowingForeignIDs: Bool, stopsAtFirst: Bool) -> Outcome {
        var log = PackErrorLog(stopsAtFirst: stopsAtFirst)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory),
            isDirectory.boolValue
        else {
            let problem = FileManager.default.fileExists(atPath: directory)
                ? "is not a directory" : "does not exist"
            log.append(PackError(
                file: directory,
                "pack directory \(problem): a pack is a directory holding pack.json, "
                    + "entities.tsv and optionally names.tsv; check the path"))
            return Outcome(pack: nil, errors: log.errors, rejectedEntityIDs: [])
        }

        // pack.json and its rule files.
        let manifestPath = packPath(directory, "pack.json")
        var manifest: PackManifest?
        switch readRequired(manifestPath, "pack.json", log: &log,
            hint: "create it with at least {\"name\": \"my-pack\"}")
        {
        case let bytes?:
            manifest = PackManifest.parse(
                bytes: bytes, file: manifestPath, directory: directory, log: &log)
        case nil: break
        }
        let packName = manifest?.name ?? ""

        // entities.tsv.
        let entitiesPath = packPath(directory, "entities.tsv")
        var entities: [Entity] = []
        var ids = EntityIDTable()
        var entitiesAreKnown = false
        if !log.isFull,
            let bytes = readRequired(entitiesPath, "entities.tsv", log: &log,
                hint: "create it with the header line 'id<TAB>label' and one row per entity"),
            let table = TSVTable(
                file: entitiesPath, fileName: "entities.tsv", bytes: bytes, log: &log),
            requireColumns(["id", "label"], in: table, log: &log,
                example: "id<TAB>label<TAB>type<TAB>country<TAB>population")
        {
            entitiesAreKnown = true
            readEntities(table, pack: packName, into: &entities, ids: &ids, log: &log)
        }

        // names.tsv (optional).
        let namesPath = packPath(directory, "names.tsv")
        var names: [NameRecord] = []
        if !log.isFull {
            switch PackFileContents.read(namesPath) {
            case .missing:
                break
            case .notAFile:
                log.append(PackError(
                    file: namesPath, "names.tsv is a directory: it must be a TSV file"))
            case .unreadable:
                log.append(PackError(
                    file: namesPath, "names.tsv cannot be read: check its permissions"))
            case .bytes(let bytes):
                if let table = TSVTable(
                    file: namesPath, fileName: "names.tsv", bytes: bytes, log: &log),
                    requireColumns(["id", "name"], in: table, log: &log,
                        example: "id<TAB>name<TAB>lang<TAB>flags")
                {
                    readNames(
                        table, ids: ids, checkIDs: entitiesAreKnown,
                        allowingForeignIDs: allowingForeignIDs, into: &names, log: &log)
                }
            }
        }

        var pack: Pack?
        if let manifest, entitiesAreKnown, let name = manifest.name {
            pack = Pack(
                name: name, version: manifest.version, description: manifest.description,
                license: manifest.license, attribution: manifest.attribution,
                directory: directory, entities: entities, names: names, rules: manifest.rules)
        }
        return Outcome(pack: pack, errors: log.errors, rejectedEntityIDs: ids.rejectedIDs)
    }

    /// Reads a required file, reporting it when missing or unreadable.
    private static func readRequired(
        _ path: String, _ name: String, log: inout PackErrorLog, hint: String
    ) -> [UInt8]? {
        switch PackFileContents.read(path) {
        case .bytes(let bytes):
            return bytes
        case .missing:
            log.append(PackError(file: path, "missing \(name): every pack needs one; \(hint)"))
        case .notAFile:
            log.append(PackError(file: path, "\(name) is a directory: it must be a file"))
        case .unreadable:
            log.append(PackError(file: path, "\(name) cannot be read: check its permissions"))
        }
        return nil
    }

    /// Reports required columns the header lacks; `true` when all are there (or the file has
    /// no header at all, which makes an empty table).
    private static func requireColumns(
        _ required: [String], in table: TSVTable, log: inout PackErrorLog, example: String
    ) -> Bool {
        guard let headerLocation = table.headerLocation else { return true }
        let missing = required.filter { table.index(of: $0) == nil }
        guard !missing.isEmpty else { return true }
        let list = missing.map(packQuote).joined(separator: " and ")
        log.append(PackError(
            at: headerLocation,
            "missing required column\(missing.count == 1 ? "" : "s") \(list) in the header of "
                + "\(table.fileName) (found: "
                + "\(table.columns.map(packQuote).joined(separator: ", "))): "
                + "the first line that is not a comment must name the columns, tab-separated, "
                + "e.g. '\(example)'"))
        return false
    }

    // MARK: entities.tsv

    private static func readEntities(
        _ table: TSVTable, pack: String, into entities: inout [Entity],
        ids: inout EntityIDTable, log: inout PackErrorLog
    ) {
        guard let idColumn = table.index(of: "id"), let labelColumn = table.index(of: "label")
        else { return }  // A file without a header has no rows.
        let typeColumn = table.index(of: "type")
        let countryColumn = table.index(of: "country")
        let populationColumn = table.index(of: "population")
        let attributeColumns = table.columns.indices.filter {
            !entityColumns.contains(table.columns[$0])
        }
        ids.reserveCapacity(table.estimatedRowCount)
        entities.reserveCapacity(table.estimatedRowCount)

        table.forEachRow(log: &log) { row, errors in
            // The id: every row with a well-formed id enters `ids`, valid or not, so that a
            // duplicate of a rejected row is still reported and its names are not.
            var slot: Int?
            if let id = checkID(row, idColumn, errors: &errors) {
                if let first = ids.find(row.bytes(idColumn)) {
                    errors.append(row.error(
                        idColumn,
                        "duplicate entity id \(packQuote(id)) (first defined at "
                            + "\(ids.location(first))): each entity is defined once per pack; "
                            + "remove one row or give it another id"))
                } else {
                    slot = ids.insert(row.bytes(idColumn), id: id, location: row.location(idColumn))
                }
            }
            if row.isClean(labelColumn) && row.isEmpty(labelColumn) {
                errors.append(row.error(
                    labelColumn,
                    "empty label: every entity needs the canonical label that normalize writes"))
            }
            var country: String?
            if let k = countryColumn, row.isClean(k), !row.isEmpty(k) {
                let bytes = row.bytes(k)
                if bytes.count == 2,
                    bytes.allSatisfy({ $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") })
                {
                    country = row.string(k)
                } else {
                    let text = row.string(k)
                    let lowerCase = text.count == 2 && text.allSatisfy { $0.isASCII && $0.isLetter }
                    let advice = lowerCase
                        ? "write \(packQuote(text.uppercased())): ISO 3166-1 alpha-2 codes are two "
                            + "upper-case ASCII letters"
                        : "use an ISO 3166-1 alpha-2 code, two upper-case ASCII letters such "
                            + "as 'UA', or leave it empty"
                    errors.append(row.error(k, "invalid country \(packQuote(text)): \(advice)"))
                }
            }
            var population: Int?
            if let k = populationColumn, row.isClean(k), !row.isEmpty(k) {
                population = parseNonNegativeInteger(row.bytes(k))
                if population == nil {
                    errors.append(row.error(
                        k,
                        "invalid population \(packQuote(row.string(k))): write a non-negative whole "
                            + "number in plain digits, such as 2884000, or leave it empty"))
                }
            }
            guard let slot, errors.isEmpty else { return }
            var attributes: [Entity.Attribute] = []
            for k in attributeColumns where !row.isEmpty(k) {
                attributes.append(Entity.Attribute(key: table.columns[k], value: row.string(k)))
            }
            var type: String?
            if let k = typeColumn { type = row.optionalString(k) }
            ids.accept(slot, entity: entities.count)
            entities.append(Entity(
                id: ids.id(slot), label: row.string(labelColumn), type: type,
                country: country, population: population, attributes: attributes,
                pack: pack, location: ids.location(slot)))
        }
    }

    /// Checks an id field (non-empty, no whitespace); returns it when valid.
    private static func checkID(
        _ row: borrowing TSVRow, _ k: Int, errors: inout [PackError]
    ) -> String? {
        guard row.isClean(k) else { return nil }
        if row.isEmpty(k) {
            errors.append(row.error(k, "empty id: every row needs the id of its entity"))
            return nil
        }
        if PackText.containsWhitespace(row.bytes(k)) {
            errors.append(row.error(
                k,
                "id \(packQuote(row.string(k))) contains whitespace: ids are single tokens such "
                    + "as 'geonames:703448'; remove the space or use '-' or '_'"))
            return nil
        }
        return row.string(k)
    }

    /// Plain ASCII digits as an `Int`, or `nil` (sign, separators, overflow).
    private static func parseNonNegativeInteger(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !bytes.isEmpty else { return nil }
        var value = 0
        for b in bytes {
            guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") else { return nil }
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(Int(b - UInt8(ascii: "0")))
            if overflow1 || overflow2 { return nil }
            value = sum
        }
        return value
    }

    // MARK: names.tsv

    private static func readNames(
        _ table: TSVTable, ids: EntityIDTable, checkIDs: Bool, allowingForeignIDs: Bool,
        into names: inout [NameRecord], log: inout PackErrorLog
    ) {
        guard let idColumn = table.index(of: "id"), let nameColumn = table.index(of: "name")
        else { return }  // A file without a header has no rows.
        let langColumn = table.index(of: "lang")
        let flagsColumn = table.index(of: "flags")
        names.reserveCapacity(table.estimatedRowCount)
        // Repeated language tags share one string; tags of up to 8 bytes are keyed by their
        // bytes packed in an integer, so no string is built to look them up.
        var shortLanguages: [UInt64: String] = [:]
        var longLanguages: [String: String] = [:]
        // Each (id, name) pair once: pairs found by hash, then compared.
        var pairs = PairTable(capacity: table.estimatedRowCount)

        // Names of one entity usually stand together: remember the last id found, and skip
        // the table for a row with the same id bytes.
        var lastKey = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
        var lastSlot = 0

        table.forEachRow(log: &log) { row, errors in
            var entityID: String?
            var dropSilently = false
            var slot: Int?
            if row.isClean(idColumn), !row.isEmpty(idColumn) {
                let key = row.bytes(idColumn)
                if key.count == lastKey.count
                    && memcmp(key.baseAddress!, lastKey.baseAddress!, key.count) == 0
                {
                    slot = lastSlot
                } else if let found = ids.find(key) {
                    slot = found
                    lastKey = key
                    lastSlot = found
                }
            }
            if let slot {
                // Known ids are well formed; share the entity's string.
                if ids.isAccepted(slot) {
                    entityID = ids.id(slot)
                } else {
                    dropSilently = true  // Its entity row was reported already.
                }
            } else if let id = checkID(row, idColumn, errors: &errors) {
                entityID = id
                if checkIDs && !allowingForeignIDs {
                    errors.append(row.error(
                        idColumn,
                        "unknown entity id \(packQuote(id)): no row of entities.tsv defines it; "
                            + "add the entity to entities.tsv or correct the id (to name an "
                            + "entity of another pack, load the packs together)"))
                }
            }
            if row.isClean(nameColumn) && row.isEmpty(nameColumn) {
                errors.append(row.error(
                    nameColumn, "empty name: write the spelling, or remove the row"))
            }
            var lang: String?
            if let k = langColumn, row.isClean(k), !row.isEmpty(k) {
                let bytes = row.bytes(k)
                if let problem = languageTagProblem(bytes) {
                    errors.append(row.error(
                        k,
                        "invalid language tag \(packQuote(row.string(k))): \(problem); use a BCP 47 "
                            + "tag such as 'en', 'pt-BR' or 'sr-Latn' (letters, digits and "
                            + "hyphens, subtags of 2 to 8 characters), or leave it empty"))
                } else if bytes.count <= 8 {
                    var key: UInt64 = 0
                    for b in bytes { key = key << 8 | UInt64(b) }
                    if let shared = shortLanguages[key] {
                        lang = shared
                    } else {
                        let text = row.string(k)
                        shortLanguages[key] = text
                        lang = text
                    }
                } else {
                    let text = row.string(k)
                    if let shared = longLanguages[text] {
                        lang = shared
                    } else {
                        longLanguages[text] = text
                        lang = text
                    }
                }
            }
            var flags: NameFlags = []
            if let k = flagsColumn, row.isClean(k), !row.isEmpty(k) {
                switch parseFlags(row.bytes(k)) {
                case .success(let parsed):
                    flags = parsed
                case .failure(let problem):
                    errors.append(row.error(
                        k,
                        "\(problem) in \(packQuote(row.string(k))): flags are comma-separated "
                            + "without spaces; known flags: "
                            + NameFlags.spellings.map(\.0).joined(separator: ", ")))
                }
            }
            guard errors.isEmpty, !dropSilently, let entityID else { return }
            let name = row.string(nameColumn)
            let pair = pairHash(row.bytes(idColumn), row.bytes(nameColumn))
            let earlier = pairs.insert(pair, row: names.count) { k in
                names[k].entityID == entityID && names[k].name == name
            }
            if let earlier {
                let place = names[earlier].location.map { " (first at \($0))" } ?? ""
                errors.append(row.error(
                    nameColumn,
                    "duplicate name \(packQuote(name)) for entity \(packQuote(entityID))"
                        + "\(place): each spelling appears once per entity in a pack; "
                        + "remove one of the rows (keep the language that comes first)"))
                return
            }
            names.append(NameRecord(
                entityID: entityID, name: name, lang: lang, flags: flags,
                location: row.location(idColumn)))
        }
    }

    /// A 64-bit FNV-1a hash of an (id, name) pair's bytes.
    @inline(__always)
    private static func pairHash(
        _ id: UnsafeBufferPointer<UInt8>, _ name: UnsafeBufferPointer<UInt8>
    ) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in id { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        h = (h ^ 0x09) &* 0x0000_0100_0000_01B3
        for b in name { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return h
    }

    /// What is wrong with a language tag, or `nil` if it looks like BCP 47: subtags of ASCII
    /// letters and digits, 1 to 8 long, separated by single hyphens; the first 2 to 8 letters
    /// (or `x`/`i` for private-use and grandfathered tags); a one-character subtag (a
    /// singleton such as `x` or `u`) followed by another subtag.
    static func languageTagProblem(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        @inline(__always) func isLetter(_ b: UInt8) -> Bool {
            (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z"))
                || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
        }
        var subtagStart = 0
        var isFirst = true
        var lastLength = 0
        var i = 0
        while i <= bytes.count {
            if i < bytes.count && bytes[i] != UInt8(ascii: "-") {
                let b = bytes[i]
                if b == UInt8(ascii: "_") { return "use '-' between subtags, not '_'" }
                if !(isLetter(b) || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))) {
                    return "only ASCII letters, digits and '-' are allowed"
                }
                i += 1
                continue
            }
            let length = i - subtagStart
            if length == 0 { return "empty subtag (a stray '-')" }
            if length > 8 { return "a subtag is longer than 8 characters" }
            if isFirst {
                let first = bytes[subtagStart] | 0x20  // ASCII lower case
                let isSingleton =
                    length == 1 && (first == UInt8(ascii: "x") || first == UInt8(ascii: "i"))
                var allLetters = true
                for j in subtagStart..<i where !isLetter(bytes[j]) { allLetters = false }
                if !isSingleton && (length < 2 || !allLetters) {
                    return "the language subtag must be 2 to 8 letters"
                }
                isFirst = false
            }
            lastLength = length
            subtagStart = i + 1
            i += 1
        }
        if lastLength == 1 { return "a one-letter subtag must be followed by another" }
        return nil
    }

    /// Parses a non-empty flags field; the failure names the problem.
    private static func parseFlags(
        _ bytes: UnsafeBufferPointer<UInt8>
    ) -> Result<NameFlags, FlagProblem> {
        var flags: NameFlags = []
        var start = 0
        var i = 0
        while i <= bytes.count {
            if i == bytes.count || bytes[i] == UInt8(ascii: ",") {
                let item = UnsafeBufferPointer(rebasing: bytes[start..<i])
                if item.isEmpty {
                    return .failure(FlagProblem("empty flag (a stray ',')"))
                }
                guard let match = flagSpellings.first(where: { packBytesEqual($0.0, item) }) else {
                    let text = String(decoding: item, as: UTF8.self)
                    return .failure(FlagProblem("unknown flag \(packQuote(text))"))
                }
                flags.insert(match.1)
                start = i + 1
            }
            i += 1
        }
        return .success(flags)
    }

    /// Why a flags field is wrong.
    struct FlagProblem: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}

/// Whether an array and a buffer hold the same bytes.
@inline(__always)
func packBytesEqual(_ a: [UInt8], _ b: UnsafeBufferPointer<UInt8>) -> Bool {
    guard a.count == b.count else { return false }
    return a.withUnsafeBufferPointer { a in
        a.count == 0 || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0
    }
}

/// The ids of `entities.tsv`, found by their bytes: names rows look ids up without building a
/// `String` or hashing one, and share the entity's id string.
///
/// Every row with a well-formed id enters the table, with where it stands; rows whose other
/// fields are valid are then marked accepted, with the index of their entity.
struct EntityIDTable {
    private var strings: [String] = []
    private var locations: [SourceLocation] = []
    /// The entity index of each accepted id, -1 for ids whose row was rejected.
    private var entityIndexes: [Int32] = []
    /// The ids' bytes, back to back; id `k` is `bytes[offsets[k]..<offsets[k + 1]]`.
    private var bytes: [UInt8] = []
    private var offsets: [Int] = [0]
    /// Open addressing: id number + 1, or 0 for an empty slot. Power-of-two size.
    private var slots: [Int32] = Array(repeating: 0, count: 16)

    /// Makes room for `count` ids.
    mutating func reserveCapacity(_ count: Int) {
        strings.reserveCapacity(count)
        locations.reserveCapacity(count)
        entityIndexes.reserveCapacity(count)
        offsets.reserveCapacity(count + 1)
        var size = 16
        while size < count * 2 { size <<= 1 }
        if size > slots.count { rehash(size) }
    }

    @inline(__always)
    private static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a
        for b in key { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return h ^ (h >> 29)
    }

    @inline(__always)
    private func matches(_ k: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = offsets[k]
        let count = offsets[k + 1] - start
        guard count == key.count else { return false }
        return bytes.withUnsafeBufferPointer { p in
            memcmp(p.baseAddress! + start, key.baseAddress!, count) == 0
        }
    }

    /// The id number of `key`, if the table holds it.
    @inline(__always)
    func find(_ key: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !key.isEmpty else { return nil }
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: Self.hash(key)) & mask
        while true {
            let slot = Int(slots[i])
            if slot == 0 { return nil }
            if matches(slot - 1, key) { return slot - 1 }
            i = (i + 1) & mask
        }
    }

    /// Adds an id that `find` does not hold; returns its number.
    mutating func insert(
        _ key: UnsafeBufferPointer<UInt8>, id: String, location: SourceLocation
    ) -> Int {
        let k = strings.count
        strings.append(id)
        locations.append(location)
        entityIndexes.append(-1)
        bytes.append(contentsOf: key)
        offsets.append(bytes.count)
        if (k + 1) * 2 > slots.count { rehash(slots.count * 2) }
        place(k, hash: Self.hash(key))
        return k
    }

    private mutating func place(_ k: Int, hash: UInt64) {
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: hash) & mask
        while slots[i] != 0 { i = (i + 1) & mask }
        slots[i] = Int32(k + 1)
    }

    private mutating func rehash(_ size: Int) {
        slots = Array(repeating: 0, count: size)
        for k in strings.indices {
            let h = bytes.withUnsafeBufferPointer { p in
                Self.hash(UnsafeBufferPointer(rebasing: p[offsets[k]..<offsets[k + 1]]))
            }
            place(k, hash: h)
        }
    }

    /// Marks id `k` as the id of entity `index`.
    mutating func accept(_ k: Int, entity index: Int) { entityIndexes[k] = Int32(index) }

    /// Whether id `k`'s row made an entity.
    func isAccepted(_ k: Int) -> Bool { entityIndexes[k] >= 0 }

    /// Id `k` as a string.
    func id(_ k: Int) -> String { strings[k] }

    /// Where id `k`'s first row stands.
    func location(_ k: Int) -> SourceLocation { locations[k] }

    /// The ids whose rows were all rejected.
    var rejectedIDs: Set<String> {
        Set(strings.indices.lazy.filter { entityIndexes[$0] < 0 }.map { strings[$0] })
    }
}

/// The (id, name) pairs seen so far, each with its row in `names`: open addressing over one
/// flat array of 64-bit entries (40 bits of hash, 24 bits of row + 1), so a lookup touches one
/// cache line. Rows from 2^24 - 1 on keep their number in a side dictionary.
private struct PairTable {
    private var entries: [UInt64]
    private var count = 0
    private var bigRows: [Int: Int] = [:]
    private static let rowBits: UInt64 = 24
    private static let rowMask: UInt64 = (1 << rowBits) - 1

    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        entries = Array(repeating: 0, count: size)
    }

    /// Returns the row of an earlier pair with this hash for which `isSame` holds, or adds
    /// `row` under `hash` and returns `nil`.
    mutating func insert(_ hash: UInt64, row: Int, isSame: (Int) -> Bool) -> Int? {
        if (count + 1) * 2 > entries.count { grow() }
        let key = hash >> Self.rowBits
        let mask = entries.count - 1
        var i = Int(truncatingIfNeeded: key) & mask
        while true {
            let entry = entries[i]
            if entry == 0 { break }
            if entry >> Self.rowBits == key {
                let stored = entry & Self.rowMask
                let earlier = stored == Self.rowMask ? bigRows[i]! : Int(stored) - 1
                if isSame(earlier) { return earlier }
            }
            i = (i + 1) & mask
        }
        let stored = row + 1 < Int(Self.rowMask) ? UInt64(row + 1) : Self.rowMask
        if stored == Self.rowMask { bigRows[i] = row }
        entries[i] = key << Self.rowBits | stored
        count += 1
        return nil
    }

    private mutating func grow() {
        let old = entries
        let oldBigRows = bigRows
        entries = Array(repeating: 0, count: old.count * 2)
        bigRows = [:]
        let mask = entries.count - 1
        for (k, entry) in old.enumerated() where entry != 0 {
            var i = Int(truncatingIfNeeded: entry >> Self.rowBits) & mask
            while entries[i] != 0 { i = (i + 1) & mask }
            entries[i] = entry
            if entry & Self.rowMask == Self.rowMask { bigRows[i] = oldBigRows[k] }
        }
    }
}
