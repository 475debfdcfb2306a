import Foundation

/// Dates as docs/reference.md writes them: ISO 8601 in UTC, `2026-11-28T10:00:00Z`.
///
/// Uses Foundation's `ISO8601FormatStyle` (a value type, cheap to use on every line) rather than
/// `ISO8601DateFormatter`, which builds an ICU formatter each time.
public enum Timestamp {
    private static let style = Date.ISO8601FormatStyle()

    public static func format(_ date: Date) -> String { style.format(date) }

    /// Accepts a full timestamp (`2026-11-28T10:00:00Z`, with or without fractional seconds) or a day (`2026-11-28`).
    public static func parse(_ text: String) -> Date? {
        let text = text.trimmingWhitespace()
        if let date = try? style.parse(text) { return date }
        if let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text) { return date }
        return try? Date.ISO8601FormatStyle().year().month().day().parse(text)
    }
}
