import Foundation
import GRDB
import PlugphoneDomain

/// A conversation stopped in the middle of a request: what the person had typed since the request began,
/// replayed through the conversation to resume exactly where it stopped. One per account and audience
/// (the customer at their terminal, an agent on the phone for them).
public struct ChatSession: Hashable, Sendable {
    public var account: AccountID
    /// `customer` or `agent`.
    public var audience: String
    /// The session language, `fr` or `en`.
    public var language: String
    /// The lines typed since the request in progress began, oldest first.
    public var turns: [String]
    public var updatedAt: Date

    public init(account: AccountID, audience: String, language: String, turns: [String], updatedAt: Date) {
        self.account = account
        self.audience = audience
        self.language = language
        self.turns = turns
        self.updatedAt = updatedAt
    }
}

struct ChatSessionRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "chat_session"
    var accountId: String
    var audience: String
    var language: String
    /// A JSON array of strings.
    var turns: String
    var updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case accountId = "account_id", audience, language, turns, updatedAt = "updated_at"
    }

    init(_ session: ChatSession) {
        accountId = session.account.rawValue
        audience = session.audience
        language = session.language
        let data = (try? JSONEncoder().encode(session.turns)) ?? Data("[]".utf8)
        turns = String(decoding: data, as: UTF8.self)
        updatedAt = session.updatedAt
    }

    var session: ChatSession {
        let lines = (try? JSONDecoder().decode([String].self, from: Data(turns.utf8))) ?? []
        return ChatSession(account: AccountID(accountId), audience: audience, language: language, turns: lines, updatedAt: updatedAt)
    }
}

extension Store {
    /// The chat left in the middle of a request for this account and audience, if any.
    public func chatSession(account: AccountID, audience: String) throws(StoreError) -> ChatSession? {
        try perform {
            try writer.read { db in try ChatSessionRow.fetchOne(db, key: ["account_id": account.rawValue, "audience": audience])?.session }
        }
    }

    /// Saves the chat in progress (one small transaction, after every turn).
    public func saveChatSession(_ session: ChatSession) throws(StoreError) {
        try perform {
            try writer.write { db in
                pendingLog.drain(into: db)
                try ChatSessionRow(session).upsert(db)
            }
        }
    }

    /// Forgets the chat in progress: the request was recorded, cancelled, or the person chose not to resume.
    public func clearChatSession(account: AccountID, audience: String) throws(StoreError) {
        try perform {
            try writer.write { db in
                pendingLog.drain(into: db)
                _ = try ChatSessionRow.deleteOne(db, key: ["account_id": account.rawValue, "audience": audience])
            }
        }
    }
}
