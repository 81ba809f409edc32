import Canonym
import Foundation
import XCTest

/// Romanization conventions as key generators, the fuzzy level, qualifiers, and the
/// short-string rule.
final class ConventionAndFuzzyTests: XCTestCase {
    static let cases = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Tools/rules-check/cases").standardized

    /// For every scheme's case file (real place names with their published spelling in that
    /// convention), a lexicon that knows only the Cyrillic names must resolve each Latin spelling
    /// to the right place, at the romanized level or stricter.
    func testEveryConventionResolvesItsPublishedSpellings() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.cases.path)
            .filter { $0.hasSuffix(".tsv") && !$0.hasPrefix("skeleton") }.sorted()
        XCTAssertGreaterThanOrEqual(files.count, 20)
        for file in files {
            let lang = String(file.prefix(2))
            let rows = try String(contentsOf: Self.cases.appendingPathComponent(file), encoding: .utf8)
                .split(separator: "\n").filter { !$0.hasPrefix("#") && $0.contains("\t") }
                .map { $0.split(separator: "\t").map(String.init) }
                .filter { $0.count >= 2 && $0[0].unicodeScalars.contains { (0x0400...0x04FF).contains($0.value) } }
            // Distinct Cyrillic place names, written as they are in the case file.
            // Skip homoglyph and all-caps test rows, names of fewer than four letters (the
            // short-string rule keeps them strict), and apostrophe variants of one name.
            var seen = Set<String>()
            let places = rows.filter { row in
                let name = row[0]
                let letters = name.unicodeScalars.filter { $0.properties.isAlphabetic }
                return letters.allSatisfy { (0x0400...0x04FF).contains($0.value) } && letters.count >= 4
                    && name.first?.isUppercase == true && name.dropFirst().contains { $0.isLowercase }
                    && seen.insert(String(name.filter { $0.isLetter || $0 == " " || $0 == "-" })).inserted
            }
            guard places.count >= 5 else { continue }
            let pack = Pack(
                name: file,
                entities: places.enumerated().map { Entity(id: "case:\($0.offset)", label: $0.element[0], pack: file) },
                names: places.enumerated().map { NameRecord(entityID: "case:\($0.offset)", name: $0.element[0], lang: ["uk", "ru", "be"].contains(lang) ? lang : nil) })
            let lexicon = try Lexicon(packs: [pack], useGuards: false)
            var resolved = 0
            for (index, row) in places.enumerated() {
                let best = lexicon.lookup(row[1]).first
                if best?.id == "case:\(index)", let method = best?.method, method <= .romanized { resolved += 1 }
                else { XCTFail("\(file): \(row[1]) → \(best?.id ?? "nothing") \(best?.method.description ?? ""), expected \(row[0])") }
            }
            XCTAssertGreaterThanOrEqual(resolved, 5, file)
        }
    }

    func testFuzzyLevelFindsOneEditAwayOnlyForLongWordsWithOneEntity() throws {
        let lexicon = Fixtures.lexicon
        // "Kharkivs" is one letter from Kharkiv's skeleton… but 8 letters long: fuzzy.
        XCTAssertEqual(lexicon.lookup("Ivano-Frankivs").first?.id, nil, "multi-word terms are not fuzzy-matched")
        let typo = lexicon.lookup("Krasnoarmiyssk").first
        XCTAssertEqual(typo?.id, "geonames:704422")
        let fuzzy = lexicon.lookup("Krasnoarmizsk").first
        XCTAssertEqual(fuzzy?.id, "geonames:704422")
        XCTAssertEqual(fuzzy?.method, .fuzzy)
        XCTAssertEqual(fuzzy?.score, FoldLevel.fuzzy.score)
        // Too short for fuzzy (fewer than 7 letters).
        XCTAssertTrue(lexicon.lookup("Sumyx").isEmpty)
    }

    func testFuzzyRefusesWhenSeveralEntitiesAreWithinReach() throws {
        let pack = Pack(
            name: "twins",
            entities: [Entity(id: "t:1", label: "Mykolaiv", pack: "twins"), Entity(id: "t:2", label: "Mykolain", pack: "twins")],
            names: [NameRecord(entityID: "t:1", name: "Mykolaiv"), NameRecord(entityID: "t:2", name: "Mykolain")])
        let lexicon = try Lexicon(packs: [pack])
        XCTAssertTrue(lexicon.lookup("Mykolaix").isEmpty, "two entities one edit away: no fuzzy answer")
        XCTAssertEqual(lexicon.lookup("Mykolaivv").first?.id, "t:1", "doubled letters are a skeleton match, not fuzzy")
    }

    func testFuzzyIsNotUsedInTextForCommonOrSentenceInitialWords() {
        let lexicon = Fixtures.lexicon
        XCTAssertEqual(lexicon.tag("Heavy fighting near Krasnoarmizsk and Kharkiv today").map(\.method), [.fuzzy, .exact])
        XCTAssertTrue(lexicon.tag("Krasnoarmizsk was quiet").isEmpty, "sentence-initial capital says nothing")
        XCTAssertTrue(lexicon.tag("near krasnoarmizsk").isEmpty, "lowercase words never go fuzzy in text")
    }

    /// A fuzzy mention needs the document's other mentions to point at its entity or country:
    /// alone, or beside a place of another country, a capitalized unknown word is more often a
    /// surname or a village the lexicon lacks.
    func testFuzzyMentionNeedsContextFromTheDocument() {
        let lexicon = Fixtures.lexicon
        XCTAssertTrue(lexicon.tag("Heavy fighting near Krasnoarmizsk today").isEmpty)
        XCTAssertEqual(lexicon.tag("Heavy fighting near Krasnoarmizsk, not far from Kharkiv").map(\.id), ["geonames:704422", "geonames:706483"])
        XCTAssertEqual(lexicon.tag("Talks on Krasnoarmizsk were held in Moscow").map(\.id).contains("geonames:704422"), false)
        XCTAssertEqual(lexicon.lookup("Krasnoarmizsk").first?.method, .fuzzy, "lookup needs no context")
    }

    /// A word that is a name plus a final "n" is the name's adjective or demonym (Bavarian,
    /// Siberian): in text it reaches no place through the fuzzy level, even beside a mention
    /// of the same country; `lookup` still offers the place.
    func testAnAdjectiveOfANameIsNoFuzzyMention() throws {
        let pack = Pack(
            name: "regions",
            entities: [Entity(id: "r:by", label: "Bavaria", type: "region", country: "DE", pack: "regions"),
                       Entity(id: "c:munich", label: "Munich", type: "city", country: "DE", population: 1_260_391, pack: "regions")],
            names: [NameRecord(entityID: "r:by", name: "Bavaria"), NameRecord(entityID: "c:munich", name: "Munich")])
        let lexicon = try Lexicon(packs: [pack])
        XCTAssertEqual(lexicon.tag("The Bavarian premier spoke in Munich on Monday").map(\.id), ["c:munich"])
        XCTAssertEqual(lexicon.tag("Police in Bavariia and Munich said").map(\.id), ["r:by", "c:munich"], "a typo still is one")
        XCTAssertEqual(lexicon.lookup("Bavarian").first?.id, "r:by")
    }

    func testRegionDesignatorResolvesToTheRegion() throws {
        let regions = Pack(
            name: "regions",
            entities: [Entity(id: "r:ua-63", label: "Kharkivska oblast", type: "region", country: "UA", pack: "regions"),
                       Entity(id: "r:ua-05", label: "Vinnytska oblast", type: "region", country: "UA", pack: "regions")],
            names: [NameRecord(entityID: "r:ua-63", name: "Kharkivska oblast"), NameRecord(entityID: "r:ua-63", name: "Харківська область", lang: "uk"),
                    NameRecord(entityID: "r:ua-05", name: "Vinnytska oblast")])
        let cities = Pack(
            name: "cities",
            entities: [Entity(id: "c:vinnytsia", label: "Vinnytsia", type: "city", country: "UA", population: 370_000, pack: "cities")],
            names: [NameRecord(entityID: "c:vinnytsia", name: "Vinnytsia")])
        let lexicon = try Lexicon(packs: [Fixtures.pack, regions, cities])
        let mentions = lexicon.tag("Drones hit Vinnytsia Oblast and the Kharkiv region overnight")
        XCTAssertEqual(mentions.map(\.id), ["r:ua-05", "r:ua-63"])
        XCTAssertEqual(mentions.map(\.text), ["Vinnytsia Oblast", "Kharkiv region"], "the designator stays in the span")
        let list = lexicon.tag("Alerts in the Kharkiv, Sumy and Vinnytsia regions")
        XCTAssertEqual(list.first?.id, "r:ua-63")
        XCTAssertEqual(list.last?.id, "r:ua-05")
        XCTAssertEqual(list.last?.text, "Vinnytsia regions")
    }

    /// A Russian or Ukrainian plural designator after a list of adjectives names one region per
    /// adjective, in any case: "у Донецькій та Луганській областях" is Donetsk and Luhansk
    /// oblasts, as "Kharkiv and Sumy regions" is. Lower-case adjectives are no names.
    func testPluralDesignatorAfterAdjectivesNamesARegionPerAdjective() throws {
        let regions = Pack(
            name: "oblasts",
            entities: [
                Entity(id: "r:ua-14", label: "Donetska oblast", type: "region", country: "UA", pack: "oblasts"),
                Entity(id: "r:ua-09", label: "Luhanska oblast", type: "region", country: "UA", pack: "oblasts"),
                Entity(id: "r:ua-23", label: "Zaporizka oblast", type: "region", country: "UA", pack: "oblasts"),
                Entity(id: "r:ua-65", label: "Khersonska oblast", type: "region", country: "UA", pack: "oblasts"),
            ],
            names: [
                NameRecord(entityID: "r:ua-14", name: "Донецька область", lang: "uk"),
                NameRecord(entityID: "r:ua-09", name: "Луганська область", lang: "uk"),
                NameRecord(entityID: "r:ua-23", name: "Запорожская область", lang: "ru"),
                NameRecord(entityID: "r:ua-65", name: "Херсонская область", lang: "ru"),
            ])
        let lexicon = try Lexicon(packs: [Fixtures.pack, regions])
        let locative = lexicon.tag("Обстріли у Донецькій та Луганській областях тривають.")
        XCTAssertEqual(locative.map(\.text), ["Донецькій", "Луганській областях"], "the last name takes the designator")
        XCTAssertEqual(locative.map(\.id), ["r:ua-14", "r:ua-09"])
        let russian = lexicon.tag("В Запорожской, Херсонской и Донецкой областях объявлена тревога.")
        XCTAssertEqual(
            russian.map(\.id), ["r:ua-23", "r:ua-65", "r:ua-14"],
            "Донецкой, of no Russian name of the pack, through the stem it shares with Донецька область")
        XCTAssertEqual(lexicon.tag("Донецька та Луганська області").map(\.id), ["r:ua-14", "r:ua-09"], "nominative")
        XCTAssertEqual(lexicon.tag("Донецької і Луганської областей").map(\.id), ["r:ua-14", "r:ua-09"], "genitive")
        XCTAssertTrue(lexicon.tag("у донецькій та луганській областях").isEmpty)
        XCTAssertEqual(lexicon.tag("у Луганській області").map(\.text), ["Луганській області"], "the singular as before")
    }

    func testPrecedingDesignatorKeepsOnlyPlacesOfThatType() {
        let mentions = Fixtures.lexicon.tag("у м. Київ та місто Суми")
        XCTAssertEqual(mentions.map(\.text), ["м. Київ", "місто Суми"])
        XCTAssertEqual(mentions.map(\.id), ["geonames:703448", "test:sumy"])
    }

    /// A designator before a name is never a word of the mention before it, nor across a dash:
    /// in "Старий Город — Перевальск" the route's two ends are two mentions, side by side. (The
    /// second once took "Город" as its designator, overlapping the first, and `normalize`
    /// trapped on the overlap.)
    func testDesignatorBeforeANameIsNoWordOfThePreviousMention() throws {
        let pack = Pack(
            name: "route",
            entities: [
                Entity(id: "t:old-city", label: "Old City", type: "city", country: "UA", population: 20_000, pack: "route"),
                Entity(id: "t:perevalsk", label: "Perevalsk", type: "city", country: "UA", population: 24_000, pack: "route"),
            ],
            names: [NameRecord(entityID: "t:old-city", name: "Старий Город", lang: "uk"),
                    NameRecord(entityID: "t:perevalsk", name: "Перевальск", lang: "ru")])
        let lexicon = try Lexicon(packs: [Fixtures.pack, pack])
        let text = "Поезд Старий Город — Перевальск отменили."
        let mentions = lexicon.tag(text)
        XCTAssertEqual(mentions.map(\.text), ["Старий Город", "Перевальск"])
        XCTAssertEqual(mentions.map(\.id), ["t:old-city", "t:perevalsk"])
        XCTAssertEqual(lexicon.normalize(text), "Поезд Old City — Perevalsk отменили.")
        XCTAssertEqual(lexicon.tag("Автобус в город Перевальск.").map(\.text), ["город Перевальск"], "a designator written before the name")
    }

    /// Rewriting copies every input byte exactly once: a mention that overlaps the one before
    /// it, or lies outside the text, is left as text instead of trapping or repeating bytes.
    func testRewriteLeavesOverlappingAndOutOfRangeMentionsAsText() throws {
        let text = Array("Old City Perevalsk".utf8)
        let best = try XCTUnwrap(Fixtures.lexicon.lookup("Kyiv").first)
        func mention(_ bytes: Range<Int>) -> Mention {
            Mention(text: "", start: bytes.lowerBound, end: bytes.upperBound, byteStart: bytes.lowerBound, byteEnd: bytes.upperBound, best: best, alternatives: [])
        }
        var output: [UInt8] = []
        Lexicon.rewrite(text, mentions: [mention(0..<8), mention(4..<18), mention(15..<40)], into: &output) { _, out in
            out.append(contentsOf: "X".utf8)
        }
        XCTAssertEqual(String(decoding: output, as: UTF8.self), "X Perevalsk")
        output.removeAll()
        Lexicon.rewrite(text, mentions: [mention(0..<3), mention(9..<18)], into: &output) { _, out in out.append(contentsOf: "X".utf8) }
        XCTAssertEqual(String(decoding: output, as: UTF8.self), "X City X")
    }

    func testDesignatorOfAKindThePacksLackKeepsTheBareName() {
        // No pack has districts: the bare name stays, without the designator in its span.
        let mentions = Fixtures.lexicon.tag("residents of Pokrovsk Raion left")
        XCTAssertEqual(mentions.map(\.text), ["Pokrovsk"])
    }

    /// Designator words whose folding drops a mark (район → раион, посёлок → поселок) are still
    /// designators: they are found by their lower case.
    func testDesignatorsWithMarkedLettersQualifyTheName() throws {
        let districts = Pack(
            name: "districts",
            entities: [Entity(id: "d:pokrovsk", label: "Pokrovsk Raion", type: "district", country: "UA", pack: "districts")],
            names: [NameRecord(entityID: "d:pokrovsk", name: "Покровськ", lang: "uk")])
        let lexicon = try Lexicon(packs: [Fixtures.pack, districts])
        let mentions = lexicon.tag("Мешканці виїхали з Покровськ район учора.")
        XCTAssertEqual(mentions.map(\.text), ["Покровськ район"], "the designator stays in the span")
        XCTAssertEqual(mentions.map(\.id), ["d:pokrovsk"], "район keeps only districts")
    }

    func testFeatureHeadsMakeThePhraseSomethingElse() {
        XCTAssertTrue(Fixtures.lexicon.tag("along the Kharkiv river and Sumy Street").isEmpty)
    }

    /// A capitalized title word after a place name makes the phrase a newspaper's or an agency's
    /// title; written in lower case it is an ordinary word after the place.
    func testCapitalizedTitleWordsMakeThePhraseATitle() {
        XCTAssertTrue(Fixtures.lexicon.tag("according to the Kyiv Independent and the Kharkiv Times").isEmpty)
        XCTAssertEqual(Fixtures.lexicon.tag("The Kyiv post office reopened.").map(\.id), ["geonames:703448"])
        XCTAssertEqual(Fixtures.lexicon.tag("Kyiv times its curfew to the alerts.").map(\.id), ["geonames:703448"])
    }

    func testAMonthWithADayNumberIsADateNotAPlace() throws {
        let pack = Pack(
            name: "dates",
            entities: [
                Entity(id: "e:oct6", label: "6th of October City", type: "city", country: "EG", population: 185_000, pack: "dates"),
                Entity(id: "e:okt", label: "Oktyabrsky", type: "city", country: "RU", population: 110_000, pack: "dates"),
            ],
            names: [
                NameRecord(entityID: "e:oct6", name: "October 6", lang: "en"), NameRecord(entityID: "e:oct6", name: "6 October", lang: "en"),
                NameRecord(entityID: "e:okt", name: "Oktyabrsky", lang: "en"),
            ])
        let lexicon = try Lexicon(packs: [pack])
        XCTAssertTrue(lexicon.tag("The deal was signed on October 6, 2021.").isEmpty)
        XCTAssertTrue(lexicon.tag("Talks resume on 6 October in Cairo.").isEmpty)
        XCTAssertEqual(lexicon.tag("Flights to Oktyabrsky resume in October.").map(\.id), ["e:okt"])
        XCTAssertEqual(lexicon.lookup("October 6").first?.id, "e:oct6", "lookup still finds the name")
    }

    func testANameQuotedAsATitleIsNotAPlace() {
        let mentions = Fixtures.lexicon.tag("Клуб «Київ» зіграв у Київ, а „Kyiv“ не місто; «Київ — столиця» і (Київ)")
        XCTAssertEqual(mentions.map(\.byteStart).count, 3, "\(mentions.map(\.text))")
        XCTAssertEqual(mentions.map(\.text), ["Київ", "Київ", "Київ"])
        let text = Array("Клуб «Київ» зіграв у Київ, а „Kyiv“ не місто; «Київ — столиця» і (Київ)".utf8)
        let quoted = Array("«Київ»".utf8)
        let quotedStart = (0...(text.count - quoted.count)).first { Array(text[$0..<$0 + quoted.count]) == quoted }! + 2
        XCTAssertFalse(mentions.contains { $0.byteStart == quotedStart }, "the club in guillemets is not tagged")
    }

    func testShortStringsNeverUseLooseLevels() throws {
        let pack = Pack(
            name: "short",
            entities: [Entity(id: "s:izh", label: "Izh", pack: "short"), Entity(id: "s:re", label: "Ре", pack: "short")],
            names: [NameRecord(entityID: "s:izh", name: "Иж"), NameRecord(entityID: "s:re", name: "Ре")])
        let lexicon = try Lexicon(packs: [pack], useGuards: false)
        XCTAssertEqual(lexicon.lookup("иж").first?.method, .folded)
        XCTAssertTrue(lexicon.lookup("Izh").isEmpty, "3 letters: no romanized match")
        XCTAssertTrue(lexicon.lookup("re").isEmpty)
        XCTAssertTrue(lexicon.tag("i re ha Izh").isEmpty)
    }
}
