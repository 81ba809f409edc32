import Foundation

/// An on-disk cache of a lexicon's fold-key index, so that loading the same packs again skips
/// the ICU work (seconds for the default lexicon) and only reads the tries back.
///
/// The cache file is named by a 128-bit digest of everything the index depends on: the format
/// version, ICU's version, every rule text, and every entity id and name row in load order. Any
/// change to a pack or a rule gives a new digest, hence a rebuild. A file that is truncated,
/// foreign or corrupt (checked by magic, version, length and checksum) is ignored and rebuilt,
/// never trusted. Files are written to a temporary name and renamed, so readers never see a
/// partial file.
///
/// Location: `$CANONYM_CACHE_DIR`, else `$XDG_CACHE_HOME/canonym`, else `~/.cache/canonym`.
/// `CANONYM_CACHE_DIR=off` disables it. The ``maximumFiles`` most recently used files are kept.
enum IndexCache {
    static let magic: [UInt8] = Array("CNMIDX\r\n".utf8)
    /// Bump whenever the file layout OR the way keys are computed and inserted changes: the
    /// digest covers the data and rules, not Canonym's own code.
    static let formatVersion: UInt32 = 4

    /// The cache folder, or nil when caching is off or no folder can be made.
    static var directory: String? {
        let env = ProcessInfo.processInfo.environment
        let path: String
        if let dir = env["CANONYM_CACHE_DIR"] {
            if dir == "off" || dir.isEmpty { return nil }
            path = dir
        } else if let xdg = env["XDG_CACHE_HOME"], !xdg.isEmpty {
            path = xdg + "/canonym"
        } else if let home = env["HOME"], !home.isEmpty {
            path = home + "/.cache/canonym"
        } else {
            return nil
        }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            return nil
        }
        return path
    }

    /// The digest of the index's inputs, as 32 hex digits.
    static func digest(entities: [Entity], names: [NameRecord], rules: FoldRules) -> String {
        var hasher = Digest128()
        hasher.add(formatVersion)
        hasher.add(ICUError.icuVersion)
        for scheme in rules.schemes {
            hasher.add(scheme.id); hasher.add(scheme.script); hasher.add(scheme.reading)
            hasher.add(scheme.systemID ?? ""); hasher.add(scheme.rules ?? "")
            hasher.add(scheme.appliesToText ? "t" : "-"); hasher.add(scheme.makesSkeleton ? "s" : "-")
        }
        hasher.add(rules.skeletonRules)
        hasher.add(Inflector.dataDigest)
        for rule in rules.packRules { hasher.add(rule.text) }
        hasher.add(UInt32(entities.count))
        for entity in entities { hasher.add(entity.id) }
        hasher.add(UInt32(names.count))
        for name in names {
            hasher.add(name.entityID); hasher.add(name.name); hasher.add(name.lang ?? ""); hasher.add(UInt32(name.flags.rawValue))
        }
        return hasher.hex
    }

    /// The cached tries for `digest`, or nil when absent or unusable.
    static func load(digest: String) -> [LevelTrie]? {
        let path = directory.map { "\($0)/\(digest).cidx" }
        guard let path, let data = FileManager.default.contents(atPath: path) else { return nil }
        // Mark it recently used, for eviction.
        try? FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: path)
        return decode([UInt8](data), digest: digest)
    }

    /// Stores tries under `digest`, atomically. Failures are silent: the cache is an optimization.
    static func store(_ tries: [LevelTrie], digest: String) {
        guard let directory else { return }
        let bytes = encode(tries, digest: digest)
        let path = "\(directory)/\(digest).cidx"
        let temporary = "\(path).\(ProcessInfo.processInfo.processIdentifier).tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(bytes)) else { return }
        if rename(temporary, path) != 0 { unlink(temporary) }
        evictOldFiles(in: directory)
    }

    /// Cache files kept; the least recently used beyond this are deleted (each index of the
    /// default lexicon is tens of MB, and every pack change makes a new one).
    static let maximumFiles = 12

    private static func evictOldFiles(in directory: String) {
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: directory) else { return }
        let files = names.filter { $0.hasSuffix(".cidx") }.map { directory + "/" + $0 }
        guard files.count > maximumFiles else { return }
        let dated = files.map { path in
            (path, (try? manager.attributesOfItem(atPath: path)[.modificationDate] as? Date) ?? .distantPast)
        }
        for (path, _) in dated.sorted(by: { $0.1 > $1.1 }).dropFirst(maximumFiles) { unlink(path) }
    }

    // MARK: Format
    // magic(8) version(u32) digest(32 ascii) levels(u32) { keys(u32) {len(u32) bytes}… edges(u32)
    // {edge(u64) child(i32)}… starts(u32) {i32}… postings(u32) {entity(i32) name(i32)}… } checksum(16)

    static func encode(_ tries: [LevelTrie], digest: String) -> [UInt8] {
        var out = ByteWriter()
        out.bytes.append(contentsOf: magic)
        out.u32(formatVersion)
        out.bytes.append(contentsOf: Array(digest.utf8))
        out.u32(UInt32(tries.count))
        for trie in tries {
            let storage = trie.storage
            var keys = [String](repeating: "", count: storage.keys.count)
            for (key, id) in storage.keys { keys[Int(id)] = key }
            out.u32(UInt32(keys.count))
            for key in keys {
                out.u32(UInt32(key.utf8.count))
                out.bytes.append(contentsOf: key.utf8)
            }
            out.u32(UInt32(storage.edges.count))
            for (edge, child) in storage.edges.sorted(by: { $0.key < $1.key }) {
                out.u64(edge)
                out.u32(UInt32(bitPattern: child))
            }
            out.u32(UInt32(storage.postingStart.count))
            for start in storage.postingStart { out.u32(UInt32(bitPattern: start)) }
            out.u32(UInt32(storage.postings.count))
            for posting in storage.postings {
                out.u32(UInt32(bitPattern: posting.entity))
                out.u32(UInt32(bitPattern: posting.name))
            }
        }
        var checksum = Digest128()
        checksum.add(bytes: out.bytes)
        out.bytes.append(contentsOf: Array(checksum.hex.utf8.prefix(16)))
        return out.bytes
    }

    static func decode(_ bytes: [UInt8], digest: String) -> [LevelTrie]? {
        guard bytes.count > magic.count + 4 + 32 + 4 + 16 else { return nil }
        var checksum = Digest128()
        checksum.add(bytes: bytes[0..<(bytes.count - 16)])
        guard Array(checksum.hex.utf8.prefix(16)) == Array(bytes[(bytes.count - 16)...]) else { return nil }
        var reader = ByteReader(bytes: bytes, end: bytes.count - 16)
        guard reader.take(magic.count).map(Array.init) == magic, reader.u32() == formatVersion,
            reader.take(32).map(Array.init) == Array(digest.utf8), let levels = reader.u32(),
            levels == FoldLevel.indexed.count
        else { return nil }
        var tries: [LevelTrie] = []
        for _ in 0..<levels {
            guard let keyCount = reader.u32() else { return nil }
            var keys: [String: Int32] = [:]
            keys.reserveCapacity(Int(keyCount))
            for id in 0..<keyCount {
                guard let length = reader.u32(), let key = reader.take(Int(length)) else { return nil }
                keys[String(decoding: key, as: UTF8.self)] = Int32(id)
            }
            guard let edgeCount = reader.u32() else { return nil }
            var edges: [UInt64: Int32] = [:]
            edges.reserveCapacity(Int(edgeCount))
            for _ in 0..<edgeCount {
                guard let edge = reader.u64(), let child = reader.u32() else { return nil }
                edges[edge] = Int32(bitPattern: child)
            }
            guard let startCount = reader.u32() else { return nil }
            var starts: [Int32] = []
            starts.reserveCapacity(Int(startCount))
            for _ in 0..<startCount {
                guard let start = reader.u32() else { return nil }
                starts.append(Int32(bitPattern: start))
            }
            guard let postingCount = reader.u32() else { return nil }
            var postings: [Posting] = []
            postings.reserveCapacity(Int(postingCount))
            for _ in 0..<postingCount {
                guard let entity = reader.u32(), let name = reader.u32() else { return nil }
                postings.append(Posting(entity: Int32(bitPattern: entity), name: Int32(bitPattern: name)))
            }
            guard let trie = LevelTrie(keys: keys, edges: edges, postingStart: starts, postings: postings) else { return nil }
            tries.append(trie)
        }
        return reader.offset == reader.end ? tries : nil
    }
}

