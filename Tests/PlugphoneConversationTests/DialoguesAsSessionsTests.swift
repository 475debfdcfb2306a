import Foundation
import PlugphoneCLI
import PlugphoneConversation
import PlugphoneDomain
import PlugphoneLocalization
import PlugphoneStore
import Testing

/// Every transcript of `Dialogues/` played as a live, logged session: each on its own fresh demo database (as a
/// replay), all logged into one database file, then reported. The figures must add up to the transcripts'.
///
/// With `PLUGPHONE_DIALOGUES_REPORT=FOLDER` the report is also written there (`report.txt`, `report.json`,
/// `report.html`, `nlu.yml`), in French, and `report-en.txt` in English.
@Suite struct DialoguesAsSessionsTests {
    @Test func everyDialogueAsALiveSession() throws {
        let interpret = try ConversationLogTests.interpret.get()
        let (logStore, folder) = try ConversationLogTests.demoFile()
        defer { try? FileManager.default.removeItem(at: folder) }
        let transcripts = try TranscriptTests.files.map { try Transcript.parse(String(contentsOf: $0, encoding: .utf8)) }
        var start = testNow
        // Counted from what the runtime did, independently of the log: new requests, and sessions that wrote one.
        var committed = 0, sessionsThatWrote = 0
        for transcript in transcripts {
            let clock = ScriptClock(start)
            let committedBefore = committed
            let store = try Store.inMemory(demo: true, now: transcript.now)
            let runtime = try ConversationRuntime(
                store: store, account: transcript.account, language: transcript.language, packs: packs, clock: { clock.now }, interpret: interpret,
                audience: transcript.audience
            )
            runtime.log = SessionLogger(store: logStore, channel: transcript.audience.rawValue)
            _ = try runtime.start()
            for turn in transcript.turns {
                clock.now += 10
                committed += try runtime.hear(turn.user).committed.count
            }
            if committedBefore < committed { sessionsThatWrote += 1 }
            runtime.close()
            // One session every ten minutes.
            start += 600
        }

        let report = try ConversationReport.load(from: logStore, since: nil, until: nil, now: start)
        #expect(report.sessions == transcripts.count)
        #expect(report.turns == transcripts.map(\.turns.count).reduce(0, +))
        #expect(report.funnels.map { $0.count(.confirmed) }.reduce(0, +) == committed)
        #expect(report.outcomes.turnsToWritten.count == committed)
        #expect(report.outcomes.inProgress == 0)
        let agents = transcripts.filter { $0.audience == .agent }.count
        #expect(Dictionary(uniqueKeysWithValues: report.byChannel)["agent"]?.sessions == agents && agents > 0)
        #expect(report.outcomes.sessions == report.outcomes.written + report.outcomes.cancelled + report.outcomes.handedOff
            + report.outcomes.abandoned + report.outcomes.goodbye)
        // A session that wrote counts as written, unless it then went to an agent.
        #expect(report.outcomes.written <= sessionsThatWrote && report.outcomes.written + report.outcomes.handedOff >= sessionsThatWrote)
        #expect(report.outcomes.written > 0 && report.outcomes.abandoned > 0 && !report.notUnderstood.isEmpty)

        if let out = ProcessInfo.processInfo.environment["PLUGPHONE_DIALOGUES_REPORT"], let fr = packs[.fr], let en = packs[.en] {
            let url = URL(fileURLWithPath: out)
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            try report.text(in: fr).write(to: url.appendingPathComponent("report.txt"), atomically: true, encoding: .utf8)
            try report.text(in: en).write(to: url.appendingPathComponent("report-en.txt"), atomically: true, encoding: .utf8)
            try report.json(in: fr).serialized().write(to: url.appendingPathComponent("report.json"), atomically: true, encoding: .utf8)
            try report.html(in: fr).write(to: url.appendingPathComponent("report.html"), atomically: true, encoding: .utf8)
            try report.rasaNLU(in: fr).write(to: url.appendingPathComponent("nlu.yml"), atomically: true, encoding: .utf8)
        }
    }
}
