import Canonym
import XCTest

/// Word boundaries, phrases and offsets as `tag` reports them.
final class TokenizerAndOffsetTests: XCTestCase {
    let lexicon = Fixtures.lexicon

    func testInWordApostrophesAndHyphenatedNamesAreKept() {
        let mentions = lexicon.tag("Fighting near Pokrovs’k and in Ivano-Frankivsk.")
        XCTAssertEqual(mentions.map(\.text), ["Pokrovs’k", "Ivano-Frankivsk"])
        XCTAssertEqual(mentions.map(\.id), ["geonames:704422", "test:ivano-frankivsk"])
    }

    func testMultiWordNamesMatchAsPhrases() {
        let mentions = lexicon.tag("Talks between the Russian Federation and Bila Tserkva officials.")
        XCTAssertEqual(mentions.map(\.text), ["Russian Federation", "Bila Tserkva"])
        XCTAssertEqual(mentions.map(\.id), ["test:russia", "test:bila-tserkva"])
        XCTAssertEqual(lexicon.tag("Біла Церква").map(\.id), ["test:bila-tserkva"])
    }

    func testPhraseDoesNotCrossPunctuation() {
        // "Bila, Tserkva" is not the phrase.
        XCTAssertTrue(lexicon.tag("Bila, Tserkva").isEmpty)
    }

    func testNoMatchInsideLongerWord() {
        XCTAssertTrue(lexicon.tag("Київщина і Харківщина").isEmpty)
        XCTAssertTrue(lexicon.tag("Kyivstar and Sumyhimprom").isEmpty)
        XCTAssertEqual(lexicon.tag("Київ, Харків").count, 2)
    }

    func testPossessiveIsLeftOutOfTheMention() {
        let mentions = lexicon.tag("Kyiv's mayor spoke.")
        XCTAssertEqual(mentions.first?.text, "Kyiv")
        XCTAssertEqual(mentions.first?.end, 4)
    }

    /// A name that holds a possessive matches across it, with either apostrophe, and its
    /// last word alone is no mention there ("Bazar" is also a name of Bazar-Korgon).
    func testNameHoldingAPossessiveMatchesAcrossIt() throws {
        let pack = Pack(
            name: "possessives",
            entities: [
                Entity(id: "test:coxs-bazar", label: "Cox’s Bāzār", type: "city", country: "BD", population: 250_000, pack: "possessives"),
                Entity(id: "test:bazar-korgon", label: "Bazar-Korgon", type: "city", country: "KG", population: 30_000, pack: "possessives"),
            ],
            names: [
                NameRecord(entityID: "test:coxs-bazar", name: "Cox’s Bāzār"), NameRecord(entityID: "test:coxs-bazar", name: "Cox's Bazar"),
                NameRecord(entityID: "test:bazar-korgon", name: "Bazar-Korgon"), NameRecord(entityID: "test:bazar-korgon", name: "Bazar"),
            ])
        let lexicon = try Lexicon(packs: [pack])
        for text in ["Refugees in Cox's Bazar camps.", "Refugees in Cox’s Bazar camps."] {
            let mentions = lexicon.tag(text)
            XCTAssertEqual(mentions.map(\.id), ["test:coxs-bazar"], text)
            XCTAssertEqual(mentions.first?.text, String(text.dropFirst(12).prefix(11)), text)
        }
        XCTAssertEqual(lexicon.tag("The Bazar market opened.").map(\.id), ["test:bazar-korgon"])
        XCTAssertEqual(self.lexicon.tag("Kyiv's Kharkiv office opened.").map(\.text), ["Kyiv", "Kharkiv"])
    }

    func testHyphenatedCompoundStillFindsThePlace() {
        XCTAssertEqual(lexicon.tag("a Kharkiv-based company").map(\.id), ["geonames:706483"])
    }

    func testOffsetsCountCodePointsAndBytesWithCyrillicAndEmoji() {
        let text = "🇺🇦 Обстріл 🔥 у Харків і Kyiv"
        let mentions = lexicon.tag(text)
        XCTAssertEqual(mentions.map(\.text), ["Харків", "Kyiv"])
        let scalars = Array(text.unicodeScalars)
        let bytes = Array(text.utf8)
        for mention in mentions {
            XCTAssertEqual(String(String.UnicodeScalarView(scalars[mention.start..<mention.end])), mention.text)
            XCTAssertEqual(String(decoding: bytes[mention.byteStart..<mention.byteEnd], as: UTF8.self), mention.text)
        }
        // 🇺🇦 is two code points (regional indicators), 🔥 one.
        XCTAssertEqual(mentions[0].start, 2 + 1 + 7 + 1 + 1 + 1 + 1 + 1)
        XCTAssertEqual(mentions[0].byteStart, 8 + 1 + 14 + 1 + 4 + 1 + 2 + 1)
    }

    func testInvalidUTF8BytesAreSeparatorsAndCountOneCodePointEach() {
        var bytes = Array("Kyiv".utf8)
        bytes.append(0xFF)
        bytes.append(contentsOf: Array("Sumy".utf8))
        bytes.append(contentsOf: [0xC3])  // truncated sequence
        bytes.append(contentsOf: Array(" Київ".utf8))
        let mentions = bytes.withUnsafeBufferPointer { lexicon.tag(utf8: $0) }
        XCTAssertEqual(mentions.map(\.text), ["Kyiv", "Sumy", "Київ"])
        XCTAssertEqual(mentions[1].start, 5)
        XCTAssertEqual(mentions[1].byteStart, 5)
        XCTAssertEqual(mentions[2].start, 11)
        XCTAssertEqual(mentions[2].byteStart, 11)
    }

    func testLeftmostLongestPrefersThePhrase() {
        // "Russian Federation" (2 words) wins over anything starting later or shorter.
        let mentions = lexicon.tag("the Russian Federation")
        XCTAssertEqual(mentions.count, 1)
        XCTAssertEqual(mentions.first?.end, 22)
    }
}
