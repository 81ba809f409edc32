import Canonym

/// Finding one string field of a JSON Lines record without re-serializing it, so that every
/// other byte of the record passes through (``JSONWriter`` writes JSON).
enum JSONText {
    /// A string field found in a record.
    struct Field {
        /// Byte range of the literal, quotes included.
        var literal: Range<Int>
        /// The decoded UTF-8 value.
        var value: [UInt8]
        /// Byte index of the object's closing brace.
        var closingBrace: Int
    }

    enum FieldError: Error, CustomStringConvertible {
        case notAnObject
        case missing(String)
        case notAString(String)
        case malformed(Int)

        var description: String {
            switch self {
            case .notAnObject: "not a JSON object"
            case .missing(let name): "no field \"\(name)\""
            case .notAString(let name): "field \"\(name)\" is not a string"
            case .malformed(let at): "malformed JSON at byte \(at + 1)"
            }
        }
    }

    /// Finds the top-level string field `name` in a one-line JSON object.
    static func findField(_ name: String, in bytes: UnsafeBufferPointer<UInt8>) throws(FieldError) -> Field {
        var i = 0
        let n = bytes.count
        func skipSpace() { while i < n, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0D || bytes[i] == 0x0A { i += 1 } }
        skipSpace()
        guard i < n, bytes[i] == 0x7B else { throw .notAnObject }
        i += 1
        var found: (Range<Int>, [UInt8])? = nil
        var foundNonString = false
        let wanted = Array(name.utf8)
        skipSpace()
        if i < n, bytes[i] == 0x7D {
            throw .missing(name)
        }
        while i < n {
            skipSpace()
            guard i < n, bytes[i] == 0x22 else { throw .malformed(i) }
            let keyStart = i
            let key = try parseString(bytes, at: &i)
            _ = keyStart
            skipSpace()
            guard i < n, bytes[i] == 0x3A else { throw .malformed(i) }
            i += 1
            skipSpace()
            guard i < n else { throw .malformed(i) }
            let valueStart = i
            if bytes[i] == 0x22 {
                let value = try parseString(bytes, at: &i)
                if key == wanted, found == nil { found = (valueStart..<i, value) }
            } else {
                try skipValue(bytes, at: &i)
                if key == wanted { foundNonString = true }
            }
            skipSpace()
            guard i < n else { throw .malformed(i) }
            if bytes[i] == 0x2C { i += 1; continue }
            if bytes[i] == 0x7D {
                let close = i
                i += 1
                skipSpace()
                guard i == n else { throw .malformed(i) }
                if let found { return Field(literal: found.0, value: found.1, closingBrace: close) }
                throw foundNonString ? .notAString(name) : .missing(name)
            }
            throw .malformed(i)
        }
        throw .malformed(i)
    }

    private static func parseString(_ bytes: UnsafeBufferPointer<UInt8>, at i: inout Int) throws(FieldError) -> [UInt8] {
        var out: [UInt8] = []
        i += 1
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b == 0x22 { i += 1; return out }
            if b < 0x20 { throw .malformed(i) }
            if b != 0x5C { out.append(b); i += 1; continue }
            i += 1
            guard i < n else { throw .malformed(i) }
            switch bytes[i] {
            case 0x22: out.append(0x22)
            case 0x5C: out.append(0x5C)
            case 0x2F: out.append(0x2F)
            case 0x62: out.append(0x08)
            case 0x66: out.append(0x0C)
            case 0x6E: out.append(0x0A)
            case 0x72: out.append(0x0D)
            case 0x74: out.append(0x09)
            case 0x75:
                var code = try hex4(bytes, at: i + 1)
                i += 4
                if (0xD800..<0xDC00).contains(code), i + 6 < n, bytes[i + 1] == 0x5C, bytes[i + 2] == 0x75 {
                    let low = try hex4(bytes, at: i + 3)
                    if (0xDC00..<0xE000).contains(low) {
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        i += 6
                    }
                }
                let scalar = Unicode.Scalar(code) ?? "\u{FFFD}"
                out.append(contentsOf: Array(String(scalar).utf8))
            default: throw .malformed(i)
            }
            i += 1
        }
        throw .malformed(i)
    }

    private static func hex4(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) throws(FieldError) -> UInt32 {
        guard start + 4 <= bytes.count else { throw .malformed(start) }
        var value: UInt32 = 0
        for k in start..<start + 4 {
            let b = bytes[k]
            let digit: UInt32
            switch b {
            case 0x30...0x39: digit = UInt32(b - 0x30)
            case 0x41...0x46: digit = UInt32(b - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(b - 0x61 + 10)
            default: throw .malformed(k)
            }
            value = value << 4 | digit
        }
        return value
    }

    /// Skips a non-string value (number, literal, nested object or array) by bracket counting.
    private static func skipValue(_ bytes: UnsafeBufferPointer<UInt8>, at i: inout Int) throws(FieldError) {
        var depth = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            switch b {
            case 0x22:
                _ = try parseString(bytes, at: &i)
                if depth == 0 { return }
                continue
            case 0x7B, 0x5B: depth += 1
            case 0x7D, 0x5D:
                if depth == 0 { return }
                depth -= 1
                if depth == 0 { i += 1; return }
            case 0x2C:
                if depth == 0 { return }
            default: break
            }
            i += 1
        }
        if depth != 0 { throw .malformed(i) }
    }
}
