import Foundation

/// Which file a mapped image came from and in which state: what `fstat` said of the descriptor
/// that was mapped. Any write to the file through the file system changes its change time
/// (`ctime`), which no program can set back; replacing it (an atomic rename) changes the inode.
struct FileIdentity: Equatable, Sendable {
    var device: UInt64
    var inode: UInt64
    var size: Int64
    /// Modification and change times in nanoseconds since the epoch.
    var modified: Int64
    var changed: Int64
}

extension FileIdentity {
    /// The identity `fstat` reported.
    init(_ info: stat) {
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
        modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        changed = Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec)
    }
}

/// Remembers which files have had their whole checksum computed, so that the next process that
/// opens the same unchanged file can skip reading all of it: a compiled lexicon (tens of
/// milliseconds and every page of a 100 MB file, on each start of a filter), and the pack and
/// guard files whose content digest names a cached compiled lexicon.
///
/// A stamp is a small file in `<cache directory>/verified/`, named by the file's device and
/// inode, holding its ``FileIdentity`` and header checksum and when the verification started.
/// A stamp vouches for a file only when every field still matches **and** the file last changed
/// at least ``margin`` before the verification started: a write that came after the
/// verification then has a later change time, however coarse the file system's clock, so it
/// cannot hide behind the stamp (the "racy" case, which git's index handles the same way). A
/// file verified too soon after it was written is simply verified again next time.
///
/// What a stamp does not catch is damage that bypasses the file system (a failing disk changing
/// bytes under an unchanged inode). Set `CANONYM_VERIFY=always` to check the whole file on every
/// load; `CANONYM_CACHE_DIR=off` has the same effect, since stamps live in the cache directory.
enum ChecksumStamps {
    /// How long before the verification the file must have last changed for a stamp to count:
    /// ten times the coarsest tick Linux stamps file times with (10 ms at `HZ=100`). File
    /// systems with coarser times (FAT's 2 s) or a server clock far behind this machine's need
    /// `CANONYM_VERIFY=always`.
    static let margin: Int64 = 100_000_000

    /// Stamps kept (compiled files, and the pack and guard files whose digests name cache
    /// files); the oldest beyond this are deleted when a new one is written.
    static let maximumStamps = 256

    /// The checksum of a mapped file: the one its stamp recorded when a stamp vouches for the
    /// unchanged file, else `compute()`'s, which is then recorded for the next process. A heap
    /// image (no file) is always computed. `stamped` tells which.
    static func checksum(of image: ByteImage, computing compute: () -> UInt64) -> (sum: UInt64, stamped: Bool) {
        guard let identity = image.identity else { return (compute(), false) }
        if let recorded = recordedChecksum(of: identity) { return (recorded, true) }
        let started = now()
        let sum = compute()
        record(identity, checksum: sum, verifiedAt: started)
        return (sum, false)
    }

    /// The checksum a stamp recorded for the file behind `identity`, if one vouches for it.
    static func recordedChecksum(of identity: FileIdentity, in directory: String? = stampDirectory) -> UInt64? {
        guard let directory, let text = try? String(contentsOfFile: path(for: identity, in: directory), encoding: .utf8),
            let stamp = Stamp(text), stamp.identity == identity, identity.changed <= stamp.verifiedAt - margin
        else { return nil }
        return stamp.checksum
    }

    /// Records that the file behind `identity` matched `checksum` in a verification that started
    /// at `verifiedAt` (nanoseconds since the epoch). Writes nothing when the stamp could not
    /// vouch yet (the file changed less than ``margin`` before). Failures are silent: stamps are
    /// an optimization.
    static func record(_ identity: FileIdentity, checksum: UInt64, verifiedAt: Int64, in directory: String? = stampDirectory) {
        guard let directory, identity.changed <= verifiedAt - margin else { return }
        guard (try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)) != nil else { return }
        let stamp = Stamp(identity: identity, checksum: checksum, verifiedAt: verifiedAt)
        try? AtomicFile.write(Array(stamp.text.utf8), to: path(for: identity, in: directory))
        LexiconCache.deleteAllButNewest(maximumStamps, endingWith: ".stamp", in: directory)
    }

    /// The current time in nanoseconds since the epoch, on the clock file times are taken from.
    static func now() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }

    /// `<cache directory>/verified`, or nil when stamps are off (`CANONYM_VERIFY=always`, or no cache).
    static var stampDirectory: String? {
        if ProcessInfo.processInfo.environment["CANONYM_VERIFY"] == "always" { return nil }
        return LexiconCache.directory.map { $0 + "/verified" }
    }

    private static func path(for identity: FileIdentity, in directory: String) -> String {
        "\(directory)/\(String(identity.device, radix: 16))-\(String(identity.inode, radix: 16)).stamp"
    }

    /// One stamp file: a single line, a format marker and seven decimal fields.
    private struct Stamp {
        var identity: FileIdentity
        var checksum: UInt64
        var verifiedAt: Int64

        init(identity: FileIdentity, checksum: UInt64, verifiedAt: Int64) {
            self.identity = identity
            self.checksum = checksum
            self.verifiedAt = verifiedAt
        }

        init?(_ text: String) {
            let fields = text.split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            guard fields.count == 8, fields[0] == "canonym-stamp-1",
                let device = UInt64(fields[1]), let inode = UInt64(fields[2]), let size = Int64(fields[3]),
                let modified = Int64(fields[4]), let changed = Int64(fields[5]), let checksum = UInt64(fields[6]),
                let verifiedAt = Int64(fields[7])
            else { return nil }
            let identity = FileIdentity(device: device, inode: inode, size: size, modified: modified, changed: changed)
            self.init(identity: identity, checksum: checksum, verifiedAt: verifiedAt)
        }

        var text: String {
            let i = identity
            return "canonym-stamp-1 \(i.device) \(i.inode) \(i.size) \(i.modified) \(i.changed) \(checksum) \(verifiedAt)\n"
        }
    }
}
