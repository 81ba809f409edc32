/// Adds and removes entities and names in a pack directory the way a careful person would by
/// hand (`canonym lexicon add|remove`): every other line, comment and blank line stays as it
/// is, new rows follow the file's column order and line endings, and nothing is written unless
/// the pack still loads afterwards.
///
/// ```swift
/// var editor = try PackEditor(directory: "my-pack")
/// try editor.addName(id: "geonames:703448", name: "Kyjiw", lang: "de")
/// try editor.save()
/// ```
///
/// A new entity's row goes at the end of `entities.tsv`; a new name goes after the last row of
/// its entity in `names.tsv` (at the end if it has none). ``save(context:)`` checks the edited
/// pack as ``Pack/validate(directory:allowingForeignIDs:)`` would, in a temporary copy, and then
/// writes the changed files with ``AtomicFile``.
public struct PackEditor {
    /// The pack directory.
    public let directory: String
    private let pack: Pack
    private var entities: TSVLines
    private var names: TSVLines
    private var changed: Set<String> = []

    /// Opens the pack in `directory`.
    /// - Throws: ``PackEditError/doesNotLoad(_:)`` when the pack does not load now (edits would
    ///   only make a broken pack), or when its files cannot be read.
    public init(directory: String) throws(PackEditError) {
        self.directory = directory
        let outcome = Pack.validate(directory: directory, allowingForeignIDs: true)
        guard outcome.errors.isEmpty, let pack = outcome.pack else {
            throw .doesNotLoad(outcome.errors)
        }
        self.pack = pack
        guard case .bytes(let entityBytes) = PackFileContents.read(packPath(directory, "entities.tsv")) else {
            throw .doesNotLoad([PackError(file: packPath(directory, "entities.tsv"), "entities.tsv cannot be read")])
        }
        entities = TSVLines(entityBytes, defaultHeader: "id\tlabel")
        switch PackFileContents.read(packPath(directory, "names.tsv")) {
        case .bytes(let bytes): names = TSVLines(bytes, defaultHeader: "id\tname\tlang\tflags")
        case .missing: names = TSVLines([], defaultHeader: "id\tname\tlang\tflags")
        default: throw .doesNotLoad([PackError(file: packPath(directory, "names.tsv"), "names.tsv cannot be read")])
        }
    }

    /// Adds an entity row, and (unless `labelAsName` is `false`) its label as a name flagged
    /// `preferred`.
    /// - Parameter attributes: values of other columns of `entities.tsv`, which must exist.
    /// - Throws: ``PackEditError`` when the id exists, a value holds a tab or line break, or a
    ///   column is missing.
    public mutating func addEntity(
        id: String, label: String, type: String? = nil, country: String? = nil, population: Int? = nil,
        attributes: [String: String] = [:], labelAsName: Bool = true
    ) throws(PackEditError) {
        if let line = entities.firstRow(where: { $0["id"] == id }) {
            throw .exists("entity \(packQuote(id)) is already defined at \(packPath(directory, "entities.tsv")):\(line)")
        }
        var values: [String: String] = ["id": id, "label": label]
        if let type { values["type"] = type }
        if let country { values["country"] = country }
        if let population { values["population"] = String(population) }
        for (key, value) in attributes { values[key] = value }
        try entities.append(values, file: "entities.tsv")
        changed.insert("entities.tsv")
        if labelAsName { try addName(id: id, name: label, flags: .preferred) }
    }

    /// Adds a name row after the last row of its entity.
    /// - Throws: ``PackEditError`` when the pack already has this name for this entity, or a
    ///   value holds a tab or line break.
    public mutating func addName(id: String, name: String, lang: String? = nil, flags: NameFlags = []) throws(PackEditError) {
        if let line = names.firstRow(where: { $0["id"] == id && $0["name"] == name }) {
            throw .exists("entity \(packQuote(id)) already has the name \(packQuote(name)) at \(packPath(directory, "names.tsv")):\(line)")
        }
        var values: [String: String] = ["id": id, "name": name]
        if let lang { values["lang"] = lang }
        if !flags.isEmpty { values["flags"] = flags.spelled }
        try names.insert(values, afterLastRowWhere: { $0["id"] == id }, file: "names.tsv")
        changed.insert("names.tsv")
    }

