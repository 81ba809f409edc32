import Canonym
import XCTest

/// Ambiguity ranking, document context and the precision guards.
final class ResolutionAndGuardTests: XCTestCase {
    let lexicon = Fixtures.lexicon

    func testAmbiguousNameRanksByPopulationAndListsAlternatives() {
        let matches = lexicon.lookup("Donetsk")
        XCTAssertEqual(matches.map(\.id), ["test:donetsk-ua", "test:donetsk-ru"])
        let mention = lexicon.tag("Donetsk")
        XCTAssertEqual(mention.first?.id, "test:donetsk-ua")
        XCTAssertEqual(mention.first?.alternatives.map(\.id), ["test:donetsk-ru"])
    }

    func testContextOfTheDocumentReranksAmbiguousMentions() {
        XCTAssertEqual(lexicon.tag("Moscow").first?.id, "geonames:524901")
        XCTAssertEqual(lexicon.tag("Moscow, Idaho").first?.id, "test:moscow-idaho")
        XCTAssertEqual(lexicon.tag("Donetsk and Pokrovsk").first?.id, "test:donetsk-ua")
        // Only Russian evidence nearby: Donetsk stays the level/context winner among equals.
        let russian = lexicon.tag("Донецк, Россия")
        XCTAssertEqual(russian.first?.id, "test:donetsk-ru")
    }

    /// A name that is one entity's label in another script outranks a larger entity for which
    /// it is only an alternate (a former name): "Ставрополь" is Stavropol, not Tolyatti. A
    /// spelling in the label's own script earns nothing, and a name written as an entity's
    /// label still beats a label it spells in another script.
    func testLabelInAnotherScriptOutranksALargerEntitysAlternateName() throws {
        let pack = Pack(
            name: "spellings",
            entities: [
                Entity(id: "test:tolyatti", label: "Tolyatti", type: "city", country: "RU", population: 700_000, pack: "spellings"),
                Entity(id: "test:stavropol", label: "Stavropol", type: "city", country: "RU", population: 450_000, pack: "spellings"),
                Entity(id: "test:san-jose-cr", label: "San José", type: "city", country: "CR", population: 335_000, pack: "spellings"),
                Entity(id: "test:san-jose-us", label: "San Jose", type: "city", country: "US", population: 1_000_000, pack: "spellings"),
                Entity(id: "test:kashan-big", label: "Kashan", type: "city", country: "IR", population: 300_000, pack: "spellings"),
                Entity(id: "test:kashan-small", label: "Кашан", type: "city", country: "RU", population: 200_000, pack: "spellings"),
            ],
            names: [
                NameRecord(entityID: "test:tolyatti", name: "Tolyatti"), NameRecord(entityID: "test:tolyatti", name: "Тольятти"),
                NameRecord(entityID: "test:tolyatti", name: "Ставрополь"),
                NameRecord(entityID: "test:stavropol", name: "Stavropol"), NameRecord(entityID: "test:stavropol", name: "Ставрополь"),
                NameRecord(entityID: "test:san-jose-cr", name: "San José"),
                NameRecord(entityID: "test:san-jose-us", name: "San Jose"), NameRecord(entityID: "test:san-jose-us", name: "San José"),
                NameRecord(entityID: "test:kashan-big", name: "Kashan"), NameRecord(entityID: "test:kashan-big", name: "Кашан"),
                NameRecord(entityID: "test:kashan-small", name: "Кашан"),
            ])
        let lexicon = try Lexicon(packs: [pack])
        let stavropol = lexicon.tag("Вчера в Ставрополь приехали.")
        XCTAssertEqual(stavropol.map(\.id), ["test:stavropol"])
        XCTAssertEqual(stavropol.first?.alternatives.map(\.id), ["test:tolyatti"])
        XCTAssertEqual(lexicon.tag("Вчера в Тольятти приехали.").map(\.id), ["test:tolyatti"])
        // "San José" spells San Jose's label in its own script: no weight, the label wins (×5).
        XCTAssertEqual(lexicon.tag("They flew to San José.").map(\.id), ["test:san-jose-cr"])
        // "Кашан" is the small city's label (200,000 × 5) and the larger one's label in Cyrillic
        // (300,000 × 3).
        XCTAssertEqual(lexicon.tag("Вчера в Кашан приехали.").map(\.id), ["test:kashan-small"])
    }

