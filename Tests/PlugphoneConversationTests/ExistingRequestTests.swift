import Foundation
import PlugphoneCLI
import PlugphoneConversation
import PlugphoneDomain
import PlugphoneLocalization
import PlugphoneStore
import PlugphoneUnderstanding
import Testing

/// Requests after they are made, in the pure state machine and through the runtime: what the transcripts cannot show
/// (a request the back office has moved, a change refused at the last moment, agent mode).
struct ExistingRequestTests {
    static let rma1 = RequestReference(sequence: 1)

    func said(_ intent: Intent, act: RequestAct? = nil, reference: RequestReference? = nil, line: LineNumber? = nil,
              model: PhoneModelID? = nil, mode: ShippingMode? = nil) -> Conversation.Event {
        var slots = Slots(line: line, model: model, shippingMode: mode)
        slots.reference = reference
        // A yes is unconditional, as the understanding reads a plain « oui ».
        var interpretation = Interpretation(
            text: "…", language: .fr, intent: intent, confidence: 0.95, slots: slots, assent: intent == .affirm ? .unconditional : nil
        )
        interpretation.act = act
        // A plain « oui », as the understanding reads it: an unconditional yes.
        if intent == .affirm { interpretation.assent = .unconditional }
        return .user(interpretation)
    }

    func started(_ snapshot: AccountSnapshot) -> Conversation {
        var conversation = Conversation(snapshot: snapshot, language: .fr, now: testNow)
        _ = conversation.handle(.started)
        return conversation
    }

    func snapshot(rma1Status status: RequestStatus) -> AccountSnapshot {
        var snapshot = demoSnapshot()
        snapshot.requests[0].status = status
        return snapshot
    }

    @Test func aRequestThatHasMovedCannotBeCancelledAndAHumanIsOffered() {
        var conversation = started(snapshot(rma1Status: .received))
        let effects = conversation.handle(said(.cancel, act: .cancelRequest, reference: Self.rma1))
        #expect(effects.keys == ["conv.req.refusal.underway", "conv.req.offer_human"])
        #expect(conversation.state == .asking(.human(then: .whatToDo(pending: Slots())), misses: 0))
        let yes = conversation.handle(said(.affirm))
        #expect(yes.contains { if case .handOff = $0 { true } else { false } })
    }

    @Test func nothingIsWrittenBeforeAYesAndAYesWithNewValuesOnlyAsksAgain() {
        var conversation = started(demoSnapshot())
        let summary = conversation.handle(said(.changePhone, act: .changeRequest))
        #expect(summary.keys == ["conv.req.mode.summary", "conv.req.mode.question"])
        #expect(conversation.state == .asking(.requestChangeConfirmation(.changeMode(Self.rma1, .express48h)), misses: 0))
        let hedged = conversation.handle(said(.affirm, model: "yealink.t46s"))
        #expect(hedged.keys == ["conv.req.mode.question"])
        let yes = conversation.handle(said(.affirm))
        #expect(yes == [.changeMode(Self.rma1, .express48h)])
        #expect(conversation.state == .changing(.changeMode(Self.rma1, .express48h)))
    }

    @Test func aChangeRefusedAtTheLastMomentSaysWhyAndThatNothingWasWritten() {
        var conversation = started(demoSnapshot())
        _ = conversation.handle(said(.cancel, act: .cancelRequest, reference: Self.rma1))
        #expect(conversation.handle(said(.affirm)) == [.cancelRequest(Self.rma1)])
        // Meanwhile the back office received the old phone.
        _ = conversation.handle(.refreshed(snapshot(rma1Status: .received), now: testNow))
        let effects = conversation.handle(.requestChangeRefused(Self.rma1))
        #expect(effects.keys == ["conv.req.refusal.underway", "conv.nothing_written", "conv.ask.anything_else"])
    }

