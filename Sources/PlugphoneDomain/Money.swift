/// An amount in euro cents, excluding VAT: deposits are quoted HT.
public struct Money: Hashable, Comparable, Sendable, Codable {
    public var cents: Int

    public init(cents: Int) { self.cents = cents }
    public static func euros(_ euros: Int) -> Money { Money(cents: euros * 100) }

    public static let zero = Money(cents: 0)
    public static let currency = "EUR"

    public static func + (lhs: Money, rhs: Money) -> Money { Money(cents: lhs.cents + rhs.cents) }
    public static func - (lhs: Money, rhs: Money) -> Money { Money(cents: lhs.cents - rhs.cents) }
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
