import Foundation
import PlugphoneConversation
import PlugphoneDomain
import PlugphoneLocalization
import PlugphoneUnderstanding
import Testing

/// The state machine fed with interpretations directly: every state change asserted, TCA-style.
@Suite struct ConversationTests {
    func started(_ language: Language = .fr, snapshot: AccountSnapshot = demoSnapshot()) -> Conversation {
        var conversation = Conversation(snapshot: snapshot, language: language, now: testNow)
        let effects = conversation.handle(.started)
        #expect(effects == [.say(Reply("conv.greeting")), .say(Reply("conv.ask.what_to_do"))])
        #expect(conversation.state == .asking(.whatToDo(pending: Slots()), misses: 0))
        return conversation
    }

    @Test func everySlotInOneTurnGoesStraightToTheSummaryAndOnlyYesWrites() {
        var c = started()
        let form = Form(kind: .exchange, line: line011, model: "yealink.t46s", mode: .express48h)
        var effects = c.handle(heard(.changePhone, line: line011, model: "yealink.t46s", mode: .express48h))
        #expect(c.state == .asking(.confirmation(form), misses: 0))
        #expect(effects.keys == ["conv.summary.header", "conv.summary.question"])
        #expect(effects.commits.isEmpty)
        let text = render(effects)
        #expect(text.contains("90,00\u{00A0}€ HT") || text.contains("90,00 € HT"))
        #expect(text.contains("13 décembre 2026"))

        effects = c.handle(heard(.affirm, "oui"))
        #expect(effects == [.commit(RequestTerms(
            kind: .exchange, line: line011, oldModel: "yealink.t41s", newModel: "yealink.t46s", shippingMode: .express48h,
            dueNow: .euros(90), refundOnReturn: .euros(60)
        ))])
        #expect(c.state == .committing(form))

        let request = Request(
            reference: RequestReference(sequence: 2), kind: .exchange, account: DemoData.defaultAccount, line: line011,
            oldModel: "yealink.t41s", newModel: "yealink.t46s", shippingMode: .express48h, status: .open,
            contractAccepted: true, dueNow: .euros(90), refundOnReturn: .euros(60), createdAt: testNow
        )
        effects = c.handle(.committed(request))
        #expect(effects.keys == ["conv.done.exchange.express_48h", "conv.done.due", "conv.done.refund", "conv.ask.anything_else"])
        #expect(c.state == .asking(.whatToDo(pending: Slots()), misses: 0))
        #expect(c.snapshot.requests.contains(request))
        #expect(render(effects).contains("RMA-000002"))
    }

    @Test func asksOnlyWhatIsMissingInOrderLineModelMode() {
        var c = started()
        var effects = c.handle(heard(.changePhone))
        // Exactly one line allows an exchange: it is proposed, and a yes accepts it.
        #expect(c.state == .asking(.line(Form(kind: .exchange), proposed: line011), misses: 0))
        #expect(effects.keys == ["conv.ask.line.proposal.exchange"])
        effects = c.handle(heard(.affirm, "oui"))
        #expect(c.state == .asking(.model(Form(kind: .exchange, line: line011), among: []), misses: 0))
        #expect(effects.keys == ["conv.ask.model.exchange"])
        let models = render(effects)
        #expect(models.contains("Yealink T46S"))
        #expect(!models.contains("Cisco SPA504G"), "a model no longer sold is not offered")
        #expect(!models.contains("- Yealink T41S"), "the current phone is not offered")
        effects = c.handle(heard(.inform, line: nil, model: "gigaset.c530ip"))
        #expect(c.state == .asking(.shippingMode(Form(kind: .exchange, line: line011, model: "gigaset.c530ip")), misses: 0))
        #expect(render(effects).contains("10,00"), "after return, the cheaper model refunds the difference")
        effects = c.handle(heard(.inform, mode: .afterReturn))
        #expect(c.state == .asking(.confirmation(Form(kind: .exchange, line: line011, model: "gigaset.c530ip", mode: .afterReturn)), misses: 0))
    }

    @Test func orderOnALineWithAPhoneOffersAnExchange() {
        var c = started()
        var effects = c.handle(heard(.orderPhone, line: line011, model: "yealink.t46s"))
        let form = Form(kind: .order, line: line011, model: "yealink.t46s")
        #expect(c.state == .asking(.switchKind(form, to: .exchange), misses: 0))
        #expect(effects.keys == ["conv.refusal.line_already_has_phone", "conv.ask.switch.exchange"])
        effects = c.handle(heard(.affirm, "oui"))
        #expect(c.state == .asking(.shippingMode(Form(kind: .exchange, line: line011, model: "yealink.t46s")), misses: 0))
    }

    @Test func decliningTheOtherRequestAsksTheLineAgain() {
        var c = started()
        _ = c.handle(heard(.orderPhone, line: line011))
        let effects = c.handle(heard(.deny, "non"))
        #expect(effects.keys == ["conv.ack.ok", "conv.ask.line.proposal.order"])
        #expect(c.state == .asking(.line(Form(kind: .order), proposed: line010), misses: 0))
    }

    @Test func anotherAccountsLineIsAnsweredExactlyLikeAnUnknownLine() {
        var a = started()
        var b = started()
        let other = a.handle(heard(.returnPhone, line: otherAccountLine))
        let unknown = b.handle(heard(.returnPhone, line: unknownLine))
        #expect(other.keys == ["conv.refusal.line_not_on_account", "conv.ask.line.proposal.return"])
        #expect(a.state == b.state)
        #expect(render(other).replacingOccurrences(of: "01 83 64 00 00", with: "X") == render(unknown).replacingOccurrences(of: "09 99 99 99 99", with: "X"))
        #expect(render(other).contains("cette ligne n'est pas rattachée à votre compte"))
    }

    @Test func aBlockedLineGivesTheReferenceOfItsRequest() {
        var c = started()
        let effects = c.handle(heard(.changePhone, line: line012, model: "yealink.t46s"))
        #expect(effects.keys == ["conv.refusal.request_in_progress", "conv.ask.line.proposal.exchange"])
        #expect(render(effects).contains("RMA-000001"))
        #expect(c.state == .asking(.line(Form(kind: .exchange, model: "yealink.t46s"), proposed: line011), misses: 0))
    }

    @Test func aModelNoLongerSoldOrTheSameModelIsRefused() {
        var c = started()
        var effects = c.handle(heard(.changePhone, line: line011, model: "cisco.spa504g"))
        #expect(effects.keys == ["conv.refusal.model_not_orderable", "conv.ask.model.exchange"])
        effects = c.handle(heard(.inform, model: "yealink.t41s"))
        #expect(effects.keys == ["conv.refusal.same_model", "conv.ask.model.exchange"])
        #expect(c.state == .asking(.model(Form(kind: .exchange, line: line011), among: []), misses: 0))
    }

    @Test func severalCandidateModelsAreAskedAbout() {
        var c = started()
        let effects = c.handle(heard(.orderPhone, line: line010, candidates: ["yealink.t41s", "yealink.t46s", "cisco.spa504g"]))
        #expect(c.state == .asking(.model(Form(kind: .order, line: line010), among: ["yealink.t41s", "yealink.t46s"]), misses: 0))
        #expect(render(effects).contains("Yealink T41S ou Yealink T46S"))
    }

    @Test func aCorrectionAtTheSummaryShowsANewSummary() {
        var c = started()
        _ = c.handle(heard(.orderPhone, line: line010, model: "yealink.t41s"))
        let effects = c.handle(heard(.deny, "non, plutôt le T46S", model: "yealink.t46s"))
        #expect(effects.keys == ["conv.summary.header", "conv.summary.question"])
        #expect(c.state == .asking(.confirmation(Form(kind: .order, line: line010, model: "yealink.t46s")), misses: 0))
    }

    @Test func aPlainNoToTheSummaryWritesNothingAndAsksWhatToChange() {
        var c = started()
        _ = c.handle(heard(.returnPhone, line: line011))
        var effects = c.handle(heard(.deny, "non"))
        #expect(effects.keys == ["conv.ask.amendment"])
        #expect(c.state == .asking(.amendment(Form(kind: .return, line: line011)), misses: 0))
        effects = c.handle(heard(.deny, "non"))
        #expect(effects.keys == ["conv.cancelled.request", "conv.ask.anything_else"])
        #expect(effects.commits.isEmpty)
    }

    @Test func changingIntentKeepsWhatStillApplies() {
        var c = started()
        _ = c.handle(heard(.changePhone, line: line011, model: "yealink.t46s"))
        let effects = c.handle(heard(.returnPhone, "finalement je veux juste le renvoyer"))
        #expect(effects.keys == ["conv.ack.switch.return", "conv.summary.header", "conv.summary.question"])
        #expect(c.state == .asking(.confirmation(Form(kind: .return, line: line011)), misses: 0))
    }

    @Test func aSideQuestionIsAnsweredThenThePendingQuestionAskedAgain() {
        var c = started()
        _ = c.handle(heard(.changePhone, line: line011))
        let before = c.state
        var effects = c.handle(heard(.askDeposit, "c'est quoi la caution ?"))
        #expect(effects.keys == ["conv.info.deposit_general", "conv.ask.model.exchange"])
        #expect(c.state == before)
        effects = c.handle(heard(.requestStatus))
        #expect(effects.keys == ["conv.req.status.detail", "conv.ask.model.exchange"])
        #expect(render(effects).contains("RMA-000001"))
        effects = c.handle(heard(.help))
        #expect(effects.keys == ["conv.help", "conv.ask.model.exchange"])
        effects = c.handle(heard(.askShipping))
        #expect(effects.keys == ["conv.info.shipping", "conv.ask.model.exchange"])
        #expect(c.state == before)
    }

    @Test func notUnderstoodThreeTimesOffersAnAgentWhoGetsASummary() {
        var c = started()
        _ = c.handle(heard(.changePhone, line: line011))
        let question = Question.model(Form(kind: .exchange, line: line011), among: [])
        var effects = c.handle(heard(.outOfScope, "blabla", confidence: 0.3))
        #expect(effects.keys == ["conv.reprompt.model"])
        #expect(c.state == .asking(question, misses: 1))
        effects = c.handle(heard(.outOfScope, "blabla", confidence: 0.3))
        #expect(effects.keys == ["conv.examples.model"])
        #expect(c.state == .asking(question, misses: 2))
        effects = c.handle(heard(.outOfScope, "blabla", confidence: 0.3))
        #expect(effects.keys == ["conv.ask.human"])
        #expect(c.state == .asking(.human(then: question), misses: 0))
        effects = c.handle(heard(.affirm, "oui"))
        var handOff = HandOff(account: DemoData.defaultAccount, language: .fr, reason: .notUnderstood, form: Form(kind: .exchange, line: line011), step: "awaiting_model")
        handOff.draft = question
        #expect(effects.last == .end)
        #expect(effects.contains(.handOff(handOff)))
        #expect(c.state == .ended)
        #expect(render(effects).contains("ab12345-ovh"))
        #expect(c.handle(heard(.affirm, "oui")).isEmpty, "nothing is said after the end")
    }

    @Test func aLowConfidenceGuessIsOfferedForConfirmation() {
        var c = started()
        var effects = c.handle(heard(.outOfScope, "mon bigophone je le rends", confidence: 0.3, bestGuess: .returnPhone))
        #expect(effects.keys == ["conv.ask.guess"])
        #expect(c.state == .asking(.guess(.returnPhone, Slots(), then: .whatToDo(pending: Slots())), misses: 0))
        effects = c.handle(heard(.affirm, "oui"))
        #expect(c.state == .asking(.line(Form(kind: .return), proposed: line011), misses: 0))
        #expect(effects.keys == ["conv.ask.line.proposal.return"])
    }

    @Test func cancelWritesNothingAndGoodbyeEnds() {
        var c = started()
        _ = c.handle(heard(.orderPhone, line: line010, model: "yealink.t46s"))
        var effects = c.handle(heard(.cancel, "annuler"))
        #expect(effects.keys == ["conv.cancelled.request", "conv.ask.anything_else"])
        #expect(c.state == .asking(.whatToDo(pending: Slots()), misses: 0))
        effects = c.handle(heard(.goodbye, "au revoir"))
        #expect(effects == [.say(Reply("conv.goodbye")), .end])
        #expect(c.state == .ended)
    }

    @Test func aRefusalAtCommitTimeIsExplainedAndNothingIsConfirmed() {
        var c = started()
        _ = c.handle(heard(.returnPhone, line: line011))
        _ = c.handle(heard(.affirm, "oui"))
        #expect(c.state == .committing(Form(kind: .return, line: line011)))
        // Another session took the line meanwhile.
        var snapshot = demoSnapshot()
        snapshot.requests.append(Request(
            reference: RequestReference(sequence: 2), kind: .return, account: DemoData.defaultAccount, line: line011,
            oldModel: "yealink.t41s", newModel: nil, shippingMode: nil, status: .awaitingReturn, contractAccepted: true,
            dueNow: .zero, refundOnReturn: .euros(60), createdAt: testNow
        ))
        #expect(c.handle(.refreshed(snapshot, now: testNow)).isEmpty)
        let effects = c.handle(.commitRefused(.requestInProgress(line011, RequestReference(sequence: 2))))
        #expect(effects.keys == ["conv.commit.refused", "conv.refusal.request_in_progress", "conv.nothing_written", "conv.line.none_eligible.return", "conv.ask.anything_else"])
        #expect(!effects.keys.contains { $0.hasPrefix("conv.done") })
        #expect(c.state == .asking(.whatToDo(pending: Slots()), misses: 0))
    }

    @Test func equalDepositsPayAndRefundNothing() {
        var catalog = Catalog.demo
        if let index = catalog.models.firstIndex(where: { $0.id == "yealink.t46s" }) { catalog.models[index].deposit = .euros(60) }
        var c = started(snapshot: demoSnapshot(catalog: catalog))
        let effects = c.handle(heard(.changePhone, line: line011, model: "yealink.t46s"))
        #expect(render(effects, catalog: catalog).contains("les deux cautions sont égales"))
        _ = c.handle(heard(.inform, mode: .afterReturn))
        guard case .asking(.confirmation(let form), _) = c.state, let draft = form.draft,
              case .success(let approved) = Rules.approve(draft, contractAccepted: true, in: c.snapshot) else {
            Issue.record("expected the summary")
            return
        }
        #expect(approved.quote == Quote(dueNow: .zero, refundOnReturn: .zero))
    }

    @Test func theSessionFollowsTheCustomersLanguageWhenClear() {
        var c = started()
        _ = c.handle(heard(.affirm, "ok", language: .en))
        #expect(c.language == .fr, "one ambiguous word does not switch")
        _ = c.handle(heard(.changePhone, "I want to exchange my phone", language: .en))
        #expect(c.language == .en)
    }

    @Test func requestsSaidBeforeTheIntentAreKept() {
        var c = started()
        var effects = c.handle(heard(.inform, line: line010))
        #expect(effects.keys == ["conv.ask.what_to_do_noted"])
        effects = c.handle(heard(.orderPhone))
        #expect(c.state == .asking(.model(Form(kind: .order, line: line010), among: []), misses: 0))
    }

    @Test func everyMessageExistsInBothLanguagesWithFrenchTypography() throws {
        let fr = try #require(packs[.fr]).messages
        let en = try #require(packs[.en]).messages
        let frKeys = Set(fr.keys.filter { $0.hasPrefix("conv.") })
        let enKeys = Set(en.keys.filter { $0.hasPrefix("conv.") })
        #expect(frKeys == enKeys)
        for key in frKeys {
            let text = fr.text(key)
            for mark in [" ?", " !", " :", " ;", "« ", " »"] {
                #expect(!text.contains(mark), "\(key): a narrow no-break space is due in « \(mark) »")
            }
        }
    }
}

