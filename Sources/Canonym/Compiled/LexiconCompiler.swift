import Dispatch
import Foundation

/// Compiles packs into the image ``CompiledLexicon`` reads: validates and combines them, computes
/// every name's fold keys (the ICU work), builds one trie per indexed level, and lays out the
/// entity, name and guard tables.
enum LexiconCompiler {
    /// A compiled image and what it holds.
    struct Output {
        var bytes: [UInt8]
        var entityCount: Int
        var nameCount: Int
    }

    /// Compiles `packs`.
    ///
    /// - Parameter sourceDigest: what the cache files the result under (32 hex digits).
    /// - Throws: ``PackError`` when an id is defined differently in two packs or a name refers to
    ///   an id no pack defines; ``CanonymError`` when a pack's rules or Canonym's data are broken.
    /// - Complexity: O(N·s) ICU calls for N distinct words among all names and s romanization
    ///   schemes, spread over all cores; then O(M) for M names.
    static func compile(_ packs: [Pack], sourceDigest: String) throws -> Output {
        try compile(packs, sourceDigest: { sourceDigest })
    }

    /// ``compile(_:sourceDigest:)`` with the digest computed by `sourceDigest`, which is called
    /// once, at the end: the caller may compute it beside the compile.
    static func compile(_ packs: [Pack], sourceDigest: () throws -> String) throws -> Output {
        // The guard lists are read and laid out while the names are folded.
        let guardLoad = BackgroundResult { () throws -> (thresholds: [String: String], tables: [[UInt8]], cyrillic: [String: Float]) in
            let lists = try GuardWordLists.load(from: ResourceLocator.guardsDirectory())
            return (lists.thresholds, lists.encodedTables(), lists.cyrillic)
        }
        let set = try PackSet(packs)
        let entities = set.entities
        var entityIndex: [String: Int32] = [:]
        entityIndex.reserveCapacity(entities.count)
        for (i, entity) in entities.enumerated() { entityIndex[entity.id] = Int32(i) }
        let names = set.names
        var nameEntity: [Int32] = []
        nameEntity.reserveCapacity(names.count)
        for name in names {
            // PackSet has checked every id; this only guards against a broken invariant.
            guard let index = entityIndex[name.entityID] else {
                throw PackError(file: nil, "unknown entity id \(name.entityID) for name \(name.name)")
            }
            nameEntity.append(index)
        }
        let tables = BackgroundResult { [nameEntity] in tableSections(entities: entities, names: names, nameEntity: nameEntity) }
        let rules = try FoldRules.bundled(packRules: packRules(of: set.packs))
        // Broken pack rules fail here, at compile time, with their file and line.
        try FoldLadder(rules: rules).compileAll()
        // The per-character fold table, so that a run of the compiled lexicon fills none of it
        // from ICU; computed while the names are folded.
        let scalarFolds = BackgroundResult { [rules] in try FoldLadder(rules: rules).encodedScalarFolds() }
        // Each entity's label row: the first of its names written as its label.
        var labelRow = [Int32](repeating: -1, count: entities.count)
        for (index, name) in names.enumerated() {
            let e = Int(nameEntity[index])
            if labelRow[e] < 0, name.name.utf8.elementsEqual(entities[e].label.utf8) { labelRow[e] = Int32(index) }
        }
        let built = try buildTries(names: names, nameEntity: nameEntity, labelRow: labelRow, rules: rules) {
            let lists = try guardLoad.value()
            return (lists.cyrillic, GuardData(thresholds: lists.thresholds).commonWordMinZipf)
        }
        var tries = built.tries
        let textLooseKeys = try TextLooseKeyTable.encode(
            exactKeys: tries[FoldLevel.exact.rawValue].keyBytes, romanized: tries[FoldLevel.romanized.rawValue],
            skeleton: tries[FoldLevel.skeleton.rawValue], rules: rules)
        let relations = built.labelRelations
        var traits: [UInt16] = []
        traits.reserveCapacity(names.count + 3)
        for (index, name) in names.enumerated() {
            let label = entities[Int(nameEntity[index])].label
            traits.append(NameTraits(name: name.name, flags: name.flags, label: label, relation: relations[index]).rawValue)
        }
        while traits.count % 4 != 0 { traits.append(0) }  // a whole number of 8-byte words
        let guards = try guardLoad.value()

        var writer = ImageWriter()
        let manifest = CompiledLexicon.Manifest(
            packs: packs.map { pack in
                .init(
                    name: pack.name, version: pack.version, description: pack.description, license: pack.license,
                    attribution: pack.attribution, directory: pack.directory, entityCount: pack.entities.count,
                    nameCount: pack.names.count, rules: pack.rules.map { .init(path: $0.path, text: $0.text) })
            },
            thresholds: guards.thresholds)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        writer.add(CompiledLexicon.Section.manifest.rawValue, Array(try encoder.encode(manifest)))
        for (section, bytes) in try tables.value() { writer.add(section.rawValue, bytes) }
        writer.add(CompiledLexicon.Section.nameTraits.rawValue, bytes(traits))
        for (section, table) in zip([CompiledLexicon.Section.latinCommonWords, .cyrillicCommonWords, .givenNames], guards.tables) {
            writer.add(section.rawValue, table)
        }
        // Each level's sections (and the fuzzy index, from the skeleton level) are laid out on
        // their own core, which also frees the level's builder there.
        let fuzzyMinimum = GuardData(thresholds: guards.thresholds).fuzzyMinimumLetters
        let levelCount = FoldLevel.indexed.count
        let encoded = ResultSlots<[[UInt8]]>(count: levelCount + 1)
        let builders = TrieBuilders(tries)
        tries = []
        // The fuzzy index (built from the skeleton level's one-word keys) is a task of its own,
        // first, so that it runs beside the levels' encoding instead of after it.
        let skeletonRoots = builders.peek(FoldLevel.skeleton.rawValue) { $0.rootKeys() }
        DispatchQueue.concurrentPerform(iterations: levelCount + 1) { task in
            if task == 0 {
                encoded.set(levelCount, .success([FuzzyIndex.encode(rootKeys: skeletonRoots, minimumLength: fuzzyMinimum)]))
                return
            }
            let l = task - 1
            let parts = builders.take(l).encode()
            encoded.set(l, .success([parts.keys, parts.edges, parts.starts, parts.postings, parts.branching]))
        }
        writer.add(CompiledLexicon.Section.fuzzy.rawValue, try encoded.get(levelCount)[0])
        writer.add(CompiledLexicon.Section.scalarFolds.rawValue, try scalarFolds.value())
        writer.add(CompiledLexicon.Section.textLooseKeys.rawValue, textLooseKeys)
        for level in FoldLevel.indexed {
            let l = level.rawValue
            for (part, bytes) in try encoded.get(l).enumerated() { writer.add(CompiledLexicon.Section.trie(l, part), bytes) }
        }
        return Output(
            bytes: writer.finish(buildDigest: try CompiledLexicon.buildDigest(), sourceDigest: try sourceDigest()),
            entityCount: entities.count, nameCount: names.count)
    }

