import Foundation
import GRDB
import PlugphoneDomain
import Synchronization

/// How a logged session ended.
public enum SessionOutcome: String, Hashable, Sendable, CaseIterable {
    /// At least one request was written.
    case written
    /// A request was begun, then cancelled by the customer; nothing was written.
    case cancelled
    /// The conversation passed the customer to a human (`handoff_reason` says why).
    case handedOff = "handed_off"
    /// The session stopped (goodbye, end of input, killed) while a request was being filled in.
    case abandoned
    /// The session ended with nothing in progress and nothing written (a side question, a status, a hello).
    case goodbye
}

/// One conversation session of the log: who, through which channel, when, and how it ended.
public struct LoggedSession: Hashable, Sendable {
    public var id: Int64
    public var account: AccountID
    /// `customer` or `agent`.
    public var channel: String
    /// The session language: the one it started in, then the one it ended in.
    public var language: String
    public var startedAt: Date
    /// Nil while the session runs, and forever when it was killed.
    public var endedAt: Date?
    public var outcome: SessionOutcome?
    /// `asked` or `not_understood`, for a hand-off.
    public var handOffReason: String?

    public init(
        id: Int64, account: AccountID, channel: String, language: String, startedAt: Date, endedAt: Date? = nil,
        outcome: SessionOutcome? = nil, handOffReason: String? = nil
    ) {
        self.id = id
        self.account = account
        self.channel = channel
        self.language = language
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.outcome = outcome
        self.handOffReason = handOffReason
    }
}

/// One user turn of the log: what was understood, where the conversation stood before and after, and the
/// state of the request being filled in. The text is kept only when it was not understood or led to a hand-off.
public struct LoggedTurn: Hashable, Sendable {
    public var session: Int64
    /// 1 for the first user turn of the session.
    public var position: Int
    public var at: Date
    public var language: String
    public var intent: String
    public var confidence: Double
    public var bestGuess: String?
    /// The finer meaning inside `intent`, when the understanding gives one.
    public var act: String?
    /// The slots stated, as the JSON object of `parse --json`.
    public var slots: String
    /// `Conversation.State.name` before and after the turn.
    public var stateBefore: String
    public var stateAfter: String
    /// The question pending before the turn, beneath any offer ("did you mean…?"): `awaiting_line`, `what_to_do`…
    public var step: String
    public var understood: Bool
    public var text: String?
    /// The request being filled in after the turn: its kind and which of its values are known.
    public var requestKind: String?
    public var lineKnown: Bool
    public var modelKnown: Bool
    public var modeKnown: Bool
    /// The request this turn wrote.
    public var writtenReference: String?
    public var writtenKind: String?
    /// A request in progress dropped by the customer in this turn (cancel, no to the summary's amendment).
    public var cancelled: Bool
    /// Set when the turn handed the conversation to a human.
    public var handOffReason: String?

    public init(
        session: Int64, position: Int, at: Date, language: String, intent: String, confidence: Double, bestGuess: String? = nil,
        act: String? = nil, slots: String = "{}", stateBefore: String, stateAfter: String, step: String, understood: Bool,
        text: String? = nil, requestKind: String? = nil, lineKnown: Bool = false, modelKnown: Bool = false, modeKnown: Bool = false,
        writtenReference: String? = nil, writtenKind: String? = nil, cancelled: Bool = false, handOffReason: String? = nil
    ) {
        self.session = session
        self.position = position
        self.at = at
        self.language = language
        self.intent = intent
        self.confidence = confidence
        self.bestGuess = bestGuess
        self.act = act
        self.slots = slots
        self.stateBefore = stateBefore
        self.stateAfter = stateAfter
        self.step = step
        self.understood = understood
        self.text = text
        self.requestKind = requestKind
        self.lineKnown = lineKnown
        self.modelKnown = modelKnown
        self.modeKnown = modeKnown
        self.writtenReference = writtenReference
        self.writtenKind = writtenKind
        self.cancelled = cancelled
        self.handOffReason = handOffReason
    }
}

/// How a session ended, recorded once.
public struct SessionEnd: Hashable, Sendable {
    public var at: Date
    public var outcome: SessionOutcome
    public var handOffReason: String?
    public var language: String

    public init(at: Date, outcome: SessionOutcome, handOffReason: String? = nil, language: String) {
        self.at = at
        self.outcome = outcome
        self.handOffReason = handOffReason
        self.language = language
    }
}

