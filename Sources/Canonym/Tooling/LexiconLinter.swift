/// Checks lexicon packs the way a reviewer would: every error that would stop them loading, and
/// warnings about what loads but deserves a look (`canonym lexicon lint`).
///
/// ```swift
/// let report = try LexiconLinter.lint(directories: ["Lexicons/countries", "my-pack"])
/// for issue in report.errors + report.warnings { print(issue) }
/// ```
///
/// Errors are what ``PackSet/validate(directories:)`` reports (every problem of every pack, then
/// conflicts across them) plus pack rule files that ICU cannot compile. Warnings, by class
/// (``LintIssue/Kind``):
/// - `duplicate`: an entity defined (identically) by two packs; the same (id, name) row in two
///   packs; two names of one entity that are equal after NFC normalization.
/// - `collision`: names of different entities that fold to the same key, at the strictest level
///   where they meet, with the entities in the order the resolver ranks them without context
///   (level, type, population).
/// - `common-word`: a name whose every word is a common word (Zipf ≥ the guard threshold) in
///   the list the precision guard reads for its script, or in its own language's list.
/// - `mixed-script`: letters of several scripts (UTS #39 "highly restrictive", ICU's spoof
///   checker).
/// - `confusable`: a name in another script with the same UTS #39 skeleton as a Latin name of
///   the packs or a common Latin word (Cyrillic `Сосоа` and `Cocoa`), or with invisible
///   characters.
/// - `short-name`: one or two letters (names in ideographs or syllabaries excepted: a character
///   there is a syllable or a word, and a run of ideographs is one word to the tokenizer).
/// - `label-only`, `label-not-a-name`: an entity named only by its label (or not at all), or
///   whose label is not one of its names.
///
/// Names flagged `lookup-only` are never matched in running text, so the running-text checks
/// (`common-word`, `short-name`) skip them; `vouched` names skip `common-word`.
public enum LexiconLinter {
    /// What to check.
    public struct Options: Sendable {
        /// Warning classes to report (default: all).
        public var warnings: Set<LintIssue.Kind>
        /// Fold levels whose collisions to report (default: all).
        public var collisionLevels: Set<FoldLevel>
        /// How many entities a `collision` warning lists before "… and n more".
        public var listLimit: Int

        /// Every check, every level.
        public init(
            warnings: Set<LintIssue.Kind> = Set(LintIssue.Kind.warningKinds),
            collisionLevels: Set<FoldLevel> = Set(FoldLevel.indexed), listLimit: Int = 6
        ) {
            self.warnings = warnings
            self.collisionLevels = collisionLevels
            self.listLimit = listLimit
        }
    }

    /// What lint found.
    public struct Report: Sendable {
        /// Problems that stop the packs from loading, in file order.
        public var errors: [LintIssue] = []
        /// Findings to review, sorted by file, line and column.
        public var warnings: [LintIssue] = []
        /// Checks that could not run, and why (e.g. collisions are not computed while there
        /// are errors).
        public var skipped: [String] = []
        /// Packs checked, entities and names in them.
        public var packCount = 0, entityCount = 0, nameCount = 0

        /// How many findings of a class.
        public func count(of kind: LintIssue.Kind) -> Int {
            (kind.isError ? errors : warnings).reduce(0) { $0 + ($1.kind == kind ? 1 : 0) }
        }
    }

