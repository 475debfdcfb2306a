import Foundation
import GRDB
import PlugphoneDomain

/// A note an agent leaves on an account, or on one of its requests: shown in the overview and the request's history.
public struct AgentNote: Hashable, Sendable {
    /// Given by the store; notes are listed in this order.
    public var number: Int
    public var account: AccountID
    /// The request the note is about; nil for the account as a whole.
    public var request: RequestReference?
    public var text: String
    public var actor: Actor
    public var at: Date

    public init(number: Int = 0, account: AccountID, request: RequestReference?, text: String, actor: Actor, at: Date) {
        self.number = number
        self.account = account
        self.request = request
        self.text = text
        self.actor = actor
        self.at = at
    }
}

struct AgentNoteRow: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "agent_note"
    var id: Int64?
    var accountId: String
    var request: String?
    var text: String
    var actor: String
    var channel: String
    var at: Date

    enum CodingKeys: String, CodingKey {
        case id, accountId = "account_id", request, text, actor, channel, at
    }

    static func createTable(_ db: Database) throws {
        try db.create(table: databaseTableName) { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("account_id", .text).notNull().indexed().references(AccountRow.databaseTableName, onDelete: .restrict)
            t.column("request", .text)
            t.column("text", .text).notNull()
            t.column("actor", .text).notNull()
            t.column("channel", .text).notNull()
            t.column("at", .datetime).notNull()
        }
    }

    init(_ note: AgentNote) {
        id = nil
        accountId = note.account.rawValue
        request = note.request?.rawValue
        text = note.text
        actor = note.actor.name
        channel = note.actor.channel.rawValue
        at = note.at
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    var note: AgentNote {
        AgentNote(
            number: Int(id ?? 0), account: AccountID(accountId), request: request.map(RequestReference.init(rawValue:)), text: text,
            actor: Actor(name: actor, channel: Channel(rawValue: channel) ?? .agent), at: at
        )
    }
}

/// Agents' notes. A PostgreSQL store provides the same two operations: `addNote(_:)` and `notes(account:request:)`.
extension Store {
    /// Records a note. A note on a request must name a request of that account: otherwise `.unknownRequest`.
    public func addNote(_ note: AgentNote) throws(StoreError) -> AgentNote {
        defer { localWrites.increment() }
        return try perform {
            try writer.write { db in
                guard try AccountRow.fetchOne(db, key: note.account.rawValue) != nil else { throw StoreError.unknownAccount(note.account) }
                if let reference = note.request {
                    let owned = try RequestRow.filter(RequestRow.Columns.reference == reference.rawValue)
                        .filter(RequestRow.Columns.accountId == note.account.rawValue).fetchCount(db) > 0
                    guard owned else { throw StoreError.unknownRequest(reference) }
                }
                var row = AgentNoteRow(note)
                try row.insert(db)
                return row.note
            }
        }
    }

    /// The notes of an account, oldest first: all of them, or only those on `request` when it is given.
    public func notes(account: AccountID, request: RequestReference? = nil) throws(StoreError) -> [AgentNote] {
        try perform {
            try writer.read { db in
                var query = AgentNoteRow.filter(Column("account_id") == account.rawValue)
                if let request { query = query.filter(Column("request") == request.rawValue) }
                return try query.order(Column("id")).fetchAll(db).map(\.note)
            }
        }
    }
}
