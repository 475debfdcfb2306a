import Foundation
import PlugphoneCLI
import PlugphoneConversation
import PlugphoneDomain
import PlugphoneLocalization
import PlugphoneStore
import PlugphoneUnderstanding
import Testing

/// The clock of a scripted session, moved by the test.
final class ScriptClock: @unchecked Sendable {
    var now: Date
    init(_ now: Date) { self.now = now }
}

/// Scripted conversations through the real runtime and understanding, logged into a real SQLite file, and the
/// report's figures checked exactly.
@Suite struct ConversationLogTests {
    static let interpret: Result<ConversationRuntime.Interpret, InterpreterUnavailable> = {
        do { return .success(try Interpreter.make(locales: locales, catalog: .demo)) } catch {
            return .failure(InterpreterUnavailable(reason: "\(error)"))
        }
    }()

    /// A demo database in a temporary file.
    static func demoFile() throws -> (Store, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plugphone-log-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = try Store.open(path: folder.appendingPathComponent("log.sqlite").path, mode: .createWithDemoDataIfMissing(now: testNow))
        return (store, folder)
    }

    /// One session: the greeting at `start`, then one turn every 10 seconds. Closed at the end unless `kill`.
    @discardableResult
    static func session(
        _ store: Store, _ lines: [String], account: AccountID = "ab12345-ovh", language: Language = .fr, channel: String = "customer",
        start: Date, close: Bool = true
    ) throws -> ConversationRuntime {
        let clock = ScriptClock(start)
        let runtime = try ConversationRuntime(
            store: store, account: account, language: language, packs: packs, clock: { clock.now }, interpret: try interpret.get(),
            audience: channel == "agent" ? .agent : .customer
        )
        runtime.log = SessionLogger(store: store, channel: channel)
        _ = try runtime.start()
        for line in lines {
            clock.now = clock.now.addingTimeInterval(10)
            _ = try runtime.hear(line)
        }
        if close { runtime.close() }
        return runtime
    }

    /// Seven sessions: a request written, one left at its summary (end of input), a return cancelled, a hand-off
    /// after three misunderstandings, an agent's caller asking for a human, one killed mid-request, a side question.
    static func scriptedLog() throws -> (Store, URL, killed: ConversationRuntime, killedAt: Date) {
        let (store, folder) = try demoFile()
        let hour: TimeInterval = 3600
        try session(store, ["je veux échanger le téléphone du 09 72 10 10 11", "un T46S", "en express", "oui"], start: testNow)
        try session(store, ["je veux commander un téléphone", "oui", "combien coûte la caution ?", "le T46S"], start: testNow + hour)
        try session(store, ["I want to return my phone", "yes", "cancel", "goodbye"], account: "cd67890-ovh", language: .en, start: testNow + 2 * hour)
        try session(store, ["je veux commander un téléphone", "blorg wizzle", "blorg wizzle", "blorg wizzle", "oui"], start: testNow + 3 * hour)
        try session(store, ["je veux parler à un conseiller"], channel: "agent", start: testNow + 4 * hour)
        // Killed after its first turn: the terminal had saved the chat (and with it the log) after that turn.
        let killed = try session(store, ["je veux commander un téléphone"], start: testNow + 5 * hour, close: false)
        try store.saveChatSession(ChatSession(account: "ab12345-ovh", audience: "customer", language: "fr", state: "{}", updatedAt: testNow))
        try session(store, ["how much is the deposit?", "goodbye"], language: .en, start: testNow + 6 * hour)
        return (store, folder, killed, testNow + 5 * hour + 10)
    }

