/// How a term resolves, step by step (`canonym lexicon explain`): its keys at every fold level,
/// the keys the index has, the entities that compete, why the winner wins, and what the
/// precision guards do with it in running text.
///
/// ```swift
/// let why = try TermExplanation(term: "Donetsk", in: lexicon, context: "Donetsk and Pokrovsk")
/// print(why.candidates.first?.entity.id, why.reasons)
/// ```
public struct TermExplanation: Sendable {
    /// One word of the term and its keys.
    public struct Word: Sendable {
        /// The word as written.
        public let text: String
        /// Its script (ISO 15924) and letter count.
        public let script: String
        public let letterCount: Int
        /// Its key at each level, each with whether some name of the lexicon has that key.
        public let keys: [(level: FoldLevel, key: String, schemes: [String], inIndex: Bool)]
    }

    /// An entity the term reaches.
    public struct Candidate: Sendable {
        /// The entity.
        public let entity: Entity
        /// The strictest level that reaches it.
        public let level: FoldLevel
        /// The name row that matched there.
        public let name: NameRecord
        /// Its context score: twice the other mentions resolved to it, plus the mentions
        /// resolved to its country (0 without context).
        public let contextScore: Int
        /// How many times its population counts in ranking: 5 when the name row is the label
        /// or `preferred`, 3 when it is the label in another script, else 1.
        public let nameWeight: Int
        /// The population ranking uses: the entity's own, or for a region without one its
        /// country's mean region population (see ``EntityTable/rankingPopulation(at:)``).
        public let rankingPopulation: Int
        /// The type rank ranking uses, higher first: 3 countries, 2 cities, people and regions
        /// that rank with the cities, 1 the rest (see `Resolver.typeRanks(of:in:)`).
        public let typeRank: Int
        /// How many name rows the entity has.
        public let nameCount: Int
    }

    /// The term as given.
    public let term: String
    /// Its words.
    public let words: [Word]
    /// For each level, the entities whose names the whole term reaches there (before keeping
    /// the strictest level per entity).
    public let levelHits: [(level: FoldLevel, entities: [String])]
    /// The competing entities, best first, as `lookup` (or, with context, `tag`) ranks them.
    public let candidates: [Candidate]
    /// Why the first candidate beats each of the others.
    public let reasons: [String]
    /// The precision guards' view of the term: common-word frequencies and thresholds, given
    /// names, the winner's flags.
    public let guards: [String]
    /// What `tag` finds for the term written in three ways: as a sentence of its own,
    /// mid-sentence, and lower-case mid-sentence.
    public let inText: [(setting: String, result: String)]
    /// With context: the evidence the other mentions give (`nil` without context).
    public let contextEvidence: [String]?

