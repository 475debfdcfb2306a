import Foundation

public enum RequestKind: String, Sendable, Codable, CaseIterable {
    case order
    case exchange
    case `return`
}

/// How the new phone of an exchange leaves the warehouse.
public enum ShippingMode: String, Sendable, Codable, CaseIterable {
    /// The new phone leaves once the old one is received; only the difference of deposits is paid.
    case afterReturn = "after_return"
    /// The new phone leaves within 48 h by DHL; the whole new deposit is paid, the old one refunded on receipt.
    case express48h = "express_48h"
}

public enum RequestStatus: String, Sendable, Codable, CaseIterable {
    case open
    case awaitingReturn = "awaiting_return"
    case received
    case shipped
    case closed
    case cancelled

    /// A request in any other status blocks a new request on its line.
    public var isFinished: Bool { self == .closed || self == .cancelled }
}

/// What a customer asks for, once every slot is known: the input of the rules.
public enum RequestDraft: Hashable, Sendable {
    case order(line: LineNumber, model: PhoneModelID)
    case exchange(line: LineNumber, newModel: PhoneModelID, mode: ShippingMode)
    case `return`(line: LineNumber)

    public var kind: RequestKind {
        switch self {
        case .order: .order
        case .exchange: .exchange
        case .return: .return
        }
    }

    public var line: LineNumber {
        switch self {
        case .order(let line, _), .exchange(let line, _, _), .return(let line): line
        }
    }
}

/// A recorded order, exchange or return.
public struct Request: Hashable, Sendable, Codable {
    public var reference: RequestReference
    public var kind: RequestKind
    public var account: AccountID
    public var line: LineNumber
    public var oldModel: PhoneModelID?
    public var newModel: PhoneModelID?
    public var shippingMode: ShippingMode?
    public var status: RequestStatus
    public var contractAccepted: Bool
    public var dueNow: Money
    public var refundOnReturn: Money
    public var createdAt: Date
    /// When each lifecycle event happened, oldest first.
    public var history: [RequestEventRecord]
    /// Who recorded the request, and through which channel.
    public var createdBy: Actor

    public init(
        reference: RequestReference, kind: RequestKind, account: AccountID, line: LineNumber,
        oldModel: PhoneModelID?, newModel: PhoneModelID?, shippingMode: ShippingMode?, status: RequestStatus,
        contractAccepted: Bool, dueNow: Money, refundOnReturn: Money, createdAt: Date, history: [RequestEventRecord] = [],
        createdBy: Actor? = nil
    ) {
        self.reference = reference
        self.kind = kind
        self.account = account
        self.line = line
        self.oldModel = oldModel
        self.newModel = newModel
        self.shippingMode = shippingMode
        self.status = status
        self.contractAccepted = contractAccepted
        self.dueNow = dueNow
        self.refundOnReturn = refundOnReturn
        self.createdAt = createdAt
        self.history = history
        self.createdBy = createdBy ?? .customer(account)
    }

    /// Whether the customer has a phone to send back.
    public var expectsOldPhone: Bool { oldModel != nil }

    /// The date by which the old phone must reach the return centre, for exchanges and returns.
    public var returnDeadline: ReturnDeadline? {
        expectsOldPhone ? ReturnDeadline(requestedAt: createdAt) : nil
    }

    /// When the old phone was received, if it was.
    public var receivedAt: Date? { history.last { $0.event == .oldPhoneReceived }?.at }

    /// When the new phone left, if it did.
    public var shippedAt: Date? { history.last { $0.event == .newPhoneShipped }?.at }

    /// The latest date of the refund, once the old phone was received and something is refunded.
    public var refundDueBy: Date? {
        guard refundOnReturn > .zero, let receivedAt else { return nil }
        return RefundDelay.dueBy(receivedAt: receivedAt)
    }
}
