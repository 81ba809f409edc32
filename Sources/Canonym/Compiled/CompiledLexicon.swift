import Foundation

/// A lexicon in its compiled form: one file (or heap buffer) holding everything matching needs,
/// read in place.
///
/// File layout (little-endian; see `docs`/README "Compiled lexicons"):
/// ```
/// 0   magic      8 bytes  89 'C' 'N' 'M' 'L' 'X' 0D 0A
/// 8   version    u32      CompiledLexicon.formatVersion
/// 12  sections   u32      number of entries in the section table
/// 16  length     u64      the file's length in bytes
/// 24  checksum   u64      ImageChecksum.chunked of bytes 32 ..< length
/// 32  build      32 bytes digest of what keys depend on besides the packs (fold rules,
///                         inflection tables, ICU version): a mismatch means "stale"
/// 64  source     32 bytes digest of the sources it was compiled from (the cache's key)
/// 96  table      sections × (tag u32, reserved u32, offset u64, length u64)
///     sections   each starting on an 8-byte boundary
/// ```
/// Sections: a JSON manifest (packs, their rule files, guard thresholds), a string pool, a
/// symbol list, entity and name records with each name's traits (``NameTraits``), attributes,
/// the entity-id table, each entity's names,
/// three guard word tables, five sections per indexed fold level (see ``LevelTrie``), the
/// fuzzy level's deletion index (see ``FuzzyIndex``), the per-character fold table (see
/// ``ScalarFoldTable/encodedEntries()``) and the text loose keys of the names' words (see
/// ``TextLooseKeyTable``).
///
/// Opening checks magic, version, length, checksum (the whole file, at memory speed, unless a
/// ``ChecksumStamps`` stamp vouches that this unchanged file was checked before), the build
/// digest and every section's size; nothing else is parsed.
final class CompiledLexicon: @unchecked Sendable {
    static let magic: [UInt8] = [0x89, 0x43, 0x4E, 0x4D, 0x4C, 0x58, 0x0D, 0x0A]
    /// Bump whenever the layout or the way keys are computed and inserted changes.
    static let formatVersion: UInt32 = 12
    static let headerSize = 96

    enum Section: UInt32, CaseIterable {
        case manifest = 1, strings, symbols, entities, attributes, names, entityIDs, entityNameStarts, entityNameList
        case latinCommonWords, cyrillicCommonWords, givenNames, fuzzy, nameTraits, scalarFolds, textLooseKeys

        /// The five sections of indexed level `level`: keys, edges, posting starts, postings,
        /// and the bitset of nodes with children.
        static func trie(_ level: Int, _ part: Int) -> UInt32 { 100 + UInt32(level) * 5 + UInt32(part) }
    }

    /// The JSON manifest section.
    struct Manifest: Codable {
        struct PackInfo: Codable {
            var name: String
            var version: String?
            var description: String?
            var license: String?
            var attribution: String?
            var directory: String?
            var entityCount: Int
            var nameCount: Int
            var rules: [RuleFile]
        }
        struct RuleFile: Codable {
            var path: String
            var text: String
        }
        var packs: [PackInfo]
        var thresholds: [String: String]
    }

    /// How the checksum was verified when the file was opened.
    enum ChecksumVerification: Sendable {
        /// Every byte was read and summed.
        case computed
        /// A ``ChecksumStamps`` stamp vouched that this unchanged file had been summed before.
        case stamp
    }

    let image: ByteImage
    let checksumVerification: ChecksumVerification
    let manifest: Manifest
    let sourceDigest: String
    let entities: EntityTable
    let names: NameTable
    let entityIDs: StringTable
    let entityNameStarts: UnsafeBufferPointer<UInt32>
    let entityNameList: UnsafeBufferPointer<UInt32>
    let tries: [LevelTrie]
    let latinCommonWords: StringTable
    let cyrillicCommonWords: StringTable
    let givenNames: StringTable
    let fuzzy: FuzzyIndex
    /// The fold ladder's per-character table, computed from ICU at compile time.
    let scalarFolds: ScalarFoldTable.Prebuilt
    /// The text loose keys of every word of the names, computed at compile time.
    let textLooseKeys: TextLooseKeyTable

