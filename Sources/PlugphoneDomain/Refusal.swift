/// Why a request cannot be made. Typed, so each front end phrases it in its own language.
public enum Refusal: Error, Hashable, Sendable {
    /// The line does not exist or belongs to another account: both are answered the same way, so nothing leaks.
    case lineNotOnAccount(LineNumber)
    /// An order on a line that already has a phone (an exchange or a return is possible instead).
    case lineAlreadyHasPhone(LineNumber, current: PhoneModelID)
    /// An exchange or return on a SIP-only line (an order is possible instead).
    case lineHasNoPhone(LineNumber)
    /// A request that is not closed or cancelled is still in progress on the line.
    case requestInProgress(LineNumber, RequestReference)
    /// An exchange for the model already in place is handled by support, not self-service.
    case sameModel(LineNumber, PhoneModelID)
    case unknownModel(PhoneModelID)
    /// A model no longer sold cannot be ordered or chosen as the new phone.
    case modelNotOrderable(PhoneModelID)
    /// Nothing is written before one explicit yes to the summary.
    case contractNotAccepted
    /// The terms accepted are no longer those the rules give now (a deposit or the line's phone changed since the
    /// summary): nothing is written, and a new summary must be accepted.
    case termsChanged(accepted: RequestTerms, now: RequestTerms)
    /// An unfinished request of another account holds the line (it was moved between accounts): the line is blocked
    /// all the same, and that request's reference is not this customer's to see.
    case lineBusy(LineNumber)
}

/// A lifecycle event that does not apply to a request in its current state.
public struct IllegalTransition: Error, Hashable, Sendable {
    public var reference: RequestReference
    public var kind: RequestKind
    public var status: RequestStatus
    public var event: RequestEvent

    public init(reference: RequestReference, kind: RequestKind, status: RequestStatus, event: RequestEvent) {
        self.reference = reference
        self.kind = kind
        self.status = status
        self.event = event
    }
}
