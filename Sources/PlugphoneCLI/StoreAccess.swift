import Foundation
import PlugphoneDomain
import PlugphoneLocalization
import PlugphoneStore
import PlugphoneTerminal

extension GlobalOptions {
    /// `--db`, else `PLUGPHONE_DB`, else `$XDG_DATA_HOME/plugphone/plugphone.sqlite` (`~/.local/share/…` when unset).
    public func databasePath(environment: [String: String] = ProcessInfo.processInfo.environment) -> (path: String, isDefault: Bool) {
        if let db, !db.isEmpty { return (db, false) }
        if let fromEnvironment = environment["PLUGPHONE_DB"], !fromEnvironment.isEmpty { return (fromEnvironment, false) }
        let dataHome = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.local/share")
        return (dataHome + "/plugphone/plugphone.sqlite", true)
    }

    /// Opens the database; the default one is created with the demo data on first use.
    public func openStore(pack: LanguagePack) throws -> Store {
        try checkDatabaseOption(pack)
        let (path, isDefault) = databasePath()
        return try pack.storage {
            try Store.open(path: path, mode: isDefault ? .createWithDemoDataIfMissing(now: Clock.now()) : .existing)
        }
    }
}

extension GlobalOptions {
    /// `--db ""` names no database: an error, not the default one.
    func checkDatabaseOption(_ pack: LanguagePack) throws {
        if let db, db.isEmpty { throw CLIFailure(.usage, pack.messages.text("option.db_empty")) }
    }

    /// Rows of the database set aside while reading (a damaged request, a line that is not a number): one
    /// sentence each on stderr. True when there were any, so that the command can end with exit code 3.
    func reportUnreadableRows(_ store: Store, account: AccountID?, pack: LanguagePack) throws -> Bool {
        let rows = try pack.storage { try store.unreadableRows(account: account) }
        for row in rows {
            Console.writeErrorIgnoringFailure(pack.messages.text("storage.row_skipped", [
                "path": store.path, "table": row.table, "key": row.key, "column": row.column,
            ]) + "\n")
        }
        return !rows.isEmpty
    }
}

extension LanguagePack {
    /// Runs a store operation, turning its failure into one sentence and the contract's exit code.
    func storage<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as StoreError { throw failure(for: error) }
    }

    func failure(for error: StoreError) -> CLIFailure {
        switch error {
        case .fault(let fault): failure(forFault: fault)
        case .rule(let outcome): failure(forRule: outcome)
        }
    }

    /// A storage fault: exit code 3.
    func failure(forFault fault: StorageFault) -> CLIFailure {
        let m = messages
        switch fault {
        case .missing(let path): return CLIFailure(.storage, m.text("storage.missing", ["path": path]))
        case .corrupt(let path): return CLIFailure(.storage, m.text("storage.corrupt", ["path": path]))
        case .readOnly(let path): return CLIFailure(.storage, m.text("storage.read_only", ["path": path]))
        case .locked(let path): return CLIFailure(.storage, m.text("storage.locked", ["path": path]))
        case .full(let path): return CLIFailure(.storage, m.text("storage.full", ["path": path]))
        case .newerSchema(let path): return CLIFailure(.storage, m.text("storage.newer_schema", ["path": path]))
        case .io(let path, let detail): return CLIFailure(.storage, m.text("storage.io", ["path": path, "detail": detail]))
        case .notRegularFile(let path): return CLIFailure(.storage, m.text("storage.not_regular_file", ["path": path]))
        case .notPlugphoneDatabase(let path): return CLIFailure(.storage, m.text("storage.not_plugphone", ["path": path]))
        case .unreadableValue(let path, let table, let key, let column):
            return CLIFailure(.storage, m.text("storage.unreadable_value", ["path": path, "table": table, "key": key, "column": column]))
        case .constraint(let path): return CLIFailure(.storage, m.text("storage.constraint", ["path": path]))
        }
    }

    /// A rule outcome: bad usage (exit 2) for what does not exist, a failed check (exit 1) for what the rules refuse.
    func failure(forRule outcome: RuleOutcome) -> CLIFailure {
        let m = messages
        switch outcome {
        case .holdsOtherData(let path): return CLIFailure(.usage, m.text("storage.holds_other_data", ["path": path]))
        case .unknownAccount(let account): return CLIFailure(.usage, m.text("account.unknown", ["account": account.rawValue]))
        case .unknownRequest(let reference): return CLIFailure(.usage, m.text("advance.unknown_request", ["reference": reference.rawValue]))
        case .illegalTransition(let illegal):
            return CLIFailure(.checkFailed, m.text("advance.illegal", [
                "reference": illegal.reference.rawValue, "kind": m.text("request_kind.\(illegal.kind.rawValue)"),
                "status": m.text("status.\(illegal.status.rawValue)"), "event": m.text("event.\(illegal.event.rawValue)"),
                "possible": m.text("advance.nothing_possible"),
            ]))
        case .refused(let refusal):
            return CLIFailure(.checkFailed, "\(refusal)")
        case .eventDate(let reference, .beforeLastEvent(let last)):
            return CLIFailure(.usage, m.text("advance.before_last_event", ["reference": reference.rawValue, "last": Clock.iso8601(last)]))
        case .eventDate(let reference, .beforeReturnDeadline(let deadline)):
            return CLIFailure(.usage, m.text("advance.before_deadline", ["reference": reference.rawValue, "deadline": Clock.iso8601(deadline)]))
        case .eventBeforeRequest(let reference, let createdAt):
            return CLIFailure(.usage, m.text("advance.before_request", ["reference": reference.rawValue, "created": Clock.iso8601(createdAt)]))
        }
    }
}
