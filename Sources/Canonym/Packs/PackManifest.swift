import Foundation

/// A pack's `pack.json`, parsed and checked.
///
/// ```json
/// {"name": "ua-places", "version": "1.0", "description": "…", "license": "CC-BY-4.0",
///  "attribution": "…", "rules": ["rules/ua.txt"]}
/// ```
/// `name` is required and non-empty; the other keys are optional strings; `rules` is an
/// optional array of paths, relative to the pack directory, of ICU transform rule files.
/// Unknown keys are ignored, so newer manifests still load.
///
/// The JSON is read by a small parser of its own (not `JSONSerialization`) so every error can
/// name its line and column.
struct PackManifest {
    /// The manifest's path as given.
    let file: String
    var name: String?
    var version: String?
    var description: String?
    var license: String?
    var attribution: String?
    /// The rule files `rules` lists, loaded from the pack directory, in manifest order.
    var rules: [Pack.RuleFile] = []

    /// Parses `pack.json` and loads the rule files it lists from `directory` (see
    /// ``loadRule(_:at:directory:log:)``). Returns `nil` when the manifest is not usable (not
    /// JSON, not an object, no valid `name`), with the problems in `log`, in the order of the
    /// members they concern; field type errors are reported in `log` but leave the other
    /// fields usable.
    static func parse(
        bytes: [UInt8], file: String, directory: String, log: inout PackErrorLog
    ) -> PackManifest? {
        bytes.withUnsafeBufferPointer { p in
            parse(p, file: file, directory: directory, log: &log)
        }
    }

    private static func parse(
        _ p: UnsafeBufferPointer<UInt8>, file: String, directory: String, log: inout PackErrorLog
    ) -> PackManifest? {
        let start = PackText.bomLength(p)
        func location(_ offset: Int) -> SourceLocation {
            let (line, column) = PackText.position(p, start: start, offset: offset)
            return SourceLocation(file: file, line: line, column: column)
        }
        if let problem = PackText.firstEncodingProblem(p, from: start) {
            log.append(PackError(
                at: location(problem.offset), problem.problem.message(fileName: "pack.json")))
            return nil
        }
        var parser = PackJSONParser(bytes: p, offset: start)
        let root: PackJSONNode
        do {
            root = try parser.parseDocument()
        } catch {
            log.append(PackError(
                at: location(error.offset),
                "invalid JSON: \(error.message); fix pack.json so it is one JSON object such "
                    + "as {\"name\": \"my-pack\", \"version\": \"1.0\"}"))
            return nil
        }
        guard case .object(let members) = root.value else {
            log.append(PackError(
                at: location(root.offset),
                "pack.json must be a JSON object such as {\"name\": \"my-pack\"}, not "
                    + "\(root.value.kind)"))
            return nil
        }
        var manifest = PackManifest(file: file)
        var seen: [String: Int] = [:]
        var nameIsValid = false
        for member in members where !log.isFull {
            if let first = seen[member.key] {
                let firstLocation = location(first)
                log.append(PackError(
                    at: location(member.keyOffset),
                    "duplicate key \"\(member.key)\" in pack.json (first at line "
                        + "\(firstLocation.line), column \(firstLocation.column)): keep only one"))
                continue
            }
            seen[member.key] = member.keyOffset
            let value = member.value
            func string(_ example: String) -> String? {
                if case .string(let text) = value.value { return text }
                log.append(PackError(
                    at: location(value.offset),
                    "\"\(member.key)\" must be a string, e.g. \"\(member.key)\": \"\(example)\", "
                        + "not \(value.value.kind)"))
                return nil
            }
            switch member.key {
            case "name":
                guard let name = string("my-pack") else { continue }
                if name.isEmpty {
                    log.append(PackError(
                        at: location(value.offset),
                        "\"name\" is empty: give the pack a name, e.g. \"name\": \"my-pack\""))
                    continue
                }
                manifest.name = name
                nameIsValid = true
            case "version": manifest.version = string("1.0")
            case "description": manifest.description = string("Place names of …")
            case "license": manifest.license = string("CC-BY-4.0")
            case "attribution": manifest.attribution = string("Data © …")
            case "rules":
                guard case .array(let items) = value.value else {
                    log.append(PackError(
                        at: location(value.offset),
                        "\"rules\" must be an array of paths, e.g. \"rules\": "
                            + "[\"rules/my-rules.txt\"], not \(value.value.kind)"))
                    continue
                }
                for item in items where !log.isFull {
                    guard case .string(let path) = item.value else {
                        log.append(PackError(
                            at: location(item.offset),
                            "each entry of \"rules\" must be a path string such as "
                                + "\"rules/my-rules.txt\", not \(item.value.kind)"))
                        continue
                    }
                    if let rule = loadRule(
                        path, at: location(item.offset), directory: directory, log: &log)
                    {
                        manifest.rules.append(rule)
                    }
                }
            default:
                continue  // Unknown keys are allowed, for forward compatibility.
            }
        }
        if seen["name"] == nil {
            log.append(PackError(
                at: location(root.offset),
                "pack.json has no \"name\": add one, e.g. {\"name\": \"my-pack\", …}; every "
                    + "pack needs a name"))
        }
        return nameIsValid ? manifest : nil
    }

