/// GeoNames' feature classes and codes, and the entity `type` each becomes in a pack.
///
/// See https://www.geonames.org/export/codes.html. A row of `admin1CodesASCII.txt` counts as
/// `A.ADM1`, a row of `countryInfo.txt` as `A.PCLI`, so the same filters select them.
enum GeoNamesFeature {
    /// The entity type for a feature: `country` (A.PCL*, A.TERR), `region` (A.ADM1 and the other
    /// A codes), `district` (A.ADM2–ADM5, ADMD), `city` (P), and for the other classes `water`
    /// (H), `area` (L), `road` (R), `spot` (S), `terrain` (T), `undersea` (U), `vegetation` (V).
    static func type(featureClass: String, code: String) -> String {
        switch featureClass {
        case "A":
            if code.hasPrefix("PCL") || code == "TERR" { return "country" }
            if code.hasPrefix("ADM1") { return "region" }
            if code.hasPrefix("ADM") { return "district" }
            return "region"
        case "P": return "city"
        case "H": return "water"
        case "L": return "area"
        case "R": return "road"
        case "S": return "spot"
        case "T": return "terrain"
        case "U": return "undersea"
        case "V": return "vegetation"
        default: return "place"
        }
    }

    /// GeoNames' feature classes.
    static let classes: Set<String> = ["A", "H", "L", "P", "R", "S", "T", "U", "V"]

    /// GeoNames' pseudo-languages in `alternateNamesV2.txt` that are not names of the place:
    /// links, postal codes, airport codes (IATA, ICAO, FAA), UN/LOCODE, TCID codes,
    /// pronunciations, and Wikidata ids (`wkdt`, kept as the `wikidata` attribute instead).
    static let pseudoLanguages: Set<String> = ["link", "post", "iata", "icao", "faac", "wkdt", "unlc", "tcid", "phon"]
}
