import Foundation
import PlugphoneDomain
import PlugphoneLocalization
import Testing
@testable import PlugphoneUnderstanding

@Suite("Intents: the tricky cases of issue 3")
struct IntentTests {
    static let cases: [(String, Language, Intent)] = [
        ("échanger mon poste du 0972101011 contre un yealink t46s", .fr, .changePhone),
        ("je veux changer mon mot de passe", .fr, .outOfScope),
        ("le 09 72 10 10 11", .fr, .inform),
        ("un T46S", .fr, .inform),
        ("en express", .fr, .inform),
        ("le moins cher", .fr, .inform),
        ("je ne veux plus rien", .fr, .cancel),
        ("jveux un tel svp", .fr, .orderPhone),
        ("JE VEUX RENDRE MON TELEPHONE", .fr, .returnPhone),
        ("je veux changer de tel", .fr, .changePhone),
        ("c'est combien la caution ?", .fr, .askDeposit),
        ("quels téléphones proposez-vous", .fr, .listModels),
        ("où en est ma demande", .fr, .requestStatus),
        ("oui", .fr, .affirm),
        ("non", .fr, .deny),
        ("bonjour", .fr, .greet),
        ("au revoir", .fr, .goodbye),
        ("je veux parler à un humain", .fr, .humanAgent),
        ("aide", .fr, .help),
        ("I want to return my phone", .fr, .returnPhone),
        ("a T46S", .en, .inform),
        ("the cheapest", .en, .inform),
        ("after you get the old one", .en, .inform),
        ("i want to change my password", .en, .outOfScope),
        ("i don't want anything anymore", .en, .cancel),
        ("hello", .en, .greet),
    ]

    @Test("intent", arguments: cases)
    func intent(_ text: String, _ language: Language, _ expected: Intent) {
        let result = Fixture.interpret(text, language)
        #expect(result.intent == expected, "\(text) → \(result.summaryLine)")
    }

    @Test("withdrawal and refusal are understood", arguments: ["finalement non", "non merci", "finalement je ne veux plus", "laissez tomber"])
    func withdrawal(_ text: String) {
        let result = Fixture.interpret(text)
        #expect([Intent.deny, .cancel].contains(result.intent), "\(text) → \(result.summaryLine)")
    }

    static let languages: [(String, Language, Language)] = [
        ("je veux changer mon téléphone", .en, .fr),
        ("i want to change my phone", .fr, .en),
        ("after you get the old one", .fr, .en),
        ("ok", .en, .en),
        ("ok", .fr, .fr),
        ("09 72 10 10 11", .en, .en),
        ("le 09 72 10 10 11", .en, .fr),
        ("bonjour", .en, .fr),
        ("jveux un tel", .en, .fr),
    ]

    @Test("language detected per utterance, --lang when unsure", arguments: languages)
    func language(_ text: String, _ fallback: Language, _ expected: Language) {
        #expect(Fixture.interpret(text, fallback).language == expected, "\(text)")
    }

    @Test("low confidence becomes out_of_scope with a best guess")
    func lowConfidence() {
        var strict = Fixture.understander
        strict.confidenceThreshold = 0.999
        let result = strict.interpret("je voudrais peut-être éventuellement un truc", defaultLanguage: .fr)
        #expect(result.intent == .outOfScope)
        #expect(result.bestGuess != nil)
        #expect(result.confidence < 0.999)
    }

    @Test("made-up sentences are out of scope", arguments: ["le chat est sur la table", "asdkjh qwe", "the quick brown fox"])
    func nonsense(_ text: String) {
        #expect(Fixture.interpret(text).intent == .outOfScope)
    }

    @Test("training is deterministic: two understanders agree exactly")
    func deterministic() throws {
        let other = try Understander(locales: Fixture.locales, catalog: .demo)
        for text in ["je veux changer mon tel", "c'est combien", "hello there", "le sans fil en express"] {
            #expect(other.interpret(text, defaultLanguage: .fr) == Fixture.interpret(text))
        }
    }

    @Test("confidence is a probability")
    func confidenceRange() {
        for text in ["oui", "je veux un tel", "blabla", "", "le 09 72 10 10 11"] {
            let c = Fixture.interpret(text).confidence
            #expect(c >= 0 && c <= 1)
        }
    }
}