    /// A phrase of common Cyrillic words, every one capitalized, is a name as written (these
    /// languages have no title case) and needs no population; written otherwise, or in English
    /// title case, it still needs the common-word guard's population.
    func testCapitalizedCyrillicPhraseOfCommonWordsIsANameAtAnyPopulation() throws {
        let pack = Pack(
            name: "phrases",
            entities: [
                Entity(id: "test:krasnoye-selo", label: "Krasnoye Selo", type: "city", country: "RU", population: 44_000, pack: "phrases"),
                Entity(id: "test:red-hill", label: "Red Hill", type: "city", country: "US", population: 44_000, pack: "phrases"),
            ],
            names: [
                NameRecord(entityID: "test:krasnoye-selo", name: "Krasnoye Selo"),
                NameRecord(entityID: "test:krasnoye-selo", name: "Красное Село"),
                NameRecord(entityID: "test:red-hill", name: "Red Hill"),
            ])
        let lexicon = try Lexicon(packs: [pack])
        XCTAssertEqual(lexicon.tag("Вчера в Красное Село приехали гости.").map(\.id), ["test:krasnoye-selo"])
        XCTAssertEqual(lexicon.tag("Красное Село приняло гостей.").map(\.id), ["test:krasnoye-selo"])
        XCTAssertTrue(lexicon.tag("Вчера Красное село было пустым.").isEmpty, "a lowercase later word")
        XCTAssertTrue(lexicon.tag("ВЧЕРА В КРАСНОЕ СЕЛО ПРИЕХАЛИ ГОСТИ.").isEmpty, "an all-caps line")
        XCTAssertTrue(lexicon.tag("Yesterday the Red Hill Gang met.").isEmpty, "English title case proves nothing")
    }

    /// A label's short form ("New York" for New York City) is the entity's own name, so a phrase
    /// of common words passes the guard through it; and a capitalized phrase that names a place
    /// too small to pass holds no mention of a larger one ("North Salt Lake", "West New York").
    func testShortFormOfALabelIsOwnAndASmallPlacesNameHidesTheNamesInside() throws {
        let pack = Pack(
            name: "short",
            entities: [
                Entity(id: "test:nyc", label: "New York City", type: "city", country: "US", population: 8_800_000, pack: "short"),
                Entity(id: "test:york", label: "York", type: "city", country: "GB", population: 150_000, pack: "short"),
                Entity(id: "test:west-new-york", label: "West New York", type: "city", country: "US", population: 50_000, pack: "short"),
                Entity(id: "test:slc", label: "Salt Lake City", type: "city", country: "US", population: 200_000, pack: "short"),
                Entity(id: "test:north-salt-lake", label: "North Salt Lake", type: "city", country: "US", population: 20_000, pack: "short"),
                Entity(id: "test:pedro-sula", label: "San Pedro Sula", type: "city", country: "HN", population: 490_000, pack: "short"),
                Entity(id: "test:san-pedro", label: "San Pedro", type: "city", country: "PH", population: 330_000, pack: "short"),
            ],
            names: [
                NameRecord(entityID: "test:nyc", name: "New York City"), NameRecord(entityID: "test:nyc", name: "New York"),
                NameRecord(entityID: "test:york", name: "York"),
                NameRecord(entityID: "test:west-new-york", name: "West New York"),
                NameRecord(entityID: "test:slc", name: "Salt Lake City"), NameRecord(entityID: "test:slc", name: "Salt Lake"),
                NameRecord(entityID: "test:north-salt-lake", name: "North Salt Lake"),
                NameRecord(entityID: "test:pedro-sula", name: "San Pedro Sula"), NameRecord(entityID: "test:pedro-sula", name: "San Pedro"),
                NameRecord(entityID: "test:san-pedro", name: "San Pedro"),
            ])
        let lexicon = try Lexicon(packs: [pack])
        XCTAssertEqual(lexicon.tag("Shares fell in New York on Monday.").map(\.id), ["test:nyc"])
        XCTAssertEqual(lexicon.tag("Shares fell in York on Monday.").map(\.id), ["test:york"])
        XCTAssertTrue(lexicon.tag("Flights between West New York and Boston were delayed.").isEmpty)
        XCTAssertTrue(lexicon.tag("A train from North Salt Lake was cancelled.").isEmpty)
        XCTAssertEqual(lexicon.tag("A train from Salt Lake was cancelled.").map(\.id), ["test:slc"])
        // Only a last word naming the kind of place makes a short form: "San Pedro" is not San
        // Pedro Sula's own name, and the label wins at the same level.
        XCTAssertEqual(lexicon.tag("They met in San Pedro today.").map(\.id), ["test:san-pedro"])
    }

