import Foundation

/// The old phone must reach the return centre within 15 days of the request.
public struct ReturnDeadline: Hashable, Sendable {
    public static let days = 15
    public var requestedAt: Date
    public init(requestedAt: Date) { self.requestedAt = requestedAt }
    public var date: Date { requestedAt.addingTimeInterval(TimeInterval(Self.days) * 86_400) }
    public func hasPassed(at now: Date) -> Bool { now > date }
}

/// The deposit is refunded within 10 days of the old phone's receipt.
public enum RefundDelay {
    public static let days = 10
    public static func dueBy(receivedAt: Date) -> Date { receivedAt.addingTimeInterval(TimeInterval(days) * 86_400) }
}

/// An express exchange ships the new phone within 48 hours.
public enum ExpressShipping {
    public static let hours = 48
}
