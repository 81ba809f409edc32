/// Why a compiled lexicon file cannot be used. Every case names the file and says what to do;
/// none is ever answered with a partial or guessed lexicon.
public enum CompiledLexiconError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file cannot be opened, read or mapped.
    case unreadable(path: String, reason: String)
    /// The file does not start with a compiled lexicon's magic bytes.
    case notCompiledLexicon(path: String)
    /// The file is shorter or longer than its header says (an interrupted copy or write).
    case truncated(path: String, expected: Int, actual: Int)
    /// The file's format version is not the one this Canonym reads.
    case unsupportedVersion(path: String, found: UInt32, supported: UInt32)
    /// The bytes do not match the checksum: the file was damaged after it was written.
    case checksumMismatch(path: String)
    /// The file was compiled with other fold rules, inflection tables or ICU version than this Canonym
    /// uses, so its keys would not match the keys computed for input text.
    case stale(path: String)
    /// The checksum is right but a section is missing or does not fit (a bug, or a foreign writer).
    case malformed(path: String, section: String)

    /// A message that says what happened and what to do.
    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            "\(path): cannot read the compiled lexicon: \(reason)"
        case .notCompiledLexicon(let path):
            "\(path): not a compiled Canonym lexicon (wrong magic bytes); pass a pack directory, "
                + "or make one with `canonym lexicon compile PACK... -o FILE`"
        case .truncated(let path, let expected, let actual):
            "\(path): compiled lexicon is truncated (\(actual) of \(expected) bytes); "
                + "compile it again with `canonym lexicon compile`"
        case .unsupportedVersion(let path, let found, let supported):
            "\(path): compiled lexicon has format version \(found), this Canonym reads version \(supported); "
                + "compile it again with this Canonym's `canonym lexicon compile`"
        case .checksumMismatch(let path):
            "\(path): compiled lexicon is corrupt (checksum mismatch); compile it again with `canonym lexicon compile`"
        case .stale(let path):
            "\(path): compiled lexicon is stale: it was compiled with other fold rules, inflection tables or ICU "
                + "version than this Canonym uses; compile it again with `canonym lexicon compile`"
        case .malformed(let path, let section):
            "\(path): compiled lexicon is malformed (section \(section)); compile it again with `canonym lexicon compile`"
        }
    }
}
