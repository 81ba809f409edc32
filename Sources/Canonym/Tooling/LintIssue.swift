/// One finding of ``LexiconLinter``: an error (the packs would not load) or a warning (they load,
/// but a reviewer should look).
///
/// `description` is `file:line:column: warning: message [class]`, the form compilers use, so
/// editors and CI annotate the right line.
public struct LintIssue: Sendable, Hashable, CustomStringConvertible {
    /// Whether the packs would still load.
    public enum Severity: String, Sendable, Hashable, Codable {
        /// The packs would not load (``Pack/load(from:allowingForeignIDs:)``,
        /// ``PackSet`` or ``Lexicon`` would throw).
        case error
        /// The packs load, but something deserves review.
        case warning
    }

    /// The class of a finding. Error classes name the file or step that fails; warning classes
    /// name the check.
    public enum Kind: String, Sendable, Hashable, CaseIterable, Codable {
        /// Error: the pack directory is missing or not a directory.
        case pack
        /// Error: `pack.json` is missing, not JSON, or has a bad field.
        case manifest
        /// Error: a rule file is missing, outside the pack, not UTF-8, or does not compile.
        case rules
        /// Error: a problem in `entities.tsv` (header, encoding, fields, ids, values).
        case entities
        /// Error: a problem in `names.tsv` (header, encoding, fields, ids, values, duplicates).
        case names
        /// Error: the packs conflict when loaded together (one id defined differently, a name of
        /// an id no pack defines).
        case packSet = "pack-set"
        /// Warning: the same row twice (across packs, or equal after Unicode normalization).
        case duplicate
        /// Warning: names of different entities fold to the same key at some level.
        case collision
        /// Warning: a name that is a common word of a language.
        case commonWord = "common-word"
        /// Warning: a name that mixes scripts (UTS #39 "highly restrictive" level).
        case mixedScript = "mixed-script"
        /// Warning: a name that looks like a word of another script, or holds invisible
        /// characters (UTS #39 skeleton).
        case confusable
        /// Warning: a name of one or two letters.
        case shortName = "short-name"
        /// Warning: an entity whose only name is its label, or that has no name at all.
        case labelOnly = "label-only"
        /// Warning: an entity whose label is not among its names.
        case labelNotAName = "label-not-a-name"

        /// The classes that are errors.
        public static let errorKinds: [Kind] = [.pack, .manifest, .rules, .entities, .names, .packSet]
        /// The classes that are warnings, in report order.
        public static let warningKinds: [Kind] = [
            .duplicate, .collision, .commonWord, .mixedScript, .confusable, .shortName, .labelOnly,
            .labelNotAName,
        ]
    }

    /// Error or warning.
    public let severity: Severity
    /// Its class.
    public let kind: Kind
    /// Where it is, when it concerns a line.
    public let location: SourceLocation?
    /// The file concerned (the location's file when there is one), or the directory.
    public let file: String?
    /// What is wrong and what to do.
    public let message: String

    /// Creates a finding.
    public init(severity: Severity, kind: Kind, location: SourceLocation?, file: String? = nil, message: String) {
        self.severity = severity
        self.kind = kind
        self.location = location
        self.file = location?.file ?? file
        self.message = message
    }

    /// `file:line:column: severity: message [class]`.
    public var description: String {
        let place = location.map { "\($0): " } ?? file.map { "\($0): " } ?? ""
        return "\(place)\(severity.rawValue): \(message) [\(kind.rawValue)]"
    }
}

extension LintIssue.Kind {
    /// Whether the class is an error class.
    public var isError: Bool { LintIssue.Kind.errorKinds.contains(self) }
}
