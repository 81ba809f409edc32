/// Which languages' romanization schemes apply to a Cyrillic word, guessed from its letters.
///
/// Ukrainian alone has ї є ґ; Belarusian alone ў; Russian alone ъ; і is Ukrainian or
/// Belarusian; ы э ё are Russian or Belarusian. A word with none of these letters (Москва,
/// Чернигов) gets the Ukrainian and the Russian readings, so `Chernigov` and `Chernyhov` are
/// both keys of `Чернигов`. A name's `lang` column, when given, overrides the guess.
enum CyrillicReading {
    /// A set of readings, as bits (the fold ladder asks per new word, so no `Set<String>`).
    struct Readings: OptionSet, Sendable {
        let rawValue: UInt8
        static let uk = Readings(rawValue: 1), ru = Readings(rawValue: 2), be = Readings(rawValue: 4)

        init(rawValue: UInt8) { self.rawValue = rawValue }

        /// The readings a scheme's `reading` column names: one language, all three for `any`,
        /// none for a language outside these three.
        init(reading: String) {
            switch reading {
            case "any": self = [.uk, .ru, .be]
            case "uk": self = .uk
            case "ru": self = .ru
            case "be": self = .be
            default: self = []
            }
        }

        /// The language codes of the readings in the set.
        var names: Set<String> {
            Set([(Readings.uk, "uk"), (.ru, "ru"), (.be, "be")].compactMap { contains($0.0) ? $0.1 : nil })
        }
    }

    /// The readings (`uk`, `ru`, `be`) that apply to `word`.
    static func readings(of word: String, lang: String? = nil) -> Set<String> {
        readingSet(of: word, lang: lang).names
    }

    /// ``readings(of:lang:)`` as bits.
    static func readingSet(of word: String, lang: String? = nil) -> Readings {
        if let lang {
            let primary = lang.split(separator: "-").first.map { $0.lowercased() } ?? ""
            let named = Readings(reading: primary)
            if primary != "any", !named.isEmpty { return named }
        }
        var ukOnly = false, beOnly = false, ruOnly = false, i = false, ruBe = false, cyrI = false
        for scalar in word.unicodeScalars {
            switch scalar.value {
            case 0x0457, 0x0407, 0x0454, 0x0404, 0x0491, 0x0490: ukOnly = true  // ї Ї є Є ґ Ґ
            case 0x045E, 0x040E: beOnly = true  // ў Ў
            case 0x044A, 0x042A: ruOnly = true  // ъ Ъ
            case 0x0456, 0x0406: i = true  // і І
            case 0x044B, 0x042B, 0x044D, 0x042D, 0x0451, 0x0401: ruBe = true  // ы э ё
            case 0x0438, 0x0418: cyrI = true  // и И
            default: break
            }
        }
        if ukOnly { return .uk }
        if beOnly { return .be }
        if ruOnly { return .ru }
        if i { return ruBe ? .be : [.uk, .be] }
        if ruBe { return cyrI ? .ru : [.ru, .be] }
        return [.uk, .ru]
    }
}