    /// The entity, name and string sections (everything but the manifest, the guard lists, the
    /// names' traits and the tries), in file order. Laid out on a core of its own while the
    /// names are folded.
    /// - Complexity: O(entities + names).
    private static func tableSections(entities: [Entity], names: [NameRecord], nameEntity: [Int32]) -> [(CompiledLexicon.Section, [UInt8])] {
        var sections: [(CompiledLexicon.Section, [UInt8])] = []
        var strings = StringPool(expecting: entities.count * 2 + names.count)
        var entityRecords: [UInt8] = []
        entityRecords.reserveCapacity(entities.count * EntityTable.stride)
        var attributes: [UInt32] = []
        for entity in entities {
            let id = strings.add(entity.id), label = strings.add(entity.label)
            entityRecords.appendLE([id.0, id.1, label.0, label.1, strings.symbol(entity.type), strings.symbol(entity.country)])
            entityRecords.appendLE(Int64(entity.population ?? Int(Int64.min)))
            entityRecords.appendLE([
                strings.symbol(entity.pack), UInt32(attributes.count / 3), UInt32(entity.attributes.count),
                strings.symbol(entity.location?.file), UInt32(entity.location?.line ?? 0), UInt32(entity.location?.column ?? 0),
            ])
            for attribute in entity.attributes {
                let value = strings.add(attribute.value)
                attributes.append(contentsOf: [strings.symbol(attribute.key), value.0, value.1])
            }
        }
        var nameRecords: [UInt8] = []
        nameRecords.reserveCapacity(names.count * NameTable.stride)
        for (index, name) in names.enumerated() {
            let text = strings.add(name.name)
            nameRecords.appendLE([
                UInt32(bitPattern: nameEntity[index]), text.0, text.1, strings.symbol(name.lang), UInt32(name.flags.rawValue),
                strings.symbol(name.location?.file), UInt32(name.location?.line ?? 0), UInt32(name.location?.column ?? 0),
            ])
        }
        // Names of each entity, in pack order: entity e's names are
        // `list[starts[e] ..< starts[e + 1]]`.
        var starts = [UInt32](repeating: 0, count: entities.count + 1)
        for e in nameEntity { starts[Int(e) + 1] += 1 }
        for i in 1..<starts.count { starts[i] += starts[i - 1] }
        var next = starts
        var list = [UInt32](repeating: 0, count: names.count)
        for (nameIndex, e) in nameEntity.enumerated() {
            list[Int(next[Int(e)])] = UInt32(nameIndex)
            next[Int(e)] += 1
        }
        var symbolRefs: [UInt32] = []
        for (offset, length) in strings.symbolRefs { symbolRefs.append(contentsOf: [offset, length]) }
        sections.append((.strings, strings.bytes))
        sections.append((.symbols, bytes(symbolRefs)))
        sections.append((.entities, entityRecords))
        sections.append((.attributes, bytes(attributes)))
        sections.append((.names, nameRecords))
        var idTable: [UInt8] = []
        StringTable.encode(entities.enumerated().map { (Array($0.element.id.utf8), UInt32($0.offset)) }, into: &idTable)
        sections.append((.entityIDs, idTable))
        sections.append((.entityNameStarts, bytes(starts)))
        sections.append((.entityNameList, bytes(list)))
        return sections
    }

