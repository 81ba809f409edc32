/// The checks that keep common words and people's names from being tagged as places.
///
/// - Common-word guard: a mention whose every word is frequent in the languages of its script
///   (Zipf ≥ `common_word_min_zipf`) must be capitalized, and the entity must be prominent:
///   population ≥ `common_word_min_population` when capitalized mid-sentence
///   (≥ `common_word_very_common_min_population` for basic vocabulary, Zipf ≥
///   `common_word_very_common_zipf`), ≥ `common_word_sentence_start_min_population` where the
///   capital is explained by the start of a sentence or an all-caps line; types listed in
///   `common_word_always_types` pass whenever capitalized. `in March` is not the English town of
///   March; lowercase `bar` is not Bar; lowercase `kyiv` still matches (not a word).
/// - Given-name guard: a one-word mention that is a given name followed by a capitalized word is
///   a person (`Vladimir Putin`), and a mention right after a capitalized given name is a surname
///   (`Marco Rubio`). People packs compete in the same leftmost-longest pass and win by length.
/// - A name flagged `vouched` skips both; `lookup-only` names never match in text.
struct PrecisionGuards {
    let data: GuardData
    let tokens: [Token]
    let documentIsAllCaps: Bool

    init(data: GuardData, tokens: [Token]) {
        self.data = data
        self.tokens = tokens
        let lettered = tokens.filter { $0.letterCount >= 2 }
        documentIsAllCaps = lettered.count >= 2 && lettered.allSatisfy(\.allCaps)
    }

    /// Whether `candidate` may stand for the span `start ..< start + length`.
    func allows(start: Int, length: Int, candidate: Resolver.Candidate, lexicon: Lexicon, info: (Int) -> TokenInfo) -> Bool {
        let name = lexicon.names[Int(candidate.name)]
        if name.flags.contains(.lookupOnly) { return false }
        if name.flags.contains(.vouched) { return true }
        let entity = lexicon.entities[Int(candidate.entity)]
        let first = tokens[start]

        // Common words: judged on the span's words (a phrase only when every word is common).
        let minZipf = data.commonWordMinZipf
        let allCommon = (start..<start + length).allSatisfy { info($0).commonWordZipf >= minZipf }
        if allCommon {
            if !first.capitalized { return false }
            if !data.commonWordAlwaysTypes.contains(entity.type ?? "") {
                let population = entity.population ?? 0
                let zipf = (start..<start + length).map { info($0).commonWordZipf }.max() ?? 0
                if first.sentenceInitial || documentIsAllCaps || first.allCaps {
                    if population < data.sentenceStartMinPopulation { return false }
                } else if zipf >= data.veryCommonZipf {
                    if population < data.veryCommonMinPopulation { return false }
                } else if population < data.commonWordMinPopulation {
                    return false
                }
            }
        }

        // Given names: "Vladimir Putin", "Marco Rubio".
        if length == 1, !documentIsAllCaps {
            let next = start + 1
            if info(start).isGivenName, first.capitalized, next < tokens.count, tokens[next].joinsPrevious,
                tokens[next].capitalized
            {
                return false
            }
            let previous = start - 1
            if previous >= 0, first.joinsPrevious, tokens[previous].capitalized, info(previous).isGivenName,
                !tokens[previous].sentenceInitial || info(previous).commonWordZipf < minZipf
            {
                return false
            }
        }
        return true
    }
}
