/// The deposits of a request: what is owed now, and what comes back once the old phone is received.
public struct Quote: Hashable, Sendable, Codable {
    public var dueNow: Money
    public var refundOnReturn: Money

    public init(dueNow: Money, refundOnReturn: Money) {
        self.dueNow = dueNow
        self.refundOnReturn = refundOnReturn
    }

    /// Ordering model M: deposit(M) now, nothing back.
    public static func order(of model: PhoneModel) -> Quote {
        Quote(dueNow: model.deposit, refundOnReturn: .zero)
    }

    /// Exchanging `old` for `new` (docs/reference.md §5).
    public static func exchange(from old: PhoneModel, to new: PhoneModel, mode: ShippingMode) -> Quote {
        switch mode {
        case .afterReturn:
            Quote(dueNow: (new.deposit - old.deposit).clampedToZero, refundOnReturn: (old.deposit - new.deposit).clampedToZero)
        case .express48h:
            Quote(dueNow: new.deposit, refundOnReturn: old.deposit)
        }
    }

    /// Returning `old` while keeping the line: nothing now, its deposit back.
    public static func `return`(of old: PhoneModel) -> Quote {
        Quote(dueNow: .zero, refundOnReturn: old.deposit)
    }
}