    /// Maps and checks a compiled lexicon file.
    /// - Throws: ``CompiledLexiconError`` for a missing, foreign, truncated, corrupt, stale or
    ///   malformed file.
    /// - Complexity: O(file size) for the checksum (memory speed) unless a stamp vouches for the
    ///   file (see ``ChecksumStamps``), O(symbols) otherwise.
    convenience init(path: String) throws {
        try self.init(image: ByteImage(mapping: path))
    }

    /// Checks an image and opens its sections.
    init(image: ByteImage) throws {
        let path = image.path ?? "<compiled in memory>"
        guard image.count >= 8, Array(image.bytes(0, 8)) == Self.magic else { throw CompiledLexiconError.notCompiledLexicon(path: path) }
        guard image.count >= Self.headerSize else {
            throw CompiledLexiconError.truncated(path: path, expected: Self.headerSize, actual: image.count)
        }
        let version = image.u32(8)
        guard version == Self.formatVersion else {
            throw CompiledLexiconError.unsupportedVersion(path: path, found: version, supported: Self.formatVersion)
        }
        let length = Int(image.u64(16))
        guard length == image.count else { throw CompiledLexiconError.truncated(path: path, expected: length, actual: image.count) }
        // Computed window by window, each window's pages released after it: a run touches only
        // the pages matching needs, and loading never holds the whole file in memory.
        let (sum, stamped) = ChecksumStamps.checksum(of: image) {
            ImageChecksum.chunked(image.base + 32, count: length - 32, onCores: true) { image.releasePages($0, $1) }
        }
        guard sum == image.u64(24) else {
            throw CompiledLexiconError.checksumMismatch(path: path)
        }
        checksumVerification = stamped ? .stamp : .computed
        guard String(decoding: image.bytes(32, 32), as: UTF8.self) == (try Self.buildDigest()) else {
            throw CompiledLexiconError.stale(path: path)
        }
        self.image = image
        self.sourceDigest = String(decoding: image.bytes(64, 32), as: UTF8.self)
        // The section table.
        let sectionCount = Int(image.u32(12))
        guard Self.headerSize + sectionCount * 24 <= length else { throw CompiledLexiconError.malformed(path: path, section: "table") }
        var sections: [UInt32: (Int, Int)] = [:]
        for i in 0..<sectionCount {
            let entry = Self.headerSize + i * 24
            let offset = Int(image.u64(entry + 8)), size = Int(image.u64(entry + 16))
            guard offset % 8 == 0, offset >= Self.headerSize, size >= 0, offset <= length - size else {
                throw CompiledLexiconError.malformed(path: path, section: "table entry \(i)")
            }
            sections[image.u32(entry)] = (offset, size)
        }
        func section(_ tag: UInt32, _ name: String) throws -> (Int, Int) {
            guard let found = sections[tag] else { throw CompiledLexiconError.malformed(path: path, section: name) }
            return found
        }
        func table(_ tag: Section) throws -> StringTable {
            let (offset, size) = try section(tag.rawValue, "\(tag)")
            guard let table = StringTable(image: image, offset: offset, length: size) else {
                throw CompiledLexiconError.malformed(path: path, section: "\(tag)")
            }
            return table
        }
        func u32s(_ tag: Section, count: Int? = nil) throws -> UnsafeBufferPointer<UInt32> {
            let (offset, size) = try section(tag.rawValue, "\(tag)")
            guard size % 4 == 0, count.map({ $0 * 4 == size }) ?? true else { throw CompiledLexiconError.malformed(path: path, section: "\(tag)") }
            return image.array(offset, count: size / 4, of: UInt32.self)
        }
        let (manifestOffset, manifestSize) = try section(Section.manifest.rawValue, "manifest")
        guard let manifest = try? JSONDecoder().decode(Manifest.self, from: Data(image.bytes(manifestOffset, manifestSize))) else {
            throw CompiledLexiconError.malformed(path: path, section: "manifest")
        }
        self.manifest = manifest
        let (stringsOffset, stringsSize) = try section(Section.strings.rawValue, "strings")
        // Symbols: (offset, length) pairs into the string pool.
        let symbolRefs = try u32s(.symbols)
        var symbols: [String] = []
        symbols.reserveCapacity(symbolRefs.count / 2)
        for i in stride(from: 0, to: symbolRefs.count - 1, by: 2) {
            guard Int(symbolRefs[i]) + Int(symbolRefs[i + 1]) <= stringsSize else { throw CompiledLexiconError.malformed(path: path, section: "symbols") }
            symbols.append(String(decoding: image.bytes(stringsOffset + Int(symbolRefs[i]), Int(symbolRefs[i + 1])), as: UTF8.self))
        }
        let symbolTable = SymbolTable(values: symbols)
        let (entityOffset, entitySize) = try section(Section.entities.rawValue, "entities")
        let (nameOffset, nameSize) = try section(Section.names.rawValue, "names")
        guard entitySize % EntityTable.stride == 0, nameSize % NameTable.stride == 0 else {
            throw CompiledLexiconError.malformed(path: path, section: "records")
        }
        let entityCount = entitySize / EntityTable.stride, nameCount = nameSize / NameTable.stride
        let attributes = try u32s(.attributes)
        let entities = EntityTable(
            image: image, records: entityOffset, count: entityCount, strings: stringsOffset,
            attributes: attributes, symbols: symbolTable)
        self.entities = entities
        let (traitsOffset, traitsSize) = try section(Section.nameTraits.rawValue, "nameTraits")
        guard traitsSize == (nameCount * 2 + 7) / 8 * 8 else { throw CompiledLexiconError.malformed(path: path, section: "nameTraits") }
        self.names = NameTable(
            image: image, records: nameOffset, count: nameCount, strings: stringsOffset, symbols: symbolTable, entities: entities,
            traits: image.array(traitsOffset, count: nameCount, of: UInt16.self))
        self.entityIDs = try table(.entityIDs)
        self.entityNameStarts = try u32s(.entityNameStarts, count: entityCount + 1)
        self.entityNameList = try u32s(.entityNameList, count: nameCount)
        guard entityIDs.count == entityCount else { throw CompiledLexiconError.malformed(path: path, section: "entityIDs") }
        var tries: [LevelTrie] = []
        for level in FoldLevel.indexed {
            let l = level.rawValue
            guard let trie = LevelTrie(
                image: image, keys: try section(Section.trie(l, 0), "\(level) keys"), edges: try section(Section.trie(l, 1), "\(level) edges"),
                starts: try section(Section.trie(l, 2), "\(level) starts"), postings: try section(Section.trie(l, 3), "\(level) postings"),
                branching: try section(Section.trie(l, 4), "\(level) branching"))
            else { throw CompiledLexiconError.malformed(path: path, section: "\(level) trie") }
            tries.append(trie)
        }
        self.tries = tries
        self.latinCommonWords = try table(.latinCommonWords)
        self.cyrillicCommonWords = try table(.cyrillicCommonWords)
        self.givenNames = try table(.givenNames)
        let (fuzzyOffset, fuzzySize) = try section(Section.fuzzy.rawValue, "fuzzy")
        guard let fuzzy = FuzzyIndex(image: image, offset: fuzzyOffset, length: fuzzySize, skeletonKeys: tries[FoldLevel.skeleton.rawValue].keys) else {
            throw CompiledLexiconError.malformed(path: path, section: "fuzzy")
        }
        self.fuzzy = fuzzy
        let (foldsOffset, foldsSize) = try section(Section.scalarFolds.rawValue, "scalarFolds")
        guard let scalarFolds = ScalarFoldTable.Prebuilt(bytes: UnsafeRawBufferPointer(start: image.base + foldsOffset, count: foldsSize), owner: image)
        else { throw CompiledLexiconError.malformed(path: path, section: "scalarFolds") }
        self.scalarFolds = scalarFolds
        let (looseOffset, looseSize) = try section(Section.textLooseKeys.rawValue, "textLooseKeys")
        guard let textLooseKeys = TextLooseKeyTable(image: image, offset: looseOffset, length: looseSize),
            textLooseKeys.wordCount == tries[FoldLevel.exact.rawValue].keyCount
        else { throw CompiledLexiconError.malformed(path: path, section: "textLooseKeys") }
        self.textLooseKeys = textLooseKeys
    }

