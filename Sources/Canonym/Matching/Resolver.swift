/// Ranks the entities a span could denote, using level, the document's context and prominence.
///
/// Order: the strictest fold level first; then context — how many other mentions of the same
/// document were resolved unambiguously to the same entity or to the same country; then
/// type (countries, then cities and people, then regions and the rest); then population, five
/// times for a name that is the entity's label (or `preferred`); then id, so that results are
/// deterministic. In context, mentions of cities and regions weigh twice as much as mentions of
/// countries, which tell the topic more than the place ("заявили в Минобороны России" says
/// nothing about where Pokrovsk is).
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

    /// The document's resolved mentions, as evidence for the ambiguous ones.
    struct Context {
        var entities: [Int32: Int] = [:]
        var countries: [String: Int] = [:]
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

    static func typeRank(_ type: String?) -> Int {
        switch type {
        case "country": 3
        case "city": 2
        case "person": 2
        default: 1
        }
    }

    /// How much more an entity's own name (label, `preferred`) weighs than an alternate name
    /// when ranking by population.
    static let ownNameWeight = 5

    /// Whether the candidate matched through the entity's label or a `preferred` name.
    static func isOwnName(_ c: Candidate, _ lexicon: Lexicon) -> Bool {
        lexicon.names.flags(at: Int(c.name)).contains(.preferred)
            || lexicon.names.nameBytes(at: Int(c.name)).elementsEqual(lexicon.entities.labelBytes(at: Int(c.entity)))
    }

    /// Sorts candidates best first. `context` excludes the span being ranked.
    static func rank(_ candidates: [Candidate], context: Context?, in lexicon: Lexicon) -> [Candidate] {
        func contextScore(_ c: Candidate) -> Int {
            guard let context else { return 0 }
            var score = (context.entities[c.entity] ?? 0) * 2
            if let country = lexicon.entities.country(at: Int(c.entity)) { score += context.countries[country] ?? 0 }
            return score
        }
        return candidates.sorted { a, b in
            if a.level != b.level { return a.level < b.level }
            let ca = contextScore(a), cb = contextScore(b)
            if ca != cb { return ca > cb }
            let entities = lexicon.entities
            let ea = Int(a.entity), eb = Int(b.entity)
            let ta = typeRank(entities.type(at: ea)), tb = typeRank(entities.type(at: eb))
            if ta != tb { return ta > tb }
            // Prominence: population, counted five times when the name is the entity's own label
            // or preferred name rather than an alternate one ("Pokrovsk" is Pokrovsk, Ukraine
            // before Engels, once called Pokrovsk; "Odessa" is still Odesa before Odessa, Texas).
            let pa = (entities.population(at: ea) ?? 0) * (isOwnName(a, lexicon) ? ownNameWeight : 1)
            let pb = (entities.population(at: eb) ?? 0) * (isOwnName(b, lexicon) ? ownNameWeight : 1)
            if pa != pb { return pa > pb }
            return entities.id(at: ea) < entities.id(at: eb)
        }
    }

    /// Whether a span's best level holds a single entity, or entities of a single country.
    private static func evidence(of span: Span, in lexicon: Lexicon) -> (entity: Int32?, country: String?) {
        guard let bestLevel = span.candidates.map(\.level).min() else { return (nil, nil) }
        let top = span.candidates.filter { $0.level == bestLevel }
        if top.count == 1 {
            return (top[0].entity, lexicon.entities.country(at: Int(top[0].entity)))
        }
        let countries = Set(top.map { lexicon.entities.country(at: Int($0.entity)) })
        if countries.count == 1, let country = countries.first { return (nil, country) }
        return (nil, nil)
    }

    /// A mention's weight as evidence of its country: 2 for places, 1 for the country itself.
    private static func weight(of span: Span, in lexicon: Lexicon) -> Int {
        span.candidates.allSatisfy { lexicon.entities.type(at: Int($0.entity)) == "country" } ? 1 : 2
    }

    /// Resolves every span of a document into mentions.
    static func resolve(_ spans: [Span], tokens: [Token], bytes: UnsafeBufferPointer<UInt8>, in lexicon: Lexicon) -> [Mention] {
        let clues = spans.map { evidence(of: $0, in: lexicon) }
        var context = Context()
        for (index, item) in clues.enumerated() {
            if let entity = item.entity { context.entities[entity, default: 0] += 1 }
            if let country = item.country { context.countries[country, default: 0] += weight(of: spans[index], in: lexicon) }
        }
        var mentions: [Mention] = []
        mentions.reserveCapacity(spans.count)
        for (index, span) in spans.enumerated() {
            // The span's own evidence does not count for itself.
            var own = context
            if let entity = clues[index].entity { own.entities[entity, default: 1] -= 1 }
            if let country = clues[index].country { own.countries[country, default: 0] -= weight(of: span, in: lexicon) }
            let ranked = rank(span.candidates, context: own, in: lexicon)
            let first = tokens[span.start], last = tokens[span.start + span.length - 1]
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[first.byteStart..<last.byteEnd]), as: UTF8.self)
            mentions.append(Mention(
                text: text, start: first.scalarStart, end: last.scalarEnd,
                byteStart: first.byteStart, byteEnd: last.byteEnd,
                best: lexicon.match(ranked[0]), alternatives: ranked.dropFirst().map { lexicon.match($0) }))
        }
        return mentions
    }
}

extension Lexicon {
    func match(_ candidate: Resolver.Candidate) -> Match {
        Match(entity: entities[Int(candidate.entity)], name: names.name(at: Int(candidate.name)), method: candidate.level)
    }
}