    /// A Cyrillic word reaches a Latin name through its romanization only when the entity owns
    /// the name: "Бахмут" finds the label Bakhmut, "Адамс" not a junk alternate "Adams".
    func testCyrillicWordReachesOnlyOwnLatinNamesThroughALooseKey() throws {
        let pack = Pack(
            name: "latin",
            entities: [
                Entity(id: "test:bakhmut", label: "Bakhmut", type: "city", country: "UA", population: 70_000, pack: "latin"),
                Entity(id: "test:pulandian", label: "Pulandian", type: "city", country: "CN", population: 100_000, pack: "latin"),
            ],
            names: [
                NameRecord(entityID: "test:bakhmut", name: "Bakhmut"),
                NameRecord(entityID: "test:pulandian", name: "Pulandian"), NameRecord(entityID: "test:pulandian", name: "Adams"),
            ])
        let lexicon = try Lexicon(packs: [pack])
        let bakhmut = lexicon.tag("Бои продолжаются у Бахмут и дальше.")
        XCTAssertEqual(bakhmut.map(\.id), ["test:bakhmut"])
        XCTAssertEqual(bakhmut.first?.method.isLoose, true)
        XCTAssertTrue(lexicon.tag("Мэр города Адамс посетил выставку.").isEmpty)
    }

    func testCommonWordNeedsCapitalAndProminence() {
        XCTAssertTrue(lexicon.tag("It happened in March.").isEmpty, "March (22k people) is a month here")
        XCTAssertTrue(lexicon.tag("we met at the bar").isEmpty)
        XCTAssertTrue(lexicon.tag("Bar none, it was great.").isEmpty, "sentence-initial capital explains nothing")
    }

    func testLowercaseNameThatIsNotAWordStillMatches() {
        XCTAssertEqual(lexicon.tag("flights to kyiv resumed").map(\.id), ["geonames:703448"])
    }

    /// A lower-case word whose one-word names all need a capital ("bar" is only an alternate
    /// name of Barville) is never a mention alone, yet still begins a longer name it starts.
    func testLowercaseWordWhoseOneWordNamesNeedACapitalStillBeginsLongerNames() throws {
        let pack = Pack(
            name: "bars",
            entities: [
                Entity(id: "test:barville", label: "Barville", type: "city", country: "GB", population: 500_000, pack: "bars"),
                Entity(id: "test:bar-kokhba", label: "Bar Kokhba", type: "city", country: "IL", population: 20_000, pack: "bars"),
            ],
            names: [
                NameRecord(entityID: "test:barville", name: "Barville"), NameRecord(entityID: "test:barville", name: "bar"),
                NameRecord(entityID: "test:bar-kokhba", name: "Bar Kokhba"),
            ])
        let lexicon = try Lexicon(packs: [pack])
        XCTAssertTrue(lexicon.tag("we met at the bar").isEmpty)
        XCTAssertTrue(lexicon.tag("we met at the bar near the station").isEmpty)
        XCTAssertEqual(lexicon.tag("we met at the bar kokhba memorial").map(\.id), ["test:bar-kokhba"])
        XCTAssertEqual(lexicon.tag("we met in Bar Kokhba").map(\.id), ["test:bar-kokhba"])
        XCTAssertEqual(lexicon.lookup("bar").map(\.id), ["test:barville"])
    }