    /// The pack rule files as the fold ladder takes them, ids naming pack and file.
    static func packRules(of packs: [Pack]) -> [(id: String, text: String)] {
        packs.flatMap { pack in pack.rules.map { (id: ruleID(pack.directory, pack.name, $0.path), text: $0.text) } }
    }

    /// How a pack's rule file is named in the fold ladder and its errors: the pack's directory
    /// (or name, for a pack built in memory) and the file's path in it.
    static func ruleID(_ directory: String?, _ packName: String, _ path: String) -> String {
        (directory ?? packName) + "/" + path
    }

    /// The level builders, handed to the tasks that encode them, one each.
    private final class TrieBuilders: @unchecked Sendable {
        private var builders: [TrieBuilder?]
        private let lock = NSLock()
        init(_ builders: [TrieBuilder]) { self.builders = builders }
        func take(_ index: Int) -> TrieBuilder { lock.withLock { defer { builders[index] = nil }; return builders[index]! } }
        /// Reads builder `index` in place, before the tasks take it.
        func peek<R>(_ index: Int, _ body: (TrieBuilder) -> R) -> R { lock.withLock { body(builders[index]!) } }
    }

    private static func bytes<T: FixedWidthInteger>(_ values: [T]) -> [UInt8] {
        var out: [UInt8] = []
        out.appendLE(values)
        return out
    }

    // MARK: Tries