    @Test func withSeveralRequestsTheCustomerIsAskedWhichOne() {
        var snapshot = demoSnapshot()
        snapshot.requests.append(Request(
            reference: RequestReference(sequence: 2), kind: .return, account: DemoData.defaultAccount, line: line011,
            oldModel: "yealink.t41s", newModel: nil, shippingMode: nil, status: .awaitingReturn, contractAccepted: true,
            dueNow: .zero, refundOnReturn: .euros(60), createdAt: testNow
        ))
        var conversation = started(snapshot)
        let asked = conversation.handle(said(.cancel, act: .cancelRequest))
        #expect(asked.keys == ["conv.req.which"])
        let text = render(asked)
        #expect(text.contains("RMA-000001") && text.contains("RMA-000002"))
        // The line names it.
        let chosen = conversation.handle(said(.inform, line: line011))
        #expect(chosen.keys == ["conv.req.cancel.summary", "conv.req.cancel.question"])
        #expect(render(chosen).contains("RMA-000002"))
        // A change of shipping mode is only for the exchange: the return is refused with its reason.
        var other = started(snapshot)
        #expect(other.handle(said(.changePhone, act: .changeRequest, reference: RequestReference(sequence: 2))).keys
            == ["conv.req.refusal.not_an_exchange", "conv.ask.anything_else"])
    }

    @Test func aStatusQuestionWhileFillingARequestKeepsTheRequest() {
        var conversation = started(demoSnapshot())
        _ = conversation.handle(heard(.orderPhone, line: line010))
        let effects = conversation.handle(said(.requestStatus))
        #expect(effects.keys.first == "conv.req.status.detail")
        #expect(conversation.state.name == "awaiting_model")
    }

    @Test func namingAnExistingRequestWhileFillingANewOneSaysTheNewOneIsSetAside() {
        var conversation = started(demoSnapshot())
        _ = conversation.handle(heard(.orderPhone, line: line010))
        let effects = conversation.handle(said(.cancel, act: .cancelRequest, reference: Self.rma1))
        #expect(effects.keys == ["conv.req.form_set_aside", "conv.req.cancel.summary", "conv.req.cancel.question"])
        // A bare « annuler » still drops the new request only.
        var other = started(demoSnapshot())
        _ = other.handle(heard(.orderPhone, line: line010))
        #expect(other.handle(said(.cancel)).keys == ["conv.cancelled.request", "conv.ask.anything_else"])
    }

    // MARK: Agent mode, through the runtime and a real SQLite store

    static let understander: Understander = {
        do { return try Understander(locales: locales, catalog: .demo) } catch { fatalError("cannot load the understanding: \(error)") }
    }()

    func agentSession(_ store: Store, language: Language) throws -> ConversationRuntime {
        let runtime = try ConversationRuntime(
            store: store, account: DemoData.defaultAccount, language: language, packs: packs, clock: { testNow },
            interpret: { text, language in Self.understander.interpret(text, defaultLanguage: language) }, audience: .agent
        )
        runtime.actor = Actor(name: "agent-7", channel: .agent)
        return runtime
    }

    @Test(arguments: [Language.fr, .en])
    func anAgentCancelsForTheCallerAndTheHistorySaysWho(language: Language) throws {
        let store = try Store.inMemory(demo: true, now: testNow)
        let runtime = try agentSession(store, language: language)
        _ = try runtime.start()
        let summary = try runtime.hear(language == .fr ? "le client veut annuler sa demande RMA-000001" : "the caller wants to cancel the request RMA-000001")
        #expect(summary.text.hasPrefix(language == .fr ? "Lisez au client ce que l'annulation changerait" : "Read to the caller what the cancellation would change"))
        #expect(summary.text.contains(language == .fr ? "Demandez au client s'il confirme" : "Ask the caller whether they confirm"))
        let done = try runtime.hear(language == .fr ? "oui" : "yes")
        #expect(done.changed.map(\.status) == [.cancelled])
        #expect(try store.request(Self.rma1)?.history.last?.actor == Actor(name: "agent-7", channel: .agent))
        let status = try runtime.hear(language == .fr ? "où en est RMA-000001 ?" : "where is RMA-000001?")
        #expect(status.text.contains(language == .fr ? "par un conseiller, agent-7" : "by an agent, agent-7"))
        #expect(status.text.contains(language == .fr ? "par le client, en libre-service" : "by the caller, in self-service"))
        #expect(status.text.contains(language == .fr ? "Le client peut suivre cette demande dans son espace client" : "The caller can follow this request in their customer area"))
    }

    @Test func anAgentChangesTheShippingModeWithTheAmountsToRead() throws {
        let store = try Store.inMemory(demo: true, now: testNow)
        let runtime = try agentSession(store, language: .fr)
        _ = try runtime.start()
        let summary = try runtime.hear("il ne peut pas attendre, envoyez-le tout de suite")
        #expect(summary.text.hasPrefix("Lisez au client ce que le changement du mode d'envoi changerait"))
        #expect(summary.text.contains("80,00 € HT au lieu de 30,00 € HT, soit 50,00 € HT de plus"))
        let done = try runtime.hear("oui")
        #expect(done.changed.first?.shippingMode == .express48h)
    }
}
