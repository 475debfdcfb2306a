import Foundation
import PlugphoneDomain

/// The current time, or `PLUGPHONE_NOW` (ISO 8601) when set, so end-to-end runs and recordings are repeatable.
public enum Clock {
    public static func now(environment: [String: String] = ProcessInfo.processInfo.environment) -> Date {
        // Checked at start-up (`checkEnvironment`): a value out of range never gets here from a command.
        if let fixed = environment["PLUGPHONE_NOW"], let date = parseInRange(fixed) { return date }
        return Date()
    }

    public static func parseISO8601(_ text: String) -> Date? { Timestamp.parse(text) }

    /// `2026-11-28T10:00:00Z`, as docs/reference.md §3 writes dates.
    public static func iso8601(_ date: Date) -> String {
        Timestamp.format(date)
    }
}
