import Foundation

/// What happens to a request after it is recorded, applied by the back office.
public enum RequestEvent: String, Sendable, Codable, CaseIterable {
    /// The old phone reached the return centre.
    case oldPhoneReceived = "received"
    /// The new phone left the warehouse.
    case newPhoneShipped = "shipped"
    /// The deposit owed back was refunded.
    case refundIssued = "refunded"
    /// The new phone was delivered and nothing else is pending (orders; exchanges with nothing to refund).
    case completed = "completed"
    /// The old phone did not arrive within 15 days: its deposit is kept.
    case returnDeadlinePassed = "deadline-passed"
    case cancelled = "cancelled"
    /// The customer (or an agent) switched an exchange between after-return and express before anything moved.
    case shippingModeChanged = "mode-changed"

    /// The events the back office records with `advance`: what happens in the warehouse and the accounts.
    public static let backOffice: [RequestEvent] = [.oldPhoneReceived, .newPhoneShipped, .refundIssued, .completed, .returnDeadlinePassed, .cancelled]
}

/// One event as it happened, and who made it.
public struct RequestEventRecord: Hashable, Sendable, Codable {
    public var event: RequestEvent
    public var at: Date
    public var statusAfter: RequestStatus
    public var actor: Actor
    /// After a change of shipping mode: the new mode and the deposits it makes owed.
    public var shippingMode: ShippingMode?
    public var quote: Quote?

    public init(event: RequestEvent, at: Date, statusAfter: RequestStatus, actor: Actor = .backOffice, shippingMode: ShippingMode? = nil, quote: Quote? = nil) {
        self.event = event
        self.at = at
        self.statusAfter = statusAfter
        self.actor = actor
        self.shippingMode = shippingMode
        self.quote = quote
    }
}

/// How a change reached the provider: the customer alone, or an agent (the back office is an agent too).
public enum Channel: String, Hashable, Sendable, Codable, CaseIterable {
    case selfService = "self_service"
    case agent
}

/// Who made a change: the customer's account in self-service, an agent's id, or the back office.
public struct Actor: Hashable, Sendable, Codable {
    public var name: String
    public var channel: Channel

    public init(name: String, channel: Channel) {
        self.name = name
        self.channel = channel
    }

    /// The customer acting alone.
    public static func customer(_ account: AccountID) -> Actor { Actor(name: account.rawValue, channel: .selfService) }
    /// The warehouse and accounts, through `advance`.
    public static let backOffice = Actor(name: "back-office", channel: .agent)
}

/// The legal moves of a request, by kind and shipping mode.
///
/// - order: open →shipped→ shipped →completed→ closed
/// - exchange after_return: awaiting_return →received→ received →shipped→ shipped →refunded/completed→ closed
/// - exchange express_48h: open →shipped→ shipped →received→ received →refunded/completed→ closed
/// - return: awaiting_return →received→ received →refunded/completed→ closed
///
/// Before anything has left the warehouse or reached it, a request may be cancelled; once the return
/// deadline passes without the old phone, an express exchange or a return is closed and the deposit kept,
/// and an after-return exchange is cancelled (nothing was shipped). While nothing has moved, an exchange may also
/// switch its shipping mode (awaiting_return ↔ open); the customer's actions (`RequestAction`) are read from this
/// same table.
public enum Lifecycle {
    public static func next(after event: RequestEvent, for request: Request) -> RequestStatus? {
        let hasRefund = request.refundOnReturn > .zero
        switch (request.kind, request.shippingMode, request.status, event) {
        case (_, _, .open, .cancelled), (_, _, .awaitingReturn, .cancelled):
            return .cancelled

        // A change of shipping mode while nothing has moved: the exchange waits for what the new mode waits for first.
        case (.exchange, .afterReturn?, .awaitingReturn, .shippingModeChanged): return .open
        case (.exchange, .express48h?, .open, .shippingModeChanged): return .awaitingReturn

        case (.order, _, .open, .newPhoneShipped): return .shipped
        case (.order, _, .shipped, .completed): return .closed

        case (.exchange, .afterReturn?, .awaitingReturn, .oldPhoneReceived): return .received
        case (.exchange, .afterReturn?, .received, .newPhoneShipped): return .shipped
        case (.exchange, .afterReturn?, .shipped, .refundIssued) where hasRefund: return .closed
        case (.exchange, .afterReturn?, .shipped, .completed) where !hasRefund: return .closed
        case (.exchange, .afterReturn?, .awaitingReturn, .returnDeadlinePassed): return .cancelled

        case (.exchange, .express48h?, .open, .newPhoneShipped): return .shipped
        case (.exchange, .express48h?, .shipped, .oldPhoneReceived): return .received
        case (.exchange, .express48h?, .received, .refundIssued) where hasRefund: return .closed
        case (.exchange, .express48h?, .received, .completed) where !hasRefund: return .closed
        case (.exchange, .express48h?, .shipped, .returnDeadlinePassed): return .closed

        case (.return, _, .awaitingReturn, .oldPhoneReceived): return .received
        case (.return, _, .received, .refundIssued) where hasRefund: return .closed
        case (.return, _, .received, .completed) where !hasRefund: return .closed
        case (.return, _, .awaitingReturn, .returnDeadlinePassed): return .closed

        default: return nil
        }
    }