    /// A word none of whose one-word names can pass running text's word-local rules — a name
    /// of two letters without flags, a lookup-only name — is no mention alone, written either
    /// way, yet still begins the longer names it starts, and lookup still finds its names.
    func testWordWhoseOneWordNamesTextRulesOutStillBeginsLongerNames() throws {
        let pack = Pack(
            name: "short",
            entities: [
                Entity(id: "test:to", label: "Tofield", type: "city", country: "CA", population: 2_000, pack: "short"),
                Entity(id: "test:to-kwa-wan", label: "To Kwa Wan", type: "city", country: "HK", population: 100_000, pack: "short"),
                Entity(id: "test:harbourtown", label: "Harbourtown", type: "city", country: "GB", population: 90_000, pack: "short"),
            ],
            names: [
                NameRecord(entityID: "test:to", name: "Tofield"), NameRecord(entityID: "test:to", name: "To"),
                NameRecord(entityID: "test:to-kwa-wan", name: "To Kwa Wan"),
                NameRecord(entityID: "test:harbourtown", name: "Harbourtown", flags: .lookupOnly),
            ])
        let lexicon = try Lexicon(packs: [pack])
        XCTAssertTrue(lexicon.tag("To be fair, we went to the coast.").isEmpty)
        XCTAssertTrue(lexicon.tag("They sailed from Harbourtown at dawn.").isEmpty)
        XCTAssertEqual(lexicon.tag("Flats in To Kwa Wan were cleared.").map(\.id), ["test:to-kwa-wan"])
        XCTAssertEqual(lexicon.tag("To Kwa Wan was cleared.").map(\.id), ["test:to-kwa-wan"])
        XCTAssertEqual(lexicon.lookup("To").map(\.id), ["test:to"])
        XCTAssertEqual(lexicon.lookup("Harbourtown").map(\.id), ["test:harbourtown"])
    }

    func testSentenceInitialAndAllCapsNamesStillMatch() {
        XCTAssertEqual(lexicon.tag("Sumy was shelled overnight.").map(\.id), ["test:sumy"])
        XCTAssertEqual(lexicon.tag("KHARKIV UNDER FIRE").map(\.id), ["geonames:706483"])
    }

    func testGivenNameFollowedByCapitalizedWordIsAPerson() {
        XCTAssertTrue(lexicon.tag("Vladimir Putin said").isEmpty)
        XCTAssertEqual(lexicon.tag("a factory in Vladimir burned").map(\.id), ["test:vladimir"])
        XCTAssertTrue(lexicon.tag("Senator Marco Rubio said").isEmpty, "Rubio after a given name is a surname")
    }

    /// A dash between two words ends one name: in a route ("Рейс Сент-Пол — Владимир") the
    /// place after a given name is still a place. Foreign given names as Russian and Ukrainian
    /// news write them are given names ("Джордж Вашингтон" is a person).
    func testGivenNameGuardNeedsASpaceAndKnowsForeignNamesInCyrillic() throws {
        let pack = Pack(
            name: "routes",
            entities: [
                Entity(id: "t:washington", label: "Washington", type: "city", country: "US", population: 700_000, pack: "routes"),
                Entity(id: "t:santiago", label: "Santiago", type: "city", country: "CL", population: 6_000_000, pack: "routes"),
            ],
            names: [NameRecord(entityID: "t:washington", name: "Вашингтон", lang: "ru"),
                    NameRecord(entityID: "t:santiago", name: "Сантьяго", lang: "ru")])
        let lexicon = try Lexicon(packs: [Fixtures.pack, pack])
        XCTAssertTrue(lexicon.tag("Джордж Вашингтон стал президентом.").isEmpty)
        XCTAssertTrue(lexicon.tag("Луис Сантьяго забил гол.").isEmpty)
        XCTAssertTrue(lexicon.tag("Вільям Вашингтон виступив.").isEmpty, "Ukrainian spelling")
        XCTAssertEqual(lexicon.tag("Рейс Луис — Сантьяго отменили.").map(\.id), ["t:santiago"])
        XCTAssertEqual(lexicon.tag("Встреча в Вашингтоне и Сантьяго.").map(\.id), ["t:washington", "t:santiago"])
    }

