import Foundation

/// The selected entities and their names, collected while the dump files stream by, and the
/// pack written from them. See ``GeoNamesImport`` for the rules.
struct GeoNamesPackBuilder {
    private struct Entity {
        var geonameID: Int
        var label: String
        var type: String
        var country: String
        var population: Int?
        var attributes = Attributes()
        var names: [Name] = []
        /// Spelling → index in `names`, built once an entity has many names (a linear search is
        /// cheaper below that, and most entities have few).
        var slots: [String: Int]?
    }

    /// The optional columns, as plain fields: no dictionary per entity (memory is what an
    /// import of allCountries.txt is bounded by). An empty string is no value.
    private struct Attributes {
        var featureCode = "", admin1 = "", latitude = "", longitude = "", timezone = ""
        var iso3166 = "", alpha3 = "", continent = "", wikidata = ""

        subscript(key: String) -> String? {
            get {
                let value: String
                switch key {
                case "feature_code": value = featureCode
                case "admin1": value = admin1
                case "latitude": value = latitude
                case "longitude": value = longitude
                case "timezone": value = timezone
                case "iso3166": value = iso3166
                case "alpha3": value = alpha3
                case "continent": value = continent
                case "wikidata": value = wikidata
                default: value = ""
                }
                return value.isEmpty ? nil : value
            }
            set {
                let value = newValue ?? ""
                switch key {
                case "feature_code": featureCode = value
                case "admin1": admin1 = value
                case "latitude": latitude = value
                case "longitude": longitude = value
                case "timezone": timezone = value
                case "iso3166": iso3166 = value
                case "alpha3": alpha3 = value
                case "continent": continent = value
                case "wikidata": wikidata = value
                default: break
                }
            }
        }
    }

    /// Names of one entity above which a dictionary finds a spelling.
    private static let linearSearchLimit = 16

    private struct Name {
        var text: String
        var lang: String
        var flags: NameFlags
        /// Whether every row of this spelling was historic (so `former` is kept).
        var allFormer: Bool
    }

    /// Attribute columns in the order they are written, when some entity has a value.
    static let attributeColumns = [
        "feature_code", "admin1", "latitude", "longitude", "timezone", "iso3166", "alpha3", "continent", "wikidata",
    ]

    private let job: GeoNamesImport
    private var entities: [Entity] = []
    private var indexByID: [Int: Int] = [:]
    private var counts: [String: Int] = [:]
    private var countOrder: [String] = []
    private var sourceFiles: [(name: String, bytes: Int)] = []
    private var tokens = DumpFields()

    init(job: GeoNamesImport) {
        self.job = job
    }

    private mutating func count(_ label: String, _ n: Int = 1) {
        if counts[label] == nil { countOrder.append(label) }
        counts[label, default: 0] += n
    }

    private mutating func noteSource(_ path: String) {
        let reader = DumpLineReader(path: path)
        sourceFiles.append(((path as NSString).lastPathComponent, reader.size ?? 0))
    }

    // MARK: Text

