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

/// Issue 10, items 2–4: unknown models, exclusions, hesitation and the roles of the models named.
@Suite("Models: unknown, excluded, hesitated, roles")
struct ModelRoleTests {
    @Test("an unknown model is never replaced by a close one")
    func unknown() {
        let t48s = Fixture.interpret("un T48S")
        #expect(t48s.slots.model == nil)
        #expect(t48s.slots.unknownModel == "T48S")
        let exchange = Fixture.interpret("échanger mon T41S contre un T48S")
        #expect(exchange.slots.model == nil, "the T41S is the phone the customer has, the T48S is unknown")
        #expect(exchange.slots.unknownModel == "T48S")
        let t99 = Fixture.interpret("le yealink t99")
        #expect(t99.slots.model == nil)
        #expect(t99.slots.unknownModel == "T99")
        let t45s = Fixture.interpret("un t45s")
        #expect(t45s.slots.model == nil)
        #expect(t45s.slots.modelCandidates.isEmpty)
        #expect(t45s.slots.unknownModel == "T45S")
        // Typos in letters and two digits swapped are still forgiven.
        #expect(Fixture.interpret("un yealnk t46s").slots.model == "yealink.t46s")
        #expect(Fixture.interpret("un w65p").slots.model == "yealink.w56p")
        #expect(Fixture.interpret("en 48h").slots.unknownModel == nil)
    }

    @Test("an excluded model is never chosen")
    func exclusions() {
        let a = Fixture.interpret("le T46S, pas le W56P")
        #expect(a.slots.model == "yealink.t46s")
        #expect(a.slots.excludedModels == ["yealink.w56p"])
        let b = Fixture.interpret("un sans-fil, pas le Gigaset")
        #expect(b.slots.model == "yealink.w56p")
        let c = Fixture.interpret("surtout pas le T54W, trop cher")
        #expect(c.slots.model == nil)
        #expect(c.slots.excludedModels == ["yealink.t54w"])
        let d = Fixture.interpret("not the W56P", .en)
        #expect(d.slots.model == nil)
        #expect(d.slots.excludedModels == ["yealink.w56p"])
        #expect(d.jsonLine.contains(#""excluded_models":["yealink.w56p"]"#))
    }

    @Test("hesitating between two models chooses neither")
    func hesitation() {
        let fr = Fixture.interpret("j'hésite entre le T46S et le W56P")
        #expect(fr.slots.model == nil)
        #expect(fr.slots.modelCandidates == ["yealink.t46s", "yealink.w56p"])
        let en = Fixture.interpret("I'm torn between the T46S and the W56P", .en)
        #expect(en.slots.modelCandidates == ["yealink.t46s", "yealink.w56p"])
    }

    @Test("the model before « contre », « par », « au » is the phone the customer has")
    func roles() {
        let cisco = Fixture.interpret("échanger le cisco contre un sans-fil")
        #expect(!cisco.slots.modelCandidates.contains("cisco.cp7841"))
        #expect(cisco.slots.model != "cisco.cp7841")
        #expect(Fixture.interpret("remplacer le yealink T41S par le W56P").slots.model == "yealink.w56p")
        #expect(Fixture.interpret("passer du W56P au T46S").slots.model == "yealink.t46s")
        #expect(Fixture.interpret("troquer contre le N670").slots.model == "gigaset.n670.packed.r650h")
        #expect(Fixture.interpret("swap the cisco for a cordless", .en).slots.modelCandidates.allSatisfy { !$0.rawValue.hasPrefix("cisco") })
    }
}

/// Issue 10, item 5: a number one digit short is reported, never a line.
@Suite("Lines one digit short")
struct IncompleteLineTests {
    @Test func oneDigitShortIsReported() {
        let short = Fixture.interpret("09 72 10 10 1")
        #expect(short.slots.line == nil)
        #expect(short.slots.incompleteLine == "097210101")
        #expect(short.jsonLine.contains(#""line_incomplete":"097210101""#))
        let whole = Fixture.interpret("09 72 10 10 11")
        #expect(whole.slots.line?.rawValue == "+33972101011")
        #expect(whole.slots.incompleteLine == nil)
        #expect(Fixture.interpret("123456789").slots.incompleteLine == nil)
    }

    @Test("« dix » takes a unit only from sept: the number stops at ten digits")
    func tenThenOne() {
        let got = Fixture.interpret("zéro neuf soixante-douze dix dix dix, un sans-fil")
        #expect(got.slots.line?.rawValue == "+33972101010")
        #expect(Fixture.interpret("zéro neuf soixante-douze dix dix onze").slots.line?.rawValue == "+33972101011")
        #expect(Fixture.interpret("zéro neuf soixante-douze dix dix-sept dix-sept").slots.line?.rawValue == "+33972101717")
    }
}