    /// A type word right before a name that is also a common word vouches for it: "в городе
    /// Сокол", "з міста Прилуки", "г. Бор" are towns whatever their size, while "Сокол" alone is
    /// a falcon, a club or a surname to the common-word guard. An oblique form stays out of the
    /// span; a one-letter type word needs its period, and a sentence end between is no vouching.
    func testTypeWordBeforeACommonWordTownVouchesForIt() throws {
        let pack = Pack(
            name: "towns",
            entities: [
                Entity(id: "t:sokol", label: "Sokol", type: "city", country: "RU", population: 38_000, pack: "towns"),
                Entity(id: "t:bor", label: "Bor", type: "city", country: "RU", population: 77_000, pack: "towns"),
                Entity(id: "t:pryluky", label: "Pryluky", type: "city", country: "UA", population: 53_000, pack: "towns"),
            ],
            names: [NameRecord(entityID: "t:sokol", name: "Сокол", lang: "ru"), NameRecord(entityID: "t:bor", name: "Бор", lang: "ru"),
                    NameRecord(entityID: "t:pryluky", name: "Прилуки", lang: "uk")])
        let lexicon = try Lexicon(packs: [Fixtures.pack, pack])
        XCTAssertTrue(lexicon.tag("Над полем летел Сокол.").isEmpty, "alone, a common word needs a large town")
        let town = lexicon.tag("Жители в городе Сокол и в селе Бор проголосовали.")
        XCTAssertEqual(town.map(\.id), ["t:sokol", "t:bor"])
        XCTAssertEqual(town.map(\.text), ["Сокол", "Бор"], "an oblique type word stays out of the span")
        XCTAssertEqual(lexicon.tag("Делегація з міста Прилуки прибула.").map(\.id), ["t:pryluky"])
        XCTAssertEqual(lexicon.tag("Заводы в г. Бор работают.").map(\.text), ["г. Бор"], "an abbreviation with its period")
        XCTAssertTrue(lexicon.tag("Он пошёл с Бор и Сокол.").isEmpty, "one letter without a period is a preposition")
        XCTAssertTrue(lexicon.tag("Он уехал из города. Сокол кружил над полем.").isEmpty, "a sentence end between")
        XCTAssertTrue(lexicon.tag("Музей в городе Сокол Северный.").isEmpty, "a name the lexicon lacks goes on")
    }

    /// A settlement's type word before a name that only a country, a region or a person has
    /// names a settlement the lexicon lacks: "в селе Нива" is a village, not Niue, whose Russian
    /// name it spells. A candidate of no known kind, or a settlement, keeps the mention.
    func testSettlementTypeWordBeforeANameOfAnotherKindIsNoMention() throws {
        let pack = Pack(
            name: "kinds",
            entities: [
                Entity(id: "t:niue", label: "Niue", type: "country", country: "NU", population: 1_600, pack: "kinds"),
                Entity(id: "t:lipa", label: "Lipa", type: "hamlet", country: "BY", population: 300, pack: "kinds"),
            ],
            names: [NameRecord(entityID: "t:niue", name: "Нива", lang: "ru", flags: .vouched),
                    NameRecord(entityID: "t:lipa", name: "Липа", lang: "ru", flags: .vouched)])
        let lexicon = try Lexicon(packs: [Fixtures.pack, pack])
        XCTAssertEqual(lexicon.tag("Премьер Нива выступил.").map(\.id), ["t:niue"])
        XCTAssertTrue(lexicon.tag("Жители в селе Нива пожаловались.").isEmpty, "a village, not the country")
        XCTAssertTrue(lexicon.tag("У місті Нива відкрили школу.").isEmpty)
        XCTAssertEqual(lexicon.tag("Жители в селе Липа пожаловались.").map(\.id), ["t:lipa"], "a type the matcher does not know stays")
        XCTAssertEqual(lexicon.tag("Жители в городе Сумы пожаловались.").map(\.text), ["Сумы"])
    }

