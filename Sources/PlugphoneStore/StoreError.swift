import Foundation
import PlugphoneDomain

/// Why the store did not do what was asked: either a storage fault (the database could not be used: exit code 3 at
/// the command line) or a rule outcome (the database works, and the rules or its contents say no).
///
/// The static functions below build each case by its own name (`StoreError.missing(path:)`,
/// `StoreError.refused(_:)`), so callers that only build or compare errors need not spell the split.
public enum StoreError: Error, Hashable, Sendable {
    case fault(StorageFault)
    case rule(RuleOutcome)
}

/// The database could not be used as asked. Exit code 3 at the command line.
public enum StorageFault: Error, Hashable, Sendable {
    /// No database at this path (and none is created implicitly for an explicit path).
    case missing(path: String)
    /// Not an SQLite file, or a damaged one.
    case corrupt(detail: String)
    /// The file or its folder cannot be written.
    case readOnly(path: String)
    /// Another process held the database past the busy timeout.
    case locked(path: String)
    /// The disk (or the file-size limit) is full.
    case full(path: String)
    /// The file was written by a newer plugphone.
    case newerSchema(path: String)
    /// Any other I/O failure, with SQLite's own words.
    case io(path: String, detail: String)
    /// The path names something other than a regular file (a device, a folder, a pipe): never opened by SQLite,
    /// so nothing (a `-journal`, say) is created beside it.
    case notRegularFile(path: String)
    /// A file that holds no plugphone database (a zero-byte file, or an SQLite file without plugphone's schema):
    /// only `init` turns it into one.
    case notPlugphoneDatabase(path: String)
    /// A value the database holds that plugphone cannot use: a deposit that is not a whole number of cents or
    /// lies outside 0…100,000 € (`phone_model.deposit_cents`).
    case unreadableValue(path: String, table: String, key: String, column: String)
    /// SQLite refused a write for a constraint other than the one-unfinished-request-per-line index.
    case constraint(path: String)
}

/// The database works, and the answer is no: the rules refused, or what was named does not exist.
public enum RuleOutcome: Error, Hashable, Sendable {
    /// The rules refused the request (checked again inside the writing transaction).
    case refused(Refusal)
    /// The event does not apply to the request in its current status.
    case illegalTransition(IllegalTransition)
    case unknownRequest(RequestReference)
    case unknownAccount(AccountID)
    /// The database already holds data other than the demo data.
    case holdsOtherData(path: String)
    /// A back-office event dated before its request was created.
    case eventBeforeRequest(RequestReference, createdAt: Date)
    /// A back-office event dated out of order, or a return deadline said passed before it is (`Lifecycle.dateRefusal`).
    case eventDate(RequestReference, EventDateRefusal)
}

extension StoreError {
    public static func missing(path: String) -> StoreError { .fault(.missing(path: path)) }
    public static func corrupt(detail: String) -> StoreError { .fault(.corrupt(detail: detail)) }
    public static func readOnly(path: String) -> StoreError { .fault(.readOnly(path: path)) }
    public static func locked(path: String) -> StoreError { .fault(.locked(path: path)) }
    public static func full(path: String) -> StoreError { .fault(.full(path: path)) }
    public static func newerSchema(path: String) -> StoreError { .fault(.newerSchema(path: path)) }
    public static func io(path: String, detail: String) -> StoreError { .fault(.io(path: path, detail: detail)) }
    public static func notRegularFile(path: String) -> StoreError { .fault(.notRegularFile(path: path)) }
    public static func notPlugphoneDatabase(path: String) -> StoreError { .fault(.notPlugphoneDatabase(path: path)) }
    public static func unreadableValue(path: String, table: String, key: String, column: String) -> StoreError {
        .fault(.unreadableValue(path: path, table: table, key: key, column: column))
    }
    public static func constraint(path: String) -> StoreError { .fault(.constraint(path: path)) }

    public static func refused(_ refusal: Refusal) -> StoreError { .rule(.refused(refusal)) }
    public static func illegalTransition(_ illegal: IllegalTransition) -> StoreError { .rule(.illegalTransition(illegal)) }
    public static func unknownRequest(_ reference: RequestReference) -> StoreError { .rule(.unknownRequest(reference)) }
    public static func unknownAccount(_ account: AccountID) -> StoreError { .rule(.unknownAccount(account)) }
    public static func holdsOtherData(path: String) -> StoreError { .rule(.holdsOtherData(path: path)) }
    public static func eventBeforeRequest(_ reference: RequestReference, createdAt: Date) -> StoreError {
        .rule(.eventBeforeRequest(reference, createdAt: createdAt))
    }
}
