import Foundation

/// The automatic cache of compiled lexicons: loading the same pack directories (or the same
/// packs) again maps the compiled file instead of parsing TSV and running ICU over every name.
///
/// A cache file is named by the 128-bit digest of its sources: Canonym's build digest (format
/// version, ICU version, bundled fold rules, inflection tables), the running executable's path,
/// size and modification time (a rebuilt compiler may write differently), the guard data and,
/// for directories, each directory's path and every file's name, length and content checksum;
/// for packs given in memory, every field of every entity, name and rule. A changed source gives a
/// new digest, hence a recompile. A cache file that fails any check of ``CompiledLexicon`` is
/// deleted and rebuilt, never trusted. Files are written to a temporary name and renamed, so
/// readers never see a partial file.
///
/// Location: `$CANONYM_CACHE_DIR`, else `$XDG_CACHE_HOME/canonym`, else `~/.cache/canonym`.
/// `CANONYM_CACHE_DIR=off` disables it. The ``maximumFiles`` most recently used files are kept.
enum LexiconCache {
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

    static let fileExtension = "cnmlex"

    /// The cached compiled lexicon for `digest`, or nil when absent or unusable (then deleted).
    static func load(digest: String) -> CompiledLexicon? {
        guard let directory else { return nil }
        let path = "\(directory)/\(digest).\(fileExtension)"
        guard access(path, F_OK) == 0 else { return nil }
        do {
            let compiled = try CompiledLexicon(path: path)
            guard compiled.sourceDigest == digest else {
                unlink(path)
                return nil
            }
            // Mark it recently used, for eviction: at most hourly, since touching the file
            // changes its change time, which voids its checksum stamp until it is checked again.
            if let modified = compiled.image.identity?.modified, ChecksumStamps.now() - modified > 3_600_000_000_000 {
                utimes(path, nil)
            }
            return compiled
        } catch {
            unlink(path)
            return nil
        }
    }

    /// Stores a compiled image under `digest`, atomically. Failures are silent: the cache is an
    /// optimization.
    static func store(_ bytes: [UInt8], digest: String) {
        guard let directory else { return }
        let path = "\(directory)/\(digest).\(fileExtension)"
        try? AtomicFile.write(bytes, to: path)
        evictOldFiles(in: directory)
    }

    /// Cache files kept; the least recently used beyond this are deleted (each compiled default
    /// lexicon is tens of MB, and every pack change makes a new one).
    static let maximumFiles = 12

    private static func evictOldFiles(in directory: String) {
        // Index files of the format before compiled lexicons are dropped outright.
        deleteAllButNewest(0, endingWith: ".cidx", in: directory)
        deleteAllButNewest(maximumFiles, endingWith: "." + fileExtension, in: directory)
    }

    /// Deletes the files of `directory` whose names end with `suffix`, all but the `keep` most
    /// recently modified. Failures are silent (another process may be deleting them too).
    static func deleteAllButNewest(_ keep: Int, endingWith suffix: String, in directory: String) {
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: directory) else { return }
        let files = names.filter { $0.hasSuffix(suffix) }.map { directory + "/" + $0 }
        guard files.count > keep else { return }
        let dated = files.map { path in
            (path, (try? manager.attributesOfItem(atPath: path)[.modificationDate] as? Date) ?? .distantPast)
        }
        for (path, _) in dated.sorted(by: { $0.1 > $1.1 }).dropFirst(keep) { unlink(path) }
    }

    // MARK: Digests

    /// The running executable's size and modification time, part of every cache key: a
    /// rebuilt Canonym (or program that embeds it) may compile the same sources differently (a
    /// new inflection rule in code, not in data), so the cache never hands it a lexicon an
    /// older build compiled. (A file compiled by hand stays usable by any build of its format.)
    /// Empty when the executable cannot be found.
    /// - Complexity: one `stat`, once per process.
    static let executableStamp: String = {
        // /proc/self/exe is a link whose own modification time is the process's start: the
        // stamp must come from the file it points to.
        let candidates = [(try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")), Bundle.main.executablePath]
        for case let path? in candidates where !path.isEmpty {
            if let attributes = try? FileManager.default.attributesOfItem(atPath: path),
                let size = attributes[.size] as? NSNumber, let modified = attributes[.modificationDate] as? Date
            {
                return "\(path)-\(size)-\(modified.timeIntervalSince1970)"
            }
        }
        return ""
    }()

    /// The digest of pack directories as sources: each path, and every file below it (sorted by
    /// relative path) with its length and content checksum.
    /// - Complexity: O(total bytes of the directories), at memory speed.
    static func digest(directories: [String]) throws -> String {
        var digest = Digest128()
        digest.add(try CompiledLexicon.buildDigest())
        digest.add(executableStamp)
        digest.add(try CompiledLexicon.guardDataDigest())
        digest.add("directories")
        for directory in directories {
            let absolute = URL(fileURLWithPath: directory).standardizedFileURL.path
            digest.add(absolute)
            guard let enumerator = FileManager.default.enumerator(atPath: directory) else { continue }
            var files: [String] = []
            while let relative = enumerator.nextObject() as? String {
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: directory + "/" + relative, isDirectory: &isDirectory), !isDirectory.boolValue {
                    files.append(relative)
                }
            }
            for file in files.sorted() {
                digest.add(file)
                digest.addContent(ofFile: directory + "/" + file)
            }
        }
        return digest.hex
    }

    /// The digest of packs given in memory: every field that the compiled image stores, and,
    /// `forCache`, the ``executableStamp`` (a file compiled by hand leaves it out, so that the
    /// same packs compile to the same bytes whichever build compiles them).
    /// - Complexity: O(total size of the packs).
    static func digest(packs: [Pack], forCache: Bool = true) throws -> String {
        var digest = Digest128()
        digest.add(try CompiledLexicon.buildDigest())
        if forCache { digest.add(executableStamp) }
        digest.add(try CompiledLexicon.guardDataDigest())
        digest.add("packs")
        func add(_ location: SourceLocation?) {
            digest.add(location?.file ?? "")
            digest.add(UInt32(truncatingIfNeeded: location?.line ?? 0))
            digest.add(UInt32(truncatingIfNeeded: location?.column ?? 0))
        }
        for pack in packs {
            for field in [pack.name, pack.version, pack.description, pack.license, pack.attribution, pack.directory] {
                digest.add(field ?? "\u{0}")
            }
            for rule in pack.rules { digest.add(rule.path); digest.add(rule.text) }
            digest.add(UInt32(pack.entities.count))
            for entity in pack.entities {
                digest.add(entity.id); digest.add(entity.label); digest.add(entity.type ?? "\u{0}")
                digest.add(entity.country ?? "\u{0}"); digest.add(entity.population.map(String.init) ?? "\u{0}")
                digest.add(entity.pack)
                digest.add(UInt32(entity.attributes.count))
                for attribute in entity.attributes { digest.add(attribute.key); digest.add(attribute.value) }
                add(entity.location)
            }
            digest.add(UInt32(pack.names.count))
            for name in pack.names {
                digest.add(name.entityID); digest.add(name.name); digest.add(name.lang ?? "\u{0}")
                digest.add(UInt32(name.flags.rawValue))
                add(name.location)
            }
        }
        return digest.hex
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