    /// Lints the packs in `directories`, checked together (a names row may name an entity of
    /// another of them).
    ///
    /// - Throws: ``CanonymError`` when Canonym's own data (rules, guard lists) is missing; a
    ///   problem in the packs is never thrown, it is reported.
    /// - Complexity: O(n) in the size of the packs for loading and the per-name checks (ICU
    ///   calls per name for NFC and the spoof checker), plus building the fold-key index (see
    ///   ``Lexicon/init(packs:useGuards:)``; cached on disk).
    public static func lint(directories: [String], options: Options = Options()) throws -> Report {
        var report = Report()
        let (packSet, packErrors) = PackSet.validate(directories: directories)
        report.errors = packErrors.map(issue(for:))
        report.packCount = packSet.packs.count
        report.entityCount = packSet.entities.count
        report.nameCount = packSet.packs.reduce(0) { $0 + $1.names.count }
        report.errors += try ruleErrors(packSet.packs)

        var warnings: [LintIssue] = []
        let enabled = options.warnings
        let context = try Context(packSet: packSet, needsWords: enabled.contains(.commonWord))
        if enabled.contains(.duplicate) { warnings += try duplicates(context) }
        if !enabled.isDisjoint(with: [.commonWord, .mixedScript, .confusable, .shortName]) {
            warnings += try nameChecks(context, enabled: enabled)
        }
        if !enabled.isDisjoint(with: [.labelOnly, .labelNotAName]) {
            warnings += try labelChecks(context, enabled: enabled)
        }
        if enabled.contains(.collision) && !options.collisionLevels.isEmpty {
            if report.errors.isEmpty {
                let lexicon = try Lexicon(packs: packSet.packs, useGuards: false)
                warnings += collisions(in: lexicon, options: options)
            } else {
                report.skipped.append("collision: the fold-key index is built only for packs that load; fix the errors first")
            }
        }
        report.warnings = warnings.enumerated().sorted { a, b in
            let x = a.element, y = b.element
            let fx = x.file ?? "", fy = y.file ?? ""
            if fx != fy { return fx < fy }
            let lx = x.location?.line ?? 0, ly = y.location?.line ?? 0
            if lx != ly { return lx < ly }
            let cx = x.location?.column ?? 0, cy = y.location?.column ?? 0
            if cx != cy { return cx < cy }
            return a.offset < b.offset
        }.map(\.element)
        return report
    }

    // MARK: Errors

    /// The class of a loader error, from the file it concerns.
    static func issue(for error: PackError) -> LintIssue {
        let kind: LintIssue.Kind
        let file = error.location?.file ?? error.file ?? ""
        if error.message.contains("is defined differently by pack") || error.message.contains("no loaded pack defines it") {
            kind = .packSet
        } else if error.message.contains("rule file") {
            kind = .rules
        } else if file.hasSuffix("pack.json") {
            kind = .manifest
        } else if file.hasSuffix("entities.tsv") {
            kind = .entities
        } else if file.hasSuffix("names.tsv") {
            kind = .names
        } else if error.location != nil {
            kind = .rules  // Encoding problems inside a rule file are located in that file.
        } else {
            kind = .pack
        }
        return LintIssue(severity: .error, kind: kind, location: error.location, file: error.file, message: error.message)
    }

    /// Compiles each pack's rule files with Canonym's own rules, as ``Lexicon`` will.
    private static func ruleErrors(_ packs: [Pack]) throws -> [LintIssue] {
        var issues: [LintIssue] = []
        for pack in packs where !pack.rules.isEmpty {
            for rule in pack.rules {
                let id = (pack.directory.map { packPath($0, "") } ?? pack.name + "/") + rule.path
                do {
                    try FoldLadder(rules: FoldRules.bundled(packRules: [(id: id, text: rule.text)])).compileAll()
                } catch CanonymError.badPackRules(let file, let error) {
                    let (line, column) = position(in: rule.text, line: error.ruleLine, offset: error.ruleOffset)
                    issues.append(LintIssue(
                        severity: .error, kind: .rules, location: SourceLocation(file: file, line: line, column: column),
                        message: "the rule file does not compile (\(error.name)): fix the ICU transform rule there "
                            + "(see https://unicode-org.github.io/icu/userguide/transforms/general/rules.html)"))
                }
            }
        }
        return issues
    }