    /// Removes an entity's row and every name row of it in this pack; returns how many names
    /// went with it.
    /// - Throws: ``PackEditError/notFound(_:)`` when this pack does not define the entity.
    @discardableResult
    public mutating func removeEntity(id: String) throws(PackEditError) -> Int {
        guard entities.removeRows(where: { $0["id"] == id }) > 0 else {
            throw .notFound("no entity \(packQuote(id)) in \(packPath(directory, "entities.tsv")) (an entity of another pack is removed in that pack)")
        }
        changed.insert("entities.tsv")
        let removed = names.removeRows(where: { $0["id"] == id })
        if removed > 0 { changed.insert("names.tsv") }
        return removed
    }

    /// Removes a name row.
    /// - Throws: ``PackEditError/notFound(_:)`` when the pack has no such row.
    public mutating func removeName(id: String, name: String) throws(PackEditError) {
        guard names.removeRows(where: { $0["id"] == id && $0["name"] == name }) > 0 else {
            throw .notFound("no name \(packQuote(name)) of \(packQuote(id)) in \(packPath(directory, "names.tsv"))")
        }
        changed.insert("names.tsv")
    }

    /// The files edited so far (`entities.tsv`, `names.tsv`).
    public var changedFiles: [String] { changed.sorted() }

    /// The text a file would have if saved now.
    public func contents(of file: String) -> [UInt8] {
        file == "entities.tsv" ? entities.bytes : names.bytes
    }

    /// Checks the edited pack and writes the changed files atomically.
    /// - Parameter context: packs loaded with this one (to check names of their entities).
    /// - Throws: ``PackEditError/wouldNotLoad(_:)`` with every error, nothing written; or
    ///   ``PackEditError/writeFailed(_:)`` with every file unchanged.
    public func save(context: [Pack] = []) throws(PackEditError) {
        try save(context: context, failingAfter: nil)
    }

    /// ``save(context:)`` whose write fails, for tests, after `failingAfter` bytes.
    func save(context: [Pack], failingAfter: Int?) throws(PackEditError) {
        let files = changedFiles.map { (name: $0, bytes: contents(of: $0)) }
        guard !files.isEmpty else { return }
        let errors: [PackError]
        do {
            errors = try PackStaging.errors(of: files, in: directory, existing: pack, context: context)
        } catch {
            throw .writeFailed("cannot check the edited pack in a temporary directory: \(error)")
        }
        if !errors.isEmpty { throw .wouldNotLoad(errors) }
        do {
            try AtomicFile.write(files.map { (packPath(directory, $0.name), $0.bytes) }, failingAfter: failingAfter)
        } catch {
            throw .writeFailed(error.description)
        }
    }
}

/// Why an edit was refused; the pack is unchanged.
public enum PackEditError: Error, Sendable, CustomStringConvertible {
    /// The pack does not load now.
    case doesNotLoad([PackError])
    /// The edited pack would not load; nothing was written.
    case wouldNotLoad([PackError])
    /// The row to add is there already.
    case exists(String)
    /// The row to remove is not there.
    case notFound(String)
    /// A value cannot be written (a tab or line break in it, a column the file lacks).
    case invalidValue(String)
    /// Writing failed; every file is unchanged.
    case writeFailed(String)

    /// What went wrong and what to do.
    public var description: String {
        switch self {
        case .doesNotLoad(let errors):
            "the pack does not load now; fix it first (canonym lexicon lint):\n"
                + errors.map(\.description).joined(separator: "\n")
        case .wouldNotLoad(let errors):
            "refusing to write: the pack would not load afterwards; nothing was changed:\n"
                + errors.map(\.description).joined(separator: "\n")
        case .exists(let message), .notFound(let message), .invalidValue(let message), .writeFailed(let message):
            message
        }
    }
}

/// A TSV file as lines, edited without touching the lines it does not change.
struct TSVLines {
    /// Each line with its line end.
    private var lines: [[UInt8]]
    /// The header's column names, and the index of the header line (`nil`: no header yet).
    private var columns: [String]
    private var headerIndex: Int?
    /// The line end the file uses.
    private let newline: [UInt8]

