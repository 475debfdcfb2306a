import Foundation
import PlugphoneConversation
import PlugphoneDomain
import PlugphoneLocalization
import PlugphoneUnderstanding
import Testing

/// Product questions are answered from the catalogue, choose nothing, and the pending question comes back.
struct ProductAnswerTests {
    func started() -> Conversation {
        var conversation = Conversation(snapshot: demoSnapshot(), language: .fr, now: testNow)
        _ = conversation.handle(.started)
        _ = conversation.handle(heard(.changePhone, "je veux échanger mon téléphone"))
        return conversation
    }

    func asking(_ act: RequestAct, _ intent: Intent, model: PhoneModelID? = nil, candidates: [PhoneModelID] = [], feature: String? = nil,
                language: Language = .fr) -> Conversation.Event {
        var interpretation = Interpretation(
            text: "…", language: language, intent: intent, confidence: 0.9, slots: Slots(model: model, modelCandidates: candidates)
        )
        interpretation.slots.feature = feature
        interpretation.act = act
        return .user(interpretation)
    }

    @Test func theCheapestCordlessIsNamedAndNotChosen() {
        var conversation = started()
        let before = conversation.state
        let effects = conversation.handle(asking(.cheapest, .listModels, model: "gigaset.c530ip"))
        let text = render(effects)
        #expect(text.contains("Gigaset C530 IP"))
        #expect(text.contains("60,00 € TTC"))
        #expect(!effects.keys.contains { $0.hasPrefix("conv.ack.noted") })
        #expect(conversation.state == before)
    }

    @Test func aComparisonShowsBothWithTheirDepositsHTAndTTC() {
        var conversation = started()
        let text = render(conversation.handle(asking(.compareModels, .listModels, candidates: ["yealink.t46s", "yealink.w56p"])))
        #expect(text.contains("Yealink T46S") && text.contains("90,00 € HT") && text.contains("108,00 € TTC"))
        #expect(text.contains("Yealink W56P") && text.contains("96,00 € TTC"))
        #expect(text.contains("Le moins cher de ces modèles est le Yealink W56P"))
    }

    @Test func aFeatureIsAnsweredYesOrNo() {
        var conversation = started()
        #expect(render(conversation.handle(asking(.askFeature, .listModels, model: "yealink.t54w", feature: "bluetooth"))).hasPrefix("Oui"))
        #expect(render(conversation.handle(asking(.askFeature, .listModels, model: "yealink.w56p", feature: "bluetooth"))).hasPrefix("Non"))
        #expect(render(conversation.handle(asking(.askFeature, .listModels, model: "yealink.w56p", feature: "dect"))).hasPrefix("Oui"))
    }

    @Test func theContractTextStatesTheDomainFacts() {
        for language in Language.allCases {
            var conversation = started()
            let text = render(conversation.handle(asking(.readContract, .help, language: language)), language)
            #expect(text.contains(String(ReturnDeadline.days)))
            #expect(text.contains(String(RefundDelay.days)))
            #expect(text.contains("20"))
        }
    }

    @Test func theVATRateIsDataAndTheSameInBothLanguages() throws {
        let rates = try Language.allCases.map { language in
            try #require(packs[language].flatMap { Renderer(pack: $0, catalog: .demo).vatRate })
        }
        #expect(Set(rates).count == 1)
        #expect(rates.first == VATRate(percent: 20))
    }
}
