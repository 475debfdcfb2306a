import Foundation
import PlugphoneDomain
import PlugphoneLocalization
import PlugphoneStore

extension GlobalOptions {
    /// Every environment variable and shared option plugphone reads, checked before anything is done: a clear
    /// sentence and exit code 2, rather than a trap deep inside (GRDB's busy timeout with `nan`) or a silent
    /// fallback (an unreadable `PLUGPHONE_NOW` used to mean « now »).
    func checkEnvironment(_ pack: LanguagePack, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        let m = pack.messages
        if let text = environment["PLUGPHONE_BUSY_TIMEOUT"], !text.isEmpty, Store.busyTimeout(parsing: text) == nil {
            throw CLIFailure(.usage, m.text("env.busy_timeout", ["value": text, "max": String(Int(Store.maximumBusyTimeout))]))
        }
        if let text = environment["PLUGPHONE_NOW"], !text.isEmpty, Clock.parseInRange(text) == nil {
            throw CLIFailure(.usage, m.text("env.now", ["value": text]))
        }
        try checkDatabaseOption(pack)
    }
}

extension Clock {
    /// The dates plugphone accepts from outside (`PLUGPHONE_NOW`, `advance --at`): from 2000 to 2099. A date
    /// far outside (year 99999) would be stored and then make every later read of the account fail.
    static let acceptedRange: Range<Date> = {
        let start = Timestamp.parse("2000-01-01T00:00:00Z") ?? Date(timeIntervalSince1970: 946_684_800)
        let end = Timestamp.parse("2100-01-01T00:00:00Z") ?? Date(timeIntervalSince1970: 4_102_444_800)
        return start..<end
    }()

    /// How far after now a back-office event may be dated: 30 days (a fixed `PLUGPHONE_NOW` in scripts and tests
    /// stays usable, a typo in the year does not get through).
    static let futureTolerance: TimeInterval = 30 * 86_400

    /// An ISO 8601 date within `acceptedRange`, else nil.
    static func parseInRange(_ text: String) -> Date? {
        guard let date = parseISO8601(text), acceptedRange.contains(date) else { return nil }
        return date
    }
}