/// Issue 10: a confident `out_of_scope` is redirected (what plug&phone does, where else to go), takes no value,
/// cancels nothing, and the pending question comes back.
@Suite struct OutOfScopeConversationTests {
    @Test func outOfScopeAtTheSummaryKeepsTheRequestAndAsksAgain() {
        var c = Conversation(snapshot: demoSnapshot(), language: .fr, now: testNow)
        _ = c.handle(.started)
        _ = c.handle(heard(.changePhone, line: line011, model: "yealink.t46s", mode: .express48h))
        let form = Form(kind: .exchange, line: line011, model: "yealink.t46s", mode: .express48h)
        #expect(c.state == .asking(.confirmation(form), misses: 0))
        let effects = c.handle(heard(.outOfScope, "annuler mon abonnement fibre sur le 09 72 10 10 12", line: line012, confidence: 0.9))
        // The whole summary again, so that a yes accepts what was displayed just before it.
        #expect(effects.keys == ["conv.out_of_scope", "conv.summary.header", "conv.summary.question"])
        #expect(c.state == .asking(.confirmation(form), misses: 1))
    }

    @Test func anUnsureOutOfScopeIsStillNotUnderstood() {
        var c = Conversation(snapshot: demoSnapshot(), language: .fr, now: testNow)
        _ = c.handle(.started)
        let effects = c.handle(heard(.outOfScope, "euh", confidence: 0.3))
        #expect(!effects.keys.contains("conv.out_of_scope"))
    }
}

