import Foundation
import PlugphoneConversation
import PlugphoneDomain
import PlugphoneLocalization
import PlugphoneUnderstanding
import Testing

/// "L'autre ligne", "le deuxième", early slots and changes of mind, resolved by the state machine.
@Suite struct ReferenceResolutionTests {
    static let line013 = LineNumber(rawValue: "+33972101013")
    static let line014 = LineNumber(rawValue: "+33972101014")
    static let line015 = LineNumber(rawValue: "+33972101015")

    /// The demo account with three more lines: two SIP-only, one with a T46S.
    func widerSnapshot() -> AccountSnapshot {
        var snapshot = demoSnapshot()
        snapshot.lines.append(Line(number: Self.line013, account: DemoData.defaultAccount, phone: nil))
        snapshot.lines.append(Line(number: Self.line014, account: DemoData.defaultAccount, phone: "yealink.t46s"))
        snapshot.lines.append(Line(number: Self.line015, account: DemoData.defaultAccount, phone: nil))
        return snapshot
    }

    func started(_ snapshot: AccountSnapshot = demoSnapshot()) -> Conversation {
        var conversation = Conversation(snapshot: snapshot, language: .fr, now: testNow)
        _ = conversation.handle(.started)
        return conversation
    }

    // MARK: The other line

    @Test func theOnlyOtherEligibleLineIsTakenAndChecked() {
        var c = started()
        _ = c.handle(heard(.orderPhone, line: line011, model: "yealink.t46s"))
        #expect(c.state == .asking(.switchKind(Form(kind: .order, line: line011, model: "yealink.t46s"), to: .exchange), misses: 0))
        let effects = c.handle(heard(.deny, "non, l'autre numéro", lineReference: .other))
        #expect(effects.keys == ["conv.ack.noted.line", "conv.summary.header", "conv.summary.question"])
        #expect(c.state == .asking(.confirmation(Form(kind: .order, line: line010, model: "yealink.t46s")), misses: 0))
    }

    @Test func noOtherEligibleLineSaysWhyAndKeepsTheRequest() {
        var c = started()
        _ = c.handle(heard(.changePhone, line: line011))
        let before = c.state
        let effects = c.handle(heard(.inform, "en fait c'est l'autre ligne", lineReference: .other))
        #expect(effects.keys == ["conv.line_ref.none.exchange", "conv.line_ref.kept", "conv.ask.model.exchange"])
        #expect(c.state == before)
        let text = render(effects)
        #expect(text.contains("09 72 10 10 10") && text.contains("RMA-000001"), "each other line's reason")
    }

    @Test func severalOtherEligibleLinesAreListed() {
        var c = started(widerSnapshot())
        _ = c.handle(heard(.orderPhone, line: line010))
        var effects = c.handle(heard(.inform, lineReference: .other))
        #expect(effects.keys == ["conv.line_ref.several", "conv.ask.line.list.order"])
        #expect(c.state == .asking(.line(Form(kind: .order), proposed: nil), misses: 0))
        // Then "le deuxième" points into the listed lines: 010, 013, 015.
        effects = c.handle(heard(.inform, ordinal: .position(2)))
        #expect(c.state == .asking(.model(Form(kind: .order, line: Self.line013), among: []), misses: 0))
        #expect(effects.keys == ["conv.ask.model.order"])
    }

    @Test func theOnlyOtherLineWithAPhoneIsTakenForAnExchange() {
        var c = started(widerSnapshot())
        _ = c.handle(heard(.changePhone, line: line011))
        let effects = c.handle(heard(.inform, lineReference: .other))
        #expect(effects.keys == ["conv.ack.noted.line", "conv.ask.model.exchange"])
        #expect(c.state == .asking(.model(Form(kind: .exchange, line: Self.line014), among: []), misses: 0))
    }

    @Test func theOtherLineFollowsTheNewKindWhenTheRequestChanges() {
        var c = started()
        _ = c.handle(heard(.returnPhone, line: line011))
        _ = c.handle(heard(.orderPhone, lineReference: .other))
        #expect(c.state == .asking(.model(Form(kind: .order, line: line010), among: []), misses: 0))
    }

    // MARK: Positions in a list

    @Test func anOrdinalPicksFromTheListedModels() {
        var c = started()
        _ = c.handle(heard(.orderPhone, line: line010))
        _ = c.handle(heard(.inform, "le deuxième", ordinal: .position(2)))
        #expect(c.state == .asking(.confirmation(Form(kind: .order, line: line010, model: "yealink.t46s")), misses: 0))
    }

