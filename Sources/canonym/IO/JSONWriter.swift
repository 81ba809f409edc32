import Canonym

/// JSON text written into a buffer the writer owns: one capacity check per value, where
/// `[UInt8].append` checks capacity and uniqueness on every call (the filters write a dozen
/// values per mention, and for `tag` the JSON is most of the output). A command writes a line's
/// objects with one writer and hands the bytes on in one copy with ``write(to:)``.
///
/// Strings are escaped as JSON requires (quote, backslash, control characters, and DEL for
/// readers that choke on it); invalid UTF-8 bytes become U+FFFD, since JSON text must be valid
/// UTF-8.
struct JSONWriter: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    /// Bytes written so far.
    private(set) var count = 0
    private var capacity: Int

    /// A writer with room for `capacity` bytes before it first grows.
    init(capacity: Int = 256) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// Appends the bytes written to `out`, in one copy.
    func write(to out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: base, count: count))
    }

    /// Makes room for `extra` more bytes.
    @inline(__always)
    private mutating func reserve(_ extra: Int) {
        if count &+ extra > capacity { grow(to: count + extra) }
    }

    /// Moves the bytes to a buffer of at least `needed` bytes, doubling so that growth is
    /// amortized O(1) per byte.
    @inline(never)
    private mutating func grow(to needed: Int) {
        let larger = max(needed, capacity * 2)
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
        moved.initialize(from: base, count: count)
        base.deallocate()
        base = moved
        capacity = larger
    }

    /// Appends one byte of punctuation.
    @inline(__always)
    mutating func byte(_ value: UInt8) {
        reserve(1)
        base[count] = value
        count &+= 1
    }

    /// Appends fixed punctuation and key names (`,"id":`) as they are.
    @inline(__always)
    mutating func literal(_ text: StaticString) {
        let n = text.utf8CodeUnitCount
        reserve(n)
        (base + count).update(from: text.utf8Start, count: n)
        count &+= n
    }

    /// Appends bytes that are already JSON text (written earlier by a writer), as they are.
    mutating func encoded(_ bytes: UnsafeBufferPointer<UInt8>) {
        reserve(bytes.count)
        copy(bytes, 0..<bytes.count)
    }

    /// Appends an integer in decimal.
    mutating func integer(_ value: Int) {
        reserve(20)
        if value < 0 { base[count] = 0x2D; count &+= 1 }
        var magnitude = value.magnitude
        var digits = 1, rest = magnitude / 10
        while rest > 0 { digits &+= 1; rest /= 10 }
        var i = count &+ digits &- 1
        repeat {
            base[i] = 0x30 &+ UInt8(truncatingIfNeeded: magnitude % 10)
            magnitude /= 10
            i &-= 1
        } while magnitude > 0
        count &+= digits
    }

    /// Appends a number: whole numbers without a fraction (`1`), others as Swift prints them
    /// (`0.95`), which is the shortest form that reads back to the same value.
    mutating func number(_ value: Double) {
        if value == value.rounded(), abs(value) < 1e15 {
            integer(Int(value))
        } else {
            var text = String(value)
            text.withUTF8 { digits in
                reserve(digits.count)
                (base + count).update(from: digits.baseAddress!, count: digits.count)
                count &+= digits.count
            }
        }
    }

    /// Appends `text` as a JSON string literal, quotes included.
    mutating func string(_ text: String) {
        var text = text
        text.withUTF8 { string($0) }
    }

    /// Appends UTF-8 `bytes` as a JSON string literal, quotes included.
    /// - Complexity: O(n): one scan copies the runs that need no escape (nearly all text) and
    ///   notes whether any byte is not ASCII; only then is the text checked for valid UTF-8 (ids,
    ///   labels and most words are ASCII).
    mutating func string(_ bytes: UnsafeBufferPointer<UInt8>) {
        // An escape is at most six bytes (\u007f) per byte of input.
        reserve(bytes.count &* 6 &+ 2)
        let start = count
        base[count] = 0x22
        count &+= 1
        var runStart = 0, ascii = true
        // Eight bytes at a time while none needs an escape (nearly all text): the loop below
        // then starts where one may.
        var clean = 0
        if let source = bytes.baseAddress {
            var high: UInt64 = 0
            while clean &+ 8 <= bytes.count {
                let word = UInt64(littleEndian: UnsafeRawPointer(source + clean).loadUnaligned(as: UInt64.self))
                if Self.mayNeedEscape(word) { break }
                high |= word & 0x8080_8080_8080_8080
                clean &+= 8
            }
            ascii = high == 0
        }
        for i in clean..<bytes.count {
            let byte = bytes[i]
            if byte >= 0x80 {
                ascii = false
            } else if Self.needsEscape(byte) {
                copy(bytes, runStart..<i)
                escape(byte)
                runStart = i &+ 1
            }
        }
        if !ascii, !UTF8Text.isWellFormed(bytes) {
            // Rare: write the text again, each invalid byte replaced by U+FFFD.
            count = start
            string(String(decoding: bytes, as: UTF8.self))
            return
        }
        copy(bytes, runStart..<bytes.count)
        base[count] = 0x22
        count &+= 1
    }

    /// Copies `bytes[range]` into room already reserved.
    @inline(__always)
    private mutating func copy(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
        guard !range.isEmpty else { return }
        (base + count).update(from: bytes.baseAddress! + range.lowerBound, count: range.count)
        count &+= range.count
    }

    /// Whether one of the eight bytes of `word` is one ``needsEscape(_:)`` accepts: a byte
    /// below 0x20, or equal to 0x22, 0x5C or 0x7F. Exact, with no false alarm: bytes of 0x80
    /// and above never count.
    @inline(__always)
    private static func mayNeedEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        /// Some byte of `v` is zero.
        @inline(__always) func hasZero(_ v: UInt64) -> Bool { (v &- ones) & ~v & highs != 0 }
        let below20 = (word &- ones &* 0x20) & ~word & highs != 0
        return below20 || hasZero(word ^ (ones &* 0x22)) || hasZero(word ^ (ones &* 0x5C)) || hasZero(word ^ (ones &* 0x7F))
    }

    /// Whether JSON text must escape `byte` (see ``escape(_:)``).
    @inline(__always)
    private static func needsEscape(_ byte: UInt8) -> Bool { byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F }

    /// Writes the escape of `byte` into room already reserved: `\"`, `\\`, `\n`, `\r`, `\t`,
    /// or `\u00XX` for the other control characters and DEL.
    private mutating func escape(_ byte: UInt8) {
        let short: UInt8? = switch byte {
        case 0x22: 0x22
        case 0x5C: 0x5C
        case 0x0A: 0x6E
        case 0x0D: 0x72
        case 0x09: 0x74
        default: nil
        }
        base[count] = 0x5C
        if let short {
            base[count &+ 1] = short
            count &+= 2
            return
        }
        @inline(__always) func hexDigit(_ value: UInt8) -> UInt8 { value < 10 ? 0x30 + value : 0x61 + value - 10 }
        base[count &+ 1] = 0x75
        base[count &+ 2] = 0x30
        base[count &+ 3] = 0x30
        base[count &+ 4] = hexDigit(byte >> 4)
        base[count &+ 5] = hexDigit(byte & 0xF)
        count &+= 6
    }
}
