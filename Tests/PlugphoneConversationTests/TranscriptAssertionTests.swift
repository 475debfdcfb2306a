import Foundation
import PlugphoneCLI
import PlugphoneConversation
import PlugphoneDomain
import Testing

/// The meaning assertions of the transcript format (`understood:`, `state:`, `bot~:`, `bot: …`), each passing and
/// failing, and `replay --update`'s rewriting of the `bot:` lines, through the same runner as `plugphone replay`.
@Suite struct TranscriptAssertionTests {
    static let header = "# Exchange, express, in one sentence.\naccount: ab12345-ovh\nlang: fr\nnow: 2026-11-28T10:00:00Z\n\n"
    static let sentence = "user: je veux échanger le téléphone du 09 72 10 10 11 contre un T46S en express\n"
    static let written = "written: reference=RMA-000002 kind=exchange line=+33972101011 new_model=yealink.t46s mode=express_48h due_now_cents=9000\n"

    /// Replays `text` with the runner the transcript suite uses.
    private func outcome(_ text: String, updating: Bool = false) throws -> TranscriptRunner.Outcome {
        let runner = try TranscriptTests.runner.get()
        return try runner.run(Transcript.parse(text), updating: updating)
    }

    /// A transcript of the exchange where `firstTurn` holds the assertions of the first turn.
    private func exchange(_ firstTurn: String) -> String {
        Self.header + Self.sentence + firstTurn + "\nuser: oui\nstate: what_to_do\n" + Self.written
    }

    @Test func meaningOnlyTranscriptPassesWithoutAnyWording() throws {
        let result = try outcome(exchange("""
        understood: change_phone line=+33972101011 model=yealink.t46s shipping_mode=express_48h slots=exact
        state: awaiting_confirmation
        bot~: À payer maintenant : 90,00 € HT
        bot~: Remboursé : 60,00 € HT

        """))
        #expect(result.passed, "\(result.failures)")
        #expect(result.turns == 2)
    }

    @Test(arguments: [
        ("understood: change_phone line=+33972101011", true),
        ("understood: * model=yealink.t46s", true),
        ("understood: change_phone reference=-", true),
        ("understood: return_phone", false),
        ("understood: change_phone model=yealink.t54w", false),
        ("understood: change_phone model=-", false),
        ("understood: change_phone line=+33972101011 model=yealink.t46s slots=exact", false),
    ])
    func understood(_ line: String, holds: Bool) throws {
        let result = try outcome(exchange(line + "\n"))
        #expect(result.passed == holds, "\(result.failures)")
        if !holds {
            #expect(result.failures.map(\.kind) == [.understood])
            #expect(result.mismatch?.turn == 1)
            #expect(result.mismatch?.actual == ["understood: change_phone line=+33972101011 model=yealink.t46s shipping_mode=express_48h slots=exact"])
        }
    }

    @Test func aLowConfidenceTurnIsTestedOnItsBestGuess() throws {
        let text = Self.header + "user: le suivi du machin\nunderstood: out_of_scope best_guess=request_status slots=exact\nstate: confirming_guess\n"
        let result = try outcome(text)
        #expect(result.passed, "\(result.failures)")
        let wrong = try outcome(text.replacingOccurrences(of: "best_guess=request_status", with: "best_guess=order_phone"))
        #expect(wrong.failures.map(\.kind) == [.understood])
    }

    @Test(arguments: [("state: awaiting_confirmation", true), ("state: awaiting_model", false)])
    func state(_ line: String, holds: Bool) throws {
        let result = try outcome(exchange(line + "\n"))
        #expect(result.passed == holds)
        if !holds {
            #expect(result.failures.map(\.kind) == [.state])
            #expect(Set(result.mismatch?.diff ?? []) == ["- state: awaiting_model", "+ state: awaiting_confirmation"])
        }
    }

