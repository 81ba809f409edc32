import Foundation

/// Checks what a pack would be after a change, before anything is written: the new files are
/// put in a temporary directory with copies of the pack's other files (`pack.json`, rule
/// files), and that directory is validated like any pack.
enum PackStaging {
    /// The errors the pack in `directory` would have with `files` (name → bytes) replacing its
    /// own. `existing` is the pack as it is now (its manifest and rule files are copied unless
    /// `files` replaces them); `context` are other packs it is loaded with, for ids it names
    /// but does not define. Error paths name `directory`, not the temporary one.
    ///
    /// - Complexity: O(n) in the size of the pack.
    static func errors(
        of files: [(name: String, bytes: [UInt8])], in directory: String, existing: Pack?, context: [Pack]
    ) throws -> [PackError] {
        let manager = FileManager.default
        let staging = manager.temporaryDirectory.appendingPathComponent("canonym-staging-\(UUID().uuidString)").path
        try manager.createDirectory(atPath: staging, withIntermediateDirectories: true)
        defer { try? manager.removeItem(atPath: staging) }
        let replaced = Set(files.map(\.name))
        for name in ["pack.json", "entities.tsv", "names.tsv"] where !replaced.contains(name) {
            let source = packPath(directory, name)
            if manager.fileExists(atPath: source) { try manager.copyItem(atPath: source, toPath: staging + "/" + name) }
        }
        for rule in existing?.rules ?? [] {
            let target = staging + "/" + rule.path
            try manager.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(rule.text.utf8).write(to: URL(fileURLWithPath: target))
        }
        for file in files {
            try Data(file.bytes).write(to: URL(fileURLWithPath: staging + "/" + file.name))
        }
        let outcome = Pack.validate(directory: staging, allowingForeignIDs: true)
        var errors = outcome.errors
        if errors.isEmpty, let pack = outcome.pack {
            let known = Set(pack.entities.map(\.id)).union(context.flatMap { $0.entities.map(\.id) })
            for name in pack.names where !known.contains(name.entityID) {
                let wasKnown = existing?.names.contains { $0.entityID == name.entityID } ?? false
                if wasKnown && context.isEmpty { continue }  // A foreign id the pack already named.
                errors.append(PackError(
                    at: name.location ?? SourceLocation(file: staging + "/names.tsv", line: 1, column: 1),
                    "unknown entity id \(packQuote(name.entityID)): no row of entities.tsv defines it"
                        + (context.isEmpty ? "; add the entity first, or name the pack that defines it with --with" : " nor any pack given with --with")))
            }
            if errors.isEmpty, !context.isEmpty {
                errors += PackSet.validate(context + [pack]).errors
            }
        }
        return errors.map { relocate($0, from: staging, to: directory) }
    }

    /// The error with paths under `staging` rewritten to `directory`.
    private static func relocate(_ error: PackError, from staging: String, to directory: String) -> PackError {
        let target = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        let message = error.message.replacingOccurrences(of: staging, with: target)
        if let location = error.location {
            return PackError(
                at: SourceLocation(
                    file: location.file.replacingOccurrences(of: staging, with: target), line: location.line,
                    column: location.column),
                message)
        }
        return PackError(file: error.file?.replacingOccurrences(of: staging, with: target), message)
    }
}
