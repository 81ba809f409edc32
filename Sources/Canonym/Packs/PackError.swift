/// Why a pack, or a set of packs, cannot be loaded.
///
/// Every error that concerns a line of a file carries its ``SourceLocation``, and its
/// `description` starts with `file:line:column:` so editors and CI annotate the right place.
public struct PackError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Where the problem is; `nil` for problems with no single place (a missing directory).
    public let location: SourceLocation?
    /// The file concerned when there is no line to point at.
    public let file: String?
    /// What is wrong and, where it helps, what to do about it.
    public let message: String

    /// An error at a place in a file.
    public init(at location: SourceLocation, _ message: String) {
        self.location = location
        self.file = location.file
        self.message = message
    }

    /// An error about a whole file or directory.
    public init(file: String?, _ message: String) {
        self.location = nil
        self.file = file
        self.message = message
    }

    /// `file:line:column: message`, or `file: message`.
    public var description: String {
        if let location { return "\(location): error: \(message)" }
        if let file { return "\(file): error: \(message)" }
        return "error: \(message)"
    }
}