    @Test func theReportOfScriptedConversations() throws {
        let (store, folder, killed, killedAt) = try Self.scriptedLog()
        defer { try? FileManager.default.removeItem(at: folder) }
        try withExtendedLifetime(killed) {
            // Another process reads the file: only what was written counts.
            let reader = try Store.open(path: folder.appendingPathComponent("log.sqlite").path)
            let report = try ConversationReport.load(from: reader, since: nil, until: nil, now: killedAt + 31 * 60)
            #expect(report.sessions == 7)
            #expect(report.turns == 4 + 4 + 4 + 5 + 1 + 1 + 2)

            let funnels = Dictionary(uniqueKeysWithValues: report.funnels.map { ($0.kind, $0) })
            let exchange = try #require(funnels[.exchange]), order = try #require(funnels[.order]), ret = try #require(funnels[.return])
            #expect(exchange.steps.map(exchange.count) == [1, 1, 1, 1, 1, 1])
            #expect(order.steps == [.started, .lineKnown, .modelKnown, .summaryShown, .confirmed])
            #expect(order.steps.map(order.count) == [3, 1, 1, 1, 0])
            #expect(order.steps.map(order.drop) == [0, 2, 0, 0, 1])
            #expect(ret.steps == [.started, .lineKnown, .summaryShown, .confirmed])
            #expect(ret.steps.map(ret.count) == [1, 1, 1, 0])

            let all = report.outcomes
            #expect(all.sessions == 7)
            let figures: [Int] = [all.written, all.cancelled, all.handedOffAsked, all.handedOffNotUnderstood, all.abandoned, all.goodbye, all.inProgress]
            #expect(figures == [1, 1, 1, 1, 2, 1, 0])
            #expect(all.medianTurnsToWritten == 4)
            #expect(all.medianSecondsToWritten == 40)
            let languages = Dictionary(uniqueKeysWithValues: report.byLanguage)
            #expect(languages["fr"]?.sessions == 5 && languages["en"]?.sessions == 2)
            #expect(languages["en"]?.cancelled == 1 && languages["en"]?.goodbye == 1 && languages["en"]?.medianTurnsToWritten == nil)
            #expect(languages["fr"]?.abandoned == 2 && languages["fr"]?.written == 1)
            let channels = Dictionary(uniqueKeysWithValues: report.byChannel)
            #expect(channels["agent"]?.sessions == 1 && channels["agent"]?.handedOffAsked == 1)
            #expect(channels["customer"]?.sessions == 6)

            #expect(report.notUnderstood.count == 1)
            let missed = try #require(report.notUnderstood.first)
            #expect(missed.step == "awaiting_line" && missed.count == 3)
            #expect(missed.utterances.map(\.text) == ["blorg wizzle"] && missed.utterances.first?.count == 3)

            #expect(report.sideQuestions.map(\.step) == ["awaiting_model", "what_to_do"])
            #expect(report.sideQuestions.map(\.deposit) == [1, 1])
            #expect(report.sideQuestions.map(\.total) == [1, 1])

            // The same killed session, five minutes after its last turn, is still in progress.
            let early = try ConversationReport.load(from: reader, since: nil, until: nil, now: killedAt + 5 * 60)
            #expect(early.outcomes.abandoned == 1 && early.outcomes.inProgress == 1)

            // One period: the sessions started in it.
            let window = try ConversationReport.load(from: reader, since: testNow + 3600, until: testNow + 3 * 3600, now: killedAt + 31 * 60)
            #expect(window.sessions == 2)
            #expect(window.outcomes.abandoned == 1 && window.outcomes.cancelled == 1)
        }
        _ = store
    }