    /// The packs it was compiled from, read back: each manifest pack with its entities, and each
    /// name row with the pack of its entity (a name a pack adds to another pack's entity moves to
    /// that pack, which combines to the same lexicon).
    /// - Complexity: O(entities + names).
    func packs() -> [Pack] {
        var entitiesByPack: [String: [Entity]] = [:]
        for entity in entities { entitiesByPack[entity.pack, default: []].append(entity) }
        var namesByPack: [String: [NameRecord]] = [:]
        for index in names.indices {
            let pack = entities[Int(names.entity(at: index))].pack
            namesByPack[pack, default: []].append(names[index])
        }
        return manifest.packs.map { info in
            Pack(
                name: info.name, version: info.version, description: info.description, license: info.license,
                attribution: info.attribution, directory: info.directory, entities: entitiesByPack[info.name] ?? [],
                names: namesByPack[info.name] ?? [], rules: info.rules.map { Pack.RuleFile(path: $0.path, text: $0.text) })
        }
    }

    // MARK: Digests

    /// The digest of everything besides the packs that compiled keys depend on: the format
    /// version, ICU's version, the bundled fold rules and inflection tables. A compiled file with
    /// another build digest is stale. Computed once per process.
    static func buildDigest() throws -> String { try buildDigestCache.get() }

