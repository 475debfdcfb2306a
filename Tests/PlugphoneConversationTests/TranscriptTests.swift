import Foundation
import PlugphoneCLI
import PlugphoneConversation
import PlugphoneDomain
import PlugphoneLocalization
import Testing

/// Every transcript under `Dialogues/`, replayed through the understanding, the conversation and a fresh
/// in-memory demo database: one test per file.
@Suite struct TranscriptTests {
    static let files = TranscriptRunner.files(in: [packageRoot.appendingPathComponent("Dialogues").path])

    static let runner: Result<TranscriptRunner, InterpreterUnavailable> = {
        do { return .success(TranscriptRunner(packs: packs, interpret: try Interpreter.make(locales: locales, catalog: .demo))) } catch {
            return .failure(InterpreterUnavailable(reason: "\(error)"))
        }
    }()

    @Test func thereAreEnoughTranscripts() {
        let french = Self.files.filter { $0.path.contains("/Dialogues/fr/") }.count
        let english = Self.files.filter { $0.path.contains("/Dialogues/en/") }.count
        #expect(french >= 45)
        #expect(english >= 15)
    }

    @Test(arguments: files)
    func replays(_ file: URL) throws {
        let runner = try Self.runner.get()
        let transcript = try Transcript.parse(String(contentsOf: file, encoding: .utf8))
        let outcome = try runner.run(transcript)
        if let mismatch = outcome.mismatch {
            Issue.record("\(file.lastPathComponent)\n\(mismatch)")
        }
    }

    @Test func theFormatReadsBackWhatItWrites() throws {
        let text = """
        # A comment
        account: ab12345-ovh
        lang: fr
        now: 2026-11-28T10:00:00Z

        bot: Bonjour !
             Que souhaitez-vous faire ?

        user: je veux renvoyer mon téléphone
        bot: C'est enregistré.
        written: reference=RMA-000002 kind=return line=+33972101011 old_model=yealink.t41s new_model=- mode=- due_now_cents=0 refund_on_return_cents=6000 status=awaiting_return

        """
        let transcript = try Transcript.parse(text)
        #expect(transcript.comments == ["A comment"])
        #expect(transcript.greeting == "Bonjour !\nQue souhaitez-vous faire ?")
        #expect(transcript.turns.count == 1)
        #expect(transcript.turns[0].written.first?.fields["refund_on_return_cents"] == "6000")
        #expect(try Transcript.parse(transcript.text) == transcript)
    }

    @Test func malformedTranscriptsSayWhere() {
        #expect(throws: Transcript.ParseError.self) { try Transcript.parse("account: x\nlang: fr\nnow: 2026-11-28T10:00:00Z\nuser: hello\nbot: a\nbot: b\n") }
        #expect(throws: Transcript.ParseError.self) { try Transcript.parse("account: x\nlang: fr\nnow: 2026-11-28T10:00:00Z\n") }
        #expect(throws: Transcript.ParseError.self) { try Transcript.parse("lang: fr\nbot: hi\n") }
    }
}

struct InterpreterUnavailable: Error, Sendable {
    var reason: String
}

/// Found by fuzzing (Benchmarks/Fuzz): a `written:` line whose fields are separated by a tab read back differently
/// once saved. Fields are separated by spaces or tabs alike, and a saved transcript reads back as itself.
@Test func writtenFieldsSeparatedByTabsRoundTrip() throws {
    let text = """
    account: ab12345-ovh
    lang: fr
    now: 2026-11-28T10:00:00Z

    bot: Bonjour.

    user: oui
    bot: C'est enregistré.
    written: reference=RMA-000002\tkind=order line=+33972101010
    """
    let transcript = try Transcript.parse(text)
    #expect(transcript.turns[0].written[0].fields == ["reference": "RMA-000002", "kind": "order", "line": "+33972101010"])
    #expect(try Transcript.parse(transcript.text) == transcript)
}