    /// NFC, white space runs collapsed to one space, trimmed; `nil` for control characters.
    private static func tidy(_ raw: String) -> String? {
        var scalars = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in raw.unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !scalars.isEmpty
                continue
            }
            if scalar.properties.generalCategory == .control { return nil }
            if pendingSpace {
                scalars.append(" ")
                pendingSpace = false
            }
            scalars.append(scalar)
        }
        let text = String(scalars)
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text }
        return (try? UnicodeNormalizer.normalize(text, .nfc)) ?? text
    }

    // MARK: Entities

    /// Adds an entity, or fills in what an existing one with the same id lacks. Returns its
    /// index.
    @discardableResult
    private mutating func addEntity(_ entity: Entity) -> Int {
        if let index = indexByID[entity.geonameID] {
            for key in Self.attributeColumns where entities[index].attributes[key] == nil {
                entities[index].attributes[key] = entity.attributes[key]
            }
            if entities[index].population == nil { entities[index].population = entity.population }
            addName(entity.label, lang: "", flags: [], to: index)
            return index
        }
        let index = entities.count
        indexByID[entity.geonameID] = index
        var entity = entity
        entity.names = []
        entities.append(entity)
        addName(entity.label, lang: "", flags: .preferred, to: index)
        return index
    }

    /// Adds a name row to an entity, merging it with an earlier row of the same spelling.
    private mutating func addName(_ text: String, lang: String, flags: NameFlags, to index: Int) {
        let slot: Int?
        if let slots = entities[index].slots {
            slot = slots[text]
        } else {
            slot = entities[index].names.firstIndex { $0.text == text && $0.text.utf8.elementsEqual(text.utf8) }
        }
        if let slot {
            var name = entities[index].names[slot]
            if name.lang.isEmpty && !lang.isEmpty { name.lang = lang }
            name.allFormer = name.allFormer && flags.contains(.former)
            name.flags.formUnion(flags.subtracting(.former))
            entities[index].names[slot] = name
            count("names merged: the same spelling listed again")
            return
        }
        entities[index].names.append(Name(
            text: text, lang: lang, flags: flags.subtracting(.former), allFormer: flags.contains(.former)))
        let count = entities[index].names.count
        if entities[index].slots != nil {
            entities[index].slots?[text] = count - 1
        } else if count > Self.linearSearchLimit {
            var slots: [String: Int] = [:]
            for (i, name) in entities[index].names.enumerated() { slots[name.text] = i }
            entities[index].slots = slots
        }
    }

    // MARK: countryInfo.txt

    mutating func readCountryInfo(_ path: String) throws {
        noteSource(path)
        let file = (path as NSString).lastPathComponent
        var fields = DumpFields()
        try DumpLineReader(path: path).forEachLine { line, number in
            if line.isEmpty || line[0] == UInt8(ascii: "#") { return }
            count("\(file): rows read")
            fields.split(line)
            guard fields.count >= 17 else {
                throw GeoNamesImportError(
                    file: path, line: number,
                    "expected the 19 tab-separated columns of countryInfo.txt (ISO, ISO3, …, geonameid, neighbours), found \(fields.count): is this the right file?")
            }
            guard let iso = fields.string(0), let id = fields.integer(16), let rawLabel = fields.string(4),
                let label = Self.tidy(rawLabel), !label.isEmpty
            else {
                count("\(file): rows skipped: no geonameid or name")
                return
            }
            guard job.countries.isEmpty || job.countries.contains(iso), job.selectsFeature("A", "PCLI") else { return }
            count("\(file): rows selected")
            var entity = Entity(
                geonameID: id, label: label, type: "country", country: Self.countryCode(iso),
                population: fields.integer(7).flatMap { $0 > 0 ? $0 : nil })
            entity.attributes["feature_code"] = "A.PCLI"
            entity.attributes["iso3166"] = iso
            if let alpha3 = fields.string(1), !alpha3.isEmpty { entity.attributes["alpha3"] = alpha3 }
            if let continent = fields.string(8), !continent.isEmpty { entity.attributes["continent"] = continent }
            addEntity(entity)
        }
    }

    // MARK: admin1CodesASCII.txt

    mutating func readAdmin1(_ path: String) throws {
        noteSource(path)
        let file = (path as NSString).lastPathComponent
        var fields = DumpFields()
        try DumpLineReader(path: path).forEachLine { line, number in
            if line.isEmpty { return }
            count("\(file): rows read")
            fields.split(line)
            guard fields.count == 4 else {
                throw GeoNamesImportError(
                    file: path, line: number,
                    "expected the 4 tab-separated columns of admin1CodesASCII.txt (code, name, ascii name, geonameid), found \(fields.count): is this the right file?")
            }
            guard let code = fields.string(0), let id = fields.integer(3), let rawLabel = fields.string(1),
                let label = Self.tidy(rawLabel), !label.isEmpty
            else {
                count("\(file): rows skipped: no geonameid or name")
                return
            }
            let parts = code.split(separator: ".", maxSplits: 1).map(String.init)
            let country = parts.first ?? ""
            guard job.countries.isEmpty || job.countries.contains(country), job.selectsFeature("A", "ADM1") else { return }
            count("\(file): rows selected")
            var entity = Entity(geonameID: id, label: label, type: "region", country: Self.countryCode(country), population: nil)
            entity.attributes["feature_code"] = "A.ADM1"
            if parts.count == 2 { entity.attributes["admin1"] = parts[1] }
            addEntity(entity)
        }
    }

    // MARK: The geoname table

    mutating func readGeonames(_ path: String) throws {
        noteSource(path)
        let file = (path as NSString).lastPathComponent
        var fields = DumpFields()
        let useAlternateColumn = job.alternateNames == nil
        try DumpLineReader(path: path).forEachLine { line, number in
            if line.isEmpty { return }
            count("\(file): rows read")
            fields.split(line)
            guard fields.count == 19 else {
                throw GeoNamesImportError(
                    file: path, line: number,
                    "expected the 19 tab-separated columns of the geoname table (geonameid, name, asciiname, alternatenames, …, timezone, modification date), found \(fields.count): is this the right file?")
            }
            // Filters first, on bytes.
            let country = fields.bytes(8)
            if !job.countries.isEmpty {
                guard let code = String(validating: country, as: UTF8.self), job.countries.contains(code) else { return }
            }
            let featureClass = fields.string(6) ?? ""
            let featureCode = fields.string(7) ?? ""
            guard job.selectsFeature(featureClass, featureCode) else { return }
            let population = fields.integer(14)
            if let minimum = job.minPopulation, featureClass == "P", (population ?? 0) < minimum { return }
            guard let id = fields.integer(0) else {
                throw GeoNamesImportError(file: path, line: number, "the geonameid (first column) is not a number: is this the right file?")
            }
            guard let rawLabel = fields.string(1), let label = Self.tidy(rawLabel), !label.isEmpty else {
                count("\(file): rows skipped: empty or invalid name")
                return
            }
            count("\(file): rows selected")
            var entity = Entity(
                geonameID: id, label: label, type: GeoNamesFeature.type(featureClass: featureClass, code: featureCode),
                country: Self.countryCode(String(decoding: country, as: UTF8.self)),
                population: population.flatMap { $0 > 0 ? $0 : nil })
            entity.attributes["feature_code"] = featureClass + "." + featureCode
            for (key, k) in [("admin1", 10), ("latitude", 4), ("longitude", 5), ("timezone", 17)] {
                if let value = fields.string(k), !value.isEmpty { entity.attributes[key] = value }
            }
            let index = addEntity(entity)
            if useAlternateColumn, !fields.isEmpty(3) {
                guard let column = fields.string(3) else {
                    count("names dropped: invalid UTF-8")
                    return
                }
                for raw in column.split(separator: ",") {
                    addAlternate(String(raw), lang: "", flags: [], to: index)
                }
            }
        }
    }

    /// Adds a name from an alternate-name source, after tidying and the language filter.
    private mutating func addAlternate(_ raw: String, lang: String, flags: NameFlags, to index: Int) {
        guard job.selectsLanguage(lang) else {
            count("names dropped: language not selected")
            return
        }
        guard let text = Self.tidy(raw) else {
            count("names dropped: control character")
            return
        }
        if text.isEmpty {
            count("names dropped: empty")
            return
        }
        count("names read")
        addName(text, lang: lang, flags: flags, to: index)
    }

    // MARK: alternateNamesV2.txt

    mutating func readAlternateNames(_ path: String) throws {
        noteSource(path)
        let file = (path as NSString).lastPathComponent
        var fields = DumpFields()
        var languageTags: [String: String?] = [:]
        try DumpLineReader(path: path).forEachLine { line, number in
            if line.isEmpty { return }
            count("\(file): rows read")
            fields.split(line)
            guard fields.count == 10 || fields.count == 8 else {
                throw GeoNamesImportError(
                    file: path, line: number,
                    "expected the 10 tab-separated columns of alternateNamesV2.txt (alternateNameId, geonameid, isolanguage, alternate name, isPreferredName, isShortName, isColloquial, isHistoric, from, to), found \(fields.count): is this the right file?")
            }
            guard let id = fields.integer(1), let index = indexByID[id] else { return }
            count("\(file): rows of selected entities")
            let code = fields.string(2) ?? ""
            guard let raw = fields.string(3) else {
                count("names dropped: invalid UTF-8")
                return
            }
            if code == "wkdt" {
                if entities[index].attributes["wikidata"] == nil, let value = Self.tidy(raw), !value.isEmpty,
                    !value.contains(where: \.isWhitespace)
                {
                    entities[index].attributes["wikidata"] = value
                }
                count("wikidata ids (wkdt) kept as the wikidata attribute")
                return
            }
            if GeoNamesFeature.pseudoLanguages.contains(code) {
                count("names dropped: pseudo-language \(code)")
                return
            }
            var flags: NameFlags = []
            if fields.equals(4, "1") { flags.insert(.preferred) }
            if fields.equals(5, "1") { flags.insert(.short) }
            if fields.equals(6, "1") { flags.insert(.colloquial) }
            if fields.equals(7, "1") { flags.insert(.former) }
            if fields.count == 10, !fields.isEmpty(9) { flags.insert(.former) }
            let lang: String
            switch code {
            case "": lang = ""
            case "abbr":
                lang = ""
                flags.insert(.abbreviation)
            case "piny": lang = "zh-Latn-pinyin"
            case "fr_1793":
                lang = "fr"
                flags.insert(.former)
            default:
                if let known = languageTags[code] {
                    lang = known ?? ""
                } else {
                    let tag = code.replacingOccurrences(of: "_", with: "-")
                    var bytes = Array(tag.utf8)
                    let problem = bytes.withUnsafeMutableBufferPointer { PackLoader.languageTagProblem(UnsafeBufferPointer($0)) }
                    languageTags[code] = problem == nil ? tag : nil
                    lang = problem == nil ? tag : ""
                }
                if lang.isEmpty { count("language codes that are not BCP 47 (names kept without a language)") }
            }
            addAlternate(raw, lang: lang, flags: flags, to: index)
        }
    }

    /// A country code as the pack format wants it (two upper-case letters), or empty.
    private static func countryCode(_ text: String) -> String {
        text.count == 2 && text.utf8.allSatisfy({ $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }) ? text : ""
    }

    // MARK: Writing

    /// Writes the pack: the files go to a staging directory inside `directory`, are checked
    /// there as a pack, flushed to disk, and renamed into place one by one.
    mutating func write(to directory: String) throws -> GeoNamesImport.Summary {
        entities.sort { $0.geonameID < $1.geonameID }
        let manager = FileManager.default
        try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let staging = packPath(directory, ".canonym-import-\(UUID().uuidString)")
        try manager.createDirectory(atPath: staging, withIntermediateDirectories: false)
        defer { try? manager.removeItem(atPath: staging) }

        let columns = Self.attributeColumns.filter { key in entities.contains { $0.attributes[key] != nil } }
        let manifestText = manifest()
        var manifestFile = try StreamingFile(path: staging + "/pack.json")
        manifestFile.append(manifestText)
        try manifestFile.finish()
        var entityFile = try StreamingFile(path: staging + "/entities.tsv")
        var nameFile = try StreamingFile(path: staging + "/names.tsv")
        entityFile.append("id\tlabel\ttype\tcountry\tpopulation")
        for column in columns { entityFile.append("\t" + column) }
        entityFile.append("\n")
        nameFile.append("id\tname\tlang\tflags\n")
        var nameCount = 0
        for entity in entities {
            let id = "geonames:\(entity.geonameID)"
            entityFile.append("\(id)\t\(entity.label)\t\(entity.type)\t\(entity.country)\t\(entity.population.map(String.init) ?? "")")
            for column in columns {
                entityFile.append("\t")
                entityFile.append(entity.attributes[column] ?? "")
            }
            entityFile.append("\n")
            let label = entity.names.first
            let rest = entity.names.dropFirst().sorted { a, b in
                if a.lang != b.lang { return a.lang.utf8.lexicographicallyPrecedes(b.lang.utf8) }
                return a.text.utf8.lexicographicallyPrecedes(b.text.utf8)
            }
            for name in (label.map { [$0] } ?? []) + rest {
                var flags = name.flags
                if name.allFormer { flags.insert(.former) }
                nameFile.append("\(id)\t\(name.text)\t\(name.lang)\t\(flags.spelled)\n")
                nameCount += 1
            }
            try entityFile.flushIfLarge()
            try nameFile.flushIfLarge()
        }
        try entityFile.finish()
        try nameFile.finish()
        var summary = GeoNamesImport.Summary()
        summary.entities = entities.count
        summary.names = nameCount
        summary.counts = countOrder.map { ($0, counts[$0] ?? 0) }
        entities = []  // The check below reads the pack back; keep one copy in memory, not two.

        let errors = Pack.validate(directory: staging).errors
        if let first = errors.first {
            let where_ = first.description.replacingOccurrences(of: staging, with: directory)
            throw GeoNamesImportError(
                file: nil, line: nil,
                "the imported pack does not pass its own check, nothing was written (\(errors.count) error\(errors.count == 1 ? "" : "s")); first: \(where_)")
        }
        for name in ["pack.json", "entities.tsv", "names.tsv"] {
            guard rename(staging + "/" + name, packPath(directory, name)) == 0 else {
                throw GeoNamesImportError(file: packPath(directory, name), line: nil, "cannot move the new file into place: \(String(cString: strerror(errno)))")
            }
        }
        let descriptor = open(directory, O_RDONLY)
        if descriptor >= 0 {
            _ = fsync(descriptor)
            close(descriptor)
        }
        return summary
    }

    private func manifest() -> String {
        var filters: [String] = []
        if !job.countries.isEmpty { filters.append("countries \(job.countries.sorted().joined(separator: ","))") }
        if !job.featureClasses.isEmpty { filters.append("feature classes \(job.featureClasses.sorted().joined(separator: ","))") }
        if !job.featureCodes.isEmpty { filters.append("feature codes \(job.featureCodes.sorted().joined(separator: ","))") }
        if let minimum = job.minPopulation { filters.append("populated places from \(minimum) people") }
        if !job.languages.isEmpty { filters.append("name languages \(job.languages.sorted().joined(separator: ","))") }
        let description = job.description
            ?? "GeoNames features imported from \(sourceFiles.map(\.name).joined(separator: ", "))"
            + (filters.isEmpty ? "." : "; " + filters.joined(separator: "; ") + ".")
        let files = sourceFiles.map { "{\"file\": \(JSONQuote.quote($0.name)), \"bytes\": \($0.bytes)}" }
        return """
            {
              "name": \(JSONQuote.quote(job.packName)),
              "version": \(JSONQuote.quote(job.version)),
              "description": \(JSONQuote.quote(description)),
              "license": "CC-BY-4.0",
              "attribution": "GeoNames (geonames.org), CC BY 4.0",
              "sources": [
                {
                  "name": "GeoNames dump files (download.geonames.org/export/dump)",
                  "files": [\(files.joined(separator: ", "))],
                  "filters": \(JSONQuote.quote(filters.isEmpty ? "none" : filters.joined(separator: "; "))),
                  "license": "CC BY 4.0 (attribution: GeoNames, geonames.org)"
                }
              ],
              "generator": "canonym lexicon import geonames"
            }

            """
    }
}

/// JSON string literals for the manifests the tools write.
enum JSONQuote {
    /// `text` as a JSON string literal, quotes included.
    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