    /// Every indexed level's trie over `names`, and how each name relates to its entity's label
    /// (see ``labelRelations(labelRow:names:nameWords:nameEntity:keys:)``).
    /// `commonWords` gives the Cyrillic common-word list and its threshold when the case forms
    /// need them (it waits for the guard lists, which load while the names are folded).
    private static func buildTries(
        names: [NameRecord], nameEntity: [Int32], labelRow: [Int32], rules: FoldRules,
        commonWords: () throws -> (words: [String: Float], zipf: Float)
    ) throws -> (tries: [TrieBuilder], labelRelations: [NameTraits.LabelRelation]) {
        // 1. Split every name into words, and collect the distinct (word, reading) pairs.
        var wordIDs: [ByteKey: Int] = [:]
        wordIDs.reserveCapacity(names.count)
        var words: [(word: String, lang: String?)] = []
        var nameWords: [[Int]] = []
        nameWords.reserveCapacity(names.count)
        var tokens: [Token] = []
        for name in names {
            var utf8 = Array(name.name.utf8)
            var ids: [Int] = []
            let lang = readingTag(name.lang)
            utf8.withUnsafeMutableBufferPointer { buffer in
                Tokenizer.tokenize(UnsafeBufferPointer(buffer), into: &tokens)
                for token in tokens {
                    let word = String(decoding: buffer[token.byteStart..<token.byteEnd], as: UTF8.self)
                    let cacheKey = ByteKey(lang.map { word + "\u{1}" + $0 } ?? word)
                    if let id = wordIDs[cacheKey] {
                        ids.append(id)
                    } else {
                        wordIDs[cacheKey] = words.count
                        ids.append(words.count)
                        words.append((word, lang))
                    }
                }
            }
            nameWords.append(ids)
        }
        // 2. Fold every distinct word, in parallel, one ladder per worker; then generate the case
        // forms of the Cyrillic names and fold their words, also on every core (done inside
        // the level tasks below, it ran on one core while the other levels finished).
        let keys = try foldInParallel(words, rules: rules)
        let common = try commonWords()
        let forms = try inflectedForms(names: names, rules: rules, commonWords: common.words, commonZipf: common.zipf)
        // 3. Insert every name's key sequences at every level, one level per task, the generated
        // case forms (`inflected`) among them. Each level is inserted in name order, so the
        // tries do not depend on the core count. The longest tasks go first (on the world pack:
        // romanized 1.5 s, skeleton 1.0 s, exact 0.8 s, folded 0.7 s, inflected 0.2 s), so that
        // no long one is left to run alone at the end.
        let levels = [FoldLevel.romanized, .skeleton, .exact, .folded, .inflected]
        let built = ResultSlots<TrieBuilder>(count: levels.count)
        let wordsOfNames = nameWords
        DispatchQueue.concurrentPerform(iterations: levels.count) { task in
            let level = levels[task]
            if level == .inflected {
                var trie = TrieBuilder()
                for form in forms { trie.insert(form.keys, posting: Posting(entity: nameEntity[form.name], name: Int32(form.name))) }
                built.set(task, .success(trie))
            } else {
                built.set(task, .success(insertNames(names, nameWords: wordsOfNames, keys: keys, nameEntity: nameEntity, level: level)))
            }
        }
        var tries = [TrieBuilder](repeating: TrieBuilder(), count: FoldLevel.indexed.count)
        for (task, level) in levels.enumerated() { tries[level.rawValue] = try built.get(task) }
        let relations = labelRelations(labelRow: labelRow, names: names, nameWords: nameWords, nameEntity: nameEntity, keys: keys)
        return (tries, relations)
    }

    /// The words a label may end with that its short form leaves out (folded): the kind of
    /// place, not part of its name.
    static let shortFormTails: Set<String> = ["city", "town"]

    /// How each name relates to its entity's label row (`labelRow`, per entity; -1 for none):
    /// - ``NameTraits/LabelRelation/otherScript``: written in Latin letters where the label is
    ///   not or the other way round, with as many words, each sharing a romanized key with the
    ///   label's word at its place. "Ставрополь" spells Stavropol and "Київ" spells Kyiv;
    ///   "Ставрополь", a former name of Tolyatti, does not spell it. A spelling in the label's
    ///   own script ("San Jose" for San José) is no evidence: the writer chose its diacritics.
    /// - ``NameTraits/LabelRelation/shortForm``: two words or more, the label's words but a last
    ///   one of ``shortFormTails`` (by folded key): "New York" for New York City. Not any last
    ///   word: "San Pedro" is not San Pedro Sula.
    /// - Complexity: O(N·w·k²) for N names of w words with k romanized keys each.
    private static func labelRelations(
        labelRow: [Int32], names: [NameRecord], nameWords: [[Int]], nameEntity: [Int32], keys: [TokenKeys]
    ) -> [NameTraits.LabelRelation] {
        names.indices.map { index in
            let label = Int(labelRow[Int(nameEntity[index])])
            guard label >= 0, label != index else { return .none }
            let words = nameWords[index], labelWords = nameWords[label]
            if words.count >= 2, labelWords.count == words.count + 1,
                let tail = labelWords.last, shortFormTails.contains(keys[tail].folded),
                zip(words, labelWords).allSatisfy({ keys[$0].folded == keys[$1].folded })
            {
                return .shortForm
            }
            guard !words.isEmpty, words.count == labelWords.count,
                Script.hasNonLatinLetter(in: names[index].name) != Script.hasNonLatinLetter(in: names[label].name)
            else { return .none }
            let spells = zip(words, labelWords).allSatisfy { word, labelWord in
                keys[word].romanized.contains { keys[labelWord].romanized.contains($0) }
            }
            return spells ? .otherScript : .none
        }
    }

