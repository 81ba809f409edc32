/// Ranks the entities a span could denote, using level, the document's context and prominence.
///
/// Order: the strictest fold level first; then context — how many other mentions of the same
/// document were resolved unambiguously to the same entity or to the same country; then
/// type (countries, then cities, regions and people, then the rest; a region after the cities
/// unless it has more names than each of them and none is of its own country); then population
/// (for a region without one, its country's population shared among its regions), five
/// times for a name that is the entity's label, `preferred` or the label's short form, three
/// times for the label in another script; then id, so that results are deterministic. In
/// context, mentions of cities and regions weigh twice as much as mentions of countries, which
/// tell the topic more than the place ("заявили в Минобороны России" says nothing about where
/// Pokrovsk is).
enum Resolver {
    /// An entity reachable from a span, at the best level that reaches it.
    struct Candidate {
        var entity: Int32
        var name: Int32
        var level: FoldLevel
    }

    /// A run of tokens that matched, with its surviving candidates.
    struct Span {
        var start: Int
        var length: Int
        var candidates: [Candidate]
        /// The designator taken into the span, if any ("Oblast").
        var designator: Designator? = nil
    }

    /// What one resolved span tells about the rest of its document.
    struct Clue {
        /// The entity, when the span's best level holds a single one.
        var entity: Int32?
        /// The country's symbol (``EntityTable/countrySymbol(at:)``), when the entities of the
        /// best level share one.
        var country: UInt32?
        /// The span's weight as evidence of its country: 2 for places, 1 for countries.
        var weight: Int
    }

    /// The document's resolved mentions, as evidence for the ambiguous ones.
    ///
    /// Built once per document from all its clues, as two sorted tables searched by bisection:
    /// a document has a few spans, and growing two hash tables clue by clue cost more than
    /// everything else the resolver does.
    struct Context {
        /// Mentions per entity and weight per country symbol, sorted by key.
        private var entities: [(key: Int32, total: Int)] = []
        private var countries: [(key: UInt32, total: Int)] = []
        /// Evidence left out of ``score(of:in:)``: the span being ranked does not count for
        /// itself.
        var excluded: Clue? = nil

        /// The evidence of every span of a document.
        /// - Complexity: O(n log n) for n clues.
        init(_ clues: [Clue]) {
            entities.reserveCapacity(clues.count)
            countries.reserveCapacity(clues.count)
            for clue in clues {
                if let entity = clue.entity { entities.append((entity, 1)) }
                if let country = clue.country { countries.append((country, clue.weight)) }
            }
            Self.sumByKey(&entities)
            Self.sumByKey(&countries)
        }

        /// Sorts `table` by key and merges the entries of each key into one, with their sum.
        private static func sumByKey<Key: Comparable>(_ table: inout [(key: Key, total: Int)]) {
            guard table.count > 1 else { return }
            table.sort { $0.key < $1.key }
            var kept = 0
            for i in 1..<table.count {
                if table[i].key == table[kept].key {
                    table[kept].total += table[i].total
                } else {
                    kept += 1
                    table[kept] = table[i]
                }
            }
            table.removeLast(table.count - kept - 1)
        }

        /// The total of `key` in `table`, or 0.
        /// - Complexity: O(log n).
        private static func total<Key: Comparable>(of key: Key, in table: [(key: Key, total: Int)]) -> Int {
            var low = 0, high = table.count
            while low < high {
                let middle = (low + high) / 2
                if table[middle].key < key { low = middle + 1 } else { high = middle }
            }
            return low < table.count && table[low].key == key ? table[low].total : 0
        }

        /// How strongly the rest of the document points at the candidate's entity: twice the
        /// mentions resolved to it, plus the weight of those resolved to its country.
        func score(of candidate: Candidate, in lexicon: Lexicon) -> Int {
            var sameEntity = Self.total(of: candidate.entity, in: entities)
            if excluded?.entity == candidate.entity { sameEntity -= 1 }
            var score = sameEntity * 2
            let country = lexicon.entities.countrySymbol(at: Int(candidate.entity))
            if country != UInt32.max {
                score += Self.total(of: country, in: countries)
                if let excluded, excluded.country == country { score -= excluded.weight }
            }
            return score
        }
    }

    /// Keeps, for each entity, the strictest level and its (first) name.
    static func bestPerEntity(_ hits: [(FoldLevel, Posting)]) -> [Candidate] {
        var best: [Candidate] = []
        for (level, posting) in hits { keepBest(level, posting, in: &best) }
        return best
    }

