/// The checks that keep common words and people's names from being tagged as places.
///
/// - Common-word guard: a mention whose every word is frequent in the languages of its script
///   (Zipf ≥ `common_word_min_zipf`) must be capitalized, and the entity must be prominent:
///   population ≥ `common_word_min_population` when capitalized mid-sentence
///   (≥ `common_word_very_common_min_population` for basic vocabulary, Zipf ≥
///   `common_word_very_common_zipf`), ≥ `common_word_sentence_start_min_population` where the
///   capital is explained by the start of a sentence or an all-caps line; types listed in
///   `common_word_always_types` pass whenever capitalized. `in March` is not the English town of
///   March; lowercase `bar` is not Bar; lowercase `kyiv` still matches (not a word). A Cyrillic
///   phrase with every word capitalized (`Красное Село`) needs no population: without title
///   case in these languages, that is how a name is written.
/// - Given-name guard: a one-word mention that is a given name followed by a capitalized word is
///   a person (`Vladimir Putin`), and a mention right after a capitalized given name is a surname
///   (`Marco Rubio`). People packs compete in the same leftmost-longest pass and win by length.
/// - Own names: a common word, or a word written in lowercase or all caps in a mixed-case line,
///   counts only through a name the entity owns (its label or the label's short form, a
///   `preferred`, `abbreviation` or `case-sensitive` name, or a name in a non-Latin script),
///   never through an alternate Latin name ("Turn" is not Angren).
/// - A name flagged `vouched` skips both; `lookup-only` names never match in text.
///
/// The thresholds are read from the lexicon's ``GuardData`` at each check rather than copied in
/// for each document: the copy retained a dozen shared tables, whose reference counts every
/// thread would then write.
struct PrecisionGuards {
    let tokens: [Token]
    /// The document the tokens were read from.
    let bytes: UnsafeBufferPointer<UInt8>
    let documentIsAllCaps: Bool

    init(tokens: [Token], bytes: UnsafeBufferPointer<UInt8>) {
        self.tokens = tokens
        self.bytes = bytes
        var lettered = 0, allCaps = true
        for token in tokens where token.letterCount >= 2 {
            lettered += 1
            if !token.allCaps { allCaps = false; break }
        }
        documentIsAllCaps = lettered >= 2 && allCaps
    }

    /// Whether the candidate matched through its label or the label's short form ("New York"),
    /// a `preferred` name, an `abbreviation` or `case-sensitive` form, or a non-Latin name.
    /// - Complexity: O(1): a trait computed when the lexicon was compiled (``NameTraits``).
    static func isOwnName(_ candidate: Resolver.Candidate, _ lexicon: Lexicon) -> Bool {
        lexicon.names.traits(at: Int(candidate.name)).contains(.ownForGuards)
    }

    /// What the guards make of a span.
    enum Verdict {
        /// A mention of one of its candidates.
        case allowed
        /// Not a mention; a shorter span, here or at a later word, may be.
        case rejected
        /// A phrase of common words written as a name, every word capitalized, whose entities
        /// are too small for the common-word guard: not a mention, and no part of it is one
        /// either ("North Salt Lake" holds no mention of Salt Lake City, "West New York" none
        /// of New York).
        case obscureName
    }

