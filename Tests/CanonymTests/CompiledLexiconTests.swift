import Foundation
import Synchronization
import XCTest

@testable import Canonym

/// The compiled lexicon format: what a compiled file holds, how a damaged one is refused, and
/// how the automatic cache follows its sources.
final class CompiledLexiconTests: XCTestCase {
    /// News-like text in three languages that reaches every fold level and the guards.
    static let variedText = [
        "KYIV, March 3 — Shelling near Kiev and Харків; officials in Krasnoarmiisk said Pokrovs'k was calm.",
        "Vladimir Putin met officials in Moscow; Moscow, Idaho was quiet. The bar in March stayed open.",
        "Жители Харькова и Донецка, Россия; у Києві та Чернігові, біля Білої Церкви.",
        "Donetsk and Donetsk Oblast, Ivano-Frankivsk, Chernigov, Kharkov, Tschernihiw, Sumi and Luhans'k.",
        "Kijów, Россия и Україна: Красноармейск, Покровськ, Russian Federation.",
    ]

    private var scratch: String!

    override func setUpWithError() throws {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("canonym-compiled-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: scratch)
    }

    /// The fixture pack as a directory and compiled, once for all tests (they only read both).
    private static let shared: Result<(directory: String, file: String), Error> = Result {
        let directory = try Fixtures.writePackDirectory()
        let file = directory + ".cnmlex"
        sharedPaths.withLock { $0 = [directory, file] }
        try Lexicon.compile([directory], to: file)
        return (directory, file)
    }

    /// Removes the shared fixture, if a test built it (reading `shared` here would build it).
    override class func tearDown() {
        for path in sharedPaths.withLock({ $0 }) { try? FileManager.default.removeItem(atPath: path) }
        super.tearDown()
    }

    private static let sharedPaths = Mutex<[String]>([])

    private func compiledFixture() throws -> (directory: String, file: String) { try Self.shared.get() }

    private func rendering(_ lexicon: Lexicon) -> [String] {
        Self.variedText.flatMap { line in
            lexicon.tag(line).map { mention in
                "\(mention.byteStart)-\(mention.byteEnd) \(mention.text) → \(mention.best.entity.id) \(mention.best.method) "
                    + mention.alternatives.map(\.entity.id).joined(separator: ",")
            }
        } + ["Krasnoarmiisk", "Tschernihiw", "Kharkov", "Киев", "Donetsk", "Moskva"].map { term in
            term + ": " + lexicon.lookup(term).map { "\($0.entity.id)@\($0.method)" }.joined(separator: " ")
        }
    }

    func testCompiledFileBehavesLikeItsSourcePack() throws {
        let (directory, file) = try compiledFixture()
        let fromFile = try Lexicon(compiledFile: file)
        let fromDirectory = try Lexicon(packDirectories: [directory])
        let expected = rendering(fromDirectory)
        XCTAssertGreaterThan(expected.count, 20, "the text must exercise the matcher")
        XCTAssertTrue(expected.contains { $0.contains("inflected") }, "the text reaches the inflected level")
        XCTAssertEqual(rendering(fromFile), expected)
        // --pack FILE takes the same path.
        XCTAssertEqual(rendering(try Lexicon(packDirectories: [file])), expected)
    }

    /// A file compiled by hand records the packs' digest without the executable's stamp, which
    /// keys only the automatic cache: any build compiles the same packs to the same bytes.
    func testAHandCompiledFileDoesNotDependOnTheExecutable() throws {
        let (directory, file) = try compiledFixture()
        let packs = try PackSet.load(from: [directory]).packs
        let compiled = try Lexicon(compiledFile: file).compiled
        XCTAssertEqual(compiled.sourceDigest, try LexiconCache.digest(packs: packs, forCache: false))
        XCTAssertNotEqual(compiled.sourceDigest, try LexiconCache.digest(packs: packs))
        let again = scratch + "/again.cnmlex"
        try Lexicon.compile([directory], to: again)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: again)), try Data(contentsOf: URL(fileURLWithPath: file)))
    }

    /// Reading the file ahead is a hint: it changes no answer, and a file removed since it was
    /// mapped (the mapping keeps its pages) or a lexicon built in memory is no error.
    func testReadingAheadChangesNothingEvenWhenTheFileIsGone() throws {
        let (directory, _) = try compiledFixture()
        let file = scratch + "/ahead.cnmlex"
        try Lexicon.compile([directory], to: file)
        let expected = rendering(try Lexicon(packDirectories: [directory]))
        let mapped = try Lexicon(compiledFile: file)
        mapped.readAhead()
        XCTAssertEqual(rendering(mapped), expected)
        try FileManager.default.removeItem(atPath: file)
        mapped.readAhead()
        XCTAssertEqual(rendering(mapped), expected)
        let inMemory = try Lexicon(packDirectories: [directory])
        inMemory.readAhead()
        XCTAssertEqual(rendering(inMemory), expected)
    }

    func testCompiledTablesGiveBackEveryEntityAndNameRow() throws {
        let (directory, file) = try compiledFixture()
        let source = try PackSet.load(from: [directory])
        let compiled = try Lexicon(compiledFile: file)
        XCTAssertEqual(Array(compiled.entities), source.entities)
        XCTAssertEqual(Array(compiled.names), source.names)
        XCTAssertEqual(compiled.packs.map(\.name), ["fixture"])
        XCTAssertEqual(compiled.packs.first?.license, "CC0-1.0")
        let kyiv = try XCTUnwrap(compiled.entity(id: "geonames:703448"))
        XCTAssertEqual(compiled.names(of: kyiv).map(\.name), ["Kyiv", "Kiev", "Київ", "Киев", "Kijów"])
        XCTAssertNil(compiled.entity(id: "geonames:0"))
    }

    /// The bitset of nodes with children lets a walk stop without probing the edge table, so
    /// it must name exactly the parents of the edge table's edges.
    func testEveryLevelMarksExactlyTheNodesThatHaveChildren() throws {
        let (_, file) = try compiledFixture()
        let compiled = try Lexicon(compiledFile: file)
        var branchingNodes = 0
        for level in FoldLevel.indexed {
            let trie = compiled.tries[level.rawValue]
            var parents = Set<Int32>()
            trie.forEachEdge { parent, _, _ in parents.insert(parent) }
            let marked = (0..<Int32(trie.nodeCount)).filter { trie.hasChildren($0) }
            XCTAssertEqual(Set(marked), parents, "\(level)")
            branchingNodes += parents.count - 1  // not the root
        }
        XCTAssertGreaterThan(branchingNodes, 0, "the fixture has names of several words")
    }

    /// A word of the names takes its loose keys from the compiled table instead of romanizing
    /// it: for every word, they must be the keys the matcher computes, looked up in the
    /// compiled levels, each once and in the same order.
    func testCompiledLooseKeysOfEveryNameWordAreTheComputedOnes() throws {
        let (_, file) = try compiledFixture()
        let lexicon = try Lexicon(compiledFile: file)
        let ladder = try FoldLadder(rules: FoldRules.bundled())
        let exactKeys = lexicon.tries[FoldLevel.exact.rawValue].keys
        let romanized = lexicon.tries[FoldLevel.romanized.rawValue], skeleton = lexicon.tries[FoldLevel.skeleton.rawValue]
        var keys = LooseKeyBytes()
        var wordsWithKeys = 0, cyrillicWordsWithKeys = 0
        XCTAssertEqual(lexicon.textLooseKeys.wordCount, exactKeys.count)
        for index in 0..<exactKeys.count {
            let word = exactKeys.string(at: index)
            let forms = try ladder.strictForms(of: word)
            XCTAssertTrue(ladder.looseKeysOfTextWord(forms, into: &keys), word)
            var expected: [UInt32] = []
            for range in keys.romanized {
                let id = keys.withKey(range) { romanized.keyID($0, hash: StringTable.hash($0)) }
                if id >= 0, !expected.contains(UInt32(id)) { expected.append(UInt32(id)) }
            }
            for range in keys.skeleton {
                let id = keys.withKey(range) { skeleton.keyID($0, hash: StringTable.hash($0)) }
                if id >= 0, !expected.contains(UInt32(id) | TextLooseKeyTable.flag) { expected.append(UInt32(id) | TextLooseKeyTable.flag) }
            }
            let stored = try XCTUnwrap(lexicon.textLooseKeys.keys(ofExactKey: Int32(exactKeys.value(at: index))), word)
            XCTAssertEqual(Array(stored), expected, word)
            if !expected.isEmpty {
                wordsWithKeys += 1
                if forms.script == .cyrillic { cyrillicWordsWithKeys += 1 }
            }
        }
        XCTAssertGreaterThan(wordsWithKeys, 30, "the fixture's words have loose keys")
        XCTAssertGreaterThan(cyrillicWordsWithKeys, 5, "Cyrillic words are romanized at compile time")
        XCTAssertNil(lexicon.textLooseKeys.keys(ofExactKey: -1))
        XCTAssertNil(lexicon.textLooseKeys.keys(ofExactKey: Int32(exactKeys.count)))
    }

    /// A word keeps its one-word names as a range of postings, or as the posting itself when
    /// there is one: both must give back exactly the node's postings, in order.
    func testRootPostingsGiveBackEveryNodesPostingsInOrder() throws {
        let (_, file) = try compiledFixture()
        let lexicon = try Lexicon(compiledFile: file)
        var single = 0, several = 0
        for level in FoldLevel.indexed {
            var trie = lexicon.tries[level.rawValue]
            for node in 1..<Int32(trie.nodeCount) {
                let expected = Array(trie.postings(at: node))
                var seen: [Posting] = []
                withUnsafePointer(to: &trie) { trie in
                    RootPostings(node: node, in: trie.pointee).forEach(in: trie) { seen.append($0) }
                }
                XCTAssertEqual(seen, expected, "\(level) node \(node)")
                if expected.count == 1 { single += 1 } else if expected.count > 1 { several += 1 }
            }
        }
        XCTAssertGreaterThan(single, 50, "most nodes hold one name, kept inline")
        XCTAssertGreaterThan(several, 3, "some hold several, kept as a range")
        var none: [Posting] = []
        var trie = lexicon.tries[0]
        withUnsafePointer(to: &trie) { RootPostings.none.forEach(in: $0) { none.append($0) } }
        XCTAssertEqual(none, [])
    }

    func testCompiledFileCombinesWithAnotherPack() throws {
        let (_, file) = try compiledFixture()
        let extra = scratch + "/extra"
        try FileManager.default.createDirectory(atPath: extra, withIntermediateDirectories: true)
        try #"{"name": "extra", "version": "1"}"#.write(toFile: extra + "/pack.json", atomically: true, encoding: .utf8)
        try "id\tlabel\ttype\tcountry\tpopulation\ntest:lviv\tLviv\tcity\tUA\t717273\n"
            .write(toFile: extra + "/entities.tsv", atomically: true, encoding: .utf8)
        try "id\tname\tlang\tflags\ntest:lviv\tLviv\ten\tpreferred\ntest:lviv\tЛьвів\tuk\t\n"
            .write(toFile: extra + "/names.tsv", atomically: true, encoding: .utf8)
        let combined = try Lexicon(packDirectories: [file, extra])
        XCTAssertEqual(combined.tag("From Львів to Kyiv").map(\.best.entity.id), ["test:lviv", "geonames:703448"])
        XCTAssertEqual(combined.packs.map(\.name), ["fixture", "extra"])
    }

    /// Packs compiled together are checked together: a name row of one may name an entity of
    /// another (as the bundled `colloquial` pack names regions of `regions`).
    func testCompilingSeveralPacksResolvesNamesAcrossThem() throws {
        let (directory, _) = try compiledFixture()
        let nicknames = scratch + "/nicknames"
        try FileManager.default.createDirectory(atPath: nicknames, withIntermediateDirectories: true)
        try #"{"name": "nicknames", "version": "1"}"#.write(toFile: nicknames + "/pack.json", atomically: true, encoding: .utf8)
        try "id\tlabel\ttype\tcountry\tpopulation\n".write(toFile: nicknames + "/entities.tsv", atomically: true, encoding: .utf8)
        try "id\tname\tlang\tflags\ngeonames:703448\tKyivgrad\ten\tvouched\n"
            .write(toFile: nicknames + "/names.tsv", atomically: true, encoding: .utf8)
        let file = scratch + "/both.cnmlex"
        try Lexicon.compile([directory, nicknames], to: file)
        let compiled = try Lexicon(compiledFile: file)
        XCTAssertEqual(compiled.tag("Flights to Kyivgrad resumed").map(\.best.entity.id), ["geonames:703448"])
        XCTAssertEqual(rendering(compiled), rendering(try Lexicon(packDirectories: [directory, nicknames])))
        // Alone, the pack's name row refers to an entity no loaded pack defines.
        XCTAssertThrowsError(try Lexicon.compile([nicknames], to: scratch + "/alone.cnmlex"))
    }

    // MARK: Damaged files

    private func damaged(_ change: (inout [UInt8]) -> Void) throws -> String {
        let (_, file) = try compiledFixture()
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))
        change(&bytes)
        let path = scratch + "/damaged.cnmlex"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    private func assertRefused(_ path: String, _ expected: CompiledLexiconError, mentioning phrase: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try Lexicon(packDirectories: [path]), file: file, line: line) { error in
            XCTAssertEqual(error as? CompiledLexiconError, expected, file: file, line: line)
            XCTAssertTrue("\(error)".contains(phrase), "\(error)", file: file, line: line)
            XCTAssertTrue("\(error)".hasPrefix(path), "the message names the file: \(error)", file: file, line: line)
        }
    }

    func testTruncatedFileIsRefused() throws {
        var original = 0
        let path = try damaged { bytes in
            original = bytes.count
            bytes.removeLast(bytes.count / 3)
        }
        assertRefused(path, .truncated(path: path, expected: original, actual: original - original / 3), mentioning: "truncated")
        let headerOnly = try damaged { $0.removeLast($0.count - 40) }
        assertRefused(headerOnly, .truncated(path: headerOnly, expected: CompiledLexicon.headerSize, actual: 40), mentioning: "truncated")
    }

    func testFileWithWrongMagicIsRefused() throws {
        let path = try damaged { $0[1] = UInt8(ascii: "X") }
        assertRefused(path, .notCompiledLexicon(path: path), mentioning: "not a compiled Canonym lexicon")
        let text = scratch + "/names.txt"
        try "Kyiv\nKharkiv\n".write(toFile: text, atomically: true, encoding: .utf8)
        assertRefused(text, .notCompiledLexicon(path: text), mentioning: "lexicon compile")
        let empty = scratch + "/empty.cnmlex"
        XCTAssertTrue(FileManager.default.createFile(atPath: empty, contents: Data()))
        assertRefused(empty, .notCompiledLexicon(path: empty), mentioning: "wrong magic")
    }

    func testFileOfAnotherFormatVersionIsRefused() throws {
        let path = try damaged { bytes in
            let other = CompiledLexicon.formatVersion + 1
            withUnsafeBytes(of: other.littleEndian) { bytes.replaceSubrange(8..<12, with: $0) }
        }
        assertRefused(
            path, .unsupportedVersion(path: path, found: CompiledLexicon.formatVersion + 1, supported: CompiledLexicon.formatVersion),
            mentioning: "format version")
    }

    func testFlippedBitAnywhereInTheBodyIsRefused() throws {
        for fraction in [0.01, 0.3, 0.6, 0.99] {
            let path = try damaged { bytes in
                let offset = 32 + Int(Double(bytes.count - 33) * fraction)
                bytes[offset] ^= 0x10
            }
            assertRefused(path, .checksumMismatch(path: path), mentioning: "corrupt")
        }
    }

    func testFileCompiledWithOtherFoldRulesIsStale() throws {
        let path = try damaged { bytes in
            bytes[40] = bytes[40] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
            // A writer with other rules stamps a valid checksum over its own digest.
            let sum = bytes.withUnsafeBytes { ImageChecksum.chunked($0.baseAddress! + 32, count: bytes.count - 32) }
            withUnsafeBytes(of: sum.littleEndian) { bytes.replaceSubrange(24..<32, with: $0) }
        }
        assertRefused(path, .stale(path: path), mentioning: "stale")
    }

    func testMissingFileNamesTheProblem() {
        let path = scratch + "/nowhere/x.cnmlex"
        XCTAssertThrowsError(try Lexicon(compiledFile: path)) { error in
            XCTAssertTrue("\(error)".contains("No such file"), "\(error)")
        }
    }

    // MARK: The automatic cache

    func testCacheRecompilesAfterASourceEditAndReusesOtherwise() throws {
        let cache = scratch + "/cache"
        let previous = ProcessInfo.processInfo.environment["CANONYM_CACHE_DIR"]
        setenv("CANONYM_CACHE_DIR", cache, 1)
        defer {
            if let previous { setenv("CANONYM_CACHE_DIR", previous, 1) } else { unsetenv("CANONYM_CACHE_DIR") }
        }
        func cacheFiles() -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: cache)) ?? []).filter { $0.hasSuffix(".cnmlex") }.sorted()
        }
        let directory = try Fixtures.writePackDirectory()
        addTeardownBlock { try? FileManager.default.removeItem(atPath: directory) }
        let first = try Lexicon(packDirectories: [directory])
        XCTAssertEqual(first.lookup("Lemberg").count, 0)
        XCTAssertEqual(cacheFiles().count, 1, "the first load compiles into the cache")
        let cached = cacheFiles()
        let again = try Lexicon(packDirectories: [directory])
        XCTAssertEqual(cacheFiles(), cached, "an unchanged source is read from the cache")
        XCTAssertEqual(again.compiled.image.path, cache + "/" + cached[0], "and mapped from the cached file")

        let names = directory + "/names.tsv"
        try (String(contentsOfFile: names, encoding: .utf8) + "geonames:703448\tLemberg\tde\t\n")
            .write(toFile: names, atomically: true, encoding: .utf8)
        let edited = try Lexicon(packDirectories: [directory])
        XCTAssertEqual(edited.lookup("Lemberg").first?.entity.id, "geonames:703448", "the edit is seen")
        XCTAssertEqual(cacheFiles().count, 2, "the edited source compiled to a new cache file")

        // A damaged cache file is not trusted: it is replaced by a fresh compile.
        let current = try XCTUnwrap(edited.compiled.image.path)
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: current)))
        bytes[bytes.count / 2] ^= 0x01
        try Data(bytes).write(to: URL(fileURLWithPath: current))
        let rebuilt = try Lexicon(packDirectories: [directory])
        XCTAssertEqual(rebuilt.lookup("Lemberg").first?.entity.id, "geonames:703448")
        XCTAssertNoThrow(try CompiledLexicon(path: current), "the damaged cache file was replaced")
    }

    // MARK: Checksum stamps

    /// Runs `body` with the cache (and so the stamps) in a folder of this test's own.
    private func withOwnCache(_ body: (_ stamps: String) throws -> Void) throws {
        let cache = scratch + "/cache"
        let previous = ProcessInfo.processInfo.environment["CANONYM_CACHE_DIR"]
        setenv("CANONYM_CACHE_DIR", cache, 1)
        defer {
            if let previous { setenv("CANONYM_CACHE_DIR", previous, 1) } else { unsetenv("CANONYM_CACHE_DIR") }
        }
        try body(cache + "/verified")
    }

    /// Changes the byte at `offset` of `path` in place (same inode, same size) and puts the
    /// modification time back, as a careless tool might: only the change time moves.
    private func changeByteInPlace(_ path: String, at offset: Int, _ change: (UInt8) -> UInt8) throws {
        let modified = try XCTUnwrap(try ByteImage(mapping: path).identity).modified
        let handle = try XCTUnwrap(FileHandle(forUpdatingAtPath: path))
        try handle.seek(toOffset: UInt64(offset))
        let byte = try XCTUnwrap(handle.readData(ofLength: 1).first)
        try handle.seek(toOffset: UInt64(offset))
        handle.write(Data([change(byte)]))
        try handle.close()
        let time = timespec(tv_sec: Int(modified / 1_000_000_000), tv_nsec: Int(modified % 1_000_000_000))
        var times = [time, time]
        XCTAssertEqual(utimensat(AT_FDCWD, path, &times, 0), 0)
    }

    private func stampFiles(_ directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".stamp") }
    }

    func testFileVerifiedAfterItSettledIsTrustedByItsStampUntilWrittenAgain() throws {
        try withOwnCache { stamps in
            let path = scratch + "/settled.cnmlex"
            try FileManager.default.copyItem(atPath: try compiledFixture().file, toPath: path)
            let fresh = try CompiledLexicon(path: path)
            XCTAssertEqual(fresh.checksumVerification, .computed)
            XCTAssertEqual(stampFiles(stamps), [], "a file changed less than the margin ago gets no stamp")

            Thread.sleep(forTimeInterval: Double(ChecksumStamps.margin) / 1e9 + 0.1)
            XCTAssertEqual(try CompiledLexicon(path: path).checksumVerification, .computed, "checked in full once it settled")
            XCTAssertEqual(stampFiles(stamps).count, 1, "and stamped")
            let trusted = try Lexicon(compiledFile: path)
            XCTAssertEqual(trusted.compiled.checksumVerification, .stamp, "the next load trusts the stamp")
            XCTAssertEqual(rendering(trusted), rendering(try Lexicon(packDirectories: [try compiledFixture().directory])))

            setenv("CANONYM_VERIFY", "always", 1)
            XCTAssertEqual(try CompiledLexicon(path: path).checksumVerification, .computed, "CANONYM_VERIFY=always ignores stamps")
            unsetenv("CANONYM_VERIFY")

            // A byte changed in place (same inode, same size, same modification time put back)
            // changes the file's change time, which voids the stamp.
            let size = try XCTUnwrap(trusted.compiled.image.identity).size
            try changeByteInPlace(path, at: Int(size / 2)) { $0 ^ 0x04 }
            XCTAssertThrowsError(try CompiledLexicon(path: path)) { error in
                XCTAssertEqual(error as? CompiledLexiconError, .checksumMismatch(path: path))
            }
        }
    }

    func testSourceDigestReadsStampsAndSeesAnInPlaceEdit() throws {
        try withOwnCache { stamps in
            let directory = try Fixtures.writePackDirectory()
            addTeardownBlock { try? FileManager.default.removeItem(atPath: directory) }
            Thread.sleep(forTimeInterval: Double(ChecksumStamps.margin) / 1e9 + 0.1)
            let first = try LexiconCache.digest(directories: [directory])
            XCTAssertGreaterThanOrEqual(stampFiles(stamps).count, 3, "the pack's files (and the guard files) are stamped")
            XCTAssertEqual(try LexiconCache.digest(directories: [directory]), first, "stamps give the same digest")

            // One byte changed in place, size and modification time kept: the change time moved.
            let names = directory + "/names.tsv"
            let index = try XCTUnwrap([UInt8](try Data(contentsOf: URL(fileURLWithPath: names))).lastIndex(of: UInt8(ascii: "v")))
            try changeByteInPlace(names, at: index) { _ in UInt8(ascii: "w") }
            XCTAssertNotEqual(try LexiconCache.digest(directories: [directory]), first, "the edit is seen through the stamps")
        }
    }

    func testStampOfAnotherFileStateVouchesForNothing() throws {
        let stamps = scratch + "/stamps"
        let identity = FileIdentity(device: 7, inode: 42, size: 1000, modified: 5_000_000_000, changed: 5_000_000_000)
        ChecksumStamps.record(identity, checksum: 99, verifiedAt: identity.changed + ChecksumStamps.margin / 2, in: stamps)
        XCTAssertEqual(stampFiles(stamps), [], "verified within the margin of a change: not recorded")
        ChecksumStamps.record(identity, checksum: 99, verifiedAt: identity.changed + ChecksumStamps.margin, in: stamps)
        XCTAssertEqual(ChecksumStamps.recordedChecksum(of: identity, in: stamps), 99)
        XCTAssertNotEqual(ChecksumStamps.recordedChecksum(of: identity, in: stamps), 98, "another checksum in the header")
        for changed in [
            FileIdentity(device: 7, inode: 42, size: 1001, modified: 5_000_000_000, changed: 5_000_000_000),
            FileIdentity(device: 7, inode: 42, size: 1000, modified: 5_000_000_001, changed: 5_000_000_000),
            FileIdentity(device: 7, inode: 42, size: 1000, modified: 5_000_000_000, changed: 5_000_000_001),
            FileIdentity(device: 8, inode: 42, size: 1000, modified: 5_000_000_000, changed: 5_000_000_000),
            FileIdentity(device: 7, inode: 43, size: 1000, modified: 5_000_000_000, changed: 5_000_000_000),
        ] {
            XCTAssertNil(ChecksumStamps.recordedChecksum(of: changed, in: stamps), "\(changed)")
        }
        let file = try XCTUnwrap(stampFiles(stamps).first)
        try "canonym-stamp-1 7 42 garbage\n".write(toFile: stamps + "/" + file, atomically: true, encoding: .utf8)
        XCTAssertNil(ChecksumStamps.recordedChecksum(of: identity, in: stamps), "an unreadable stamp is ignored")
    }
}