/// The operations of the conversation log, so that another backend (PostgreSQL) can offer the same.
///
/// A session is opened at once (so a killed one is still seen); turns and the end are buffered and written in
/// batches, inside a write the store makes anyway when there is one, so logging adds next to nothing to a turn.
public protocol ConversationLogging: Sendable {
    func openLoggedSession(account: AccountID, channel: String, language: String, at: Date) throws(StoreError) -> Int64
    /// Buffers a turn; written by the next flush.
    func logTurn(_ turn: LoggedTurn)
    /// Buffers the end of a session; written by the next flush.
    func logEnd(of session: Int64, _ end: SessionEnd)
    /// How many turns and ends wait to be written.
    var pendingLogCount: Int { get }
    /// Writes what is buffered, in one transaction.
    func flushConversationLog() throws(StoreError)
    /// Sessions started in `[since, until)`, oldest first.
    func loggedSessions(since: Date?, until: Date?) throws(StoreError) -> [LoggedSession]
    /// The turns of these sessions, in session and position order.
    func loggedTurns(of sessions: [Int64]) throws(StoreError) -> [LoggedTurn]
}

/// Log rows waiting to be written: turns and session ends, in the order they happened.
final class PendingConversationLog: Sendable {
    enum Entry: Sendable {
        case turn(LoggedTurn)
        case end(Int64, SessionEnd)
    }

    private let entries = Mutex<[Entry]>([])

    func append(_ entry: Entry) { entries.withLock { $0.append(entry) } }

    var count: Int { entries.withLock { $0.count } }

    /// Writes the buffered rows inside the caller's transaction. A failure to log never fails the caller's own
    /// write (a savepoint keeps it apart); if the transaction rolls back, the rows go back to the buffer.
    func drain(into db: Database) {
        let batch = entries.withLock { entries in
            defer { entries = [] }
            return entries
        }
        guard !batch.isEmpty else { return }
        do {
            try db.inSavepoint {
                for entry in batch { try Self.write(entry, db) }
                return .commit
            }
        } catch {
            // Rows the database refuses would be refused again: they are dropped, the caller's write goes on.
            return
        }
        db.afterNextTransaction(onCommit: { _ in }, onRollback: { [self] _ in restore(batch) })
    }

    private func restore(_ batch: [Entry]) { entries.withLock { $0.insert(contentsOf: batch, at: 0) } }