    /// One level's trie over every name: the exact and folded keys of its words, or (for names
    /// of at least ``FoldLevel/minimumLettersForLooseLevels`` letters) one romanized or skeleton
    /// key sequence per scheme, so that a phrase's words are read with the same scheme.
    ///
    /// Each word's keys are interned once per level, on first use, and remembered by word: a
    /// name's sequence is then a list of ids, with no key hashed again. Keys are interned in the
    /// order the names first use them, so the trie is the same whatever the word order.
    private static func insertNames(_ names: [NameRecord], nameWords: [[Int]], keys: [TokenKeys], nameEntity: [Int32], level: FoldLevel) -> TrieBuilder {
        var trie = TrieBuilder(expectingKeys: keys.count, names: names.count)
        var sequence: [Int32] = []
        if level == .exact || level == .folded {
            var keyIDs = [Int32](repeating: -1, count: keys.count)
            for (index, name) in names.enumerated() {
                let ids = nameWords[index]
                if ids.isEmpty { continue }
                if level == .folded, name.flags.contains(.caseSensitive) || name.flags.contains(.abbreviation) { continue }
                sequence.removeAll(keepingCapacity: true)
                for id in ids {
                    if keyIDs[id] < 0 { keyIDs[id] = trie.intern(level == .exact ? keys[id].exact : keys[id].folded) }
                    sequence.append(keyIDs[id])
                }
                trie.insert(keyIDs: sequence, posting: Posting(entity: nameEntity[index], name: Int32(index)))
            }
            return trie
        }
        // Per word: where its variants' ids and scheme lists start in the pools below (-1 until
        // the word is first used), and how many variants it has.
        var firstVariant = [Int32](repeating: -1, count: keys.count)
        var variantCount = [UInt8](repeating: 0, count: keys.count)
        var variantIDs: [Int32] = []
        var variantSchemes: [[UInt8]] = []
        var schemeNumbers: [String: UInt8] = [:]
        func prepare(_ id: Int) {
            guard firstVariant[id] < 0 else { return }
            firstVariant[id] = Int32(variantIDs.count)
            let schemes = level == .romanized ? keys[id].romanizedSchemes : keys[id].skeletonSchemes
            variantCount[id] = UInt8(schemes.count)
            for list in schemes {
                variantIDs.append(-1)
                variantSchemes.append(list.map { scheme in
                    if let number = schemeNumbers[scheme] { return number }
                    let number = UInt8(schemeNumbers.count)
                    schemeNumbers[scheme] = number
                    return number
                })
            }
        }
        var schemes: [UInt8] = []
        var chosen: [[UInt8]] = []
        var choice: [UInt8] = []
        for (index, name) in names.enumerated() {
            let ids = nameWords[index]
            if ids.isEmpty || name.flags.contains(.caseSensitive) || name.flags.contains(.abbreviation) { continue }
            let letters = ids.reduce(0) { $0 + keys[$1].letterCount }
            if letters < FoldLevel.minimumLettersForLooseLevels { continue }
            for id in ids { prepare(id) }
            if ids.contains(where: { variantCount[$0] == 0 }) { continue }
            // The schemes of the name's words, in order of first appearance.
            schemes.removeAll(keepingCapacity: true)
            for id in ids {
                for variant in Int(firstVariant[id])..<Int(firstVariant[id]) + Int(variantCount[id]) {
                    for scheme in variantSchemes[variant] where !schemes.contains(scheme) { schemes.append(scheme) }
                }
            }
            // One sequence per scheme: each word's first variant of that scheme (else its first
            // variant), each distinct sequence once.
            chosen.removeAll(keepingCapacity: true)
            for scheme in schemes {
                choice.removeAll(keepingCapacity: true)
                for id in ids {
                    let first = Int(firstVariant[id])
                    let offset = (0..<Int(variantCount[id])).first { variantSchemes[first + $0].contains(scheme) } ?? 0
                    choice.append(UInt8(offset))
                }
                if chosen.contains(choice) { continue }
                chosen.append(choice)
                sequence.removeAll(keepingCapacity: true)
                for (id, offset) in zip(ids, choice) {
                    let variant = Int(firstVariant[id]) + Int(offset)
                    if variantIDs[variant] < 0 {
                        variantIDs[variant] = trie.intern(level == .romanized ? keys[id].romanized[Int(offset)] : keys[id].skeleton[Int(offset)])
                    }
                    sequence.append(variantIDs[variant])
                }
                trie.insert(keyIDs: sequence, posting: Posting(entity: nameEntity[index], name: Int32(index)))
            }
        }
        return trie
    }