    @Test func textIsKeptOnlyWhenNotUnderstoodOrHandedOff() throws {
        let (store, folder, killed, _) = try Self.scriptedLog()
        defer { try? FileManager.default.removeItem(at: folder) }
        try withExtendedLifetime(killed) {
            let sessions = try store.loggedSessions(since: nil, until: nil)
            let turns = try store.loggedTurns(of: sessions.map(\.id))
            let kept = turns.compactMap(\.text)
            #expect(kept == ["blorg wizzle", "blorg wizzle", "blorg wizzle", "oui", "je veux parler à un conseiller"])
            #expect(turns.filter { !$0.understood }.count == 3)
            let handOff = try #require(turns.first { $0.handOffReason == "not_understood" })
            #expect(handOff.stateBefore == "offering_agent" && handOff.stateAfter == "ended" && handOff.step == "awaiting_line")
            let written = try #require(turns.first { $0.writtenReference != nil })
            #expect(written.writtenReference == "RMA-000002" && written.writtenKind == "exchange")
            #expect(written.stateBefore == "awaiting_confirmation" && written.stateAfter == "what_to_do")
            let first = try #require(turns.first)
            #expect(first.intent == "change_phone" && first.slots == #"{"line":"+33972101011"}"#)
            #expect(first.requestKind == "exchange" && first.lineKnown && !first.modelKnown)
            #expect(sessions.map(\.channel) == ["customer", "customer", "customer", "customer", "agent", "customer", "customer"])
            #expect(sessions.map { $0.outcome?.rawValue ?? "-" } == ["written", "abandoned", "cancelled", "handed_off", "handed_off", "-", "goodbye"])
            #expect(sessions.map { $0.handOffReason ?? "-" } == ["-", "-", "-", "not_understood", "asked", "-", "-"])
        }
    }

    @Test func unrecognisedUtterancesAsRasaNLU() throws {
        let (store, folder, killed, killedAt) = try Self.scriptedLog()
        defer { try? FileManager.default.removeItem(at: folder) }
        try withExtendedLifetime(killed) {
            let report = try ConversationReport.load(from: store, since: nil, until: nil, now: killedAt)
            let pack = try #require(packs[.fr])
            let yaml = report.rasaNLU(in: pack)
            let nlu = try RasaNLU.parse(yaml)
            let guess = try #require(report.unrecognised.first?.guess)
            #expect(nlu.intents.map(\.name) == [guess])
            #expect(nlu.intents.first?.examples.map(\.text) == ["blorg wizzle"])
            #expect(yaml.contains("version: \"3.1\"\nnlu:\n"))
        }
    }

    @Test func nothingIsLoggedWithoutALogger() throws {
        let (store, folder) = try Self.demoFile()
        defer { try? FileManager.default.removeItem(at: folder) }
        let runtime = try ConversationRuntime(store: store, account: "ab12345-ovh", language: .fr, packs: packs, clock: { testNow }, interpret: try Self.interpret.get())
        _ = try runtime.start()
        _ = try runtime.hear("je veux commander un téléphone")
        runtime.close()
        #expect(try store.loggedSessions(since: nil, until: nil).isEmpty)
        // Replays run without one either.
        let transcript = try Transcript.parse(String(contentsOf: TranscriptTests.files[0], encoding: .utf8))
        _ = try TranscriptRunner(packs: packs, interpret: try Self.interpret.get()).run(transcript)
        #expect(try store.loggedSessions(since: nil, until: nil).isEmpty)
    }

    /// A request resumed in a new session: the first session ends abandoned, the second logs only its own turns.
    @Test func aResumedRequestIsLoggedInTheSessionThatResumesIt() throws {
        let (store, folder) = try Self.demoFile()
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try Self.session(store, ["je veux commander un téléphone", "oui"], start: testNow)
        let checkpoint = try #require(first.conversation.checkpoint)
        let runtime = try ConversationRuntime(store: store, account: "ab12345-ovh", language: .fr, packs: packs, clock: { testNow + 60 }, interpret: try Self.interpret.get())
        runtime.log = SessionLogger(store: store, channel: "customer")
        _ = try runtime.resume(checkpoint)
        _ = try runtime.hear("le T46S")
        runtime.close()
        let sessions = try store.loggedSessions(since: nil, until: nil)
        #expect(sessions.map { $0.outcome } == [.abandoned, .abandoned])
        let turns = try store.loggedTurns(of: [sessions[1].id])
        #expect(turns.map(\.position) == [1])
        #expect(turns.first?.stateBefore == "awaiting_model" && turns.first?.stateAfter == "awaiting_confirmation")
    }
}