    /// A front's direction is named by an adjective made from a city's name, and an adjective
    /// is no mention: "на Покровському напрямку" is not the village Покровське, whose locative
    /// "Покровському" also is, nor is each adjective of a list before a plural direction word.
    /// Without a direction word the case form stands.
    func testAdjectiveBeforeADirectionWordIsNoMention() throws {
        let pack = Pack(
            name: "front",
            entities: [
                Entity(id: "t:pokrovsk", label: "Pokrovsk", type: "city", country: "UA", population: 60_000, pack: "front"),
                Entity(id: "t:pokrovske", label: "Pokrovske", type: "city", country: "UA", population: 9_000, pack: "front"),
                Entity(id: "t:lymanske", label: "Lymanske", type: "city", country: "UA", population: 3_000, pack: "front"),
            ],
            names: [
                NameRecord(entityID: "t:pokrovsk", name: "Pokrovsk"), NameRecord(entityID: "t:pokrovsk", name: "Покровськ", lang: "uk"),
                NameRecord(entityID: "t:pokrovsk", name: "Покровск", lang: "ru"),
                NameRecord(entityID: "t:pokrovske", name: "Pokrovske"), NameRecord(entityID: "t:pokrovske", name: "Покровське", lang: "uk"),
                NameRecord(entityID: "t:pokrovske", name: "Покровское", lang: "ru"),
                NameRecord(entityID: "t:lymanske", name: "Lymanske"), NameRecord(entityID: "t:lymanske", name: "Лиманське", lang: "uk"),
            ])
        let lexicon = try Lexicon(packs: [pack])
        XCTAssertEqual(lexicon.tag("У Покровському відкрили школу.").map(\.id), ["t:pokrovske"], "no direction word")
        XCTAssertTrue(lexicon.tag("Бої тривають на Покровському напрямку.").isEmpty)
        XCTAssertTrue(lexicon.tag("На Покровском направлении идут бои.").isEmpty)
        XCTAssertEqual(lexicon.tag("Бої на Покровському та Лиманському напрямках, під Покровськом.").map(\.text), ["Покровськом"],
                       "each adjective of a list before a plural direction word; the city named after it stays")
    }