    /// What the `inflected` index holds: the generated case forms of every Cyrillic name, as the
    /// folded keys of their words, in name order (so the trie is the same whatever the core
    /// count). Computed on all cores.
    /// A name tagged with another Cyrillic-script language (see ``Inflector/otherCyrillicLanguages``)
    /// gets no form that is a common word of `commonWords` (Zipf ≥ `commonZipf`): Russian rules
    /// make `Нами` of Bashkir `Наама` (Naama, Algeria) and `Чином` of Tajik `Чин` (China), and
    /// such a name's entity, a country or region, passes the guards' population threshold
    /// wherever the word opens a sentence ("Нами было принято решение").
    private static func inflectedForms(
        names: [NameRecord], rules: FoldRules, commonWords: [String: Float], commonZipf: Float
    ) throws -> [(name: Int, keys: [String])] {
        let inflector = try Inflector.bundled()
        let candidates = names.indices.filter { index in
            let name = names[index]
            return name.flags.isDisjoint(with: [.lookupOnly, .abbreviation, .caseSensitive])
                && name.name.unicodeScalars.contains(where: { (0x0400...0x04FF).contains($0.value) })
        }
        /// A worker's own fold ladder and buffers.
        struct Worker {
            let ladder: FoldLadder
            // Keyed by bytes: a `String` key hashes through its normalization, which costs a
            // pass over every Cyrillic word.
            var folded: [ByteKey: String] = [:]
            var tokens: [Token] = []
        }
        // Each candidate's forms, in name order (so the trie is the same whatever the core count).
        let perName = try ParallelWork.stridedMap(
            count: candidates.count, perWorker: 500, makeState: { Worker(ladder: try FoldLadder(rules: rules)) }
        ) { worker, i in
            let index = candidates[i]
            var out: [(name: Int, keys: [String])] = []
            let otherLanguage = Inflector.otherCyrillicLanguages.contains(Inflector.primaryLanguage(names[index].lang))
            for form in inflector.forms(of: names[index].name, lang: names[index].lang) {
                if otherLanguage, form.split(separator: " ").contains(where: { (commonWords[$0.lowercased()] ?? 0) >= commonZipf }) {
                    continue
                }
                var utf8 = Array(form.utf8)
                var keys: [String] = []
                try utf8.withUnsafeMutableBufferPointer { buffer in
                    Tokenizer.tokenize(UnsafeBufferPointer(buffer), into: &worker.tokens)
                    for token in worker.tokens {
                        let word = String(decoding: buffer[token.byteStart..<token.byteEnd], as: UTF8.self)
                        let wordKey = ByteKey(word)
                        if let key = worker.folded[wordKey] {
                            keys.append(key)
                        } else {
                            let key = try worker.ladder.fold(UnicodeNormalizer.normalize(word, .nfc))
                            worker.folded[wordKey] = key
                            keys.append(key)
                        }
                    }
                }
                if !keys.isEmpty { out.append((index, keys)) }
            }
            return out
        }
        return perName.flatMap { $0 }
    }

