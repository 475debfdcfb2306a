import Foundation
import PlugphoneCLI
import PlugphoneConversation
import PlugphoneDomain
import PlugphoneLocalization
import PlugphoneStore
import PlugphoneUnderstanding
import Testing

/// Consent (docs/reference.md §5), in the state machine fed by the real understanding: only an unconditional yes to the
/// summary on screen writes, it writes exactly the terms shown, and it is used once.
@Suite struct ConsentTests {
    static let understander: Understander? = try? Understander(locales: locales, catalog: .demo)

    static let expressT46S = Form(kind: .exchange, line: line011, model: "yealink.t46s", mode: .express48h)
    static let shownT46S = RequestTerms(
        kind: .exchange, line: line011, oldModel: "yealink.t41s", newModel: "yealink.t46s", shippingMode: .express48h,
        dueNow: .euros(90), refundOnReturn: .euros(60)
    )

    /// A conversation at the summary of an express exchange of the T41S for a T46S.
    func atSummary(_ language: Language = .fr, snapshot: AccountSnapshot = demoSnapshot()) -> Conversation {
        var c = Conversation(snapshot: snapshot, language: language, now: testNow)
        _ = c.handle(.started)
        let effects = c.handle(heard(.changePhone, line: line011, model: "yealink.t46s", mode: .express48h, language: language))
        #expect(effects.keys.contains("conv.summary.header"))
        #expect(c.shownTerms == Self.shownT46S)
        return c
    }

    func understood(_ text: String, _ language: Language) throws -> Conversation.Event {
        let understander = try #require(Self.understander)
        return .user(understander.interpret(text, defaultLanguage: language))
    }

    @Test(arguments: [
        ("oui", Language.fr), ("ok", .fr), ("d'accord", .fr), ("je confirme", .fr), ("j'accepte", .fr), ("oui je confirme", .fr),
        ("Oui, je confirme.", .fr), ("oui merci", .fr), ("oui svp", .fr), ("oui c'est bon", .fr),
        ("yes", .en), ("I agree", .en), ("yes please", .en), ("yes, I agree", .en), ("OK", .en), ("I confirm", .en),
    ])
    func plainYesesAcceptTheTermsShown(text: String, language: Language) throws {
        var c = atSummary(language)
        let effects = c.handle(try understood(text, language))
        #expect(effects == [.commit(Self.shownT46S)], "«\(text)» → \(effects.keys)")
        #expect(c.shownTerms == nil, "a yes is used once")
    }

    @Test(arguments: [
        ("oui, mais en fait non", Language.fr), ("oui mais c'est trop cher", .fr), ("oui enfin attendez", .fr),
        ("oui mais c'est combien déjà ?", .fr), ("oui stp mais envoyez-le à mon bureau", .fr), ("oui ?", .fr), ("super", .fr),
        ("y", .fr), ("oui euh", .fr), ("oui peut-être", .fr), ("yes but wait", .en), ("sure, wait", .en), ("yes?", .en),
        ("yes, but send it to my office", .en), ("yes but how much is it?", .en), ("hmm yes", .en), ("yes, no wait", .en),
    ])
    func aYesWithAReservationIsNotConsentAndTheSummaryIsAskedAgain(text: String, language: Language) throws {
        var c = atSummary(language)
        let effects = c.handle(try understood(text, language))
        #expect(effects.commits.isEmpty, "«\(text)» committed")
        // Either the summary again, to accept afresh, or (a negation) the question of what to change.
        let summaryAgain = effects.keys.contains("conv.summary.header") && effects.keys.last == "conv.summary.question"
        let amending = effects.keys.last == "conv.ask.amendment"
        #expect(summaryAgain || amending, "«\(text)» → \(effects.keys)")
        if summaryAgain {
            #expect(c.state == .asking(.confirmation(Self.expressT46S), misses: 0))
            // A plain yes then accepts the summary shown again.
            #expect(c.handle(try understood("oui", .fr)) == [.commit(Self.shownT46S)])
        }
    }

    @Test func theReasonIsSaidBeforeTheSummaryIsShownAgain() throws {
        var c = atSummary()
        #expect(c.handle(try understood("oui mais c'est trop cher", .fr)).keys.first == "conv.consent.withheld.reservation")
        #expect(c.handle(try understood("oui ?", .fr)).keys.first == "conv.consent.withheld.question")
        #expect(c.handle(try understood("super", .fr)).keys.first == "conv.consent.withheld.unclear")
        #expect(c.handle(try understood("yes but how much is it?", .en)).keys.starts(with: ["conv.consent.withheld.question", "conv.info.deposit_general"]))
    }

    @Test func aYesWithANewValueAppliesItAndAsksForTheNewSummary() throws {
        var c = atSummary()
        let effects = c.handle(try understood("oui mais après réception de l'ancien", .fr))
        #expect(effects.commits.isEmpty)
        let after = Form(kind: .exchange, line: line011, model: "yealink.t46s", mode: .afterReturn)
        #expect(c.state == .asking(.confirmation(after), misses: 0))
        #expect(c.shownTerms?.dueNow == .euros(30))
        #expect(c.handle(try understood("oui", .fr)).commits.first?.shippingMode == .afterReturn)
    }

    @Test func aBareYesWithLowConfidenceIsAskedAgain() {
        var c = atSummary()
        let effects = c.handle(heard(.affirm, "oui", confidence: 0.35))
        #expect(effects.commits.isEmpty)
        #expect(effects.keys.first == "conv.consent.withheld.unclear")
        #expect(effects.keys.last == "conv.summary.question")
    }

