import Foundation

/// What a customer (or an agent for them) may do to a request already recorded.
public enum RequestAction: String, Hashable, Sendable, CaseIterable {
    case cancel
    /// after_return ↔ express_48h, for an exchange.
    case changeShippingMode = "change_shipping_mode"
    /// Another new phone for an exchange or an order. Not self-service: see `RequestChanges.modelChange`.
    case changeNewModel = "change_new_model"
}

/// Why an action on an existing request is refused. Typed, so each front end phrases it.
public enum ActionRefusal: Error, Hashable, Sendable {
    /// Something has moved (the old phone was received, the new one shipped): the request can no longer be undone
    /// or changed by the customer; an agent can look at it.
    case underway(RequestReference, RequestStatus)
    /// The request is closed or cancelled already.
    case finished(RequestReference, RequestStatus)
    /// Only an exchange has a shipping mode.
    case notAnExchange(RequestReference, RequestKind)
    /// The exchange already ships that way.
    case sameMode(RequestReference, ShippingMode)
    /// The provider's manager has no way to change the phone of a recorded request: cancel it and make a new one.
    case modelChangeNotSelfService(RequestReference)
}

/// A cancellation, with what it undoes. Nothing has moved, so nothing is kept: whatever the request made owed
/// now is no longer owed (refunded in full if it was already paid), and the refund promised on the old phone's
/// receipt no longer applies, since the customer keeps that phone.
public struct Cancellation: Hashable, Sendable {
    public var request: Request

    /// Due now at creation: no longer owed, or refunded in full if already paid.
    public var noLongerDue: Money { request.dueNow }
    /// The refund that the old phone's receipt would have brought: dropped with it.
    public var refundDropped: Money { request.refundOnReturn }
    /// Exchanges and returns: the old phone stays on the line and need not be sent back.
    public var keepsOldPhone: Bool { request.oldModel != nil }
}

/// A switch of shipping mode, quoted against what the request already made due.
///
/// Both modes cost the same in the end (due now − refunded on return = deposit(new) − deposit(old)); only the
/// timing moves. after_return → express_48h: `extraDue` = deposit(new) − the difference already due, payable now,
/// and `deposit(old)` comes back on receipt. express_48h → after_return: `dueReduction` = the part of deposit(new)
/// no longer owed now (refunded if already paid), and only the difference remains refunded on receipt.
public struct ModeChange: Hashable, Sendable {
    public var request: Request
    public var to: ShippingMode
    /// What the request made due, as recorded.
    public var before: Quote
    /// What the new mode makes due, at the catalog's deposits.
    public var after: Quote

    /// To pay now on top of what was due.
    public var extraDue: Money { (after.dueNow - before.dueNow).clampedToZero }
    /// No longer owed now (refunded if already paid).
    public var dueReduction: Money { (before.dueNow - after.dueNow).clampedToZero }
}

/// The arithmetic and the checks of actions on existing requests; the lifecycle table decides what is possible.
public enum RequestChanges {
    /// Why `action` does not apply to `request` now, or nil when the transition table allows it.
    public static func refusal(of action: RequestAction, for request: Request) -> ActionRefusal? {
        if request.status.isFinished { return .finished(request.reference, request.status) }
        guard let event = Lifecycle.event(for: action) else { return .modelChangeNotSelfService(request.reference) }
        if action == .changeShippingMode, request.kind != .exchange { return .notAnExchange(request.reference, request.kind) }
        return Lifecycle.next(after: event, for: request) == nil ? .underway(request.reference, request.status) : nil
    }

    public static func cancellation(of request: Request) -> Result<Cancellation, ActionRefusal> {
        if let refusal = refusal(of: .cancel, for: request) { return .failure(refusal) }
        return .success(Cancellation(request: request))
    }

    /// A switch to `mode`, or to the other mode when nil. Deposits come from `catalog`.
    public static func modeChange(of request: Request, to mode: ShippingMode?, catalog: Catalog) -> Result<ModeChange, ActionRefusal> {
        if let refusal = refusal(of: .changeShippingMode, for: request) { return .failure(refusal) }
        guard let current = request.shippingMode, let oldID = request.oldModel, let newID = request.newModel,
              let old = catalog[oldID], let new = catalog[newID] else {
            return .failure(.notAnExchange(request.reference, request.kind))
        }
        let target = mode ?? current.other
        if target == current { return .failure(.sameMode(request.reference, current)) }
        return .success(ModeChange(
            request: request, to: target, before: Quote(dueNow: request.dueNow, refundOnReturn: request.refundOnReturn),
            after: .exchange(from: old, to: new, mode: target)
        ))
    }

    /// Changing the new phone of a recorded request is refused whatever its status: the provider's manager
    /// offers no such edit (an RMA names its equipment); the customer cancels while nothing has moved and asks again.
    public static func modelChange(of request: Request) -> ActionRefusal {
        refusal(of: .changeNewModel, for: request) ?? .modelChangeNotSelfService(request.reference)
    }

    /// The request once cancelled by `actor` at `date`.
    public static func apply(_ cancellation: Cancellation, at date: Date, by actor: Actor) -> Result<Request, IllegalTransition> {
        Lifecycle.apply(.cancelled, at: date, to: cancellation.request, by: actor)
    }

    /// The request once its mode is switched: new mode, new amounts, the status the transition table gives.
    public static func apply(_ change: ModeChange, at date: Date, by actor: Actor) -> Result<Request, IllegalTransition> {
        let request = change.request
        guard let status = Lifecycle.next(after: .shippingModeChanged, for: request) else {
            return .failure(IllegalTransition(reference: request.reference, kind: request.kind, status: request.status, event: .shippingModeChanged))
        }
        var updated = request
        updated.status = status
        updated.shippingMode = change.to
        updated.dueNow = change.after.dueNow
        updated.refundOnReturn = change.after.refundOnReturn
        updated.history.append(RequestEventRecord(
            event: .shippingModeChanged, at: date, statusAfter: status, actor: actor, shippingMode: change.to, quote: change.after
        ))
        return .success(updated)
    }
}

extension ShippingMode {
    /// The one other mode.
    public var other: ShippingMode {
        switch self {
        case .afterReturn: .express48h
        case .express48h: .afterReturn
        }
    }
}