    private static let buildDigestCache: Result<String, Error> = Result {
        var digest = Digest128()
        digest.add(formatVersion)
        digest.add(ICUError.icuVersion)
        let rules = try FoldRules.bundled()
        for scheme in rules.schemes {
            digest.add(scheme.id); digest.add(scheme.script); digest.add(scheme.reading)
            digest.add(scheme.systemID ?? ""); digest.add(scheme.rules ?? "")
            digest.add(scheme.appliesToText ? "t" : "-"); digest.add(scheme.makesSkeleton ? "s" : "-")
        }
        digest.add(rules.skeletonRules)
        digest.add(Inflector.dataDigest)
        return digest.hex
    }

    /// The digest of the bundled guard data, which a compiled lexicon carries a copy of: part of
    /// the automatic cache's key, so that new guard data recompiles cached lexicons. (A compiled
    /// file made by hand keeps the guard data it was compiled with.)
    static func guardDataDigest() throws -> String { try guardDigestCache.get() }

    private static let guardDigestCache: Result<String, Error> = Result {
        var digest = Digest128()
        let guards = try ResourceLocator.guardsDirectory()
        for file in ["thresholds.tsv", "common-words.tsv", "given-names.tsv"] {
            digest.add(file)
            digest.addContent(ofFile: guards + "/" + file)
        }
        return digest.hex
    }
}

extension Digest128 {
    /// Adds a file's length and content checksum (or a marker when it cannot be read). The file
    /// is mapped, not copied, and its pages released as they are checked; a ``ChecksumStamps``
    /// stamp for the unchanged file gives the checksum without reading it.
    mutating func addContent(ofFile path: String) {
        guard let image = try? ByteImage(mapping: path) else {
            add("<missing>")
            return
        }
        add(UInt32(truncatingIfNeeded: image.count))
        let sum = ChecksumStamps.checksum(of: image) {
            ImageChecksum.compute(image.base, count: image.count) { image.releasePages($0, $1) }
        }.sum
        add(UInt32(truncatingIfNeeded: sum))
        add(UInt32(truncatingIfNeeded: sum >> 32))
    }
}