extension OutOfScopeConversationTests {
    /// A sure out-of-scope counts as a miss: the third in a row offers an agent.
    @Test func threeOutOfScopeInARowOfferAnAgent() {
        var c = Conversation(snapshot: demoSnapshot(), language: .fr, now: testNow)
        _ = c.handle(.started)
        _ = c.handle(heard(.changePhone, line: line011))
        let question = Question.model(Form(kind: .exchange, line: line011), among: [])
        var effects = c.handle(heard(.outOfScope, "ma box ne marche plus", confidence: 0.9))
        #expect(effects.keys == ["conv.out_of_scope", "conv.ask.model.exchange"])
        #expect(c.state == .asking(question, misses: 1))
        effects = c.handle(heard(.outOfScope, "et ma facture ?", confidence: 0.9))
        #expect(effects.keys == ["conv.out_of_scope", "conv.ask.model.exchange"])
        #expect(c.state == .asking(question, misses: 2))
        effects = c.handle(heard(.outOfScope, "vous êtes nuls", confidence: 0.9))
        #expect(c.state == .asking(.human(then: question), misses: 0))
    }

    @Test func aQuestionAboutNamedModelsAnswersWithThoseOnly() {
        var c = Conversation(snapshot: demoSnapshot(), language: .fr, now: testNow)
        _ = c.handle(.started)
        let effects = c.handle(heard(.listModels, "j'hésite entre le T46S et le W56P", candidates: ["yealink.t46s", "yealink.w56p"]))
        #expect(effects.keys == ["conv.info.models_named", "conv.ask.what_to_do"])
        #expect(c.state == .asking(.whatToDo(pending: Slots()), misses: 0))
        #expect(c.aside == .models(["yealink.t46s", "yealink.w56p"]))
    }
}
