import Foundation
import Testing
import PlugphoneConversation
import PlugphoneDomain
import PlugphoneLocalization
import PlugphoneUnderstanding

/// The hand-off queue from the dialogue's side: the hand-off carries the draft to resume, the opened case is announced
/// to the customer, and in agent mode a caller asking for a human is guidance, not the end of the session.
struct HandOffTests {
    func started(audience: Audience = .customer) -> Conversation {
        var c = Conversation(snapshot: demoSnapshot(), language: .fr, now: testNow)
        c.audience = audience
        _ = c.handle(.started)
        return c
    }

    @Test func askingForAHumanHandsOverTheDraftThenAnnouncesTheCase() throws {
        var c = started()
        _ = c.handle(heard(.changePhone, line: line011, model: "yealink.t46s"))
        let pending = Question.shippingMode(Form(kind: .exchange, line: line011, model: "yealink.t46s"))
        #expect(c.state == .asking(pending, misses: 0))
        let effects = c.handle(heard(.humanAgent, "je veux parler à un conseiller"))
        let handOff = try #require(effects.compactMap { if case .handOff(let h) = $0 { h } else { nil } }.first)
        #expect(handOff.reason == .asked)
        #expect(handOff.draft == pending)
        #expect(c.state == .ended)
        let announced = c.handle(.caseOpened(7))
        #expect(announced.keys == ["desk.case_opened"])
        #expect(render(announced).contains("dossier n° 7"))
        // The saved draft resumes where it stopped, in a new conversation (the agent's).
        var agent = Conversation(snapshot: demoSnapshot(), language: .fr, now: testNow)
        agent.audience = .agent
        let resumed = agent.handle(.resumed(Conversation.Checkpoint(question: pending, language: .fr)))
        #expect(agent.state == .asking(pending, misses: 0))
        #expect(resumed.keys == ["conv.ask.mode"])
    }

    @Test func withNothingDraftedTheHandOffHasNoDraft() throws {
        var c = started()
        let effects = c.handle(heard(.humanAgent, "un humain svp"))
        let handOff = try #require(effects.compactMap { if case .handOff(let h) = $0 { h } else { nil } }.first)
        #expect(handOff.draft == nil && handOff.form == nil)
        #expect(effects.last == .end)
    }

    @Test func theCaseIsAnnouncedOnlyAfterAHandOff() {
        var c = started()
        #expect(c.handle(.caseOpened(1)).isEmpty)
    }

    @Test func inAgentModeACallerAskingForAHumanGetsTransferGuidanceAndTheSessionGoesOn() {
        var c = started(audience: .agent)
        _ = c.handle(heard(.changePhone, line: line011, model: "yealink.t46s"))
        let before = c.state
        let effects = c.handle(heard(.humanAgent, "il veut parler à un responsable"))
        #expect(effects.keys == ["desk.transfer.asked", "conv.ask.mode"])
        #expect(!effects.contains(.end))
        #expect(!effects.contains { if case .handOff = $0 { true } else { false } })
        #expect(c.state == before)
    }

    @Test func inAgentModeThreeMissesGiveGuidanceToo() {
        var c = started(audience: .agent)
        _ = c.handle(heard(.changePhone, line: line011))
        for _ in 0..<3 { _ = c.handle(heard(.outOfScope, "blabla")) }
        let effects = c.handle(heard(.affirm, "oui"))
        #expect(effects.keys.first == "desk.transfer.not_understood")
        #expect(!effects.contains(.end))
        #expect(c.state == .asking(.model(Form(kind: .exchange, line: line011), among: []), misses: 0))
    }
}
