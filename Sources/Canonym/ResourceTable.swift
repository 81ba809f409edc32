import Foundation

/// Reads the tab-separated data files Canonym ships (guard lists, thresholds, designators,
/// inflection paradigms): a header line first, `#` comment lines, LF or CRLF.
enum ResourceTable {
    /// Reads a TSV with a header line and `#` comments, calling `body` with each row's values
    /// for `columns`, in that order. Splits bytes, not Characters: the word list has 400k rows.
    static func read(
        _ path: String, columns: [String] = ["key", "value"], required: Bool,
        onlyWhere filter: (column: Int, values: Set<String>)? = nil, _ body: ([String]) -> Void
    ) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            if required { throw CanonymError.missingResource(path) }
            return
        }
        let bytes = [UInt8](data)
        var indexes: [Int] = []
        var row = [String](repeating: "", count: columns.count)
        var fields: [Range<Int>] = []
        var lineStart = 0
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            defer { lineStart = lineEnd + 1 }
            var contentEnd = lineEnd
            if contentEnd > lineStart, bytes[contentEnd - 1] == 0x0D { contentEnd -= 1 }
            if contentEnd == lineStart || bytes[lineStart] == 0x23 { continue }
            fields.removeAll(keepingCapacity: true)
            var fieldStart = lineStart
            for i in lineStart..<contentEnd where bytes[i] == 0x09 {
                fields.append(fieldStart..<i)
                fieldStart = i + 1
            }
            fields.append(fieldStart..<contentEnd)
            if indexes.isEmpty {
                let header = fields.map { String(decoding: bytes[$0], as: UTF8.self) }
                for column in columns {
                    guard let i = header.firstIndex(of: column) else {
                        throw CanonymError.badResource("\(path): no column \(column)")
                    }
                    indexes.append(i)
                }
                continue
            }
            if let filter {
                let i = indexes[filter.column]
                guard i < fields.count, filter.values.contains(String(decoding: bytes[fields[i]], as: UTF8.self)) else {
                    continue
                }
            }
            for (k, i) in indexes.enumerated() {
                row[k] = i < fields.count ? String(decoding: bytes[fields[i]], as: UTF8.self) : ""
            }
            body(row)
        }
    }
}