    /// `bot~:` compares with white space normalised: line breaks, plain spaces for the narrow no-break ones.
    @Test(arguments: [
        ("bot~: Yealink T41S - Nouveau téléphone : Yealink T46S", true),
        ("bot~: validez-vous cette demande ?", true),
        ("bot~: 90,00 €\n      HT", true),
        ("bot~: 95,00 € HT", false),
        ("bot~: yealink t46s", false),
    ])
    func contains(_ line: String, holds: Bool) throws {
        let result = try outcome(exchange(line + "\n"))
        #expect(result.passed == holds, "\(result.failures)")
        if !holds { #expect(result.failures.map(\.kind) == [.contains]) }
    }

    @Test func anEllipsisReplyMeansAnything() throws {
        #expect(try outcome(exchange("bot: …\n")).passed)
        let wrong = try outcome(exchange("bot: Voici autre chose.\n"))
        #expect(wrong.failures.map(\.kind) == [.reply])
    }

    @Test func theGreetingIsCheckedOnlyWhenWritten() throws {
        #expect(try outcome(Self.header + "bot: …\nbot~: plug&phone\n" + Self.sentence + "\nuser: oui\n" + Self.written).passed)
        let wrong = try outcome(Self.header + "bot~: Bonsoir\n" + Self.sentence + "\nuser: oui\n" + Self.written)
        #expect(wrong.mismatch?.turn == 0)
        #expect(wrong.mismatch?.kind == .contains)
    }

    @Test func writtenStillHoldsInMeaningOnlyTranscripts() throws {
        let wrong = try outcome(Self.header + Self.sentence + "\nuser: oui\nwritten: kind=exchange mode=after_return\n")
        #expect(wrong.failures.map(\.kind) == [.written])
        let nothing = try outcome(Self.header + Self.sentence + "\nuser: non\nwritten: nothing\n")
        #expect(nothing.passed)
    }

    /// Every assertion of the failing turn is reported, not only the first.
    @Test func allFailuresOfTheFailingTurnAreReported() throws {
        let result = try outcome(exchange("bot: Non.\nbot~: rien\nunderstood: cancel\nstate: ended\n"))
        #expect(result.failures.map(\.kind) == [.reply, .contains, .understood, .state])
        #expect(result.turns == 1)
    }

    @Test func updatingRewritesOnlyDifferingRepliesAndStillChecksMeaning() throws {
        let source = Self.header + "bot: Bonjour.\n     Ancien accueil.\n\n" + Self.sentence + "bot: …\nstate: awaiting_confirmation\n\nuser: oui\nbot: Ancienne réponse.\n"
            + Self.written + "\nuser: non\nbot: Au revoir, et merci\u{202F}!\n"
        let result = try outcome(source, updating: true)
        #expect(result.passed)
        #expect(result.differingReplies == [0, 2])
        let (_, layout) = try Transcript.parseWithLayout(source)
        let rewritten = Transcript.rewriting(source, layout: layout, replies: result.replies.filter { result.differingReplies.contains($0.key) })
        let again = try outcome(rewritten)
        #expect(again.passed, "\(again.failures)")
        // Only bot: lines changed: the rest is the same, byte for byte, and `bot: …` stayed.
        #expect(withoutReplies(rewritten) == withoutReplies(source))
        #expect(rewritten.contains("bot: …\nstate: awaiting_confirmation\n"))

        // A meaning assertion that no longer holds fails the update.
        let broken = try outcome(source.replacingOccurrences(of: "state: awaiting_confirmation", with: "state: awaiting_line"), updating: true)
        #expect(broken.failures.map(\.kind) == [.state])
    }

    @Test func rewritingKeepsEveryOtherByte() throws {
        let source = "# Case\r\naccount: ab12345-ovh\r\nlang: fr\r\nnow: 2026-11-28T10:00:00Z\r\n\r\nbot: Old\r\n# between\r\n     greeting\r\n\r\nuser: salut\r\nbot~: x\r\nbot: kept\r\n"
        let (_, layout) = try Transcript.parseWithLayout(source)
        #expect(layout.replyLines[0] == [5, 7])
        let rewritten = Transcript.rewriting(source, layout: layout, replies: [0: "New\nthree\nlines"])
        #expect(rewritten == "# Case\r\naccount: ab12345-ovh\r\nlang: fr\r\nnow: 2026-11-28T10:00:00Z\r\n\r\nbot: New\r\n# between\r\n     three\r\n     lines\r\n\r\nuser: salut\r\nbot~: x\r\nbot: kept\r\n")
    }

    @Test func theNewAssertionsReadBackWhatTheyWrite() throws {
        let text = Self.header + "audience: agent\n" + "bot: …\n" + Self.sentence + "bot~: À payer\nunderstood: change_phone line=+33972101011 slots=exact\nstate: awaiting_confirmation\n"
        let transcript = try Transcript.parse(text.replacingOccurrences(of: "now: 2026-11-28T10:00:00Z\n\naudience", with: "now: 2026-11-28T10:00:00Z\naudience"))
        #expect(transcript.audience == .agent)
        #expect(transcript.greeting == Transcript.anyReply)
        #expect(transcript.turns[0].bot == nil)
        #expect(transcript.turns[0].understood == Understood(intent: "change_phone", slots: [.init("line", "+33972101011")], exact: true))
        #expect(transcript.turns[0].state == "awaiting_confirmation")
        #expect(transcript.turns[0].botContains == ["À payer"])
        #expect(try Transcript.parse(transcript.text) == transcript)
    }

    @Test(arguments: [
        "user: salut\nunderstood: change_phone slots=all\n",
        "user: salut\nunderstood: changer\n",
        "user: salut\nunderstood:\n",
        "user: salut\nunderstood: greet line\n",
        "bot: hi\nstate: what_to_do\n",
        "bot: hi\nunderstood: greet\n",
        "user: salut\nstate: two words\n",
        "user: salut\nstate: a\nstate: b\n",
        "user: salut\nbot~:\n",
    ])
    func malformedAssertionsSayWhere(_ body: String) {
        #expect(throws: Transcript.ParseError.self) { try Transcript.parse(Self.header + body) }
    }

    @Test func unknownAudienceIsRefused() {
        #expect(throws: Transcript.ParseError.self) { try Transcript.parse("account: x\nlang: fr\nnow: 2026-11-28T10:00:00Z\naudience: robot\nbot: hi\n") }
    }

    /// The source without its exact `bot:` entries (first lines and continuations).
    private func withoutReplies(_ text: String) -> String {
        var out: [Substring] = []
        var inReply = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("bot: "), line != "bot: …" { inReply = true; continue }
            if inReply, line.first == " " { continue }
            inReply = false
            out.append(line)
        }
        return out.joined(separator: "\n")
    }
}
