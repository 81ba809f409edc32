import ArgumentParser
import Canonym

/// `canonym lexicon import …`: build packs from external sources.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Build a pack from an external source.",
        subcommands: [ImportGeoNamesCommand.self])
}

struct ImportGeoNamesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "geonames",
        abstract: "Build a pack from GeoNames dump files (streamed; memory grows only with the rows selected).",
        discussion: """
            Reads the files as downloaded (and unzipped) from https://download.geonames.org/export/dump/: \
            a geoname table (cities500/1000/5000/15000.txt, allCountries.txt or XX.txt; 19 columns), \
            alternateNamesV2.txt, admin1CodesASCII.txt (first-level regions become `region` entities) \
            and countryInfo.txt (countries become `country` entities). GeoNames data is CC BY 4.0: \
            the pack's pack.json carries the attribution.

            Filters: --country, --feature-class and --feature-code (a row passes when its class or \
            its code is listed; admin1 rows count as A.ADM1, countryInfo rows as A.PCLI), \
            --min-population (populated places, class P), --lang (primary subtags of the names to \
            keep; `und` keeps names without a language; the label is always kept).

            Alternate names: isHistoric (or a `to` date) → former, isColloquial → colloquial, \
            isShortName → short, isPreferredName → preferred, language tags carried over (zh_TW → \
            zh-TW). The pseudo-languages link, post, iata, icao, faac, unlc, tcid and phon are not \
            names; wkdt becomes the `wikidata` attribute; abbr rows are names flagged abbreviation. \
            Without alternateNamesV2.txt, the table's alternatenames column gives names without a \
            language.

            Writes pack.json, entities.tsv and names.tsv (the layout of Lexicons/) after checking \
            the result loads; each file is replaced atomically. Example:

              canonym lexicon import geonames --geonames cities5000.txt \\
                --alternate-names alternateNamesV2.txt --admin1 admin1CodesASCII.txt \\
                --country-info countryInfo.txt --country UA --feature-class P \\
                --feature-code ADM1,PCLI --min-population 5000 --lang uk,ru,en,und \\
                --out Lexicons/ua-places
            """)

    @Option(name: .customLong("geonames"), help: ArgumentHelp("A geoname table: cities500.txt … cities15000.txt, allCountries.txt, XX.txt (repeatable).", valueName: "file"))
    var geonameTables: [String] = []

    @Option(help: ArgumentHelp("alternateNamesV2.txt (or the older 8-column alternateNames.txt).", valueName: "file"))
    var alternateNames: String?

    @Option(help: ArgumentHelp("admin1CodesASCII.txt: its regions become `region` entities.", valueName: "file"))
    var admin1: String?

    @Option(help: ArgumentHelp("countryInfo.txt: its countries become `country` entities.", valueName: "file"))
    var countryInfo: String?

    @Option(name: .customLong("country"), help: ArgumentHelp("Keep these countries (ISO 3166-1 alpha-2, comma-separated, repeatable).", valueName: "codes"))
    var countries: [String] = []

    @Option(name: .customLong("feature-class"), help: ArgumentHelp("Keep these feature classes (A, H, L, P, R, S, T, U, V).", valueName: "classes"))
    var featureClasses: [String] = []

    @Option(name: .customLong("feature-code"), help: ArgumentHelp("Keep these feature codes (PPLC, ADM1, or P.PPLC).", valueName: "codes"))
    var featureCodes: [String] = []

    @Option(help: ArgumentHelp("Leave out populated places (class P) with fewer people.", valueName: "n"))
    var minPopulation: Int?

    @Option(name: .customLong("lang"), help: ArgumentHelp("Keep names in these languages (primary subtags; `und`: names without a language).", valueName: "langs"))
    var languages: [String] = []

    @Option(help: ArgumentHelp("The pack directory to write.", valueName: "dir"))
    var out: String

    @Option(help: ArgumentHelp("The pack's name in pack.json (default: the directory's name).", valueName: "name"))
    var name: String?

    @Option(name: .customLong("pack-version"), help: ArgumentHelp("The pack's version in pack.json.", valueName: "version"))
    var packVersion = "1"

    @Option(help: ArgumentHelp("The pack's description in pack.json (default: written from the sources and filters).", valueName: "text"))
    var description: String?

    @Flag(help: "Replace the pack.json, entities.tsv and names.tsv of an existing pack.")
    var force = false

    func validate() throws {
        if geonameTables.isEmpty && admin1 == nil && countryInfo == nil {
            throw ValidationError("give at least one source: --geonames FILE, --admin1 FILE or --country-info FILE")
        }
    }

    func run() throws {
        let packName = name ?? (out.split(separator: "/").last.map(String.init) ?? "geonames")
        var job = GeoNamesImport(packName: packName)
        job.geonameTables = geonameTables
        job.alternateNames = alternateNames
        job.admin1Codes = admin1
        job.countryInfo = countryInfo
        job.countries = Set(ListArgument.split(countries).map { $0.uppercased() })
        job.featureClasses = Set(ListArgument.split(featureClasses).map { $0.uppercased() })
        job.featureCodes = Set(ListArgument.split(featureCodes).map { $0.uppercased() })
        job.minPopulation = minPopulation
        job.languages = Set(ListArgument.split(languages).map { $0.lowercased() })
        job.version = packVersion
        job.description = description
        job.overwrite = force
        let summary = try reportingErrors { try job.write(to: out) }
        var text = ""
        for (label, value) in summary.counts { text += "  \(label): \(Count.grouped(value))\n" }
        text += "wrote \(out): \(Count.grouped(summary.entities)) entities, \(Count.grouped(summary.names)) names\n"
        StandardError.write(text)
    }
}
