/// A phone model id in the provider's `brand.model` form, e.g. `yealink.t46s`.
public struct PhoneModelID: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A customer account, e.g. `ab12345-ovh`.
public struct AccountID: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A request reference, `RMA-000002`: the provider calls exchanges and returns RMAs.
public struct RequestReference: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    /// The reference of the n-th request ever recorded.
    public init(sequence: Int) {
        let digits = String(sequence)
        rawValue = "RMA-" + String(repeating: "0", count: Swift.max(0, 6 - digits.count)) + digits
    }

    /// Accepts `RMA-000002`, `rma-2`, `2`; nil for anything else.
    public init?(parsing text: String) {
        var body = Substring(text.trimmingWhitespace())
        if body.uppercased().hasPrefix("RMA-") { body = body.dropFirst(4) } else if body.uppercased().hasPrefix("RMA") { body = body.dropFirst(3) }
        guard !body.isEmpty, body.allSatisfy(\.isASCIIDigit), let n = Int(body), n > 0 else { return nil }
        self.init(sequence: n)
    }

    public var sequence: Int? { Int(rawValue.dropFirst(4)) }
    public var description: String { rawValue }
    public static func < (lhs: Self, rhs: Self) -> Bool { (lhs.sequence ?? 0, lhs.rawValue) < (rhs.sequence ?? 0, rhs.rawValue) }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

extension String {
    func trimmingWhitespace() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
