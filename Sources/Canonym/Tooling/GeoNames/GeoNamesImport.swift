import Foundation

/// Builds a pack from GeoNames' own dump files, streaming them (`canonym lexicon import geonames`).
///
/// ```swift
/// var job = GeoNamesImport(packName: "ua-places")
/// job.geonameTables = ["cities5000.txt"]
/// job.alternateNames = "alternateNamesV2.txt"
/// job.countries = ["UA"]
/// job.languages = ["uk", "ru", "en", "und"]
/// let summary = try job.write(to: "Lexicons/ua-places")
/// ```
///
/// **Sources** (the files as downloaded from https://download.geonames.org/export/dump/,
/// unzipped): the geoname table (`cities500.txt`, `cities1000.txt`, `cities5000.txt`,
/// `cities15000.txt`, `allCountries.txt` or a country's `XX.txt`: 19 tab-separated columns),
/// `alternateNamesV2.txt` (or the older 8-column `alternateNames.txt`), `admin1CodesASCII.txt`
/// (first-level regions become `region` entities) and `countryInfo.txt` (countries become
/// `country` entities with `iso3166`, `alpha3`, `continent`).
///
/// **Filters**: countries (ISO 3166-1 alpha-2), feature classes and codes (a row passes when its
/// class or its code is listed; admin1 rows are `A.ADM1`, countryInfo rows `A.PCLI`), a minimum
/// population for populated places (class `P`; GeoNames has no population for most other
/// features), and name languages (primary subtags; `und` keeps names without a language).
///
/// **Names**: the GeoNames name is the label and the first name (flag `preferred`). With
/// `alternateNamesV2.txt`, each alternate name of a selected entity becomes a row with its
/// language (`zh_TW` → `zh-TW`; a code that is not BCP 47 leaves the row without a language):
/// `isPreferredName` → `preferred`, `isShortName` → `short`, `isColloquial` → `colloquial`,
/// `isHistoric` or a `to` date → `former`. The pseudo-languages `link`, `post`, `iata`, `icao`,
/// `faac`, `unlc`, `tcid`, `phon` are not names and are dropped; `wkdt` becomes the `wikidata`
/// attribute; `abbr` rows become names flagged `abbreviation` (no language); `piny` is
/// `zh-Latn-pinyin`; `fr_1793` is `fr`, `former`. Without `alternateNamesV2.txt`, the geoname
/// table's `alternatenames` column gives names without a language. A spelling listed several
/// times for one entity is written once: with the first language given for it (the label's row
/// takes it too) and the union of the rows' flags, except `former`, kept only when every row
/// says so. Names are NFC-normalized, runs of white space become one space, and names with
/// control characters or invalid UTF-8 are dropped.
///
/// **Output**: the layout of `Lexicons/`: `pack.json`, `entities.tsv` (`id` `geonames:<id>`,
/// `label`, `type`, `country`, `population`, then `feature_code`, `admin1`, `latitude`,
/// `longitude`, `timezone`, `iso3166`, `alpha3`, `continent`, `wikidata` where any entity has
/// one), `names.tsv` (`id`, `name`, `lang`, `flags`; the label first, then by language and name).
/// Entities are sorted by GeoNames id. The pack is checked with ``Pack/validate(directory:allowingForeignIDs:)``
/// before it replaces anything; each file is then moved into place atomically.
///
/// **Memory** holds the selected entities and their names only: the files are read in 1 MiB
/// chunks and rows of unselected entities are skipped without building strings.
public struct GeoNamesImport: Sendable {
    /// Geoname tables (19 columns) to read, in order.
    public var geonameTables: [String] = []
    /// `alternateNamesV2.txt` (10 columns) or `alternateNames.txt` (8 columns).
    public var alternateNames: String?
    /// `admin1CodesASCII.txt`: its rows become `region` entities (feature `A.ADM1`).
    public var admin1Codes: String?
    /// `countryInfo.txt`: its rows become `country` entities (feature `A.PCLI`).
    public var countryInfo: String?

    /// ISO 3166-1 alpha-2 codes to keep (empty: every country).
    public var countries: Set<String> = []
    /// Feature classes to keep (`P`, `A`…; empty with empty `featureCodes`: every feature).
    public var featureClasses: Set<String> = []
    /// Feature codes to keep (`PPLC`, `ADM1`…).
    public var featureCodes: Set<String> = []
    /// Populated places (class `P`) with fewer people are left out.
    public var minPopulation: Int?
    /// Primary language subtags of the names to keep (empty: all); `und` keeps names without a
    /// language. The label is always kept.
    public var languages: Set<String> = []