    /// Whether the span `start ..< start + length` may be a mention of one of `candidates`, and
    /// if not, whether a part of it may.
    ///
    /// The guards judge the span, not each candidate: whether the words are used as a name here
    /// is decided with the most prominent candidate as evidence, and then every candidate stays
    /// in the running for context to choose among (`Moscow, Idaho` keeps the small Moscow).
    func judge(start: Int, length: Int, candidates: [Resolver.Candidate], lexicon: Lexicon, info: (Int) -> TokenInfo) -> Verdict {
        if candidates.contains(where: { lexicon.names.flags(at: Int($0.name)).contains(.vouched) }) { return .allowed }
        // A case-sensitive form matched exactly as written ("US", not "us") is its own evidence.
        if candidates.contains(where: {
            $0.level == .exact && !lexicon.names.flags(at: Int($0.name)).isDisjoint(with: [.caseSensitive, .abbreviation])
        }) {
            return .allowed
        }
        let first = tokens[start]
        // Candidates reached through a name the entity owns: its label, a preferred name, or a
        // name in a non-Latin script (local names). Alternate Latin names in gazetteers include
        // translations and junk ("Turn" for Angren, "Google" for Topeka, "White House").
        // Writing that does not mark a name (lowercase, or all caps in a mixed-case line) needs
        // an own name: "kyiv" is Kyiv, "tars" is not Tarsus, "CAT" is not Chad.
        let weaklyWritten = !first.capitalized || (first.allCaps && !documentIsAllCaps)
        if weaklyWritten, !candidates.contains(where: { Self.isOwnName($0, lexicon) }) { return .rejected }

        // A type word right before the name ("в городе Сокол", "з міста Прилуки", "село Бор")
        // says it is a place of that type: the common-word guard asks nothing more of it.
        if first.capitalized, !first.allCaps, start > 0, info(start - 1).designatorBefore >= 0 {
            let types = lexicon.designators.entries[Int(info(start - 1).designatorBefore)].types
            let gap = bytes[tokens[start - 1].byteEnd..<first.byteStart]
            // A word is followed by spaces; a one-letter type word is an abbreviation and needs
            // its period ("г. Бор"; "с Бор" is no village).
            let written = tokens[start - 1].letterCount > 1
                ? !gap.isEmpty && gap.allSatisfy { $0 == 0x20 }
                : tokens[start - 1].hasPeriodGap(to: first, in: bytes)
            // The type word vouches for the whole name only: a capitalized word right after the
            // span continues a name the lexicon lacks ("в посёлке Новый Свет" is not Novyy).
            let next = start + length
            let continues = next < tokens.count && tokens[next].capitalized && tokens[next - 1].hasBlankGap(to: tokens[next], in: bytes)
            if written, !continues, candidates.contains(where: { types.contains(lexicon.entities.type(at: Int($0.entity)) ?? "") }) {
                return .allowed
            }
        }

        // Common words: judged when every word of the span is common.
        let threshold = lexicon.guards.commonWordMinZipf
        if (start..<start + length).allSatisfy({ info($0).commonWordZipf >= threshold }) {
            if !first.capitalized { return .rejected }
            let data = lexicon.guards
            let alwaysTypes = data.commonWordAlwaysTypes
            // One common word counts only through an own name ("Turn" is not Angren); a phrase of
            // common words also through a name with a language tag ("Russian Federation", en),
            // not through an untagged gazetteer alternate ("White House" for Casablanca).
            let entities = candidates.filter { Self.isOwnName($0, lexicon) || (length > 1 && lexicon.names.lang(at: Int($0.name)) != nil) }
                .map { Int($0.entity) }
            if entities.isEmpty { return .rejected }
            let basic = (start..<start + length).map { info($0).commonWordZipf }.max() ?? 0 >= data.veryCommonZipf
            let capitalExplained = first.sentenceInitial || documentIsAllCaps || first.allCaps
            if length == 1, basic, capitalExplained {
                return .rejected  // "END" in a headline is not India, "Turn" opening a sentence not Angren
            }
            if !entities.contains(where: { alwaysTypes.contains(lexicon.entities.type(at: $0) ?? "") }) {
                let population = entities.map { lexicon.entities.population(at: $0) ?? 0 }.max() ?? 0
                // A phrase is as common as its rarest word ("The Hague" is not basic vocabulary).
                let zipf = (start..<start + length).map { info($0).commonWordZipf }.min() ?? 0
                // A later word's capital is not explained by the sentence: the phrase is written as a name.
                let laterCapital = !documentIsAllCaps
                    && (start + 1..<start + length).contains { tokens[$0].capitalized && !tokens[$0].allCaps }
                let explained = !laterCapital && (first.sentenceInitial || documentIsAllCaps || first.allCaps)
                // A phrase written as a name: every word capitalized, none in all caps, outside
                // an all-caps line.
                let writtenAsName = length > 1 && !documentIsAllCaps
                    && (start..<start + length).allSatisfy { tokens[$0].capitalized && !tokens[$0].allCaps }
                // Too small for a phrase written as a name: none of its words is a mention either.
                let tooSmall: Verdict = writtenAsName ? .obscureName : .rejected
                if writtenAsName, (start..<start + length).allSatisfy({ tokens[$0].startsWithCyrillicLetter(in: bytes) }) {
                    // So written in Cyrillic, it is a name ("Красное Село", "Советская Гавань",
                    // "Старий Київ"): Russian, Ukrainian and Belarusian have no title case, so it
                    // is no headline, and the guard asks no population of it.
                } else if explained {
                    if population < data.sentenceStartMinPopulation { return tooSmall }
                } else if zipf >= data.veryCommonZipf {
                    if population < data.veryCommonMinPopulation { return tooSmall }
                } else if population < data.commonWordMinPopulation {
                    return tooSmall
                }
            }
        }

        // Given names: "Vladimir Putin", "Marco Rubio". A person's name is written with a space;
        // a dash between the words ends one name and starts another ("Рейс Сент-Пол — Петроград").
        if length == 1, !documentIsAllCaps {
            let next = start + 1
            if info(start).isGivenName, first.capitalized, next < tokens.count, tokens[next].joinsPrevious,
                tokens[next].capitalized, first.hasBlankGap(to: tokens[next], in: bytes)
            {
                return .rejected
            }
            let previous = start - 1
            if previous >= 0, first.joinsPrevious, tokens[previous].capitalized, info(previous).isGivenName,
                tokens[previous].hasBlankGap(to: first, in: bytes)
            {
                return .rejected
            }
        }
        return .allowed
    }
}
