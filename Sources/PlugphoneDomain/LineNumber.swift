/// A telephone line in E.164 form, `+33972101011`.
public struct LineNumber: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    /// Parses the written forms of a French number: `09 72 10 10 11`, `09.72.10.10.11`, `0972101011`,
    /// `+33 9 72 10 10 11`, `0033972101011`, `+33972101011`. Spoken forms are the understanding's job.
    public init?(parsing text: String) {
        var digits = ""
        var sawPlus = false
        for (index, ch) in text.trimmingWhitespace().enumerated() {
            if ch.isASCIIDigit { digits.append(ch) }
            else if ch == "+" && index == 0 { sawPlus = true }
            else if ch == " " || ch == "." || ch == "-" || ch == "\u{00A0}" || ch == "\u{202F}" || ch == "(" || ch == ")" { continue }
            else { return nil }
        }
        if sawPlus {
            guard digits.hasPrefix("33") else {
                // Another country: keep it as E.164 if it has a plausible length.
                guard (8...15).contains(digits.count) else { return nil }
                self.rawValue = "+" + digits
                return
            }
            digits = String(digits.dropFirst(2))
            if digits.hasPrefix("0") { digits.removeFirst() } // "+33 (0)9 …"
        } else if digits.hasPrefix("0033") {
            digits = String(digits.dropFirst(4))
        } else if digits.count == 10, digits.hasPrefix("0") {
            digits.removeFirst()
        } else if digits.count == 11, digits.hasPrefix("33") {
            digits = String(digits.dropFirst(2))
        } else {
            return nil
        }
        guard digits.count == 9, digits.first != "0" else { return nil }
        self.rawValue = "+33" + digits
    }

    /// The national written form, `09 72 10 10 11`, for French numbers; E.164 otherwise.
    public var nationalFormat: String {
        guard rawValue.hasPrefix("+33"), rawValue.count == 12 else { return rawValue }
        let national = Array("0" + rawValue.dropFirst(3))
        return stride(from: 0, to: national.count, by: 2).map { String(national[$0..<Swift.min($0 + 2, national.count)]) }.joined(separator: " ")
    }

    public var description: String { rawValue }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}