    /// The pack's `name` in `pack.json`.
    public var packName: String
    /// The pack's `version`.
    public var version = "1"
    /// The pack's `description` (default: one written from the sources and filters).
    public var description: String?
    /// Whether an existing `pack.json` in the output directory may be replaced.
    public var overwrite = false

    /// Creates an import job writing a pack of this name.
    public init(packName: String) {
        self.packName = packName
    }

    /// What an import read and wrote.
    public struct Summary: Sendable {
        /// Entities written.
        public var entities = 0
        /// Name rows written.
        public var names = 0
        /// Counters, in the order they were first touched: rows read per file, rows selected,
        /// names dropped per reason…
        public var counts: [(label: String, value: Int)] = []
    }

    /// Reads the sources, applies the filters and writes the pack to `directory` (created if
    /// needed).
    ///
    /// - Throws: ``GeoNamesImportError`` for a missing source, a file that is not in the format
    ///   expected (wrong column count), an invalid filter, an existing pack without `overwrite`,
    ///   a write failure, or a pack that fails its own check.
    /// - Complexity: O(n) in the total size of the sources; memory O(s) in the selected rows.
    public func write(to directory: String) throws -> Summary {
        try validateFilters()
        if geonameTables.isEmpty && admin1Codes == nil && countryInfo == nil {
            throw GeoNamesImportError(file: nil, line: nil, "no source: give a geoname table (cities15000.txt, allCountries.txt…), admin1CodesASCII.txt or countryInfo.txt")
        }
        let manifestPath = packPath(directory, "pack.json")
        if !overwrite, FileManager.default.fileExists(atPath: manifestPath) {
            throw GeoNamesImportError(
                file: manifestPath, line: nil,
                "a pack is already there: pass --force to replace its pack.json, entities.tsv and names.tsv (other files are kept)")
        }
        var builder = GeoNamesPackBuilder(job: self)
        if let countryInfo { try builder.readCountryInfo(countryInfo) }
        if let admin1Codes { try builder.readAdmin1(admin1Codes) }
        for table in geonameTables { try builder.readGeonames(table) }
        if let alternateNames { try builder.readAlternateNames(alternateNames) }
        return try builder.write(to: directory)
    }

    private func validateFilters() throws {
        for code in countries where !(code.count == 2 && code.allSatisfy { $0.isASCII && $0.isUppercase }) {
            throw GeoNamesImportError(file: nil, line: nil, "invalid country '\(code)': use ISO 3166-1 alpha-2 codes such as UA")
        }
        for featureClass in featureClasses where !GeoNamesFeature.classes.contains(featureClass) {
            throw GeoNamesImportError(
                file: nil, line: nil,
                "invalid feature class '\(featureClass)': use one of \(GeoNamesFeature.classes.sorted().joined(separator: ", "))")
        }
        for language in languages where !(language.count >= 2 && language.count <= 8 && language.allSatisfy { $0.isASCII && $0.isLetter }) {
            throw GeoNamesImportError(file: nil, line: nil, "invalid language '\(language)': use primary subtags such as uk, ru, en (und: names without a language)")
        }
        if let minPopulation, minPopulation < 0 {
            throw GeoNamesImportError(file: nil, line: nil, "the minimum population must be 0 or more")
        }
    }

    /// Whether a feature passes the class and code filters.
    func selectsFeature(_ featureClass: String, _ code: String) -> Bool {
        if featureClasses.isEmpty && featureCodes.isEmpty { return true }
        return featureClasses.contains(featureClass) || featureCodes.contains(code)
            || featureCodes.contains(featureClass + "." + code)
    }

    /// Whether a name language passes the language filter.
    func selectsLanguage(_ lang: String) -> Bool {
        if languages.isEmpty { return true }
        if lang.isEmpty { return languages.contains("und") }
        let primary = lang.split(separator: "-").first.map { $0.lowercased() } ?? ""
        return languages.contains(primary)
    }
}

/// Why an import failed: `file:line: message`.
public struct GeoNamesImportError: Error, Sendable, CustomStringConvertible {
    /// The file concerned, if any.
    public let file: String?
    /// The 1-based line, if any.
    public let line: Int?
    /// What is wrong and what to do.
    public let message: String

    init(file: String?, line: Int?, _ message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `file:line: error: message`.
    public var description: String {
        switch (file, line) {
        case (let file?, let line?): "\(file):\(line): error: \(message)"
        case (let file?, nil): "\(file): error: \(message)"
        default: "error: \(message)"
        }
    }
}