    @Test func lastAndCandidatesList() {
        var c = started()
        _ = c.handle(heard(.orderPhone, line: line010, candidates: ["gigaset.c530ip", "gigaset.n670.packed.r650h"]))
        #expect(c.state == .asking(.model(Form(kind: .order, line: line010), among: ["gigaset.c530ip", "gigaset.n670.packed.r650h"]), misses: 0))
        _ = c.handle(heard(.inform, "le dernier", ordinal: .last))
        #expect(c.state == .asking(.confirmation(Form(kind: .order, line: line010, model: "gigaset.n670.packed.r650h")), misses: 0))
    }

    @Test func anExchangeListLeavesOutTheCurrentPhone() {
        var c = started()
        _ = c.handle(heard(.changePhone, line: line011))
        // The list starts at the T46S: the T41S on the line is not offered.
        _ = c.handle(heard(.inform, ordinal: .position(1)))
        #expect(c.state == .asking(.shippingMode(Form(kind: .exchange, line: line011, model: "yealink.t46s")), misses: 0))
    }

    @Test func aPositionPastTheEndSaysSoAndAsksAgain() {
        var c = started()
        _ = c.handle(heard(.orderPhone, line: line010))
        let before = c.state
        let effects = c.handle(heard(.inform, "le 9", ordinal: .position(9)))
        #expect(effects.keys == ["conv.choice.out_of_range", "conv.ask.model.order"])
        #expect(c.state == before)
    }

    @Test func aPositionWithNothingListedIsNotUnderstood() {
        var c = started()
        _ = c.handle(heard(.returnPhone, line: line011))
        let effects = c.handle(heard(.inform, "le deuxième", ordinal: .position(2)))
        #expect(effects.keys == ["conv.reprompt.confirmation"])
    }

    @Test func anOrdinalPointsIntoTheCatalogueAnswer() {
        var c = started()
        _ = c.handle(heard(.listModels))
        let effects = c.handle(heard(.inform, "le dernier", ordinal: .last))
        #expect(effects.keys == ["conv.ack.noted.model", "conv.ask.what_to_do_kinds"])
        #expect(c.state == .asking(.whatToDo(pending: Slots(model: "cisco.cp7841")), misses: 0))
        // The catalogue is not pointed into twice: the next turn has nothing listed.
        _ = c.handle(heard(.orderPhone))
        #expect(c.aside == nil)
    }

    // MARK: Early slots and changes of mind

    @Test func anEarlyModelIsAcknowledgedThenTheLineAskedAgain() {
        var c = started()
        _ = c.handle(heard(.orderPhone))
        let effects = c.handle(heard(.inform, "un T46S", model: "yealink.t46s"))
        #expect(effects.keys == ["conv.ack.noted.model", "conv.ask.line.proposal.order"])
        #expect(render(effects).hasPrefix("C'est noté pour le Yealink T46S."))
        #expect(c.state == .asking(.line(Form(kind: .order, model: "yealink.t46s"), proposed: line010), misses: 0))
    }

    @Test func anEarlyModeIsAcknowledgedAtTheModelQuestion() {
        var c = started()
        _ = c.handle(heard(.changePhone, line: line011))
        let effects = c.handle(heard(.inform, mode: .express48h))
        #expect(effects.keys == ["conv.ack.noted.mode", "conv.ask.model.exchange_express"])
    }

    @Test func anAnswerIsNotAcknowledged() {
        var c = started()
        _ = c.handle(heard(.orderPhone))
        let effects = c.handle(heard(.inform, line: line010, model: "yealink.t46s"))
        #expect(!effects.keys.contains { $0.hasPrefix("conv.ack.noted") })
    }

    @Test func aRefusedEarlyValueIsNotAcknowledged() {
        var c = started()
        _ = c.handle(heard(.orderPhone))
        let effects = c.handle(heard(.inform, model: "cisco.spa504g"))
        #expect(effects.keys == ["conv.refusal.model_not_orderable", "conv.ask.line.proposal.order"])
    }

    @Test func changingTheRequestKeepsTheLine() {
        var c = started()
        _ = c.handle(heard(.changePhone, line: line011, model: "yealink.t46s"))
        let effects = c.handle(heard(.returnPhone, "finalement je veux juste le renvoyer"))
        #expect(effects.keys.first == "conv.ack.switch.return")
        #expect(c.state == .asking(.confirmation(Form(kind: .return, line: line011)), misses: 0))
    }
}