    /// The 1-based line and column of an ICU rule parse error: ICU reports a line (or 0) and an
    /// offset in UTF-16 units, counted from the start of that line or, when the line is 0, of
    /// the whole text.
    static func position(in text: String, line: Int?, offset: Int?) -> (line: Int, column: Int) {
        var remaining = max(offset ?? 0, 0)
        var currentLine = 1
        var column = 1
        let startLine = max(line ?? 0, 0)
        for scalar in text.unicodeScalars {
            if startLine > 0 && currentLine < startLine {
                if scalar == "\n" { currentLine += 1 }
                continue
            }
            if remaining <= 0 { break }
            remaining -= scalar.utf16.count
            if scalar == "\n" {
                currentLine += 1
                column = 1
            } else {
                column += 1
            }
        }
        return (currentLine, column)
    }

    // MARK: Shared state

    /// What the per-name checks share: names by entity, NFC forms, guard data.
    private struct Context {
        let packSet: PackSet
        let namesByEntity: [String: [NameRecord]]
        let guards: GuardData
        let words: CommonWordLists?

        init(packSet: PackSet, needsWords: Bool) throws {
            self.packSet = packSet
            var byEntity: [String: [NameRecord]] = [:]
            for pack in packSet.packs {
                for name in pack.names { byEntity[name.entityID, default: []].append(name) }
            }
            namesByEntity = byEntity
            guards = try GuardData.bundled()
            words = needsWords ? try CommonWordLists.bundled() : nil
        }
    }

    private static func nfc(_ text: String) throws -> String {
        try UnicodeNormalizer.normalize(text, .nfc)
    }

    // MARK: duplicate

    private static func duplicates(_ context: Context) throws -> [LintIssue] {
        var issues: [LintIssue] = []
        // Entities defined by several packs (identically, or PackSet would have said so).
        var firstPack: [String: Entity] = [:]
        for pack in context.packSet.packs {
            for entity in pack.entities {
                if let first = firstPack[entity.id] {
                    if first.pack != entity.pack, first.hasSameDefinition(as: entity) {
                        let place = first.location.map { " at \($0)" } ?? ""
                        issues.append(LintIssue(
                            severity: .warning, kind: .duplicate, location: entity.location, file: pack.directory,
                            message: "entity \(packQuote(entity.id)) is also defined, identically, by pack "
                                + "\(packQuote(first.pack))\(place): define it in one pack only; another pack's names.tsv may still name it"))
                    }
                } else {
                    firstPack[entity.id] = entity
                }
            }
        }
        // Names: the same (id, NFC name) twice across the set.
        var seen: [String: [String: NameRecord]] = [:]
        var packOfName: [SourceLocation: String] = [:]
        for pack in context.packSet.packs {
            for name in pack.names {
                let key = try nfc(name.name)
                if let first = seen[name.entityID]?[key] {
                    let place = first.location.map { " (\($0))" } ?? ""
                    let message: String
                    if first.name.utf8.elementsEqual(name.name.utf8) {
                        let other = first.location.flatMap { packOfName[$0] } ?? "another pack"
                        message = "name \(packQuote(name.name)) of \(packQuote(name.entityID)) is also in pack "
                            + "\(packQuote(other))\(place): keep one row"
                    } else {
                        message = "name \(packQuote(name.name)) of \(packQuote(name.entityID)) is the same as "
                            + "\(packQuote(first.name))\(place) after Unicode normalization (NFC): keep one row, "
                            + "written in NFC"
                    }
                    issues.append(LintIssue(severity: .warning, kind: .duplicate, location: name.location, file: pack.directory, message: message))
                } else {
                    seen[name.entityID, default: [:]][key] = name
                    if let location = name.location { packOfName[location] = pack.name }
                }
            }
        }
        return issues
    }

    // MARK: common-word, mixed-script, confusable, short-name

    /// Scripts whose letters are syllables or morphemes (ideographs, syllabaries): a one- or
    /// two-character name is a whole word there.
    private static let ideographicScripts: Set<String> = [
        "Hani", "Hira", "Kana", "Hang", "Bopo", "Yiii", "Ethi", "Cans", "Cher", "Vaii",
    ]

