import Foundation
import GRDB
import PlugphoneDomain

/// A conversation stopped in the middle of a request: the state of the dialogue (the request being filled in and
/// the pending question), saved to resume exactly where it stopped. Never the turns typed: replaying them would
/// replay a yes. One per account and audience (the customer at their terminal, an agent on the phone for them).
public struct ChatSession: Hashable, Sendable {
    public var account: AccountID
    /// `customer` or `agent`.
    public var audience: String
    /// The session language, `fr` or `en`.
    public var language: String
    /// The conversation's checkpoint, as JSON (`Conversation.Checkpoint`): the store keeps it as it is.
    public var state: String
    public var updatedAt: Date

    public init(account: AccountID, audience: String, language: String, state: String, updatedAt: Date) {
        self.account = account
        self.audience = audience
        self.language = language
        self.state = state
        self.updatedAt = updatedAt
    }
}

struct ChatSessionRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "chat_session"
    var accountId: String
    var audience: String
    var language: String
    /// The typed lines of the first version, no longer written nor read: always `[]`.
    var turns: String
    /// The dialogue's state, as JSON.
    var state: String
    var updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case accountId = "account_id", audience, language, turns, state, updatedAt = "updated_at"
    }

    init(_ session: ChatSession) {
        accountId = session.account.rawValue
        audience = session.audience
        language = session.language
        turns = "[]"
        state = session.state
        updatedAt = session.updatedAt
    }

    var session: ChatSession {
        ChatSession(account: AccountID(accountId), audience: audience, language: language, state: state, updatedAt: updatedAt)
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
