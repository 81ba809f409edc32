/// Errors from building or using a lexicon that are not about a pack's content.
///
/// Pack content errors are ``PackError``; ICU failures are ``ICUError``.
public enum CanonymError: Error, Sendable, CustomStringConvertible {
    /// A data file Canonym ships (fold rules, guard data, the default lexicon) was not found.
    case missingResource(String)
    /// A data file Canonym ships is malformed.
    case badResource(String)
    /// A pack's ICU rule file does not compile.
    case badPackRules(file: String, error: ICUError)

    /// A message that says what to do.
    public var description: String {
        switch self {
        case .missingResource(let path):
            "cannot find Canonym's data file \(path). Run from a checkout or a build of Canonym, "
                + "or set CANONYM_RESOURCES to the folder holding `rules` and `guards` "
                + "(and CANONYM_LEXICONS to the Lexicons folder); see README, Installing"
        case .badResource(let message):
            "Canonym's data file is malformed: \(message)"
        case .badPackRules(let file, let error):
            "\(file):\(error.ruleLine ?? 0): error: rule file does not compile: \(error)"
        }
    }
}
