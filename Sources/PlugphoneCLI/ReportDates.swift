import Foundation

/// The dates `report --since` and `--until` take: a day (`2026-11-28`) or a timestamp (`2026-11-28T10:00Z`,
/// `2026-11-28T10:00:00Z`, `2026-11-28T10:00:00.5+01:00`; without a zone, UTC), between 2000 and 2099. Every part is
/// checked: no 30 February, no 25 o'clock, nothing carried over into the next day or month.
enum ReportDates {
    /// Built once: making a calendar costs more than the parsing itself.
    private static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .gmt
        return calendar
    }()

    /// The date and whether it was a whole day, or nil when the text is not a valid date.
    static func parse(_ text: String) -> (date: Date, isDay: Bool)? {
        let bytes = Array(text.utf8)
        var index = 0
        func number(_ digits: Int) -> Int? {
            guard index + digits <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[index..<(index + digits)] {
                guard (0x30...0x39).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            index += digits
            return value
        }
        func take(_ character: Character) -> Bool {
            guard index < bytes.count, let ascii = character.asciiValue, bytes[index] == ascii else { return false }
            index += 1
            return true
        }
        guard let year = number(4), take("-"), let month = number(2), take("-"), let day = number(2) else { return nil }
        guard (2000...2099).contains(year), (1...12).contains(month), day >= 1, day <= daysIn(month, of: year) else { return nil }
        var parts = DateComponents(year: year, month: month, day: day, hour: 0, minute: 0, second: 0)
        if index == bytes.count { return utc.date(from: parts).map { ($0, true) } }

        guard take("T") || take("t"), let hour = number(2), take(":"), let minute = number(2) else { return nil }
        guard hour <= 23, minute <= 59 else { return nil }
        var second = 0, fraction = 0.0
        if take(":") {
            guard let value = number(2), value <= 59 else { return nil }
            second = value
            if take(".") || take(",") {
                let start = index
                while index < bytes.count, (0x30...0x39).contains(bytes[index]) { index += 1 }
                guard index > start, let value = Double("0." + String(decoding: bytes[start..<index], as: UTF8.self)) else { return nil }
                fraction = value
            }
        }
        var offset = 0
        if take("Z") || take("z") {
        } else if index < bytes.count, bytes[index] == 0x2B || bytes[index] == 0x2D {
            let sign = bytes[index] == 0x2B ? 1 : -1
            index += 1
            guard let hours = number(2), hours <= 14 else { return nil }
            _ = take(":")
            guard let minutes = number(2), minutes <= 59 else { return nil }
            offset = sign * (hours * 3600 + minutes * 60)
        }
        guard index == bytes.count else { return nil }
        parts.hour = hour
        parts.minute = minute
        parts.second = second
        guard let date = utc.date(from: parts) else { return nil }
        return (date.addingTimeInterval(fraction - Double(offset)), false)
    }

    static func daysIn(_ month: Int, of year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