    /// Explains `term` against `lexicon`; with `context` (a document containing the term), the
    /// ranking uses the other mentions of that document, as `tag` does.
    ///
    /// - Throws: ``ICUError`` or ``CanonymError`` when the fold rules fail.
    /// - Complexity: O(k·v) trie steps for k words with v key variants each, plus one `tag` of
    ///   the context and three of the term.
    public init(term: String, in lexicon: Lexicon, context: String? = nil) throws {
        self.term = term
        let ladder = try FoldLadder(rules: lexicon.rules)
        let inspections = lexicon.inspections()
        var tokens: [Token] = []
        var utf8 = Array(term.utf8)
        let texts: [String] = utf8.withUnsafeMutableBufferPointer { buffer in
            Tokenizer.tokenize(UnsafeBufferPointer(buffer), into: &tokens)
            return tokens.map { String(decoding: buffer[$0.byteStart..<$0.byteEnd], as: UTF8.self) }
        }
        let wordKeys = try texts.map { try ladder.keys(of: $0, forText: true) }
        words = zip(texts, wordKeys).map { text, keys in
            var rows: [(FoldLevel, String, [String], Bool)] = [
                (.exact, keys.exact, [], inspections[FoldLevel.exact.rawValue].hasKey(keys.exact)),
                (.folded, keys.folded, [], inspections[FoldLevel.folded.rawValue].hasKey(keys.folded)),
            ]
            // The folded key is also looked up among generated case forms; shown when it is one.
            if inspections[FoldLevel.inflected.rawValue].hasKey(keys.folded) {
                rows.append((.inflected, keys.folded, [], true))
            }
            for (key, schemes) in zip(keys.romanized, keys.romanizedSchemes) {
                rows.append((.romanized, key, schemes, inspections[FoldLevel.romanized.rawValue].hasKey(key)))
            }
            for key in keys.skeleton { rows.append((.skeleton, key, [], inspections[FoldLevel.skeleton.rawValue].hasKey(key))) }
            return Word(text: text, script: keys.script, letterCount: keys.letterCount, keys: rows)
        }

        // The whole term at each level, as the matcher walks the tries.
        let letters = wordKeys.reduce(0) { $0 + $1.letterCount }
        var hits: [(FoldLevel, Posting)] = []
        var perLevel: [(level: FoldLevel, entities: [String])] = []
        for inspection in inspections where !wordKeys.isEmpty {
            let level = inspection.level
            if level.isLoose && letters < FoldLevel.minimumLettersForLooseLevels {
                perLevel.append((level, []))
                continue
            }
            var paths: [[String]] = [[]]
            for keys in wordKeys {
                let variants: [String]
                switch level {
                case .exact: variants = [keys.exact]
                case .folded: variants = [keys.folded]
                case .inflected: variants = [keys.folded]
                case .romanized: variants = keys.romanized
                case .skeleton: variants = keys.skeleton
                case .fuzzy: variants = []
                }
                paths = paths.flatMap { path in variants.map { path + [$0] } }
                if paths.count > 256 { paths = Array(paths.prefix(256)) }
            }
            var reached: [String] = []
            var nodes: Set<Int32> = []
            for path in paths {
                guard let node = inspection.node(for: path), nodes.insert(node).inserted else { continue }
                for posting in inspection.postings(at: node) {
                    hits.append((level, posting))
                    let id = lexicon.entities[Int(posting.entity)].id
                    if !reached.contains(id) { reached.append(id) }
                }
            }
            perLevel.append((level, reached))
        }
        levelHits = perLevel

        // Ranking: as lookup does, or as tag does within the context document.
        var candidates = Resolver.bestPerEntity(hits)
        var resolverContext: Resolver.Context?
        var evidence: [String]?
        if let context {
            let (found, own, lines) = Self.contextOf(term: term, document: context, lexicon: lexicon)
            evidence = lines
            resolverContext = own
            if let found { candidates = found }
        }
        let ranked = Resolver.rank(candidates, context: resolverContext, in: lexicon)
        self.candidates = zip(ranked, Resolver.typeRanks(of: ranked, in: lexicon)).map { c, typeRank in
            Candidate(
                entity: lexicon.entities[Int(c.entity)], level: c.level, name: lexicon.names[Int(c.name)],
                contextScore: resolverContext?.score(of: c, in: lexicon) ?? 0, nameWeight: Resolver.nameWeight(c, lexicon),
                rankingPopulation: lexicon.entities.rankingPopulation(at: Int(c.entity)), typeRank: typeRank,
                nameCount: lexicon.nameCount(ofEntityAt: Int(c.entity)))
        }
        contextEvidence = evidence
        reasons = Self.reasons(self.candidates, hasContext: context != nil)
        guards = Self.guardLines(words: zip(texts, wordKeys).map { ($0, $1.script) }, winner: self.candidates.first, lexicon: lexicon)
        inText = Self.textOutcomes(term, lexicon: lexicon)
    }

    // MARK: Ranking reasons