    /// Applies `event` at `date`, or says why it does not apply. A change of shipping mode goes through
    /// `RequestChanges.apply(_:at:by:)`, which also requotes the deposits.
    public static func apply(_ event: RequestEvent, at date: Date, to request: Request, by actor: Actor = .backOffice) -> Result<Request, IllegalTransition> {
        guard event != .shippingModeChanged, let status = next(after: event, for: request) else {
            return .failure(IllegalTransition(reference: request.reference, kind: request.kind, status: request.status, event: event))
        }
        var updated = request
        updated.status = status
        updated.history.append(RequestEventRecord(event: event, at: date, statusAfter: status, actor: actor))
        return .success(updated)
    }

    /// Why an event cannot be dated `date`, whatever the status: nil when the date fits. Events come in order (none
    /// before the request's last one), and the return deadline passes only once it is over (`ReturnDeadline.hasPassed`).
    public static func dateRefusal(of event: RequestEvent, at date: Date, for request: Request) -> EventDateRefusal? {
        if let last = request.history.last?.at, date < last { return .beforeLastEvent(last) }
        if event == .returnDeadlinePassed, let deadline = request.returnDeadline, !deadline.hasPassed(at: date) {
            return .beforeReturnDeadline(deadline.date)
        }
        return nil
    }

    /// The back-office events that apply to the request now, for help texts and completion.
    public static func possibleEvents(for request: Request) -> [RequestEvent] {
        RequestEvent.backOffice.filter { next(after: $0, for: request) != nil }
    }

    /// The lifecycle event a customer's action on an existing request records; nil when no status allows it
    /// in self-service (changing the new model: see `RequestChanges`).
    public static func event(for action: RequestAction) -> RequestEvent? {
        switch action {
        case .cancel: .cancelled
        case .changeShippingMode: .shippingModeChanged
        case .changeNewModel: nil
        }
    }

    /// The customer actions the request allows now, read from the transition table.
    public static func possibleActions(for request: Request) -> [RequestAction] {
        RequestAction.allCases.filter { action in event(for: action).map { next(after: $0, for: request) != nil } ?? false }
    }

    /// The phone attached to the line once the event has happened, when it changes.
    public static func phoneChange(after event: RequestEvent, for request: Request) -> PhoneModelID?? {
        switch (request.kind, event) {
        case (.order, .newPhoneShipped), (.exchange, .newPhoneShipped): return .some(request.newModel)
        case (.return, .oldPhoneReceived): return .some(nil)
        default: return nil
        }
    }
}

/// Why an event's date does not fit its request.
public enum EventDateRefusal: Hashable, Sendable {
    /// Dated before the request's last event (a `completed` before its `shipped`).
    case beforeLastEvent(Date)
    /// `deadline-passed` while the return deadline (this date) is not over yet.
    case beforeReturnDeadline(Date)
}