    private static func nameChecks(_ context: Context, enabled: Set<LintIssue.Kind>) throws -> [LintIssue] {
        var issues: [LintIssue] = []
        let spoof = try SpoofChecker()
        let guards = context.guards
        let minZipf = guards.commonWordMinZipf
        var tokens: [Token] = []
        // Skeletons of every Latin name and common Latin word, to find names of other scripts
        // that look like them.
        var latinLookalikes: [String: String] = [:]
        if enabled.contains(.confusable) {
            for pack in context.packSet.packs {
                for name in pack.names where Script.dominant(in: name.name) == .latin {
                    let key = try spoof.skeleton(UnicodeNormalizer.lowercase(name.name))
                    if latinLookalikes[key] == nil {
                        latinLookalikes[key] = "the Latin name \(packQuote(name.name)) of \(packQuote(name.entityID))"
                    }
                }
            }
            for (word, zipf) in guards.latinCommonWords where zipf >= minZipf {
                let key = try spoof.skeleton(word)
                if latinLookalikes[key] == nil {
                    latinLookalikes[key] = "the common word \(packQuote(word)) (\(guards.latinLanguages.sorted().joined(separator: "/")))"
                }
            }
        }
        for pack in context.packSet.packs {
            for name in pack.names {
                let text = name.name
                func warn(_ kind: LintIssue.Kind, _ message: String) {
                    issues.append(LintIssue(severity: .warning, kind: kind, location: name.location, file: pack.directory, message: message))
                }
                let inText = !name.flags.contains(.lookupOnly)
                let isASCII = text.utf8.allSatisfy { $0 < 0x80 }
                if !isASCII, enabled.contains(.mixedScript) || enabled.contains(.confusable) {
                    let findings = try spoof.check(text)
                    if enabled.contains(.mixedScript), findings.contains(.restrictionLevel) {
                        let scripts = Script.all(in: text).map(\.description)
                        if scripts.count > 1 {
                            warn(.mixedScript, "name \(packQuote(text)) of \(packQuote(name.entityID)) mixes scripts "
                                + "(\(scripts.joined(separator: ", "))): a letter of the wrong alphabet is a typo that no "
                                + "reader will type; write the name in one script, or split it into one row per script")
                        }
                    }
                    if enabled.contains(.confusable) {
                        if findings.contains(.invisible) {
                            warn(.confusable, "name \(packQuote(text)) of \(packQuote(name.entityID)) holds invisible "
                                + "characters or repeated combining marks: remove them")
                        } else if let own = Script.dominant(in: text), own != .none, own != .latin,
                            let lookalike = latinLookalikes[try spoof.skeleton(UnicodeNormalizer.lowercase(text))]
                        {
                            warn(.confusable, "name \(packQuote(text)) of \(packQuote(name.entityID)) (\(own)) looks like "
                                + "\(lookalike) (same UTS #39 skeleton): check that every letter is of the intended script; "
                                + "if the name is right, a reader may still take one for the other")
                        }
                    }
                }
                guard inText else { continue }
                if enabled.contains(.shortName) {
                    var letters = 0
                    var ideographic = true
                    for scalar in text.unicodeScalars where scalar.properties.isAlphabetic {
                        letters += 1
                        if !ideographicScripts.contains(Script(of: scalar).description) { ideographic = false }
                    }
                    if letters > 0, letters <= 2, !ideographic {
                        warn(.shortName, "name \(packQuote(text)) of \(packQuote(name.entityID)) has \(letters) "
                            + "letter\(letters == 1 ? "" : "s"): short names match only at exact and folded, yet are often "
                            + "hit by chance (initials, abbreviations); flag it `case-sensitive` or `lookup-only`, or remove it")
                    }
                }
                if enabled.contains(.commonWord), !name.flags.contains(.vouched), let lists = context.words {
                    let entity = context.packSet.entity(withID: name.entityID)
                    if let finding = commonWord(name, entity: entity, lists: lists, guards: guards, minZipf: minZipf, tokens: &tokens) {
                        warn(.commonWord, finding)
                    }
                }
            }
        }
        return issues
    }