    /// A storm named like a town is no mention of it ("Hurricane Milton", "ураган Мілтон"), nor
    /// is a newspaper or a company named after its city ("the Toronto Star", "Nice Ltd"), nor the
    /// tail of a longer place ("North Carolina"); a club's city is ("Manchester United"), and
    /// the town written alone is.
    func testNamesOfStormsPapersCompaniesAndLongerPlacesAreNoPlace() throws {
        let pack = Pack(
            name: "towns",
            entities: [
                Entity(id: "t:milton", label: "Milton", type: "city", country: "CA", population: 130_000, pack: "towns"),
                Entity(id: "t:toronto", label: "Toronto", type: "city", country: "CA", population: 2_700_000, pack: "towns"),
                Entity(id: "t:manchester", label: "Manchester", type: "city", country: "GB", population: 550_000, pack: "towns"),
            ],
            names: [
                NameRecord(entityID: "t:milton", name: "Milton"), NameRecord(entityID: "t:milton", name: "Мілтон", lang: "uk"),
                NameRecord(entityID: "t:toronto", name: "Toronto"), NameRecord(entityID: "t:manchester", name: "Manchester"),
            ])
        let lexicon = try Lexicon(packs: [pack])
        XCTAssertTrue(lexicon.tag("Hurricane Milton made landfall.").isEmpty)
        XCTAssertTrue(lexicon.tag("Ураган Мілтон дістався узбережжя.").isEmpty)
        XCTAssertTrue(lexicon.tag("Обстріл з лівого берега Мілтона.").isEmpty, "a river's bank")
        XCTAssertTrue(lexicon.tag("Рівень води у річці Мілтон знизився.").isEmpty, "a river")
        XCTAssertEqual(lexicon.tag("Residents of Milton were evacuated.").map(\.id), ["t:milton"])
        XCTAssertEqual(lexicon.tag("The Toronto Star reported from Toronto.").map(\.text), ["Toronto"])
        XCTAssertEqual(lexicon.tag("Manchester United fans in Manchester.").map(\.id), ["t:manchester", "t:manchester"],
                       "a club's city stays a mention")
        XCTAssertEqual(lexicon.tag("the new Manchester tram").map(\.id), ["t:manchester"], "a Latin prefix needs its capital")
        XCTAssertTrue(lexicon.tag("Officials in North Milton said.").isEmpty, "a longer place the lexicon lacks")
        XCTAssertEqual(lexicon.tag("Traffic in North Toronto.").map(\.id), ["t:toronto"], "a part of a large city")
        XCTAssertEqual(lexicon.tag("Investors Cheer New Milton plant").map(\.id), ["t:milton"], "a title-case line")
        XCTAssertTrue(lexicon.tag("Shares of Milton Ltd fell.").isEmpty, "a company")
    }

    func testALatinCapitalGluedBeforeANameMakesABrand() throws {
        let pack = Pack(
            name: "towns",
            entities: [
                Entity(id: "t:mobile", label: "Mobile", type: "city", country: "US", population: 190_000, pack: "towns"),
                Entity(id: "t:spb", label: "Saint Petersburg", type: "city", country: "RU", population: 5_300_000, pack: "towns"),
            ],
            names: [
                NameRecord(entityID: "t:mobile", name: "Mobile"), NameRecord(entityID: "t:spb", name: "Saint Petersburg"),
                NameRecord(entityID: "t:spb", name: "Петербург", lang: "ru"),
            ])
        let lexicon = try Lexicon(packs: [pack])
        XCTAssertEqual(lexicon.tag("T-Mobile cut prices in Mobile, Alabama.").map(\.byteStart), [23])
        XCTAssertTrue(lexicon.tag("An E-Mobile plan.").isEmpty)
        XCTAssertEqual(lexicon.tag("Офис: С.-Петербург, Невский проспект.").map(\.id), ["t:spb"], "a Cyrillic initial abbreviates")
        XCTAssertEqual(lexicon.tag("Flights Mobile-Atlanta resumed.").map(\.id), ["t:mobile"], "a word before, not a letter")
    }

    func testPeoplePackShadowsPlacesInTheSamePass() throws {
        let people = Pack(
            name: "people",
            entities: [Entity(id: "test:putin", label: "Vladimir Putin", type: "person", country: "RU", pack: "people")],
            names: [NameRecord(entityID: "test:putin", name: "Vladimir Putin"), NameRecord(entityID: "test:putin", name: "Владимир Путин")])
        let lexicon = try Lexicon(packs: [Fixtures.pack, people])
        XCTAssertEqual(lexicon.tag("Vladimir Putin visited Vladimir.").map(\.id), ["test:putin", "test:vladimir"])
    }

    func testVouchedFlagLetsACommonWordThrough() throws {
        let pack = Pack(
            name: "vouched",
            entities: [Entity(id: "test:march2", label: "March", type: "city", country: "GB", population: 10, pack: "vouched")],
            names: [NameRecord(entityID: "test:march2", name: "March", flags: .vouched)])
        let lexicon = try Lexicon(packs: [pack])
        XCTAssertEqual(lexicon.tag("It happened in March.").map(\.id), ["test:march2"])
    }

    func testDemonymsAreNotPlaces() {
        XCTAssertTrue(lexicon.tag("Ukrainian and Russian officials").isEmpty)
    }

