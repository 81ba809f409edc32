import Foundation

/// A word that qualifies a place name: `Oblast` in "Kharkiv Oblast", `село` in "село Піски".
struct Designator: Sendable, Hashable {
    /// Whether the designator follows the name ("X Oblast") or precedes it ("м. Київ").
    enum Position: String, Sendable { case before, after }
    var position: Position
    /// Entity types the qualified name must have.
    var types: Set<String>
    /// Whether it qualifies every name of a list ("Kharkiv, Sumy and Chernihiv regions").
    var plural: Bool
}

/// The designators of `Resources/qualifiers/designators.tsv`, by folded word.
struct Designators: Sendable {
    /// Every designator; the maps below index into it.
    var entries: [Designator] = []
    var after: [String: Int16] = [:]
    var before: [String: Int16] = [:]
    /// Words that, after a place name, make the phrase name something else (`feature-heads.tsv`).
    var featureHeads: Set<String> = []
    /// Words that may join the names of a list qualified by a plural designator.
    static let conjunctions: Set<String> = ["and", "or", "та", "і", "й", "и", "или", "або", "&", "und", "et", "i"]

    static let empty = Designators()

    /// Loads the list shipped with Canonym (once per process).
    static func bundled() throws -> Designators { try cache.get() }

    private static let cache: Result<Designators, Error> = Result {
        let directory = try ResourceLocator.qualifiersDirectory()
        var result = Designators()
        var problem: String? = nil
        try ResourceTable.read(directory + "/designators.tsv", columns: ["word", "position", "types", "plural"], required: true) { row in
            guard let position = Designator.Position(rawValue: row[1]) else {
                problem = problem ?? "designators.tsv: position must be before or after, not '\(row[1])' (word \(row[0]))"
                return
            }
            let designator = Designator(position: position, types: Set(row[2].split(separator: ",").map(String.init)), plural: row[3] == "yes")
            let word = row[0].lowercased()
            let index = Int16(result.entries.count)
            result.entries.append(designator)
            if position == .after { result.after[word] = index } else { result.before[word] = index }
        }
        if let problem { throw CanonymError.badResource(problem) }
        try ResourceTable.read(directory + "/feature-heads.tsv", columns: ["word"], required: true) { row in
            result.featureHeads.insert(row[0].lowercased())
        }
        return result
    }
}
