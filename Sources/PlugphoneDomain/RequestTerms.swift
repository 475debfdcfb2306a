/// The terms of a request as a customer reads them in the summary: what is asked, on which line, from which phone
/// to which, how it ships, and the deposits owed now and refunded. Consent is given to these terms, and the
/// request recorded must carry exactly them (docs/reference.md §5).
public struct RequestTerms: Hashable, Sendable, Codable {
    public var kind: RequestKind
    public var line: LineNumber
    public var oldModel: PhoneModelID?
    public var newModel: PhoneModelID?
    public var shippingMode: ShippingMode?
    public var dueNow: Money
    public var refundOnReturn: Money

    public init(
        kind: RequestKind, line: LineNumber, oldModel: PhoneModelID?, newModel: PhoneModelID?, shippingMode: ShippingMode?,
        dueNow: Money, refundOnReturn: Money
    ) {
        self.kind = kind
        self.line = line
        self.oldModel = oldModel
        self.newModel = newModel
        self.shippingMode = shippingMode
        self.dueNow = dueNow
        self.refundOnReturn = refundOnReturn
    }

    /// What the customer asked for, without what the account and the catalogue made of it.
    public var draft: RequestDraft? {
        switch kind {
        case .order:
            guard let newModel else { return nil }
            return .order(line: line, model: newModel)
        case .exchange:
            guard let newModel, let shippingMode else { return nil }
            return .exchange(line: line, newModel: newModel, mode: shippingMode)
        case .return:
            return .return(line: line)
        }
    }
}

extension ApprovedRequest {
    /// The terms the rules came to: what a summary shows and what the store records.
    public var terms: RequestTerms {
        RequestTerms(
            kind: draft.kind, line: draft.line, oldModel: oldModel, newModel: newModel, shippingMode: shippingMode,
            dueNow: quote.dueNow, refundOnReturn: quote.refundOnReturn
        )
    }
}

extension Request {
    /// The terms this request was recorded with.
    public var terms: RequestTerms {
        RequestTerms(
            kind: kind, line: line, oldModel: oldModel, newModel: newModel, shippingMode: shippingMode,
            dueNow: dueNow, refundOnReturn: refundOnReturn
        )
    }
}
