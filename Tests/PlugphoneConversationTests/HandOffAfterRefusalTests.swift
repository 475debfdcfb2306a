import Foundation
import PlugphoneConversation
import PlugphoneDomain
import PlugphoneLocalization
import PlugphoneUnderstanding
import Testing

/// An agent offered after a refused cancellation, and accepted: the hand-off says it was asked for, which request it
/// is about and what the customer wanted, not « not understood » at the welcome.
struct HandOffAfterRefusalTests {
    static let rma1 = RequestReference(sequence: 1)

    func said(_ intent: Intent, act: RequestAct? = nil, reference: RequestReference? = nil) -> Conversation.Event {
        var slots = Slots()
        slots.reference = reference
        var interpretation = Interpretation(
            text: "…", language: .fr, intent: intent, confidence: 0.95, slots: slots, assent: intent == .affirm ? .unconditional : nil
        )
        interpretation.act = act
        return .user(interpretation)
    }

    func firstHandOff(in effects: [Conversation.Effect]) -> HandOff? {
        for effect in effects { if case .handOff(let handOff) = effect { return handOff } }
        return nil
    }

    @Test func anAcceptedOfferAfterARefusedCancellationCarriesTheRequestAndTheWish() throws {
        var snapshot = demoSnapshot()
        snapshot.requests[0].status = .received
        var conversation = Conversation(snapshot: snapshot, language: .fr, now: testNow)
        _ = conversation.handle(.started)
        let refused = conversation.handle(said(.cancel, act: .cancelRequest, reference: Self.rma1))
        #expect(refused.keys.last == "conv.req.offer_human")
        let yes = conversation.handle(said(.affirm))
        let handOff = try #require(firstHandOff(in: yes))
        #expect(handOff.reason == .asked)
        #expect(handOff.request == Self.rma1)
        #expect(handOff.wanted == .cancel)
        #expect(handOff.step == "offering_agent")
    }

    @Test func theNotUnderstoodLadderStillHandsOffAsNotUnderstood() throws {
        var conversation = Conversation(snapshot: demoSnapshot(), language: .fr, now: testNow)
        _ = conversation.handle(.started)
        for _ in 0..<3 { _ = conversation.handle(said(.outOfScope)) }
        #expect(conversation.state.name == "offering_agent")
        let yes = conversation.handle(said(.affirm))
        let handOff = try #require(firstHandOff(in: yes))
        #expect(handOff.reason == .notUnderstood)
        #expect(handOff.request == nil && handOff.wanted == nil)
    }
}
