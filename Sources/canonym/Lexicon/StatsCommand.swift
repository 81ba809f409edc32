import ArgumentParser
import Canonym
import Foundation

struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Count what packs hold: entities by type and country, names per level, key collisions, memory.",
        discussion: """
            The packs are loaded together, as --pack would load them (default: the bundled \
            lexicon). Per fold level: the name rows with an entry there, the distinct word keys, \
            the trie nodes and entries, and the collisions: whole-name keys shared by at least two \
            entities, with the number of entities involved. Memory: the bytes of the compiled image \
            (tables, index, guard words; what `lexicon compile` writes and a run maps), and the \
            process's resident memory after loading, measured.
            """)

    @Argument(help: ArgumentHelp("Pack directories or compiled files (default: the bundled lexicon).", valueName: "pack"))
    var packs: [String] = []

    @Option(help: ArgumentHelp("List this many countries and languages (0: all).", valueName: "n"))
    var top = 20

    @Flag(help: "Write one JSON object instead of text.")
    var json = false

    func run() throws {
        let directories = try PackArguments.directories(packs)
        let lexicon = try reportingErrors { try Lexicon(packDirectories: directories) }
        let stats = LexiconStatistics(lexicon: lexicon)
        let resident = ResidentMemory.bytes()
        let output = OutputBuffer()
        if json {
            var levels: [[String: Any]] = []
            for level in stats.levels {
                levels.append([
                    "level": level.level.description, "names": level.names, "keys": level.keys, "nodes": level.nodes,
                    "postings": level.postings, "collisions": level.collisions,
                    "entities_in_collisions": level.entitiesInCollisions,
                ])
            }
            func object(_ pairs: [(String, Int)]) -> [String: Int] { Dictionary(pairs, uniquingKeysWith: +) }
            var document: [String: Any] = [
                "packs": stats.packs.map { ["name": $0.name, "entities": $0.entities, "names": $0.names] },
                "entities": stats.entityCount, "names": stats.nameCount,
                "entities_by_type": object(stats.entitiesByType), "entities_by_country": object(stats.entitiesByCountry),
                "names_by_language": object(stats.namesByLanguage), "names_by_flag": object(stats.namesByFlag),
                "levels": levels, "table_bytes": stats.tableBytes, "guard_bytes": stats.guardBytes, "file_bytes": stats.fileBytes,
                "index_bytes": stats.indexBytes,
            ]
            if let resident { document["resident_bytes_after_load"] = resident }
            output.append(JSONDocument.text(document))
            output.flush()
            return
        }
        func list(_ pairs: [(String, Int)]) -> String {
            let shown = top > 0 ? Array(pairs.prefix(top)) : pairs
            var text = shown.map { "\($0.0) \(Count.grouped($0.1))" }.joined(separator: ", ")
            if shown.count < pairs.count { text += ", … (\(pairs.count) in all)" }
            return text
        }
        var out = ""
        for pack in stats.packs {
            out += "pack \(pack.name): \(Count.grouped(pack.entities)) entities, \(Count.grouped(pack.names)) names\n"
        }
        out += "entities: \(Count.grouped(stats.entityCount))\n"
        out += "  by type: \(list(stats.entitiesByType))\n"
        out += "  by country: \(list(stats.entitiesByCountry))\n"
        out += "names: \(Count.grouped(stats.nameCount))\n"
        out += "  by language: \(list(stats.namesByLanguage))\n"
        out += "  by flag: \(stats.namesByFlag.map { "\($0.0) \(Count.grouped($0.1))" }.joined(separator: ", "))\n"
        out += "index per level:\n"
        out += "  \(pad("level", 10)) \(pad("names", 9)) \(pad("keys", 9)) \(pad("nodes", 10)) \(pad("entries", 10)) collisions (entities)\n"
        for level in stats.levels {
            out += "  \(pad(level.level.description, 10)) \(pad(Count.grouped(level.names), 9)) \(pad(Count.grouped(level.keys), 9)) "
                + "\(pad(Count.grouped(level.nodes), 10)) \(pad(Count.grouped(level.postings), 10)) "
                + "\(Count.grouped(level.collisions)) (\(Count.grouped(level.entitiesInCollisions)))\n"
        }
        out += "compiled image: tables \(Self.megabytes(stats.tableBytes)), index \(Self.megabytes(stats.indexBytes)), "
            + "guard words \(Self.megabytes(stats.guardBytes)), total \(Self.megabytes(stats.fileBytes)) (mapped, shared between processes)\n"
        if let resident { out += "memory (measured): \(Self.megabytes(resident)) resident after loading, guard data and runtime included\n" }
        output.append(out)
        output.flush()
    }

    static func megabytes(_ bytes: Int) -> String {
        let tenths = (bytes * 10 + (1 << 19)) >> 20
        return "\(tenths / 10).\(tenths % 10) MB"
    }
}

/// The process's resident memory, from /proc/self/statm (Linux).
enum ResidentMemory {
    static func bytes() -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return nil }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return nil }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}
