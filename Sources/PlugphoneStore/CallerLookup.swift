import Foundation
import GRDB
import PlugphoneDomain

/// Finding the caller. A PostgreSQL store provides the same operation, `findCallers(_:)`.
extension Store {
    /// The accounts matching what the agent typed, in account order: the holder of the line for a number; for a
    /// word, the account with that id (any case, with or without its suffix) and every holder whose name contains it.
    public func findCallers(_ query: CallerQuery) throws(StoreError) -> [Account] {
        try perform {
            try writer.read { db in
                if let line = query.line {
                    guard let row = try LineRow.fetchOne(db, key: line.rawValue) else { return [] }
                    return try AccountRow.fetchOne(db, key: row.accountId).map { [$0.account] } ?? []
                }
                // Names are compared folded (case and accents), which SQLite cannot do by itself: the accounts are read
                // and filtered here. A call centre's PostgreSQL store does it in SQL (unaccent, ILIKE).
                return try AccountRow.order(Column("id")).fetchAll(db).map(\.account).filter(query.matches)
            }
        }
    }
}
