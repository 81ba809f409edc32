extension Lexicon {
    /// Regions whose name begins with the stem of `skeletons` (a city's name): "Vinnytsia" +
    /// "Oblast" → Vinnytska oblast. The shared prefix of the skeletons must be at least 4 letters
    /// and 60% of the city's skeleton; the longest shared prefix wins. Only regions of
    /// `countries` are considered, or of every country when it is empty.
    /// - Complexity: O(R·L) over the R region names of those countries; each country's
    ///   skeletons are computed once.
    func regionsSharingStem(with skeletons: [String], countries: Set<String>) -> [(entity: Int32, name: Int32)] {
        let stems = (countries.isEmpty ? regionCountries() : countries.sorted())
            .flatMap { regionStemStore.stems(of: $0, computeRegionStems(of:)) }
        var best = 0
        var found: [(entity: Int32, name: Int32)] = []
        for skeleton in skeletons {
            let bare = Array(skeleton.utf8)
            let needed = max(4, (bare.count * 6 + 9) / 10)
            for stem in stems {
                var shared = 0
                for (a, b) in zip(bare, stem.skeleton.utf8) {
                    if a != b { break }
                    shared += 1
                }
                guard shared >= needed else { continue }
                if shared > best {
                    best = shared
                    found = [(stem.entity, stem.name)]
                } else if shared == best, !found.contains(where: { $0.entity == stem.entity }) {
                    found.append((stem.entity, stem.name))
                }
            }
        }
        return found
    }

    /// The countries that have regions, in code order.
    private func regionCountries() -> [String] {
        Set(entities.indices.filter { entities.isRegion(at: $0) }.compactMap { entities.country(at: $0) }).sorted()
    }

    private func computeRegionStems(of country: String) -> [LazyRegionStems.Stem] {
        var result: [LazyRegionStems.Stem] = []
        guard let ladder = try? FoldLadder(rules: rules) else { return [] }
        // Region entities first, then their names: the name table is not read at all for
        // lexicons without regions.
        let starts = compiled.entityNameStarts, list = compiled.entityNameList
        let regionNames = entities.indices.filter { entities.isRegion(at: $0) && entities.country(at: $0) == country }
            .flatMap { e in list[Int(starts[e])..<Int(starts[e + 1])].map(Int.init) }
            .sorted()
        for index in regionNames {
            let entity = names.entity(at: index)
            let name = names[index]
            guard let firstWord = name.name.split(whereSeparator: { $0 == " " || $0 == "-" }).first,
                let keys = try? ladder.keys(of: String(firstWord), lang: name.lang, forText: true)
            else { continue }
            for skeleton in keys.skeleton where skeleton.utf8.count >= 4 {
                result.append((entity, Int32(index), skeleton))
            }
        }
        return result
    }
}