    /// Adds a hit to `best` (one candidate per entity, in order of first appearance), keeping
    /// the strictest level and, at one level, the first name row (the label comes first in a
    /// pack), so that the choice does not depend on search order.
    @inline(__always)
    static func keepBest(_ level: FoldLevel, _ posting: Posting, in best: inout [Candidate]) {
        if let i = best.firstIndex(where: { $0.entity == posting.entity }) {
            if level < best[i].level || (level == best[i].level && posting.name < best[i].name) {
                best[i] = Candidate(entity: posting.entity, name: posting.name, level: level)
            }
        } else {
            best.append(Candidate(entity: posting.entity, name: posting.name, level: level))
        }
    }

    /// The rank of an entity type, higher first: countries, then cities, regions and people
    /// (which population decides between), then the rest.
    static func typeRank(_ type: String?) -> Int {
        switch type {
        case "country": 3
        case "city", "region", "person": 2
        default: 1
        }
    }

    /// How much more an entity's own name (label, `preferred`, short form) weighs than an
    /// alternate name when ranking by population.
    static let ownNameWeight = 5
    /// How much more the label in another script weighs than an alternate name: "Ставрополь"
    /// is Stavropol's label in Cyrillic, and only a former name of the larger Tolyatti. Less
    /// than an own name: a name written as one entity's label is that entity before one whose
    /// label it spells in another script.
    static let labelSpellingWeight = 3

    /// What the candidate's name multiplies its entity's population by when ranking:
    /// ``ownNameWeight``, ``labelSpellingWeight`` or 1.
    /// - Complexity: O(1) (``NameTraits``).
    static func nameWeight(_ c: Candidate, _ lexicon: Lexicon) -> Int {
        let traits = lexicon.names.traits(at: Int(c.name))
        return traits.contains(.ownName) ? ownNameWeight : traits.contains(.labelSpelling) ? labelSpellingWeight : 1
    }

    /// Sorts candidates best first. `context` excludes the span being ranked.
    /// - Complexity: O(n log n) comparisons of precomputed keys for n candidates, plus
    ///   ``typeRanks(of:in:)``.
    static func rank(_ candidates: [Candidate], context: Context?, in lexicon: Lexicon) -> [Candidate] {
        if candidates.count < 2 { return candidates }
        let entities = lexicon.entities
        let mostNamesOfACity = mostNamesOfACity(among: candidates, in: lexicon)
        // Each candidate's keys are computed once: a sort compares each candidate several times.
        let keyed = candidates.map { c in
            let e = Int(c.entity)
            let type = typeRank(of: c, among: candidates, mostNamesOfACity: mostNamesOfACity, in: lexicon)
            // Prominence: population, counted five times when the name is the entity's own label
            // or preferred name, three times when it is the label in another script, rather
            // than an alternate one ("Pokrovsk" is Pokrovsk, Ukraine before Engels, once called
            // Pokrovsk; "Odessa" is still Odesa before Odessa, Texas).
            // A region without a population of its own ranks by its country's mean region
            // (EntityTable.rankingPopulation): "Florida" is the US state before Floridablanca.
            let prominence = entities.rankingPopulation(at: e) * nameWeight(c, lexicon)
            return RankKeys(candidate: c, context: context?.score(of: c, in: lexicon) ?? 0, type: type, prominence: prominence)
        }
        return keyed.sorted { a, b in
            if a.candidate.level != b.candidate.level { return a.candidate.level < b.candidate.level }
            if a.context != b.context { return a.context > b.context }
            if a.type != b.type { return a.type > b.type }
            if a.prominence != b.prominence { return a.prominence > b.prominence }
            return entities.id(at: Int(a.candidate.entity)) < entities.id(at: Int(b.candidate.entity))
        }.map(\.candidate)
    }

    /// Each candidate's type rank as ``rank(_:context:in:)`` uses it: ``typeRank(_:)`` of its
    /// type, except that a region ranks with the cities (then population decides, see
    /// ``EntityTable/rankingPopulation(at:)``) only when it has more names than every city among
    /// the candidates — how widely a place is known shows in how many languages name it:
    /// "Florida" is the US state (15 names) before Floridablanca, Colombia (2), whose alternate
    /// name it is, while "Gaza" stays the city (48) before Gaza Province, Mozambique (10).
    /// Otherwise, and always when a city of its own country is among the candidates (the region
    /// is usually named after it: Khmelnytskyi), the region ranks after the cities.
    /// - Complexity: O(n) for n candidates, plus O(n) per region candidate.
    static func typeRanks(of candidates: [Candidate], in lexicon: Lexicon) -> [Int] {
        let most = mostNamesOfACity(among: candidates, in: lexicon)
        return candidates.map { typeRank(of: $0, among: candidates, mostNamesOfACity: most, in: lexicon) }
    }