    private static func reasons(_ ranked: [Candidate], hasContext: Bool) -> [String] {
        guard let winner = ranked.first else { return [] }
        return ranked.dropFirst().prefix(8).map { other in
            let head = "\(winner.entity.id) over \(other.entity.id): "
            if winner.level != other.level {
                return head + "stricter level (\(winner.level) beats \(other.level))"
            }
            if winner.contextScore != other.contextScore {
                return head + "same level (\(winner.level)); more context (score \(winner.contextScore) against "
                    + "\(other.contextScore): other mentions of the document resolved to it or its country)"
            }
            let contextNote = hasContext ? "equal context (\(winner.contextScore))" : "no context"
            if winner.typeRank != other.typeRank {
                if other.entity.type == "region", Resolver.typeRank(other.entity.type) == winner.typeRank {
                    return head + "same level (\(winner.level)), \(contextNote); a region ranks after the cities it competes "
                        + "with unless it has more names than each of them (\(other.nameCount) against "
                        + "\(winner.nameCount)) and none is of its own country"
                }
                return head + "same level (\(winner.level)), \(contextNote); type \(winner.entity.type ?? "none") ranks above "
                    + "\(other.entity.type ?? "none") (countries, then cities, regions and people, then the rest)"
            }
            let wp = winner.rankingPopulation, op = other.rankingPopulation
            if winner.nameWeight == other.nameWeight, wp != op {
                return head + "same level (\(winner.level)), \(contextNote), same type rank; larger population "
                    + "(\(populationText(winner)) against \(populationText(other)))"
            }
            if wp * winner.nameWeight != op * other.nameWeight {
                return head + "same level (\(winner.level)), \(contextNote), same type rank; more prominent "
                    + "(\(prominence(winner)) against \(prominence(other)))"
            }
            return head + "same level, \(contextNote), type and population; the id sorts first (a tie: give one a "
                + "population or flag a name `lookup-only`)"
        }
    }

    /// A candidate's ranking population: "450,000", or for a region without one "about
    /// 6,415,042 (its country's population shared among its regions)".
    private static func populationText(_ c: Candidate) -> String {
        c.entity.population == nil && c.rankingPopulation > 0
            ? "about \(grouped(c.rankingPopulation)) (its country's population shared among its regions)"
            : grouped(c.rankingPopulation)
    }

    /// A population as ranking weighs it: "population 450,000 × 3 (its label in another script)".
    private static func prominence(_ c: Candidate) -> String {
        let weight = c.nameWeight
        return switch weight {
        case Resolver.ownNameWeight: "population \(populationText(c)) × \(weight) (its label or a preferred name)"
        case Resolver.labelSpellingWeight: "population \(populationText(c)) × \(weight) (its label in another script)"
        default: "population \(populationText(c)), an alternate name"
        }
    }

    // MARK: Context

    /// Tags the document and returns the candidates of the mention that covers the term, the
    /// context without that mention's own evidence, and lines describing the evidence.
    private static func contextOf(term: String, document: String, lexicon: Lexicon)
        -> (candidates: [Resolver.Candidate]?, context: Resolver.Context, lines: [String])
    {
        let mentions = lexicon.tag(document)
        let termBytes = Array(term.utf8)
        let documentBytes = Array(document.utf8)
        var termStart: Int?
        if !termBytes.isEmpty, documentBytes.count >= termBytes.count {
            for i in 0...(documentBytes.count - termBytes.count) where documentBytes[i..<i + termBytes.count].elementsEqual(termBytes) {
                termStart = i
                break
            }
        }
        let target = mentions.firstIndex { $0.text == term }
            ?? termStart.flatMap { start in mentions.firstIndex { $0.byteStart <= start && start < $0.byteEnd } }
        func candidates(of mention: Mention) -> [Resolver.Candidate] {
            ([mention.best] + mention.alternatives).compactMap { match in
                guard let (entity, name) = match.records(in: lexicon.compiled) else { return nil }
                return Resolver.Candidate(entity: entity, name: name, level: match.method)
            }
        }
        var clues: [Resolver.Clue] = []
        var lines: [String] = []
        for (index, mention) in mentions.enumerated() where index != target {
            // The evidence tag counts (``Resolver/clue(of:in:)``), with its weights.
            let clue = Resolver.clue(of: Resolver.Span(start: 0, length: 1, candidates: candidates(of: mention)), in: lexicon)
            clues.append(clue)
            if clue.entity != nil {
                lines.append("\(packQuote(mention.text)) → \(mention.id) (\(mention.best.entity.country ?? "no country"))")
            } else if clue.country != nil, let country = mention.best.entity.country {
                let count = ([mention.best] + mention.alternatives).filter { $0.method == mention.method }.count
                lines.append("\(packQuote(mention.text)) → one of \(count) entities, all in \(country)")
            } else {
                lines.append("\(packQuote(mention.text)) → ambiguous across countries: no evidence")
            }
        }
        if target == nil { lines.append("the term is not a mention of the context text: ranked without context") }
        return (target.map { candidates(of: mentions[$0]) }, Resolver.Context(clues), lines)
    }

