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
}