/// Little-endian writer.
struct ByteWriter {
    var bytes: [UInt8] = []
    mutating func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
}

/// Bounds-checked little-endian reader: every read returns nil past the end.
struct ByteReader {
    let bytes: [UInt8]
    let end: Int
    var offset = 0

    init(bytes: [UInt8], end: Int) {
        self.bytes = bytes
        self.end = end
    }

    mutating func take(_ count: Int) -> ArraySlice<UInt8>? {
        guard count >= 0, offset + count <= end else { return nil }
        defer { offset += count }
        return bytes[offset..<offset + count]
    }

    mutating func u32() -> UInt32? {
        guard let s = take(4) else { return nil }
        var v: UInt32 = 0
        for (i, b) in s.enumerated() { v |= UInt32(b) << (8 * UInt32(i)) }
        return v
    }

    mutating func u64() -> UInt64? {
        guard let s = take(8) else { return nil }
        var v: UInt64 = 0
        for (i, b) in s.enumerated() { v |= UInt64(b) << (8 * UInt64(i)) }
        return v
    }
}

/// A 128-bit non-cryptographic digest (two independent 64-bit FNV-1a lanes with a final mix):
/// enough to tell inputs apart for a cache, not to resist an adversary.
struct Digest128 {
    private var a: UInt64 = 0xcbf2_9ce4_8422_2325
    private var b: UInt64 = 0x6c62_272e_07bb_0142

    mutating func add(bytes: some Sequence<UInt8>) {
        for byte in bytes {
            a = (a ^ UInt64(byte)) &* 0x100_0000_01b3
            b = (b ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 &+ 0x9e37_79b9_7f4a_7c15
        }
    }

    mutating func add(_ text: String) {
        add(UInt32(text.utf8.count))
        add(bytes: text.utf8)
    }

    mutating func add(_ value: UInt32) {
        withUnsafeBytes(of: value.littleEndian) { add(bytes: $0) }
    }

    var hex: String {
        func mix(_ x: UInt64) -> UInt64 {
            var z = x
            z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
            z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
            return z ^ (z >> 31)
        }
        let h1 = String(mix(a), radix: 16), h2 = String(mix(b ^ a), radix: 16)
        return String(repeating: "0", count: 16 - h1.count) + h1 + String(repeating: "0", count: 16 - h2.count) + h2
    }
}
