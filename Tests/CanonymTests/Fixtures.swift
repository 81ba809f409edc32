import Canonym
import Foundation

/// A small lexicon of real places and their real spellings, built in memory, shared by tests.
enum Fixtures {
    static let entities: [Entity] = [
        Entity(id: "geonames:704422", label: "Pokrovsk", type: "city", country: "UA", population: 60_127, pack: "fixture"),
        Entity(id: "geonames:703448", label: "Kyiv", type: "city", country: "UA", population: 2_797_553, pack: "fixture"),
        Entity(id: "test:chernihiv", label: "Chernihiv", type: "city", country: "UA", population: 285_234, pack: "fixture"),
        Entity(id: "test:sumy", label: "Sumy", type: "city", country: "UA", population: 264_753, pack: "fixture"),
        Entity(id: "test:luhansk", label: "Luhansk", type: "city", country: "UA", population: 452_000, pack: "fixture"),
        Entity(id: "geonames:706483", label: "Kharkiv", type: "city", country: "UA", population: 1_430_885, pack: "fixture"),
        Entity(id: "test:donetsk-ua", label: "Donetsk", type: "city", country: "UA", population: 929_063, pack: "fixture"),
        Entity(id: "test:donetsk-ru", label: "Donetsk", type: "city", country: "RU", population: 47_000, pack: "fixture"),
        Entity(id: "test:bila-tserkva", label: "Bila Tserkva", type: "city", country: "UA", population: 208_737, pack: "fixture"),
        Entity(id: "test:ivano-frankivsk", label: "Ivano-Frankivsk", type: "city", country: "UA", population: 238_196, pack: "fixture"),
        Entity(id: "test:russia", label: "Russia", type: "country", country: "RU", population: 144_478_050, pack: "fixture"),
        Entity(id: "test:ukraine", label: "Ukraine", type: "country", country: "UA", population: 44_622_516, pack: "fixture"),
        Entity(id: "geonames:524901", label: "Moscow", type: "city", country: "RU", population: 10_381_222, pack: "fixture"),
        Entity(id: "test:moscow-idaho", label: "Moscow", type: "city", country: "US", population: 25_435, pack: "fixture"),
        Entity(id: "test:idaho", label: "Idaho", type: "region", country: "US", pack: "fixture"),
        Entity(id: "test:vladimir", label: "Vladimir", type: "city", country: "RU", population: 345_373, pack: "fixture"),
        Entity(id: "test:march", label: "March", type: "city", country: "GB", population: 22_298, pack: "fixture"),
        Entity(id: "test:bar", label: "Bar", type: "city", country: "ME", population: 13_719, pack: "fixture"),
        Entity(id: "test:rubio", label: "Rubio", type: "city", country: "VE", population: 93_000, pack: "fixture"),
    ]

    static let names: [(String, String, String?, NameFlags)] = [
        ("geonames:704422", "Pokrovsk", "en", .preferred), ("geonames:704422", "Покровськ", "uk", []),
        ("geonames:704422", "Покровск", "ru", []), ("geonames:704422", "Krasnoarmiisk", "en", .former),
        ("geonames:704422", "Красноармійськ", "uk", .former), ("geonames:704422", "Красноармейск", "ru", .former),
        ("geonames:703448", "Kyiv", "en", .preferred), ("geonames:703448", "Kiev", "en", .former),
        ("geonames:703448", "Київ", "uk", []), ("geonames:703448", "Киев", "ru", []), ("geonames:703448", "Kijów", "pl", []),
        ("test:chernihiv", "Chernihiv", "en", .preferred), ("test:chernihiv", "Чернігів", "uk", []),
        ("test:chernihiv", "Чернигов", "ru", []),
        ("test:sumy", "Sumy", "en", .preferred), ("test:sumy", "Суми", "uk", []), ("test:sumy", "Сумы", "ru", []),
        ("test:luhansk", "Luhansk", "en", .preferred), ("test:luhansk", "Луганськ", "uk", []),
        ("test:luhansk", "Луганск", "ru", []),
        ("geonames:706483", "Kharkiv", "en", .preferred), ("geonames:706483", "Харків", "uk", []),
        ("geonames:706483", "Харьков", "ru", []),
        ("test:donetsk-ua", "Donetsk", "en", []), ("test:donetsk-ua", "Донецьк", "uk", []), ("test:donetsk-ua", "Донецк", "ru", []),
        ("test:donetsk-ru", "Donetsk", "en", []), ("test:donetsk-ru", "Донецк", "ru", []),
        ("test:bila-tserkva", "Bila Tserkva", "en", .preferred), ("test:bila-tserkva", "Біла Церква", "uk", []),
        ("test:ivano-frankivsk", "Ivano-Frankivsk", "en", .preferred),
        ("test:russia", "Russia", "en", .preferred), ("test:russia", "Russian Federation", "en", []),
        ("test:russia", "Росія", "uk", []), ("test:russia", "Россия", "ru", []),
        ("test:ukraine", "Ukraine", "en", .preferred), ("test:ukraine", "Україна", "uk", []),
        ("geonames:524901", "Moscow", "en", .preferred), ("geonames:524901", "Москва", "ru", []),
        ("test:moscow-idaho", "Moscow", "en", []), ("test:idaho", "Idaho", "en", []),
        ("test:vladimir", "Vladimir", "en", .preferred), ("test:march", "March", "en", .preferred),
        ("test:bar", "Bar", "en", .preferred), ("test:rubio", "Rubio", "en", .preferred),
    ]

    static var pack: Pack {
        Pack(
            name: "fixture", version: "1", entities: entities,
            names: names.map { NameRecord(entityID: $0.0, name: $0.1, lang: $0.2, flags: $0.3) })
    }

    /// Built once: the fixture lexicon with the bundled guard data.
    static let lexicon: Lexicon = {
        do { return try Lexicon(packs: [pack]) } catch { fatalError("fixture lexicon does not build: \(error)") }
    }()

    /// Writes the fixture pack as a pack directory (for CLI tests) and returns its path.
    static func writePackDirectory() throws -> String {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("canonym-fixture-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try #"{"name": "fixture", "version": "1", "license": "CC0-1.0"}"#
            .write(toFile: directory + "/pack.json", atomically: true, encoding: .utf8)
        var entitiesTSV = "id\tlabel\ttype\tcountry\tpopulation\n"
        for e in entities {
            entitiesTSV += "\(e.id)\t\(e.label)\t\(e.type ?? "")\t\(e.country ?? "")\t\(e.population.map(String.init) ?? "")\n"
        }
        try entitiesTSV.write(toFile: directory + "/entities.tsv", atomically: true, encoding: .utf8)
        var namesTSV = "id\tname\tlang\tflags\n"
        for n in names { namesTSV += "\(n.0)\t\(n.1)\t\(n.2 ?? "")\t\(n.3.spelled)\n" }
        try namesTSV.write(toFile: directory + "/names.tsv", atomically: true, encoding: .utf8)
        return directory
    }
}
