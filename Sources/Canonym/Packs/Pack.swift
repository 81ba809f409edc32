/// A lexicon pack: a reviewed directory of TSV tables with a `pack.json` manifest.
///
/// ```
/// my-pack/
///   pack.json      {"name": "my-pack", "version": "1", "license": "…", "rules": ["rules/x.txt"]}
///   entities.tsv   id  label  [type]  [country]  [population]  [any other column…]
///   names.tsv      id  name  [lang]  [flags]
/// ```
/// Load one with ``Pack/load(from:)``; combine several into a ``Lexicon``.
public struct Pack: Sendable {
    /// The manifest's `name` (required).
    public let name: String
    /// The manifest's `version`, if any.
    public let version: String?
    /// The manifest's `description`, if any.
    public let description: String?
    /// The manifest's `license`, if any.
    public let license: String?
    /// The manifest's `attribution`, if any.
    public let attribution: String?
    /// The directory the pack was loaded from (`nil` for packs built in memory).
    public let directory: String?
    /// The pack's entities, in file order.
    public let entities: [Entity]
    /// The pack's names, in file order.
    public let names: [NameRecord]
    /// ICU transform rule files the pack adds to folding, in manifest order.
    public let rules: [RuleFile]

    /// An ICU transform rule file carried by a pack.
    public struct RuleFile: Sendable, Hashable {
        /// The path as written in the manifest, relative to the pack directory.
        public let path: String
        /// The rule text.
        public let text: String

        /// Creates a rule file.
        public init(path: String, text: String) {
            self.path = path
            self.text = text
        }
    }

    /// Creates a pack in memory.
    public init(
        name: String, version: String? = nil, description: String? = nil,
        license: String? = nil, attribution: String? = nil, directory: String? = nil,
        entities: [Entity], names: [NameRecord], rules: [RuleFile] = []
    ) {
        self.name = name
        self.version = version
        self.description = description
        self.license = license
        self.attribution = attribution
        self.directory = directory
        self.entities = entities
        self.names = names
        self.rules = rules
    }
}