    @Test func theYesCommitsTheTermsDisplayedEvenIfTheAccountChangedMeanwhile() {
        var c = atSummary()
        // The back office raised the T46S deposit after the summary: the conversation commits what it showed, and the
        // store, which re-computes the terms, will refuse.
        var catalog = Catalog.demo.models
        if let k = catalog.firstIndex(where: { $0.id == "yealink.t46s" }) { catalog[k].deposit = .euros(200) }
        #expect(c.handle(.refreshed(demoSnapshot(catalog: Catalog(models: catalog)), now: testNow)).isEmpty)
        #expect(c.handle(heard(.affirm, "oui")) == [.commit(Self.shownT46S)])

        var now = Self.shownT46S
        now.dueNow = .euros(200)
        let effects = c.handle(.commitRefused(.termsChanged(accepted: Self.shownT46S, now: now)))
        #expect(effects.keys.prefix(3) == ["conv.commit.refused", "conv.refusal.terms_changed", "conv.nothing_written"])
        #expect(effects.keys.last == "conv.summary.question")
        #expect(render(effects).contains("Les conditions ont changé"))
        #expect(render(effects, catalog: Catalog(models: catalog)).contains("200,00"))
        // The refused yes is gone; the new summary is the one a new yes accepts.
        #expect(c.shownTerms == now)
        #expect(c.handle(heard(.affirm, "oui")) == [.commit(now)])
    }

    @Test func aYesWithNoSummaryOnScreenShowsItInstead() throws {
        var c = atSummary()
        _ = c.handle(heard(.affirm, "oui"))
        let refused = c.handle(.commitRefused(.contractNotAccepted))
        #expect(refused.keys.contains("conv.summary.header"))
        // Saved and resumed at the summary: the summary is shown again and the next yes accepts that one.
        let saved = try #require(c.checkpoint)
        let data = try JSONEncoder().encode(saved)
        var resumed = Conversation(snapshot: demoSnapshot(), language: .en, now: testNow)
        let effects = resumed.handle(.resumed(try JSONDecoder().decode(Conversation.Checkpoint.self, from: data)))
        #expect(effects.commits.isEmpty)
        #expect(effects.keys.contains("conv.summary.header"))
        #expect(resumed.language == .fr)
        #expect(resumed.state == .asking(.confirmation(Self.expressT46S), misses: 0))
        #expect(resumed.handle(heard(.affirm, "oui")) == [.commit(Self.shownT46S)])
    }

    @Test func aResumeChecksTheRequestAgainstTheAccountAsItIsNow() throws {
        let c = atSummary()
        let saved = try #require(c.checkpoint)
        // The line was taken meanwhile by another session.
        var snapshot = demoSnapshot()
        snapshot.requests.append(Request(
            reference: RequestReference(sequence: 2), kind: .return, account: DemoData.defaultAccount, line: line011,
            oldModel: "yealink.t41s", newModel: nil, shippingMode: nil, status: .awaitingReturn, contractAccepted: true,
            dueNow: .zero, refundOnReturn: .euros(60), createdAt: testNow
        ))
        var resumed = Conversation(snapshot: snapshot, language: .fr, now: testNow)
        let effects = resumed.handle(.resumed(saved))
        #expect(effects.commits.isEmpty)
        #expect(effects.keys.first == "conv.refusal.request_in_progress")
        #expect(!effects.keys.contains("conv.summary.header"))
        #expect(resumed.shownTerms == nil)
    }

    @Test func nothingToSaveOutsideARequest() {
        var c = Conversation(snapshot: demoSnapshot(), language: .fr, now: testNow)
        _ = c.handle(.started)
        #expect(c.checkpoint == nil)
        var committing = atSummary()
        _ = committing.handle(heard(.affirm, "oui"))
        #expect(committing.checkpoint == nil, "a yes being written is never saved")
    }

    /// A line moved to this account while another account's request holds it: blocked, and that request's reference
    /// never shown.
    @Test func aLineHeldByAnotherAccountsRequestIsBlockedWithoutItsReference() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("consent-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("db.sqlite").path
        let store = try Store.open(path: path, mode: .createWithDemoDataIfMissing(now: testNow))
        let durand = AccountID("cd67890-ovh")
        let sipOnly = LineNumber(rawValue: "+33183640001")
        let held = try store.createRequest(.order(line: sipOnly, model: "yealink.t46s"), account: durand, contractAccepted: true, at: testNow)
        try moveLine(sipOnly, to: DemoData.defaultAccount, in: path)

        let session = try ConversationRuntime(
            store: store, account: DemoData.defaultAccount, language: .fr, packs: packs, clock: { testNow },
            interpret: { text, language in Self.understander?.interpret(text, defaultLanguage: language) ?? Interpretation(text: text, language: language, intent: .outOfScope, confidence: 1) }
        )
        _ = try session.start()
        let turn = try session.hear("je veux commander un T46S pour le 01 83 64 00 01")
        #expect(turn.committed.isEmpty)
        #expect(turn.replies.contains { $0.key == "conv.refusal.line_busy" })
        #expect(!turn.text.contains(held.reference.rawValue), "\(turn.text)")
        #expect(turn.text.contains("Une opération est déjà en cours sur la ligne 01 83 64 00 01"))
    }

    func moveLine(_ line: LineNumber, to account: AccountID, in path: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-c", "import sqlite3, sys\nc = sqlite3.connect(sys.argv[1]); c.execute('UPDATE line SET account_id = ? WHERE number = ?', (sys.argv[2], sys.argv[3])); c.commit()",
            path, account.rawValue, line.rawValue,
        ]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }
}