    // MARK: Guards

    private static func guardLines(words: [(String, String)], winner: Candidate?, lexicon: Lexicon) -> [String] {
        let data = lexicon.guards
        var lines: [String] = []
        var allCommon = !words.isEmpty
        var maxZipf: Float = 0
        for (word, script) in words {
            let lower = word.lowercased()
            let list = script == "Cyrl" ? data.cyrillicCommonWords : data.latinCommonWords
            let languages = (script == "Cyrl" ? data.cyrillicLanguages : data.latinLanguages).sorted().joined(separator: "/")
            let zipf = list[lower] ?? 0
            maxZipf = max(maxZipf, zipf)
            let common = zipf >= data.commonWordMinZipf
            if !common { allCommon = false }
            lines.append(
                "common word: \(packQuote(lower)) has zipf \(zipf > 0 ? twoDecimals(zipf) : "—") in the \(languages) list "
                    + (common ? "(≥ \(twoDecimals(data.commonWordMinZipf)): a common word)" : "(< \(twoDecimals(data.commonWordMinZipf)): not a common word)"))
            if data.givenNames.contains(lower) {
                lines.append("given name: \(packQuote(lower)) is a given name: before a capitalized word it starts a person's name and is not matched")
            }
        }
        if allCommon {
            let needs = maxZipf >= data.veryCommonZipf ? data.veryCommonMinPopulation : data.commonWordMinPopulation
            lines.append(
                "every word is common: matched only when capitalized, and only for a "
                    + data.commonWordAlwaysTypes.sorted().joined(separator: "/") + " or a place of ≥ \(grouped(needs)) people "
                    + (maxZipf >= data.veryCommonZipf ? "(zipf ≥ \(twoDecimals(data.veryCommonZipf)): basic vocabulary) " : "")
                    + "mid-sentence, ≥ \(grouped(data.sentenceStartMinPopulation)) at the start of a sentence or in all caps")
        }
        if let winner {
            if winner.name.flags.contains(.vouched) { lines.append("the winning name is flagged vouched: the guards let it through") }
            if winner.name.flags.contains(.lookupOnly) { lines.append("the winning name is flagged lookup-only: never matched in running text") }
        }
        if lexicon.guards.thresholds.isEmpty { lines.append("the lexicon was loaded without guard data: no guards apply") }
        return lines
    }

    private static func textOutcomes(_ term: String, lexicon: Lexicon) -> [(String, String)] {
        func describe(_ text: String, skip: Int) -> String {
            let mentions = lexicon.tag(text).filter { $0.byteStart >= skip }
            guard let first = mentions.first else { return "not matched" }
            let alternatives = first.alternatives.isEmpty ? "" : " (alternatives: \(first.alternatives.prefix(4).map(\.id).joined(separator: ", ")))"
            let rest = String(decoding: Array(text.utf8.dropFirst(skip)), as: UTF8.self)
            let partial = first.text == rest ? "" : " for \(packQuote(first.text))"
            return "\(first.id) \(packQuote(first.label)) at \(first.method)\(partial)\(alternatives)"
        }
        let lower = (try? UnicodeNormalizer.lowercase(term)) ?? term.lowercased()
        return [
            ("as a sentence of its own", describe(term, skip: 0)),
            ("mid-sentence", describe("1 " + term, skip: 2)),
            ("lower-case mid-sentence", describe("1 " + lower, skip: 2)),
        ]
    }
}
