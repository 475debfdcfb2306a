import Foundation
import GRDB
import PlugphoneDomain

/// A conversation handed to an agent: who, in which language, why, the request drafted so far and the last turns.
/// The store keeps the draft as the conversation wrote it (opaque JSON), so any backend holds it the same way.
public struct HandOffCase: Hashable, Sendable {
    public enum Status: String, Hashable, Sendable {
        /// In the queue, waiting for an agent.
        case waiting
        /// An agent took it (`/suivant`).
        case claimed
    }

    /// One exchange of the conversation before the hand-off.
    public struct Turn: Hashable, Sendable, Codable {
        public var user: String
        public var bot: String
        public init(user: String, bot: String) {
            self.user = user
            self.bot = bot
        }
    }

    /// Given by the store when the case is opened; oldest cases have the smallest numbers.
    public var number: Int
    public var account: AccountID
    /// `fr` or `en`.
    public var language: String
    /// `asked` (the customer asked for a human) or `not_understood` (three answers in a row not understood).
    public var reason: String
    /// The request being filled in, as the conversation's checkpoint JSON; nil when nothing was drafted.
    public var draft: String?
    public var turns: [Turn]
    public var status: Status
    public var openedAt: Date
    /// The agent who claimed it, and when.
    public var claimedBy: String?
    public var claimedAt: Date?

    public init(
        number: Int = 0, account: AccountID, language: String, reason: String, draft: String?, turns: [Turn],
        status: Status = .waiting, openedAt: Date, claimedBy: String? = nil, claimedAt: Date? = nil
    ) {
        self.number = number
        self.account = account
        self.language = language
        self.reason = reason
        self.draft = draft
        self.turns = turns
        self.status = status
        self.openedAt = openedAt
        self.claimedBy = claimedBy
        self.claimedAt = claimedAt
    }
}

struct HandOffCaseRow: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "handoff_case"
    var id: Int64?
    var accountId: String
    var language: String
    var reason: String
    var draft: String?
    var turns: String
    var status: String
    var openedAt: Date
    var claimedBy: String?
    var claimedAt: Date?

    enum CodingKeys: String, CodingKey {
        case id, accountId = "account_id", language, reason, draft, turns, status, openedAt = "opened_at"
        case claimedBy = "claimed_by", claimedAt = "claimed_at"
    }

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let status = Column(CodingKeys.status)
    }

    static func createTable(_ db: Database) throws {
        try db.create(table: databaseTableName) { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("account_id", .text).notNull().references(AccountRow.databaseTableName, onDelete: .restrict)
            t.column("language", .text).notNull()
            t.column("reason", .text).notNull()
            t.column("draft", .text)
            t.column("turns", .text).notNull()
            t.column("status", .text).notNull().check { ["waiting", "claimed"].contains($0) }
            t.column("opened_at", .datetime).notNull()
            t.column("claimed_by", .text)
            t.column("claimed_at", .datetime)
        }
        try db.create(index: "handoff_case_waiting", on: databaseTableName, columns: ["status", "id"])
    }

    init(_ handOff: HandOffCase) {
        id = handOff.number == 0 ? nil : Int64(handOff.number)
        accountId = handOff.account.rawValue
        language = handOff.language
        reason = handOff.reason
        draft = handOff.draft
        turns = (try? String(decoding: JSONEncoder().encode(handOff.turns), as: UTF8.self)) ?? "[]"
        status = handOff.status.rawValue
        openedAt = handOff.openedAt
        claimedBy = handOff.claimedBy
        claimedAt = handOff.claimedAt
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    var handOffCase: HandOffCase {
        HandOffCase(
            number: Int(id ?? 0), account: AccountID(accountId), language: language, reason: reason, draft: draft,
            turns: (try? JSONDecoder().decode([HandOffCase.Turn].self, from: Data(turns.utf8))) ?? [],
            status: HandOffCase.Status(rawValue: status) ?? .waiting, openedAt: openedAt, claimedBy: claimedBy, claimedAt: claimedAt
        )
    }
}

/// The hand-off queue's operations. A PostgreSQL store provides the same four: `openHandOffCase`,
/// `waitingHandOffCases`, `claimNextHandOffCase` (there `FOR UPDATE SKIP LOCKED`) and `handOffCase`.
extension Store {
    /// Puts a case in the queue; returns it with its number.
    public func openHandOffCase(_ handOff: HandOffCase) throws(StoreError) -> HandOffCase {
        defer { localWrites.increment() }
        return try perform {
            try writer.write { db in
                var row = HandOffCaseRow(handOff)
                row.id = nil
                row.status = HandOffCase.Status.waiting.rawValue
                try row.insert(db)
                return row.handOffCase
            }
        }
    }

    /// The cases waiting for an agent, oldest first.
    public func waitingHandOffCases() throws(StoreError) -> [HandOffCase] {
        try perform {
            try writer.read { db in
                try HandOffCaseRow.filter(HandOffCaseRow.Columns.status == HandOffCase.Status.waiting.rawValue)
                    .order(HandOffCaseRow.Columns.id).fetchAll(db).map(\.handOffCase)
            }
        }
    }

    /// Claims the oldest waiting case for `agent`, or nil when the queue is empty. The read and the claim are one
    /// IMMEDIATE transaction: it takes SQLite's write lock before reading, so two agents (two processes) never get
    /// the same case.
    public func claimNextHandOffCase(by agent: String, at date: Date) throws(StoreError) -> HandOffCase? {
        defer { localWrites.increment() }
        return try perform {
            var claimed: HandOffCase?
            try writer.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    guard var row = try HandOffCaseRow.filter(HandOffCaseRow.Columns.status == HandOffCase.Status.waiting.rawValue)
                        .order(HandOffCaseRow.Columns.id).fetchOne(db) else { return .commit }
                    row.status = HandOffCase.Status.claimed.rawValue
                    row.claimedBy = agent
                    row.claimedAt = date
                    try row.update(db)
                    claimed = row.handOffCase
                    return .commit
                }
            }
            return claimed
        }
    }

    /// One case, by number, whatever its status.
    public func handOffCase(_ number: Int) throws(StoreError) -> HandOffCase? {
        try perform { try writer.read { db in try HandOffCaseRow.fetchOne(db, key: Int64(number))?.handOffCase } }
    }
}