    /// Loads one rule file listed in the manifest, from `directory`.
    ///
    /// The path must be relative, stay inside the pack directory (also after following
    /// symbolic links), name an existing file, and hold UTF-8 text. Problems go to `log` at
    /// the path's place in `pack.json` (or, for bad UTF-8, at the place in the rule file).
    private static func loadRule(
        _ path: String, at location: SourceLocation, directory: String, log: inout PackErrorLog
    ) -> Pack.RuleFile? {
        if let problem = escapeProblem(path) {
            log.append(PackError(at: location, problem))
            return nil
        }
        let full = packPath(directory, path)
        if let resolvedDirectory = realPath(directory.isEmpty ? "." : directory),
            let resolvedFile = realPath(full),
            !resolvedFile.hasPrefix(
                resolvedDirectory.hasSuffix("/") ? resolvedDirectory : resolvedDirectory + "/")
        {
            log.append(PackError(
                at: location,
                "rule file \(packQuote(path)) resolves to \(resolvedFile), outside the pack "
                    + "directory (through a symbolic link): copy the file into the pack"))
            return nil
        }
        switch PackFileContents.read(full) {
        case .missing:
            log.append(PackError(
                at: location,
                "rule file \(packQuote(path)) does not exist (looked for \(full)): add the file or "
                    + "remove it from \"rules\""))
        case .notAFile:
            log.append(PackError(
                at: location,
                "rule file \(packQuote(path)) is a directory: list the rule files themselves"))
        case .unreadable:
            log.append(PackError(
                at: location, "rule file \(packQuote(path)) cannot be read: check its permissions"))
        case .bytes(let bytes):
            return bytes.withUnsafeBufferPointer { p in
                let start = PackText.bomLength(p)
                if let problem = PackText.firstEncodingProblem(p, from: start) {
                    let (line, column) = PackText.position(p, start: start, offset: problem.offset)
                    log.append(PackError(
                        at: SourceLocation(file: full, line: line, column: column),
                        problem.problem.message(fileName: "the rule file")))
                    return nil
                }
                let text = String(
                    decoding: UnsafeBufferPointer(rebasing: p[start...]), as: UTF8.self)
                return Pack.RuleFile(path: path, text: text)
            }
        }
        return nil
    }

    /// Why a rule path written in the manifest may not be used, or `nil` if it may.
    static func escapeProblem(_ path: String) -> String? {
        if path.isEmpty {
            return "empty rule file path: write a path relative to the pack directory, e.g. "
                + "\"rules/my-rules.txt\""
        }
        if path.hasPrefix("/") || path.hasPrefix("~") {
            return "rule file path \(packQuote(path)) is absolute: write it relative to the pack "
                + "directory, e.g. \"rules/my-rules.txt\", and keep the file inside the pack"
        }
        var depth = 0
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch component {
            case ".": continue
            case "..":
                depth -= 1
                if depth < 0 {
                    return "rule file path \(packQuote(path)) leaves the pack directory: a pack "
                        + "may only use rule files inside its own directory; copy the file in"
                }
            default: depth += 1
            }
        }
        if depth == 0 {
            return "rule file path \(packQuote(path)) names the pack directory itself: name a file"
        }
        return nil
    }

    /// The path with every symbolic link resolved, or `nil` when it does not exist.
    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}

// MARK: - A JSON parser that knows where things are

/// A parsed JSON value with the byte offset where it starts.
struct PackJSONNode {
    let value: PackJSONValue
    let offset: Int
}

/// A JSON value. Object members keep their order and the offsets of their keys.
indirect enum PackJSONValue {
    case object([(key: String, keyOffset: Int, value: PackJSONNode)])
    case array([PackJSONNode])
    case string(String)
    case number
    case bool(Bool)
    case null

    /// The kind of value, for messages: "a number", "an object"…
    var kind: String {
        switch self {
        case .object: return "an object"
        case .array: return "an array"
        case .string: return "a string"
        case .number: return "a number"
        case .bool: return "a boolean"
        case .null: return "null"
        }
    }
}

/// A JSON syntax error at a byte offset.
struct PackJSONSyntaxError: Error {
    let offset: Int
    let message: String
}