    private static func readingTag(_ lang: String?) -> String? {
        let primary = Inflector.primaryLanguage(lang)
        return Inflector.languages.contains(primary) ? primary : nil
    }

    private static func foldInParallel(_ words: [(word: String, lang: String?)], rules: FoldRules) throws -> [TokenKeys] {
        try ParallelWork.stridedMap(count: words.count, perWorker: 2000, makeState: { try FoldLadder(rules: rules) }) { ladder, i in
            try ladder.keys(of: words[i].word, lang: words[i].lang)
        }
    }
}

/// Strings of a compiled image, stored once each, and the symbol list (short shared strings).
///
/// Strings are told apart by their UTF-8 bytes, as they are stored: a `String` key would hash
/// and compare by canonical equivalence, which normalizes every non-ASCII key (a second of
/// serial work on the world pack's names).
struct StringPool {
    private(set) var bytes: [UInt8] = []
    private var offsets: [ByteKey: (UInt32, UInt32)] = [:]
    private var symbols: [ByteKey: UInt32] = [:]
    /// `(offset, length)` of each symbol, by symbol index.
    private(set) var symbolRefs: [(UInt32, UInt32)] = []

    /// A pool with room for about `strings` distinct strings.
    init(expecting strings: Int) {
        offsets.reserveCapacity(strings)
    }

    /// Stores `text` (once) and returns its `(offset, length)`.
    mutating func add(_ text: String) -> (UInt32, UInt32) { add(ByteKey(text)) }

    private mutating func add(_ key: ByteKey) -> (UInt32, UInt32) {
        if let found = offsets[key] { return found }
        let ref = (UInt32(bytes.count), UInt32(key.bytes.count))
        bytes.append(contentsOf: key.bytes)
        offsets[key] = ref
        return ref
    }

    /// The symbol index of `text`, or `UInt32.max` for nil.
    mutating func symbol(_ text: String?) -> UInt32 {
        guard let text else { return UInt32.max }
        let key = ByteKey(text)
        if let found = symbols[key] { return found }
        let index = UInt32(symbolRefs.count)
        symbolRefs.append(add(key))
        symbols[key] = index
        return index
    }
}

/// Assembles sections behind the header and the section table, then stamps length and checksum.
struct ImageWriter {
    private var sections: [(tag: UInt32, bytes: [UInt8])] = []

    mutating func add(_ tag: UInt32, _ bytes: [UInt8]) { sections.append((tag, bytes)) }

    func finish(buildDigest: String, sourceDigest: String) -> [UInt8] {
        var out: [UInt8] = CompiledLexicon.magic
        out.appendLE(CompiledLexicon.formatVersion)
        out.appendLE(UInt32(sections.count))
        out.appendLE(UInt64(0))  // length, stamped below
        out.appendLE(UInt64(0))  // checksum, stamped below
        out.append(contentsOf: Self.fixed(buildDigest, 32))
        out.append(contentsOf: Self.fixed(sourceDigest, 32))
        var offset = CompiledLexicon.headerSize + sections.count * 24
        var table: [(UInt32, Int, Int)] = []
        for section in sections {
            offset = (offset + 7) & ~7
            table.append((section.tag, offset, section.bytes.count))
            offset += section.bytes.count
        }
        for (tag, start, length) in table {
            out.appendLE(tag)
            out.appendLE(UInt32(0))
            out.appendLE(UInt64(start))
            out.appendLE(UInt64(length))
        }
        out.reserveCapacity(offset)
        for section in sections {
            out.pad(to: 8)
            out.append(contentsOf: section.bytes)
        }
        let length = UInt64(out.count)
        withUnsafeBytes(of: length.littleEndian) { out.replaceSubrange(16..<24, with: $0) }
        let checksum = out.withUnsafeBytes { ImageChecksum.chunked($0.baseAddress! + 32, count: out.count - 32) }
        withUnsafeBytes(of: checksum.littleEndian) { out.replaceSubrange(24..<32, with: $0) }
        return out
    }

    private static func fixed(_ text: String, _ count: Int) -> [UInt8] {
        Array((Array(text.utf8) + [UInt8](repeating: 0x30, count: count)).prefix(count))
    }
}