    func testCaseSensitiveNamesMatchOnlyAsWritten() throws {
        let pack = Pack(
            name: "abbr",
            entities: [Entity(id: "test:usa", label: "United States", type: "country", country: "US", pack: "abbr")],
            names: [NameRecord(entityID: "test:usa", name: "USA", flags: [.abbreviation, .caseSensitive])])
        let lexicon = try Lexicon(packs: [pack])
        XCTAssertEqual(lexicon.lookup("USA").first?.id, "test:usa")
        XCTAssertTrue(lexicon.lookup("usa").isEmpty)
    }

    func testNamesReferringToAnotherPacksEntityAreAliases() throws {
        let aliases = Pack(name: "aliases", entities: [], names: [NameRecord(entityID: "geonames:703448", name: "Kyjiw", lang: "de")])
        let lexicon = try Lexicon(packs: [Fixtures.pack, aliases])
        XCTAssertEqual(lexicon.lookup("Kyjiw").first?.id, "geonames:703448")
    }

    func testUnknownEntityIDIsAnError() {
        let broken = Pack(
            name: "broken", entities: [],
            names: [NameRecord(entityID: "nope:1", name: "Nowhere", location: SourceLocation(file: "broken/names.tsv", line: 2, column: 1))])
        XCTAssertThrowsError(try Lexicon(packs: [broken])) { error in
            XCTAssertTrue("\(error)".hasPrefix("broken/names.tsv:2:1: error: unknown entity id 'nope:1'"), "\(error)")
        }
    }

    func testConflictingDefinitionsAcrossPacksAreAnError() {
        let a = Pack(name: "a", entities: [Entity(id: "x:1", label: "One", pack: "a")], names: [])
        let b = Pack(name: "b", entities: [Entity(id: "x:1", label: "Uno", pack: "b")], names: [])
        XCTAssertThrowsError(try Lexicon(packs: [a, b]))
        let c = Pack(name: "c", entities: [Entity(id: "x:1", label: "One", pack: "c")], names: [])
        XCTAssertNoThrow(try Lexicon(packs: [a, c]))
    }

    func testLexiconIsSafeToUseFromManyThreads() {
        let lexicon = Fixtures.lexicon
        let texts = (0..<64).map { i in i % 2 == 0 ? "Обстріл Харкова і Києва, Kyiv \(i)" : "Donetsk near Pokrovsk \(i), Tschernihiw" }
        let serial = texts.map { lexicon.tag($0).map(\.id) }
        let results = ConcurrentResults(count: texts.count)
        DispatchQueue.concurrentPerform(iterations: texts.count) { i in
            results.set(i, lexicon.tag(texts[i]).map(\.id))
        }
        XCTAssertEqual(results.values, serial)
    }

    func testTaggerBorrowedForABatchFindsWhatSingleCallsFind() {
        let lexicon = Fixtures.lexicon
        let texts = (0..<64).map { i in i % 2 == 0 ? "Обстріл Харкова і Києва, Kyiv \(i)" : "Donetsk near Pokrovsk \(i), Tschernihiw" }
        let serial = texts.map { lexicon.tag($0).map(\.id) }
        let results = ConcurrentResults(count: texts.count)
        // Four threads, each tagging its share of the texts with one borrowed worker.
        DispatchQueue.concurrentPerform(iterations: 4) { thread in
            lexicon.withTagger { tag in
                for i in stride(from: thread, to: texts.count, by: 4) {
                    var bytes = Array(texts[i].utf8)
                    results.set(i, bytes.withUnsafeMutableBufferPointer { tag(UnsafeBufferPointer($0)) }.map(\.id))
                }
            }
        }
        XCTAssertEqual(results.values, serial)
        XCTAssertFalse(serial.joined().isEmpty)
    }
}

private final class ConcurrentResults: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [[String]]
    init(count: Int) { storage = Array(repeating: [], count: count) }
    func set(_ i: Int, _ value: [String]) { lock.withLock { storage[i] = value } }
    var values: [[String]] { lock.withLock { storage } }
}
