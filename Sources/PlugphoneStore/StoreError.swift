import Foundation
import PlugphoneDomain

/// Why the store could not do what was asked. Storage faults are exit code 3 at the command line.
public enum StoreError: Error, Hashable, Sendable {
    /// The rules refused the request (checked again inside the writing transaction).
    case refused(Refusal)
    case illegalTransition(IllegalTransition)
    case unknownRequest(RequestReference)
    case unknownAccount(AccountID)
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
    /// The database already holds data other than the demo data.
    case holdsOtherData(path: String)
    /// Any other I/O failure, with SQLite's own words.
    case io(path: String, detail: String)
    /// The path names something other than a regular file (a device, a folder, a pipe): never opened by SQLite,
    /// so nothing (a `-journal`, say) is created beside it.
    case notRegularFile(path: String)
    /// A file that holds no plugphone database (a zero-byte file, or an SQLite file without plugphone's schema):
    /// only `init` turns it into one.
    case notPlugphoneDatabase(path: String)
    /// A value the database holds that plugphone cannot use: a deposit that is not a whole number of cents or
    /// lies outside 0…100,000 € (`phone_model.deposit_cents`), a date that cannot be read.
    case unreadableValue(path: String, table: String, key: String, column: String)
    /// SQLite refused a write for a constraint other than the one-unfinished-request-per-line index.
    case constraint(path: String)
    /// A back-office event dated before its request was created.
    case eventBeforeRequest(RequestReference, createdAt: Date)
}