    private static let insertTurn = """
        INSERT INTO \(LoggedTurnRow.databaseTableName) (session_id, position, at, language, intent, confidence, best_guess, act, slots,
        state_before, state_after, step, understood, text, request_kind, line_known, model_known, mode_known, written_reference,
        written_kind, cancelled, handoff_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    private static func write(_ entry: Entry, _ db: Database) throws {
        switch entry {
        case .turn(let t):
            // A cached statement and plain arguments: several times cheaper than encoding a record, on every turn.
            let insert = try db.cachedStatement(sql: Self.insertTurn)
            try insert.execute(arguments: [
                t.session, t.position, t.at, t.language, t.intent, t.confidence, t.bestGuess, t.act, t.slots, t.stateBefore, t.stateAfter,
                t.step, t.understood, t.text, t.requestKind, t.lineKnown, t.modelKnown, t.modeKnown, t.writtenReference, t.writtenKind,
                t.cancelled, t.handOffReason,
            ])
        case .end(let id, let end):
            try db.execute(
                sql: "UPDATE \(LoggedSessionRow.databaseTableName) SET ended_at = ?, outcome = ?, handoff_reason = ?, language = ? WHERE id = ?",
                arguments: [end.at, end.outcome.rawValue, end.handOffReason, end.language, id]
            )
        }
    }
}

struct LoggedSessionRow: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "conversation_log_session"
    var id: Int64?
    var accountId: String
    var channel: String
    var language: String
    var startedAt: Date
    var endedAt: Date?
    var outcome: String?
    var handoffReason: String?

    enum CodingKeys: String, CodingKey {
        case id, accountId = "account_id", channel, language, startedAt = "started_at", endedAt = "ended_at", outcome
        case handoffReason = "handoff_reason"
    }

    enum Columns {
        static let startedAt = Column(CodingKeys.startedAt)
        static let id = Column(CodingKeys.id)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    var session: LoggedSession {
        LoggedSession(
            id: id ?? 0, account: AccountID(accountId), channel: channel, language: language, startedAt: startedAt, endedAt: endedAt,
            outcome: outcome.flatMap(SessionOutcome.init(rawValue:)), handOffReason: handoffReason
        )
    }
}

/// Read back with Codable; written by `PendingConversationLog` with a cached statement.
struct LoggedTurnRow: Codable, FetchableRecord, TableRecord {
    static let databaseTableName = "conversation_log_turn"
    var sessionId: Int64
    var position: Int
    var at: Date
    var language: String
    var intent: String
    var confidence: Double
    var bestGuess: String?
    var act: String?
    var slots: String
    var stateBefore: String
    var stateAfter: String
    var step: String
    var understood: Bool
    var text: String?
    var requestKind: String?
    var lineKnown: Bool
    var modelKnown: Bool
    var modeKnown: Bool
    var writtenReference: String?
    var writtenKind: String?
    var cancelled: Bool
    var handoffReason: String?

    enum CodingKeys: String, CodingKey {
        case sessionId = "session_id", position, at, language, intent, confidence, bestGuess = "best_guess", act, slots
        case stateBefore = "state_before", stateAfter = "state_after", step, understood, text, requestKind = "request_kind"
        case lineKnown = "line_known", modelKnown = "model_known", modeKnown = "mode_known"
        case writtenReference = "written_reference", writtenKind = "written_kind", cancelled, handoffReason = "handoff_reason"
    }

    enum Columns {
        static let sessionId = Column(CodingKeys.sessionId)
        static let position = Column(CodingKeys.position)
    }

    var turn: LoggedTurn {
        LoggedTurn(
            session: sessionId, position: position, at: at, language: language, intent: intent, confidence: confidence, bestGuess: bestGuess,
            act: act, slots: slots, stateBefore: stateBefore, stateAfter: stateAfter, step: step, understood: understood, text: text,
            requestKind: requestKind, lineKnown: lineKnown, modelKnown: modelKnown, modeKnown: modeKnown, writtenReference: writtenReference,
            writtenKind: writtenKind, cancelled: cancelled, handOffReason: handoffReason
        )
    }
}

extension Schema {
    /// The conversation log: one row per session, one per user turn.
    static func createConversationLog(_ db: Database) throws {
        try db.create(table: LoggedSessionRow.databaseTableName) { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("account_id", .text).notNull()
            t.column("channel", .text).notNull()
            t.column("language", .text).notNull()
            t.column("started_at", .datetime).notNull().indexed()
            t.column("ended_at", .datetime)
            t.column("outcome", .text)
            t.column("handoff_reason", .text)
        }
        try db.create(table: LoggedTurnRow.databaseTableName) { t in
            t.column("session_id", .integer).notNull().references(LoggedSessionRow.databaseTableName, onDelete: .cascade)
            t.column("position", .integer).notNull()
            t.column("at", .datetime).notNull()
            t.column("language", .text).notNull()
            t.column("intent", .text).notNull()
            t.column("confidence", .double).notNull()
            t.column("best_guess", .text)
            t.column("act", .text)
            t.column("slots", .text).notNull()
            t.column("state_before", .text).notNull()
            t.column("state_after", .text).notNull()
            t.column("step", .text).notNull()
            t.column("understood", .boolean).notNull()
            t.column("text", .text)
            t.column("request_kind", .text)
            t.column("line_known", .boolean).notNull()
            t.column("model_known", .boolean).notNull()
            t.column("mode_known", .boolean).notNull()
            t.column("written_reference", .text)
            t.column("written_kind", .text)
            t.column("cancelled", .boolean).notNull()
            t.column("handoff_reason", .text)
            t.primaryKey(["session_id", "position"])
        }
    }
}

extension Store: ConversationLogging {
    public func openLoggedSession(account: AccountID, channel: String, language: String, at date: Date) throws(StoreError) -> Int64 {
        try perform {
            try writer.write { db in
                pendingLog.drain(into: db)
                var row = LoggedSessionRow(id: nil, accountId: account.rawValue, channel: channel, language: language, startedAt: date)
                try row.insert(db)
                return row.id ?? db.lastInsertedRowID
            }
        }
    }

    public func logTurn(_ turn: LoggedTurn) { pendingLog.append(.turn(turn)) }

    public func logEnd(of session: Int64, _ end: SessionEnd) { pendingLog.append(.end(session, end)) }

    public var pendingLogCount: Int { pendingLog.count }

    public func flushConversationLog() throws(StoreError) {
        guard pendingLog.count > 0 else { return }
        try perform { try writer.write { db in pendingLog.drain(into: db) } }
    }

    public func loggedSessions(since: Date?, until: Date?) throws(StoreError) -> [LoggedSession] {
        try perform {
            try writer.read { db in
                var query = LoggedSessionRow.order(LoggedSessionRow.Columns.startedAt, LoggedSessionRow.Columns.id)
                if let since { query = query.filter(LoggedSessionRow.Columns.startedAt >= since) }
                if let until { query = query.filter(LoggedSessionRow.Columns.startedAt < until) }
                return try query.fetchAll(db).map(\.session)
            }
        }
    }

    public func loggedTurns(of sessions: [Int64]) throws(StoreError) -> [LoggedTurn] {
        try perform {
            try writer.read { db in
                var turns: [LoggedTurn] = []
                // In chunks, below SQLite's limit on bound parameters.
                for start in stride(from: 0, to: sessions.count, by: 500) {
                    let chunk = Array(sessions[start..<min(start + 500, sessions.count)])
                    turns += try LoggedTurnRow.filter(chunk.contains(LoggedTurnRow.Columns.sessionId))
                        .order(LoggedTurnRow.Columns.sessionId, LoggedTurnRow.Columns.position).fetchAll(db).map(\.turn)
                }
                return turns
            }
        }
    }
}
