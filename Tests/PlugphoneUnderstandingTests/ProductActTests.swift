import PlugphoneDomain
import PlugphoneLocalization
import Testing
@testable import PlugphoneUnderstanding

/// Product and commercial questions (`Locales/<lang>/products.yaml`): an `act` inside `list_models`, `ask_deposit` or
/// `help`, never a value to fill.
struct ProductActTests {
    @Test(arguments: [
        ("comparez le T46S et le W56P", Language.fr, RequestAct.compareModels, Intent.listModels),
        ("comparez-moi les Cisco et les Yealink", .fr, .compareModels, .listModels),
        ("le sans-fil le moins cher ?", .fr, .cheapest, .listModels),
        ("le plus cher ?", .fr, .mostExpensive, .listModels),
        ("lesquels sont sans fil ?", .fr, .listCordless, .listModels),
        ("le T54W a le bluetooth ?", .fr, .askFeature, .listModels),
        ("c'est HT ou TTC ?", .fr, .askVAT, .askDeposit),
        ("comment je paie la caution ?", .fr, .depositPayment, .askDeposit),
        ("je peux lire le contrat ?", .fr, .readContract, .help),
        ("compare the T46S and the W56P", .en, .compareModels, .listModels),
        ("what's the cheapest cordless?", .en, .cheapest, .listModels),
        ("which ones are cordless?", .en, .listCordless, .listModels),
        ("does the T46S have a colour screen?", .en, .askFeature, .listModels),
        ("is that including VAT?", .en, .askVAT, .askDeposit),
        ("how do I pay the deposit?", .en, .depositPayment, .askDeposit),
        ("can I read the contract?", .en, .readContract, .help),
    ])
    func productQuestions(text: String, language: Language, act: RequestAct, intent: Intent) {
        let heard = Fixture.interpret(text, language)
        #expect(heard.act == act, "\(text)")
        #expect(heard.intent == intent, "\(text)")
        #expect(act.productIntent == intent)
    }

    @Test func aFeatureQuestionNamesTheFeatureAndTheModel() {
        let heard = Fixture.interpret("le T54W a le bluetooth ?", .fr)
        #expect(heard.slots.model == "yealink.t54w")
        #expect(heard.slots.feature == "bluetooth")
        #expect(heard.json.serialized().contains(#""feature":"bluetooth""#))
        #expect(heard.json.serialized().contains(#""act":"ask_feature""#))
    }

    /// Not questions: an answer to « quel modèle ? », a request, the consent formula, a difference that is no comparison.
    @Test(arguments: [
        ("le moins cher", Language.fr), ("un sans-fil", .fr), ("je veux commander le moins cher", .fr),
        ("J'ai lu et j'accepte les termes du contrat", .fr), ("c'est quoi la différence entre les deux modes d'envoi", .fr),
        ("the cheapest", .en), ("I have read and accept the terms of the contract", .en),
    ])
    func notProductQuestions(text: String, language: Language) {
        let heard = Fixture.interpret(text, language)
        #expect(heard.act == nil, "\(text): \(String(describing: heard.act))")
    }
}

/// Long messages (issue 10, item 7): the values stay, and the questions asked on the way are listed in `also_asks`.
struct AlsoAsksTests {
    @Test(arguments: [
        ("mon T41S marche plus, l'écran clignote, je voudrais en avoir un autre, un sans-fil si possible, c'est combien ? et ça prend combien de temps ?", Language.fr),
        ("my T41S doesn't work anymore, the screen keeps flickering, I'd like another one, a cordless if possible, how much is it? and how long does it take?", .en),
    ])
    func aLongMessageKeepsItsValuesAndItsQuestions(text: String, language: Language) {
        let heard = Fixture.interpret(text, language)
        #expect(heard.intent == .changePhone)
        // The own phone (« mon T41S ») is not the one wanted; the cordless ones are.
        #expect(heard.slots.model == nil)
        #expect(heard.slots.modelCandidates == ["yealink.w56p", "gigaset.c530ip", "gigaset.n670.packed.r650h"])
        #expect(heard.alsoAsks == [.askDeposit, .askShipping])
        #expect(heard.json.serialized().contains(#""also_asks":["ask_deposit","ask_shipping"]"#))
    }

    @Test func noQuestionMarkNoSideQuestion() {
        #expect(Fixture.interpret("je veux échanger mon téléphone, combien de temps", .fr).alsoAsks.isEmpty)
    }
}