    init(_ bytes: [UInt8], defaultHeader: String) {
        var lines: [[UInt8]] = []
        var start = 0
        for (i, b) in bytes.enumerated() where b == 0x0A {
            lines.append(Array(bytes[start...i]))
            start = i + 1
        }
        if start < bytes.count { lines.append(Array(bytes[start...])) }
        self.lines = lines
        var newline: [UInt8] = [0x0A]
        var columns: [String] = []
        var headerIndex: Int?
        for (i, line) in lines.enumerated() {
            var content = TSVLines.content(line)
            if i == 0, content.starts(with: [0xEF, 0xBB, 0xBF]) { content.removeFirst(3) }
            if TSVLines.isSkippable(content) { continue }
            headerIndex = i
            columns = String(decoding: content, as: UTF8.self).components(separatedBy: "\t")
            if line.count >= 2, line[line.count - 2] == 0x0D { newline = [0x0D, 0x0A] }
            break
        }
        if headerIndex == nil {
            // No header: write one (the file is empty or only comments).
            if let last = self.lines.last, last.last != 0x0A { self.lines[self.lines.count - 1].append(0x0A) }
            self.lines.append(Array((defaultHeader + "\n").utf8))
            headerIndex = self.lines.count - 1
            columns = defaultHeader.components(separatedBy: "\t")
        }
        self.columns = columns
        self.headerIndex = headerIndex
        self.newline = newline
    }

    /// The file's bytes.
    var bytes: [UInt8] { lines.flatMap { $0 } }

    private static func content(_ line: [UInt8]) -> ArraySlice<UInt8> {
        var end = line.count
        if end > 0, line[end - 1] == 0x0A { end -= 1 }
        if end > 0, line[end - 1] == 0x0D { end -= 1 }
        return line[0..<end]
    }

    private static func isSkippable(_ content: ArraySlice<UInt8>) -> Bool {
        if content.first == UInt8(ascii: "#") { return true }
        return content.allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }

    /// The data rows: (line index, column → value).
    private func rows() -> [(Int, [String: String])] {
        guard let headerIndex else { return [] }
        var rows: [(Int, [String: String])] = []
        for i in (headerIndex + 1)..<lines.count {
            let content = TSVLines.content(lines[i])
            if TSVLines.isSkippable(content) { continue }
            let fields = String(decoding: content, as: UTF8.self).components(separatedBy: "\t")
            var row: [String: String] = [:]
            for (k, column) in columns.enumerated() where k < fields.count { row[column] = fields[k] }
            rows.append((i, row))
        }
        return rows
    }

    /// The 1-based line number of the first row matching `predicate`.
    func firstRow(where predicate: ([String: String]) -> Bool) -> Int? {
        rows().first { predicate($0.1) }.map { $0.0 + 1 }
    }

    /// The row's line, fields in header order.
    private func line(for values: [String: String], file: String) throws(PackEditError) -> [UInt8] {
        for key in values.keys where !columns.contains(key) {
            throw .invalidValue(
                "\(file) has no column \(packQuote(key)) (columns: \(columns.joined(separator: ", "))): add the column to its "
                    + "header first, with a field for it in every row")
        }
        for (key, value) in values where value.contains(where: { $0 == "\t" || $0 == "\n" || $0 == "\r" }) {
            throw .invalidValue("the \(key) \(packQuote(value)) holds a tab or a line break, which \(file) cannot hold")
        }
        return Array(columns.map { values[$0] ?? "" }.joined(separator: "\t").utf8) + newline
    }

    /// Appends a row at the end of the file.
    mutating func append(_ values: [String: String], file: String) throws(PackEditError) {
        let row = try line(for: values, file: file)
        if let last = lines.last, last.last != 0x0A { lines[lines.count - 1] += newline }
        lines.append(row)
    }

    /// Inserts a row after the last row matching `predicate`, or at the end.
    mutating func insert(
        _ values: [String: String], afterLastRowWhere predicate: ([String: String]) -> Bool, file: String
    ) throws(PackEditError) {
        let row = try line(for: values, file: file)
        guard let after = rows().last(where: { predicate($0.1) })?.0 else {
            try append(values, file: file)
            return
        }
        if lines[after].last != 0x0A { lines[after] += newline }
        lines.insert(row, at: after + 1)
    }

    /// Removes the rows matching `predicate`; returns how many.
    mutating func removeRows(where predicate: ([String: String]) -> Bool) -> Int {
        let doomed = Set(rows().filter { predicate($0.1) }.map(\.0))
        guard !doomed.isEmpty else { return 0 }
        lines = lines.enumerated().filter { !doomed.contains($0.offset) }.map(\.element)
        return doomed.count
    }
}