    /// The common-word warning for a name, or `nil`.
    private static func commonWord(
        _ name: NameRecord, entity: Entity?, lists: CommonWordLists, guards: GuardData, minZipf: Float,
        tokens: inout [Token]
    ) -> String? {
        var utf8 = Array(name.name.utf8)
        let words: [String] = utf8.withUnsafeMutableBufferPointer { buffer in
            Tokenizer.tokenize(UnsafeBufferPointer(buffer), into: &tokens)
            return tokens.map { String(decoding: buffer[$0.byteStart..<$0.byteEnd], as: UTF8.self).lowercased() }
        }
        guard !words.isEmpty else { return nil }
        // The lists the run-time guard reads: by the word's script, as MatchWorker does.
        let script = Script.dominant(in: name.name) ?? .none
        let runtime = script == .cyrillic ? guards.cyrillicCommonWords : guards.latinCommonWords
        let runtimeLanguages = (script == .cyrillic ? guards.cyrillicLanguages : guards.latinLanguages).sorted()
        var runtimeZipf: Float = 0
        if words.allSatisfy({ (runtime[$0] ?? 0) >= minZipf }) {
            runtimeZipf = words.map { runtime[$0] ?? 0 }.max() ?? 0
        }
        var ownLanguage: (String, Float)?
        if runtimeZipf == 0, let lang = name.lang?.split(separator: "-").first.map({ $0.lowercased() }),
            !runtimeLanguages.contains(lang), lists.languages.contains(lang),
            words.allSatisfy({ (lists.zipf(of: $0, in: lang) ?? 0) >= minZipf })
        {
            ownLanguage = (lang, words.map { lists.zipf(of: $0, in: lang) ?? 0 }.max() ?? 0)
        }
        let quoted = "\(packQuote(name.name)) of \(packQuote(name.entityID))"
        if runtimeZipf > 0 {
            let needs = runtimeZipf >= guards.veryCommonZipf ? guards.veryCommonMinPopulation : guards.commonWordMinPopulation
            let outcome: String
            if let type = entity?.type, guards.commonWordAlwaysTypes.contains(type) {
                outcome = "as a \(type) it still matches whenever it is capitalized"
            } else if let population = entity?.population, population >= needs {
                outcome = "with \(grouped(population)) people (≥ \(grouped(needs))) it still matches capitalized mid-sentence"
                    + (population >= guards.sentenceStartMinPopulation ? " and at the start of a sentence" : "")
            } else {
                let people = entity?.population.map { "\(grouped($0)) people" } ?? "no population"
                outcome = "with \(people) (< \(grouped(needs))) the guard blocks it even capitalized: flag it `vouched` "
                    + "if it should match, or `lookup-only` to say it never does"
            }
            return "name \(quoted) is a common word (\(runtimeLanguages.joined(separator: "/")) zipf "
                + "\(twoDecimals(runtimeZipf)) ≥ \(twoDecimals(minZipf))); lower-case it is never matched in running text, "
                + outcome
        }
        if let (lang, zipf) = ownLanguage {
            return "name \(quoted) is a common word in its language (\(lang) zipf \(twoDecimals(zipf)) ≥ "
                + "\(twoDecimals(minZipf))), which the precision guard does not read: in \(lang) text it will be tagged "
                + "wherever the word is used; flag it `lookup-only` unless the place is well known by it"
        }
        return nil
    }

    // MARK: label-only, label-not-a-name