    /// The most name rows a city among `candidates` has (0: none is a city).
    private static func mostNamesOfACity(among candidates: [Candidate], in lexicon: Lexicon) -> Int {
        var most = 0
        for c in candidates where lexicon.entities.isCity(at: Int(c.entity)) {
            most = Swift.max(most, lexicon.nameCount(ofEntityAt: Int(c.entity)))
        }
        return most
    }

    /// One candidate's entry of ``typeRanks(of:in:)``.
    private static func typeRank(of c: Candidate, among candidates: [Candidate], mostNamesOfACity: Int, in lexicon: Lexicon) -> Int {
        let entities = lexicon.entities, e = Int(c.entity)
        guard entities.isRegion(at: e) else { return entities.typeRank(at: e) }
        let country = entities.countrySymbol(at: e)
        let cityOfItsCountry = candidates.contains {
            entities.isCity(at: Int($0.entity)) && entities.countrySymbol(at: Int($0.entity)) == country
        }
        return !cityOfItsCountry && lexicon.nameCount(ofEntityAt: e) > mostNamesOfACity
            ? entities.typeRank(at: e) : typeRank(nil)
    }

    /// A candidate with the keys it is ranked by, after its level.
    private struct RankKeys {
        var candidate: Candidate
        var context: Int
        var type: Int
        var prominence: Int
    }

    /// The span's evidence for the rest of its document: the entity when its best level holds
    /// a single one, else the country when the entities of that level share one.
    static func clue(of span: Span, in lexicon: Lexicon) -> Clue {
        let entities = lexicon.entities
        // 1 when every candidate is a country (type rank 3), which tells the topic more than
        // the place; 2 otherwise.
        let weight = span.candidates.allSatisfy { entities.typeRank(at: Int($0.entity)) == typeRank("country") } ? 1 : 2
        guard let bestLevel = span.candidates.map(\.level).min() else { return Clue(weight: weight) }
        var entity: Int32? = nil, country = UInt32.max, sharedCountry = true, count = 0
        for candidate in span.candidates where candidate.level == bestLevel {
            let symbol = entities.countrySymbol(at: Int(candidate.entity))
            if count == 0 { country = symbol } else if symbol != country { sharedCountry = false }
            entity = candidate.entity
            count += 1
        }
        let known = sharedCountry && country != UInt32.max ? country : nil
        return Clue(entity: count == 1 ? entity : nil, country: known, weight: weight)
    }

    /// Whether the span matched only at the fuzzy level.
    private static func isFuzzy(_ span: Span) -> Bool { span.candidates.allSatisfy { $0.level == .fuzzy } }

    /// Resolves every span of a document into mentions; a fuzzy span is kept only where the
    /// document's other mentions point at its entity or country. `spans` are in document order;
    /// `wellFormed` is what the tokenizer said of `bytes` (see ``ScalarOffsets``).
    static func resolve(
        _ spans: [Span], tokens: [Token], bytes: UnsafeBufferPointer<UInt8>, wellFormed: Bool, in lexicon: Lexicon
    ) -> [Mention] {
        // A span alone in its document has no context: without its own evidence, nothing is left.
        var context: Context? = nil
        var clues: [Clue] = []
        if spans.count > 1 {
            // A fuzzy span is no evidence: it needs the others' (below).
            clues = spans.map { isFuzzy($0) ? Clue(weight: 0) : clue(of: $0, in: lexicon) }
            context = Context(clues)
        }
        var mentions: [Mention] = []
        mentions.reserveCapacity(spans.count)
        var offsets = ScalarOffsets(bytes, wellFormed: wellFormed)
        for (index, span) in spans.enumerated() {
            // The span's own evidence does not count for itself.
            if !clues.isEmpty { context?.excluded = clues[index] }
            let ranked = rank(span.candidates, context: context, in: lexicon)
            // A word one edit from a name is a mention only where the rest of the document points
            // at its entity or its country: alone, a capitalized unknown word is more often a
            // surname or a village the lexicon lacks ("Verbove" is not Verkhov'ye, Russia).
            if isFuzzy(span), (context?.score(of: ranked[0], in: lexicon) ?? 0) == 0 { continue }
            let first = tokens[span.start], last = tokens[span.start + span.length - 1]
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[first.byteStart..<last.byteEnd]), as: UTF8.self)
            mentions.append(Mention(
                text: text, start: offsets.offset(ofByte: first.byteStart), end: offsets.offset(ofByte: last.byteEnd),
                byteStart: first.byteStart, byteEnd: last.byteEnd,
                best: lexicon.match(ranked[0]), alternatives: ranked.dropFirst().map { lexicon.match($0) }))
        }
        return mentions
    }
}

extension Lexicon {
    /// The match of a candidate: a reference to its records in the compiled image.
    func match(_ candidate: Resolver.Candidate) -> Match {
        Match(compiled, entity: candidate.entity, name: candidate.name, method: candidate.level)
    }
}
