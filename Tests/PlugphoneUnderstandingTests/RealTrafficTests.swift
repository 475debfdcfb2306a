import Foundation
import PlugphoneDomain
import PlugphoneLocalization
import Testing
@testable import PlugphoneUnderstanding

/// Issue 10: the provider's other services are `out_of_scope`, product questions are not `inform`, and the intent is
/// the classifier's (no rule overrides it because a model or a line was mentioned).
@Suite("Real customer traffic")
struct RealTrafficTests {
    static let outOfScope: [(String, Language)] = [
        ("annuler mon abonnement fibre", .fr),
        ("je voudrais échanger ma box contre le modèle wifi 6", .fr),
        ("configurer un renvoi d'appel vers mon portable", .fr),
        ("combien coûte un appel vers le Maroc ?", .fr),
        ("ma box internet est en panne depuis ce matin", .fr),
        ("cancel my fibre subscription", .en),
        ("how do I set up call forwarding to my mobile?", .en),
        ("how much is a call to the US?", .en),
    ]

    @Test("the provider's other services are out of scope", arguments: outOfScope)
    func otherServices(_ text: String, _ language: Language) {
        let got = Fixture.interpret(text, language)
        #expect(got.intent == .outOfScope, "\(got.summaryLine)")
        #expect(got.bestGuess == nil, "\(got.summaryLine)")
    }

    @Test("a question about a named model is about the catalogue, not a bare answer")
    func productQuestions() {
        #expect(Fixture.interpret("le T54W a le bluetooth ?").intent == .listModels)
        #expect(Fixture.interpret("comparez-moi les Cisco et les Yealink").intent == .listModels)
        #expect(Fixture.interpret("does the T54W have bluetooth?", .en).intent == .listModels)
    }

    @Test("bare slot values are still inform, by the classifier")
    func bareValues() {
        for text in ["le 09 72 10 10 11", "un yealink t46s", "en express", "le T46S"] {
            let got = Fixture.interpret(text)
            #expect(got.intent == .inform, "\(got.summaryLine)")
            #expect(!got.slots.isEmpty)
        }
    }

    @Test("a question mark is a feature")
    func questionMark() {
        #expect(Understander.asksSomething("le T54W a le bluetooth ?"))
        #expect(Understander.asksSomething("le T54W a le bluetooth\u{FF1F}"))
        #expect(!Understander.asksSomething("le T54W"))
    }
}

/// The counts behind `parse --evaluate`: confusion, out-of-scope recall, in-scope accuracy.
@Suite("Evaluation breakdown")
struct EvaluationBreakdownTests {
    @Test func countsAddUp() throws {
        let data = try RasaNLU.parse("""
        version: "3.1"
        nlu:
        - intent: out_of_scope
          examples: |
            - ma box internet ne marche plus
            - combien coûte un appel vers le maroc ?
        - intent: order_phone
          examples: |
            - je voudrais commander un téléphone pour ma ligne
        """)
        let report = Evaluation(understander: Fixture.understander, data: data, language: .fr)
        #expect(report.count == 3)
        #expect(report.outOfScopeRecall.total == 2)
        #expect(report.inScopeAccuracy.total == 1)
        let pairs = report.confusionPairs.reduce(0) { $0 + $1.count }
        #expect(pairs == report.count - report.intentCorrect)
        #expect(report.recallByIntent.map(\.total).reduce(0, +) == 3)
        #expect(report.breakdown().contains("out-of-scope recall"))
    }
}