    private static func labelChecks(_ context: Context, enabled: Set<LintIssue.Kind>) throws -> [LintIssue] {
        var issues: [LintIssue] = []
        for pack in context.packSet.packs {
            for entity in pack.entities where context.packSet.entity(withID: entity.id)?.pack == pack.name {
                let names = context.namesByEntity[entity.id] ?? []
                let label = try nfc(entity.label)
                let normalized = try names.map { try nfc($0.name) }
                func warn(_ kind: LintIssue.Kind, _ message: String) {
                    issues.append(LintIssue(severity: .warning, kind: kind, location: entity.location, file: pack.directory, message: message))
                }
                if names.isEmpty {
                    if enabled.contains(.labelOnly) {
                        warn(.labelOnly, "entity \(packQuote(entity.id)) (\(packQuote(entity.label))) has no names: it can "
                            + "never be matched; add at least its label to names.tsv")
                    }
                } else if normalized.allSatisfy({ $0 == label }) {
                    if enabled.contains(.labelOnly) {
                        warn(.labelOnly, "entity \(packQuote(entity.id)) has no name but its label \(packQuote(entity.label)): "
                            + "other spellings (local script, former names, exonyms) will not find it; add them to names.tsv")
                    }
                } else if !normalized.contains(label), enabled.contains(.labelNotAName) {
                    warn(.labelNotAName, "the label \(packQuote(entity.label)) of \(packQuote(entity.id)) is not among its "
                        + "names: normalize writes it, but the label itself is not matched; add it to names.tsv")
                }
            }
        }
        return issues
    }

    // MARK: collision

    private static func collisions(in lexicon: Lexicon, options: Options) -> [LintIssue] {
        var issues: [LintIssue] = []
        // Entity sets already reported at a stricter level, indexed by member.
        var reported: [Set<Int32>] = []
        var groupsOfEntity: [Int32: [Int]] = [:]
        func alreadyReported(_ set: Set<Int32>) -> Bool {
            guard let first = set.first else { return true }
            return (groupsOfEntity[first] ?? []).contains { set.isSubset(of: reported[$0]) }
        }
        for inspection in lexicon.inspections() where options.collisionLevels.contains(inspection.level) {
            // One warning per entity set per level, listing its keys.
            var groups: [[Int32]: (keys: [String], postings: [Posting])] = [:]
            var order: [[Int32]] = []
            inspection.forEachCollision { node, postings in
                let members = postings.map(\.entity).sorted()
                let set = Set(members)
                if set.count < 2 || alreadyReported(set) { return }
                let key = inspection.path(of: node).joined(separator: " ")
                if groups[members] == nil {
                    groups[members] = ([key], Array(postings))
                    order.append(members)
                } else if groups[members]!.keys.count < 4 {
                    groups[members]!.keys.append(key)
                }
            }
            for members in order {
                guard let group = groups[members] else { continue }
                let set = Set(members)
                reported.append(set)
                for entity in set { groupsOfEntity[entity, default: []].append(reported.count - 1) }
                let candidates = group.postings.map { Resolver.Candidate(entity: $0.entity, name: $0.name, level: inspection.level) }
                let ranked = Resolver.rank(candidates, context: nil, in: lexicon)
                let shown = ranked.prefix(options.listLimit).map { candidate -> String in
                    let entity = lexicon.entities[Int(candidate.entity)]
                    let name = lexicon.names[Int(candidate.name)]
                    return "\(entity.id) \(packQuote(entity.label)) (\(prominence(entity))) via \(packQuote(name.name))"
                }
                let more = ranked.count > options.listLimit ? "; … and \(ranked.count - options.listLimit) more" : ""
                let keys = group.keys.map(packQuote).joined(separator: ", ")
                let loser = ranked.count > 1 ? lexicon.names[Int(ranked[1].name)] : lexicon.names[Int(ranked[0].name)]
                issues.append(LintIssue(
                    severity: .warning, kind: .collision, location: loser.location,
                    message: "\(ranked.count) entities share the \(inspection.level) key \(keys): "
                        + shown.joined(separator: "; ") + more
                        + ". Without context the first wins; check that each name belongs to its entity, and flag a "
                        + "name that should not compete `lookup-only`"))
            }
        }
        return issues
    }

    // MARK: Formatting

    /// `city, UA, 929,063 people`.
    static func prominence(_ entity: Entity) -> String {
        var parts: [String] = []
        if let type = entity.type { parts.append(type) }
        if let country = entity.country { parts.append(country) }
        if let population = entity.population { parts.append("\(grouped(population)) people") }
        return parts.isEmpty ? "no type, country or population" : parts.joined(separator: ", ")
    }
}
