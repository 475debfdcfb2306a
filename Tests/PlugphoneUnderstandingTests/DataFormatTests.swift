import Foundation
import PlugphoneDomain
import PlugphoneLocalization
import Testing
@testable import PlugphoneUnderstanding

@Suite("Training data: Rasa nlu.yml layout, volumes, stemming")
struct DataFormatTests {
    @Test("Rasa annotations are stripped and kept")
    func annotations() {
        let a = RasaNLU.parseExample("échanger contre [le T46S](model) en [express]{\"entity\": \"shipping_mode\", \"value\": \"express_48h\"}")
        #expect(a.text == "échanger contre le T46S en express")
        #expect(a.entities.map(\.name) == ["model", "shipping_mode"])
        #expect(a.entities[1].value == "express_48h")
        let b = RasaNLU.parseExample("[t46s](model:yealink.t46s) [unclosed")
        #expect(b.text == "t46s [unclosed" && b.entities.first?.value == "yealink.t46s")
    }

    @Test("all sections of the layout are read")
    func sections() throws {
        let yaml = """
        version: "3.1"
        nlu:
        - intent: greet
          examples: |
            - bonjour
            - salut
        - synonym: express_48h
          examples: |
            - en express
        - lookup: brands
          examples: |
            - yealink
        - regex: rma
          examples: |
            - rma-\\d+
        """
        let data = try RasaNLU.parse(yaml)
        #expect(data.intents.first?.examples.count == 2)
        #expect(data.synonyms["express_48h"] == ["en express"])
        #expect(data.lookups["brands"] == ["yealink"])
        #expect(data.regexes["rma"]?.count == 1)
    }

    @Test("enough examples: 60 per intent in French, 25 in English", arguments: [(Language.fr, 60), (Language.en, 25)])
    func volumes(_ language: Language, _ minimum: Int) throws {
        let data = try RasaNLU.load(Fixture.locales.folder(for: language).appendingPathComponent("nlu.yml"))
        for intent in Intent.allCases {
            let count = data.intentExamples[intent.rawValue]?.count ?? 0
            #expect(count >= minimum, "\(language) \(intent.rawValue): \(count)")
        }
    }

    @Test("Snowball stemmers", arguments: [("french", "téléphones", "téléphon"), ("english", "returning", "return"), ("nope", "mots", "mots")])
    func stems(_ algorithm: String, _ word: String, _ stem: String) {
        #expect(SnowballStemmer(algorithm: algorithm).stem(word) == stem)
    }
}

@Suite("Regex and lookup features from nlu.yml")
struct RegexFeatureTests {
    @Test("an understander trains and answers with regex and lookup items")
    func regexes() throws {
        let yaml = """
        version: "3.1"
        nlu:
        - intent: request_status
          examples: |
            - ou en est la demande rma-000002
            - suivi de rma 12
        - intent: greet
          examples: |
            - bonjour
            - salut
        - regex: rma
          examples: |
            - rma \\d+
        - lookup: salutations
          examples: |
            - bonjour
        """
        let resources = LanguageResources(language: .fr, nlu: try RasaNLU.parse(yaml))
        let understander = try Understander(resources: [resources], catalog: .demo)
        #expect(understander.interpret("et la rma 7 ?", defaultLanguage: .fr).intent == .requestStatus)
        #expect(understander.interpret("bonjour", defaultLanguage: .fr).intent == .greet)
    }

    @Test("a bad regex is a clear error")
    func badRegex() throws {
        let yaml = "version: \"3.1\"\nnlu:\n- intent: greet\n  examples: |\n    - bonjour\n- regex: broken\n  examples: |\n    - rma(\n"
        #expect(throws: LocaleDataError(file: "nlu.yml", line: 7, reason: "regex broken: rma( is not a valid regular expression")) {
            try RasaNLU.parse(yaml)
        }
    }
}
