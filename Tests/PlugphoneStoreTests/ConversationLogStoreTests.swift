import Foundation
import GRDB
import PlugphoneDomain
import PlugphoneStore
import Testing

/// The conversation log's storage on a real SQLite database.
@Suite struct ConversationLogStoreTests {
    static let t0 = Date(timeIntervalSince1970: 1_795_860_000)

    func turn(_ session: Int64, _ position: Int, understood: Bool = true) -> LoggedTurn {
        LoggedTurn(
            session: session, position: position, at: Self.t0 + Double(position), language: "fr", intent: "inform", confidence: 0.9,
            slots: #"{"line":"+33972101011"}"#, stateBefore: "awaiting_line", stateAfter: "awaiting_model", step: "awaiting_line",
            understood: understood, text: understood ? nil : "blorg", requestKind: "exchange", lineKnown: true
        )
    }

    @Test func theMigrationIsAppendedUnderItsName() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("plugphone-log-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let store = try Store.open(path: path, mode: .createIfMissing)
        _ = try store.openLoggedSession(account: "ab12345-ovh", channel: "customer", language: "fr", at: Self.t0)
        #expect(try store.loggedSessions(since: nil, until: nil).count == 1)
        let migrations = try DatabaseQueue(path: path).read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(migrations.last == "v3-report: conversation log")
    }

    @Test func turnsWaitForAFlushAndReadBackWhole() throws {
        let store = try Store.inMemory(demo: true)
        let id = try store.openLoggedSession(account: "ab12345-ovh", channel: "agent", language: "fr", at: Self.t0)
        store.logTurn(turn(id, 1))
        store.logTurn(turn(id, 2, understood: false))
        #expect(store.pendingLogCount == 2)
        #expect(try store.loggedTurns(of: [id]).isEmpty)
        try store.flushConversationLog()
        #expect(store.pendingLogCount == 0)
        #expect(try store.loggedTurns(of: [id]) == [turn(id, 1), turn(id, 2, understood: false)])
        store.logEnd(of: id, SessionEnd(at: Self.t0 + 60, outcome: .handedOff, handOffReason: "asked", language: "en"))
        try store.flushConversationLog()
        let session = try #require(try store.loggedSessions(since: nil, until: nil).first)
        #expect(session == LoggedSession(
            id: id, account: "ab12345-ovh", channel: "agent", language: "en", startedAt: Self.t0, endedAt: Self.t0 + 60,
            outcome: .handedOff, handOffReason: "asked"
        ))
    }

    /// The terminal saves the chat after every turn: the log rides in that transaction.
    @Test func theLogIsWrittenWithTheStoresNextWrite() throws {
        let store = try Store.inMemory(demo: true)
        let id = try store.openLoggedSession(account: "ab12345-ovh", channel: "customer", language: "fr", at: Self.t0)
        store.logTurn(turn(id, 1))
        try store.saveChatSession(ChatSession(account: "ab12345-ovh", audience: "customer", language: "fr", state: "{}", updatedAt: Self.t0))
        #expect(store.pendingLogCount == 0)
        #expect(try store.loggedTurns(of: [id]).count == 1)
        store.logTurn(turn(id, 2))
        try store.clearChatSession(account: "ab12345-ovh", audience: "customer")
        #expect(try store.loggedTurns(of: [id]).count == 2)
    }

    /// A request refused inside its transaction rolls the log back with it, and the rows wait for the next write.
    @Test func aRolledBackWriteKeepsTheRowsForLater() throws {
        let store = try Store.inMemory(demo: true)
        let id = try store.openLoggedSession(account: "ab12345-ovh", channel: "customer", language: "fr", at: Self.t0)
        store.logTurn(turn(id, 1))
        // Line 012 has an open request: refused inside the transaction.
        #expect(throws: StoreError.self) {
            try store.createRequest(.return(line: LineNumber(rawValue: "+33972101012")), account: "ab12345-ovh", contractAccepted: true, at: Self.t0)
        }
        #expect(store.pendingLogCount == 1)
        #expect(try store.loggedTurns(of: [id]).isEmpty)
        _ = try store.createRequest(.return(line: LineNumber(rawValue: "+33972101011")), account: "ab12345-ovh", contractAccepted: true, at: Self.t0)
        #expect(store.pendingLogCount == 0)
        #expect(try store.loggedTurns(of: [id]).count == 1)
    }

    /// Rows the database refuses (a session that does not exist) never fail the write they ride with.
    @Test func aLogThatCannotBeWrittenNeverFailsARequest() throws {
        let store = try Store.inMemory(demo: true)
        store.logTurn(turn(999, 1))
        let request = try store.createRequest(.return(line: LineNumber(rawValue: "+33972101011")), account: "ab12345-ovh", contractAccepted: true, at: Self.t0)
        #expect(request.reference.rawValue == "RMA-000002")
        #expect(store.pendingLogCount == 0)
    }

    @Test func sessionsAreFilteredByTheirStart() throws {
        let store = try Store.inMemory(demo: false)
        for hour in 0..<4 { _ = try store.openLoggedSession(account: "a", channel: "customer", language: "fr", at: Self.t0 + Double(hour) * 3600) }
        #expect(try store.loggedSessions(since: Self.t0 + 3600, until: Self.t0 + 3 * 3600).map(\.startedAt) == [Self.t0 + 3600, Self.t0 + 7200])
    }
}
