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
        let path = try ResourceLocator.qualifiersDirectory() + "/designators.tsv"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw CanonymError.missingResource(path) }
        var result = Designators()
        var header: [String] = []
        for (number, line) in text.split(separator: "\n").enumerated() {
            if line.hasPrefix("#") || line.isEmpty { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            if header.isEmpty { header = fields; continue }
            guard fields.count >= 4, let position = Designator.Position(rawValue: fields[1]) else {
                throw CanonymError.badResource("\(path):\(number + 1): expected word, position (before|after), types, plural")
            }
            let designator = Designator(
                position: position, types: Set(fields[2].split(separator: ",").map(String.init)), plural: fields[3] == "yes")
            let word = fields[0].lowercased()
            let index = Int16(result.entries.count)
            result.entries.append(designator)
            if position == .after { result.after[word] = index } else { result.before[word] = index }
        }
        let headsPath = try ResourceLocator.qualifiersDirectory() + "/feature-heads.tsv"
        guard let heads = try? String(contentsOfFile: headsPath, encoding: .utf8) else { throw CanonymError.missingResource(headsPath) }
        for line in heads.split(separator: "\n").dropFirst() where !line.hasPrefix("#") && line != "word" {
            result.featureHeads.insert(line.lowercased())
        }
        return result
    }
}
