import Foundation

/// One way of writing a non-Latin script in Latin letters, used to make `romanized` and
/// `skeleton` keys: an ICU system transliterator (`Ukrainian-Latin/BGN`) or a rule file shipped
/// in `Resources/rules` (`uk-national-2010.txt`). The list lives in `Resources/rules/schemes.tsv`.
public struct RomanizationScheme: Sendable, Hashable {
    /// Short id, e.g. `uk-bgn`.
    public let id: String
    /// The ISO 15924 code of the script it reads, e.g. `Cyrl`.
    public let script: String
    /// Which language's spelling the scheme is meant for (`uk`, `ru`, `be`), or `any`.
    public let reading: String
    /// An ICU transliterator ID, when the scheme is built into ICU.
    public let systemID: String?
    /// The rule text, when the scheme is a rule file.
    public let rules: String?
    /// The rule file's name, for messages.
    public let ruleFile: String?
    /// What the scheme is.
    public let description: String
    /// Whether words of the input are romanized with it too (not only pack names).
    public let appliesToText: Bool
    /// Whether its output also yields skeleton keys.
    public let makesSkeleton: Bool
}

/// The rule data the fold ladder needs: romanization schemes, the skeleton transform and the
/// packs' own rules. Loaded once; every ``FoldLadder`` compiles its own transliterators from it.
struct FoldRules: Sendable {
    /// Schemes by script code.
    let schemes: [RomanizationScheme]
    /// The skeleton transform's rule text.
    let skeletonRules: String
    /// Extra rules contributed by packs, applied to every folded key, in pack order.
    let packRules: [(id: String, text: String)]

    /// The rules shipped with Canonym, plus `packRules`.
    static func bundled(packRules: [(id: String, text: String)] = []) throws -> FoldRules {
        let directory = try ResourceLocator.rulesDirectory()
        let manifestPath = directory + "/schemes.tsv"
        guard let manifest = try? String(contentsOfFile: manifestPath, encoding: .utf8) else {
            throw CanonymError.missingResource(manifestPath)
        }
        var schemes: [RomanizationScheme] = []
        var header: [String: Int] = [:]
        for (index, rawLine) in manifest.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            if header.isEmpty {
                for (i, name) in fields.enumerated() { header[name] = i }
                for required in ["id", "script", "reading", "source"] where header[required] == nil {
                    throw CanonymError.badResource("\(manifestPath):\(index + 1): missing column \(required)")
                }
                continue
            }
            func field(_ name: String) -> String {
                guard let i = header[name], i < fields.count else { return "" }
                return fields[i]
            }
            let source = field("source")
            let use = Set(field("use").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
            let appliesToText = header["use"] == nil || use.contains("text")
            let makesSkeleton = header["use"] == nil || use.contains("skeleton")
            if source.hasSuffix(".txt") {
                let path = directory + "/" + source
                guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                    throw CanonymError.missingResource(path)
                }
                schemes.append(RomanizationScheme(
                    id: field("id"), script: field("script"), reading: field("reading"),
                    systemID: nil, rules: text, ruleFile: source, description: field("description"),
                    appliesToText: appliesToText, makesSkeleton: makesSkeleton))
            } else {
                schemes.append(RomanizationScheme(
                    id: field("id"), script: field("script"), reading: field("reading"),
                    systemID: source, rules: nil, ruleFile: nil, description: field("description"),
                    appliesToText: appliesToText, makesSkeleton: makesSkeleton))
            }
        }
        let skeletonPath = directory + "/skeleton.txt"
        guard let skeleton = try? String(contentsOfFile: skeletonPath, encoding: .utf8) else {
            throw CanonymError.missingResource(skeletonPath)
        }
        return FoldRules(schemes: schemes, skeletonRules: skeleton, packRules: packRules)
    }
}