/// A strict RFC 8259 parser over UTF-8 bytes (already checked to be valid UTF-8).
struct PackJSONParser {
    private let p: UnsafeBufferPointer<UInt8>
    private var i: Int
    private static let maxDepth = 256

    init(bytes: UnsafeBufferPointer<UInt8>, offset: Int) {
        self.p = bytes
        self.i = offset
    }

    /// Parses one value followed only by whitespace.
    mutating func parseDocument() throws(PackJSONSyntaxError) -> PackJSONNode {
        skipWhitespace()
        let node = try parseValue(depth: 0)
        skipWhitespace()
        if i < p.count {
            throw PackJSONSyntaxError(offset: i, message: "unexpected text after the JSON value")
        }
        return node
    }

    private mutating func skipWhitespace() {
        while i < p.count, p[i] == 0x20 || p[i] == 0x0A || p[i] == 0x0D || p[i] == 0x09 {
            i += 1
        }
    }

    private func describeHere() -> String {
        guard i < p.count else { return "the end of the file" }
        let b = p[i]
        if b >= 0x21 && b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
        return "a \(b < 0x80 ? "control" : "non-ASCII") character"
    }

    private mutating func expect(_ byte: UInt8, _ what: String) throws(PackJSONSyntaxError) {
        guard i < p.count, p[i] == byte else {
            throw PackJSONSyntaxError(
                offset: i, message: "expected \(what) but found \(describeHere())")
        }
        i += 1
    }

    private mutating func parseValue(depth: Int) throws(PackJSONSyntaxError) -> PackJSONNode {
        let start = i
        guard i < p.count else {
            throw PackJSONSyntaxError(offset: i, message: "expected a value but the file ends")
        }
        if depth > Self.maxDepth {
            throw PackJSONSyntaxError(offset: i, message: "values are nested too deeply")
        }
        switch p[i] {
        case UInt8(ascii: "{"):
            i += 1
            var members: [(key: String, keyOffset: Int, value: PackJSONNode)] = []
            skipWhitespace()
            if i < p.count && p[i] == UInt8(ascii: "}") {
                i += 1
                return PackJSONNode(value: .object(members), offset: start)
            }
            while true {
                skipWhitespace()
                let keyOffset = i
                guard i < p.count, p[i] == UInt8(ascii: "\"") else {
                    throw PackJSONSyntaxError(
                        offset: i,
                        message: "expected a key in double quotes but found \(describeHere())")
                }
                let key = try parseString()
                skipWhitespace()
                try expect(UInt8(ascii: ":"), "':' after the key")
                skipWhitespace()
                let value = try parseValue(depth: depth + 1)
                members.append((key, keyOffset, value))
                skipWhitespace()
                if i < p.count && p[i] == UInt8(ascii: ",") {
                    i += 1
                    continue
                }
                try expect(UInt8(ascii: "}"), "',' or '}' after a member")
                return PackJSONNode(value: .object(members), offset: start)
            }
        case UInt8(ascii: "["):
            i += 1
            var items: [PackJSONNode] = []
            skipWhitespace()
            if i < p.count && p[i] == UInt8(ascii: "]") {
                i += 1
                return PackJSONNode(value: .array(items), offset: start)
            }
            while true {
                skipWhitespace()
                items.append(try parseValue(depth: depth + 1))
                skipWhitespace()
                if i < p.count && p[i] == UInt8(ascii: ",") {
                    i += 1
                    continue
                }
                try expect(UInt8(ascii: "]"), "',' or ']' after an array item")
                return PackJSONNode(value: .array(items), offset: start)
            }
        case UInt8(ascii: "\""):
            return PackJSONNode(value: .string(try parseString()), offset: start)
        case UInt8(ascii: "t"):
            try literal("true")
            return PackJSONNode(value: .bool(true), offset: start)
        case UInt8(ascii: "f"):
            try literal("false")
            return PackJSONNode(value: .bool(false), offset: start)
        case UInt8(ascii: "n"):
            try literal("null")
            return PackJSONNode(value: .null, offset: start)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            try parseNumber()
            return PackJSONNode(value: .number, offset: start)
        default:
            throw PackJSONSyntaxError(
                offset: i, message: "expected a value but found \(describeHere())")
        }
    }

    private mutating func literal(_ word: StaticString) throws(PackJSONSyntaxError) {
        let start = i
        let expected = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        for b in expected {
            guard i < p.count, p[i] == b else {
                throw PackJSONSyntaxError(
                    offset: start, message: "expected a value but found \(describeAt(start))")
            }
            i += 1
        }
    }

