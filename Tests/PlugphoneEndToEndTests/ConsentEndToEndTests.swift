import Foundation
import Testing

/// Consent at a real terminal (docs/reference.md §5): the yes accepts the summary on screen and nothing else, even when the
/// database changes beneath the session or the session is stopped and resumed.
@Suite(.serialized, .enabled(if: TerminalHarness.available, "tmux is needed to drive a terminal"))
struct ConsentEndToEndTests {
    static let prompt = "vous ›"
    static let summaryQuestion = "Acceptez-vous"

    /// The requests in the database, as `requests --json` lists them.
    static func requests(_ database: String) throws -> [[String: Any]] {
        let listed = try PlugphoneProcess.run(["requests", "--json", "--db", database])
        #expect(listed.status == 0, "\(listed.stderr)")
        return (try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]]) ?? []
    }

    static func sql(_ database: String, _ statement: String) throws {
        try Python.run("import sqlite3, sys\nc = sqlite3.connect(sys.argv[1]); c.execute(sys.argv[2]); c.commit()", database, statement)
    }

    /// The back office raises the T46S deposit between the summary (90,00 € HT) and the yes: nothing is written with
    /// terms the customer never saw; « les conditions ont changé », a new summary at 200,00 € HT, a fresh yes.
    @Test func aDepositChangedAfterTheSummaryIsNotRecordedWithoutANewSummary() throws {
        let terminal = try TerminalHarness()
        try terminal.launch(["chat", "--db", terminal.database])
        try terminal.waitFor(Self.prompt)
        try terminal.say("je veux échanger le téléphone du 09 72 10 10 11 contre un T46S en express")
        #expect(try terminal.waitFor(Self.summaryQuestion).contains("90,00"))
        try Self.sql(terminal.database, "UPDATE phone_model SET deposit_cents = 20000 WHERE id = 'yealink.t46s'")

        try terminal.say("oui")
        let changed = try terminal.waitFor("ont changé")
        try terminal.waitFor(Self.summaryQuestion, count: 2)
        #expect(try terminal.joinedRows().contains("200,00"), "\(changed)")
        #expect(try Self.requests(terminal.database).count == 1)

        try terminal.say("oui")
        try terminal.waitFor("RMA-000002")
        let written = try #require(try Self.requests(terminal.database).last)
        #expect(written["due_now_cents"] as? Int == 20000)
        try terminal.press("C-d")
        #expect(try terminal.waitForExit() == 0)
    }

    /// The line's phone changes (the back office) between the summary and the yes: the exchange is not recorded from a
    /// phone the summary did not name.
    @Test func aLinesPhoneChangedAfterTheSummaryIsNotRecordedWithoutANewSummary() throws {
        let terminal = try TerminalHarness()
        try terminal.launch(["chat", "--db", terminal.database])
        try terminal.waitFor(Self.prompt)
        try terminal.say("je veux échanger le téléphone du 09 72 10 10 11 contre un T46S en express")
        #expect(try terminal.waitFor(Self.summaryQuestion).contains("Yealink T41S"))
        try Self.sql(terminal.database, "UPDATE line SET phone_model_id = 'yealink.t54w' WHERE number = '+33972101011'")

        try terminal.say("oui")
        try terminal.waitFor("ont changé")
        try terminal.waitFor(Self.summaryQuestion, count: 2)
        #expect(try terminal.joinedRows().contains("Yealink T54W"))
        #expect(try Self.requests(terminal.database).count == 1)

        try terminal.say("oui")
        try terminal.waitFor("RMA-000002")
        let written = try #require(try Self.requests(terminal.database).last)
        #expect(written["old_model"] as? String == "yealink.t54w")
        #expect(written["refund_on_return_cents"] as? Int == 12000)
        try terminal.press("C-d")
        #expect(try terminal.waitForExit() == 0)
    }

    /// A yes refused at the last moment (the model stopped being sold) is not kept: resuming the session later, even
    /// twice, once the model is sold again, writes nothing; the request is written only after a new summary and a
    /// fresh yes, and a resume at the summary shows the summary again.
    @Test func resumingAfterARefusedYesNeverReplaysIt() throws {
        let terminal = try TerminalHarness()
        try terminal.launch(["chat", "--db", terminal.database])
        try terminal.waitFor(Self.prompt)
        try terminal.say("je veux échanger le téléphone du 09 72 10 10 11 contre un T46S en express")
        try terminal.waitFor(Self.summaryQuestion)
        try Self.sql(terminal.database, "UPDATE phone_model SET orderable = 0 WHERE id = 'yealink.t46s'")
        try terminal.say("oui")
        try terminal.waitFor("plus commercialisé")
        try terminal.killHard()
        try Self.sql(terminal.database, "UPDATE phone_model SET orderable = 1 WHERE id = 'yealink.t46s'")

        for _ in 1...2 {
            try terminal.launch(["chat", "--db", terminal.database])
            try terminal.waitFor("reprendre")
            try terminal.say("oui")
            let resumed = try terminal.waitFor("Reprenons")
            #expect(!resumed.contains("RMA-000002"))
            #expect(try Self.requests(terminal.database).count == 1, "a resume wrote a request")
            try terminal.killHard()
        }

        try terminal.launch(["chat", "--db", terminal.database])
        try terminal.waitFor("reprendre")
        try terminal.say("oui")
        try terminal.waitFor("Reprenons")
        try terminal.say("le T46S")
        try terminal.waitFor(Self.summaryQuestion)
        try terminal.killHard()

        // Stopped at the summary: resumed, the summary is shown again and waits for a fresh yes.
        try terminal.launch(["chat", "--db", terminal.database])
        try terminal.waitFor("reprendre")
        try terminal.say("oui")
        try terminal.waitFor(Self.summaryQuestion)
        #expect(try Self.requests(terminal.database).count == 1)
        try terminal.say("oui")
        try terminal.waitFor("RMA-000002")
        #expect(try Self.requests(terminal.database).count == 2)
        try terminal.press("C-d")
        #expect(try terminal.waitForExit() == 0)
    }
}
