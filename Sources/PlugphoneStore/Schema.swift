import GRDB

/// The migrations, from an empty file. Append new ones; never edit a released one.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: accounts, catalog, lines, requests") { db in
            try db.create(table: AccountRow.databaseTableName) { t in
                t.primaryKey("id", .text)
                t.column("holder", .text).notNull()
            }
            try db.create(table: PhoneModelRow.databaseTableName) { t in
                t.primaryKey("id", .text)
                t.column("brand", .text).notNull()
                t.column("name", .text).notNull()
                t.column("kind", .text).notNull()
                t.column("features", .text).notNull().defaults(to: "")
                t.column("deposit_cents", .integer).notNull().check { $0 >= 0 }
                t.column("orderable", .boolean).notNull()
                t.column("position", .integer).notNull()
            }
            try db.create(table: LineRow.databaseTableName) { t in
                t.primaryKey("number", .text)
                t.column("account_id", .text).notNull().indexed().references(AccountRow.databaseTableName, onDelete: .restrict)
                t.column("phone_model_id", .text).references(PhoneModelRow.databaseTableName, onDelete: .restrict)
            }
            try db.create(table: RequestRow.databaseTableName) { t in
                t.autoIncrementedPrimaryKey("sequence")
                t.column("reference", .text).notNull().unique()
                t.column("kind", .text).notNull().check { ["order", "exchange", "return"].contains($0) }
                t.column("account_id", .text).notNull().references(AccountRow.databaseTableName, onDelete: .restrict)
                t.column("line", .text).notNull().references(LineRow.databaseTableName, onDelete: .restrict)
                t.column("old_model", .text).references(PhoneModelRow.databaseTableName, onDelete: .restrict)
                t.column("new_model", .text).references(PhoneModelRow.databaseTableName, onDelete: .restrict)
                t.column("shipping_mode", .text)
                t.column("status", .text).notNull()
                t.column("contract_accepted", .boolean).notNull().check { $0 == true }
                t.column("due_now_cents", .integer).notNull().check { $0 >= 0 }
                t.column("refund_on_return_cents", .integer).notNull().check { $0 >= 0 }
                t.column("currency", .text).notNull()
                t.column("created_at", .datetime).notNull()
            }
            // The rule "one unfinished request per line", enforced by SQLite itself as a last line of defence.
            try db.create(
                index: "request_one_unfinished_per_line", on: RequestRow.databaseTableName, columns: ["line"],
                options: .unique, condition: !["closed", "cancelled"].contains(RequestRow.Columns.status)
            )
            try db.create(index: "request_by_account", on: RequestRow.databaseTableName, columns: ["account_id", "sequence"])
            try db.create(table: RequestEventRow.databaseTableName) { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("request_sequence", .integer).notNull().indexed()
                    .references(RequestRow.databaseTableName, onDelete: .cascade)
                t.column("event", .text).notNull()
                t.column("at", .datetime).notNull()
                t.column("status_after", .text).notNull()
            }
        }
        // The chat in progress of each account, so a closed or killed session can be resumed.
        migrator.registerMigration("v2: chat sessions") { db in
            try db.create(table: ChatSessionRow.databaseTableName) { t in
                t.column("account_id", .text).notNull().references(AccountRow.databaseTableName, onDelete: .cascade)
                t.column("audience", .text).notNull()
                t.column("language", .text).notNull()
                t.column("turns", .text).notNull()
                t.column("updated_at", .datetime).notNull()
                t.primaryKey(["account_id", "audience"])
            }
        }
        // A chat is resumed from the state of its dialogue, never by replaying what was typed (which replayed a yes
        // and wrote a request without a summary). Sessions saved as typed lines cannot be resumed safely: dropped.
        migrator.registerMigration("v3-consent: chat sessions keep the dialogue state") { db in
            try db.alter(table: ChatSessionRow.databaseTableName) { t in
                t.add(column: "state", .text).notNull().defaults(to: "")
            }
            _ = try Table(ChatSessionRow.databaseTableName).deleteAll(db)
        }
        // Who made each request and each change, and what a change of shipping mode made due.
        migrator.registerMigration("v3-requests: actor and channel of requests and events") { db in
            try db.alter(table: RequestRow.databaseTableName) { t in
                t.add(column: "actor", .text)
                t.add(column: "channel", .text)
            }
            try db.alter(table: RequestEventRow.databaseTableName) { t in
                t.add(column: "actor", .text)
                t.add(column: "channel", .text)
                t.add(column: "shipping_mode", .text)
                t.add(column: "due_now_cents", .integer)
                t.add(column: "refund_on_return_cents", .integer)
            }
        }
        // Where conversations succeed and fail: `plugphone report` (ConversationLog.swift).
        migrator.registerMigration("v3-report: conversation log") { db in try createConversationLog(db) }
        return migrator
    }
}