    private func describeAt(_ offset: Int) -> String {
        var copy = self
        copy.i = offset
        return copy.describeHere()
    }

    private mutating func parseNumber() throws(PackJSONSyntaxError) {
        let start = i
        func digits() -> Int {
            let from = i
            while i < p.count, p[i] >= UInt8(ascii: "0"), p[i] <= UInt8(ascii: "9") { i += 1 }
            return i - from
        }
        if p[i] == UInt8(ascii: "-") { i += 1 }
        let integerStart = i
        let integerDigits = digits()
        if integerDigits == 0 {
            throw PackJSONSyntaxError(offset: start, message: "invalid number")
        }
        if integerDigits > 1 && p[integerStart] == UInt8(ascii: "0") {
            throw PackJSONSyntaxError(offset: start, message: "numbers must not have leading zeros")
        }
        if i < p.count && p[i] == UInt8(ascii: ".") {
            i += 1
            if digits() == 0 {
                throw PackJSONSyntaxError(
                    offset: start, message: "invalid number: digits must follow '.'")
            }
        }
        if i < p.count && (p[i] == UInt8(ascii: "e") || p[i] == UInt8(ascii: "E")) {
            i += 1
            if i < p.count && (p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "-")) { i += 1 }
            if digits() == 0 {
                throw PackJSONSyntaxError(offset: start, message: "invalid number: bad exponent")
            }
        }
    }

    /// Parses a string starting at its opening quote.
    private mutating func parseString() throws(PackJSONSyntaxError) -> String {
        let open = i
        i += 1
        var scalars = String.UnicodeScalarView()
        var runStart = i
        func flushRun(_ end: Int, into scalars: inout String.UnicodeScalarView) {
            if end > runStart {
                scalars.append(contentsOf: String(
                    decoding: UnsafeBufferPointer(rebasing: p[runStart..<end]), as: UTF8.self
                ).unicodeScalars)
            }
        }
        while true {
            guard i < p.count else {
                throw PackJSONSyntaxError(offset: open, message: "unterminated string")
            }
            let b = p[i]
            if b == UInt8(ascii: "\"") {
                flushRun(i, into: &scalars)
                i += 1
                return String(scalars)
            }
            if b < 0x20 {
                throw PackJSONSyntaxError(
                    offset: i,
                    message: b == 0x0A
                        ? "unterminated string (a line break inside quotes)"
                        : "control character in a string; write it as an escape such as \\t")
            }
            if b != UInt8(ascii: "\\") {
                i += 1
                continue
            }
            flushRun(i, into: &scalars)
            let escape = i
            i += 1
            guard i < p.count else {
                throw PackJSONSyntaxError(offset: open, message: "unterminated string")
            }
            let e = p[i]
            i += 1
            switch e {
            case UInt8(ascii: "\""): scalars.append("\"")
            case UInt8(ascii: "\\"): scalars.append("\\")
            case UInt8(ascii: "/"): scalars.append("/")
            case UInt8(ascii: "b"): scalars.append("\u{08}")
            case UInt8(ascii: "f"): scalars.append("\u{0C}")
            case UInt8(ascii: "n"): scalars.append("\n")
            case UInt8(ascii: "r"): scalars.append("\r")
            case UInt8(ascii: "t"): scalars.append("\t")
            case UInt8(ascii: "u"):
                var value = try hex4(escape)
                if (0xD800...0xDBFF).contains(value) {
                    guard i + 1 < p.count, p[i] == UInt8(ascii: "\\"), p[i + 1] == UInt8(ascii: "u")
                    else {
                        throw PackJSONSyntaxError(offset: escape, message: "unpaired surrogate escape")
                    }
                    i += 2
                    let low = try hex4(escape)
                    guard (0xDC00...0xDFFF).contains(low) else {
                        throw PackJSONSyntaxError(offset: escape, message: "unpaired surrogate escape")
                    }
                    value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let scalar = Unicode.Scalar(value) else {
                    throw PackJSONSyntaxError(offset: escape, message: "unpaired surrogate escape")
                }
                scalars.append(scalar)
            default:
                throw PackJSONSyntaxError(
                    offset: escape, message: "invalid escape sequence in a string")
            }
            runStart = i
        }
    }

    private mutating func hex4(_ escape: Int) throws(PackJSONSyntaxError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard i < p.count else {
                throw PackJSONSyntaxError(offset: escape, message: "invalid \\u escape")
            }
            let b = p[i]
            let digit: UInt8
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = b - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = b - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = b - UInt8(ascii: "A") + 10
            default: throw PackJSONSyntaxError(offset: escape, message: "invalid \\u escape")
            }
            value = value << 4 | UInt32(digit)
            i += 1
        }
        return value
    }
}
