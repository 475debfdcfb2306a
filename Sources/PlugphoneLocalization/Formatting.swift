import Foundation
import PlugphoneDomain

/// Amounts and dates written the way each language writes them, driven by `messages.yaml`
/// (`format.money`, `format.decimal_separator`, `format.grouping_separator`, `format.date`, `format.months`).
public struct Formatter: Sendable {
    public let messages: Messages

    public init(messages: Messages) { self.messages = messages }

    /// `90,00 € HT` in French, `€90.00 excl. VAT` in English.
    public func money(_ amount: Money) -> String {
        messages.text("format.money", ["amount": number(amount)])
    }

    /// The amount alone: `90,00` / `90.00`, grouped by thousands.
    public func number(_ amount: Money) -> String {
        let negative = amount.cents < 0
        let cents = amount.cents.magnitude
        let units = String(cents / 100)
        let fraction = cents % 100
        let grouping = messages.text("format.grouping_separator")
        var grouped = ""
        for (index, digit) in units.enumerated() {
            if index > 0, (units.count - index) % 3 == 0 { grouped += grouping }
            grouped.append(digit)
        }
        let decimals = fraction < 10 ? "0\(fraction)" : "\(fraction)"
        return (negative ? "-" : "") + grouped + messages.text("format.decimal_separator") + decimals
    }

    /// `13 décembre 2026` / `13 December 2026`, in UTC so every machine writes the same day.
    public func date(_ date: Date) -> String {
        let parts = Self.utcCalendar.dateComponents([.year, .month, .day], from: date)
        let months = messages.list("format.months")
        let monthIndex = (parts.month ?? 1) - 1
        let month = months.indices.contains(monthIndex) ? months[monthIndex] : String(parts.month ?? 1)
        return messages.text("format.date", ["day": String(parts.day ?? 1), "month": month, "year": String(parts.year ?? 1970)])
    }

    /// Built once: making a calendar and a time zone costs more than the formatting itself.
    private static let utcCalendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        return calendar
    }()

    /// A line as people write it: `09 72 10 10 11`.
    public func line(_ number: LineNumber) -> String { number.nationalFormat }
}

/// Everything a front end needs to speak one language.
public struct LanguagePack: Sendable {
    public let messages: Messages
    public var language: Language { messages.language }
    public var format: Formatter { Formatter(messages: messages) }

    public init(messages: Messages) { self.messages = messages }

    public static func load(_ language: Language, from directory: LocalesDirectory) throws -> LanguagePack {
        LanguagePack(messages: try Messages.load(language, from: directory))
    }

    public static func load(_ language: Language, from source: LocalesSource) throws -> LanguagePack {
        LanguagePack(messages: try Messages.load(language, from: source))
    }

    /// The model's name with its features, in this language: `Yealink T46S (écran couleur)`.
    public func describe(_ model: PhoneModel) -> String {
        let features = model.features.map { messages.text("feature.\($0)") }
        let kind = messages.text("kind.\(model.kind.rawValue)")
        return ([kind] + features).joined(separator: ", ")
    }
}
