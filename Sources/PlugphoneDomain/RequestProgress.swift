import Foundation

/// One thing still to happen to a request (or what happened last), with its date when the deadlines give one.
public enum ProgressStep: Hashable, Sendable {
    /// The customer must send the old phone back so that it arrives by this date.
    case sendOldPhone(PhoneModelID, by: Date)
    /// The old phone reached the return centre on this date.
    case oldPhoneReceived(PhoneModelID, on: Date)
    /// The new phone of an after-return exchange leaves once the old one is received.
    case shipAfterReceipt(PhoneModelID)
    /// The new phone leaves by this date (an express exchange: 48 h).
    case shipBy(PhoneModelID, Date)
    /// The new phone of an order leaves the warehouse next (no date promised).
    case shipOrder(PhoneModelID)
    /// The new phone left on this date.
    case newPhoneShipped(PhoneModelID, on: Date)
    /// This amount comes back within 10 days of the old phone's receipt.
    case refundAfterReceipt(Money)
    /// This amount comes back by this date (the old phone was received).
    case refundBy(Money, Date)
    /// The exchange refunds nothing on the old phone's receipt (the new deposit is not lower).
    case nothingRefunded
    /// Without the old phone by the deadline, this deposit is kept.
    case depositKeptIfLate(Money)
    /// Without the old phone by the deadline, the after-return exchange is cancelled (nothing was shipped).
    case cancelledIfLate
    /// Nothing more will happen.
    case finished(RequestStatus)
}

/// What happens next to a request, from its lifecycle status and the deadlines.
public enum RequestProgress {
    public static func steps(for request: Request) -> [ProgressStep] {
        let deadline = request.returnDeadline?.date
        let old = request.oldModel
        let new = request.newModel
        let refund = request.refundOnReturn
        var steps: [ProgressStep] = []
        switch (request.kind, request.shippingMode, request.status) {
        case (_, _, .closed), (_, _, .cancelled):
            return [.finished(request.status)]

        case (.order, _, _):
            if let new {
                if let shipped = request.shippedAt { steps.append(.newPhoneShipped(new, on: shipped)) } else { steps.append(.shipOrder(new)) }
            }

        case (.exchange, .express48h?, .open):
            if let new { steps.append(.shipBy(new, expressShippingDate(of: request))) }
            if let old, let deadline { steps.append(.sendOldPhone(old, by: deadline)) }
            if refund > .zero { steps.append(.refundAfterReceipt(refund)) }
            if refund > .zero { steps.append(.depositKeptIfLate(refund)) }

        case (.exchange, _, .awaitingReturn):
            if let old, let deadline { steps.append(.sendOldPhone(old, by: deadline)) }
            if let new { steps.append(.shipAfterReceipt(new)) }
            if refund > .zero { steps.append(.refundAfterReceipt(refund)) }
            steps.append(.cancelledIfLate)

        case (.return, _, .awaitingReturn):
            if let old, let deadline { steps.append(.sendOldPhone(old, by: deadline)) }
            if refund > .zero { steps.append(.refundAfterReceipt(refund)) }
            if refund > .zero { steps.append(.depositKeptIfLate(refund)) }

        case (_, _, .shipped), (_, _, .received), (_, _, .awaitingReturn), (_, _, .open):
            if let new, let shipped = request.shippedAt { steps.append(.newPhoneShipped(new, on: shipped)) }
            if let old, let received = request.receivedAt {
                steps.append(.oldPhoneReceived(old, on: received))
            } else if let old, let deadline {
                steps.append(.sendOldPhone(old, by: deadline))
            }
            if let new, request.shippedAt == nil { steps.append(.shipAfterReceipt(new)) }
            if refund > .zero {
                if let by = request.refundDueBy { steps.append(.refundBy(refund, by)) } else {
                    steps.append(.refundAfterReceipt(refund))
                    steps.append(.depositKeptIfLate(refund))
                }
            }
        }
        if request.kind == .exchange, refund == .zero { steps.append(.nothingRefunded) }
        return steps
    }

    /// An express exchange ships within 48 hours of the request, or of its switch to express.
    public static func expressShippingDate(of request: Request) -> Date {
        let since = request.history.last { $0.event == .shippingModeChanged && $0.shippingMode == .express48h }?.at ?? request.createdAt
        return since.addingTimeInterval(TimeInterval(ExpressShipping.hours) * 3600)
    }
}
