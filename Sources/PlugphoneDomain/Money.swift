/// An amount in euro cents, excluding VAT: deposits are quoted HT.
public struct Money: Hashable, Comparable, Sendable, Codable {
    public var cents: Int

    public init(cents: Int) { self.cents = cents }
    public static func euros(_ euros: Int) -> Money {
        let (cents, overflow) = euros.multipliedReportingOverflow(by: 100)
        return Money(cents: overflow ? (euros > 0 ? Int.max : Int.min) : cents)
    }

    public static let zero = Money(cents: 0)
    public static let currency = "EUR"

    /// The largest deposit plugphone accepts: 100,000.00 €. A database holding more is damaged (a storage error),
    /// and sums of such amounts stay far from `Int`'s limits.
    public static let maximumDeposit = Money(cents: 10_000_000)

    // Checked arithmetic: an overflow saturates instead of trapping (amounts beyond `maximumDeposit` never reach
    // the rules from the store, but no input may crash the program).
    public static func + (lhs: Money, rhs: Money) -> Money {
        let (sum, overflow) = lhs.cents.addingReportingOverflow(rhs.cents)
        return Money(cents: overflow ? (rhs.cents > 0 ? Int.max : Int.min) : sum)
    }
    public static func - (lhs: Money, rhs: Money) -> Money {
        let (difference, overflow) = lhs.cents.subtractingReportingOverflow(rhs.cents)
        return Money(cents: overflow ? (rhs.cents < 0 ? Int.max : Int.min) : difference)
    }
    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.cents < rhs.cents }

    /// `max(0, self)`: a difference of deposits is never owed negatively.
    public var clampedToZero: Money { Money(cents: Swift.max(0, cents)) }

    public init(from decoder: any Decoder) throws {
        cents = try decoder.singleValueContainer().decode(Int.self)
    }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(cents)
    }
}
