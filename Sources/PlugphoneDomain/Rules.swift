import Foundation

/// What the rules need to know about an account at the moment of a decision.
public struct AccountSnapshot: Hashable, Sendable {
    public var account: AccountID
    /// The lines of this account only.
    public var lines: [Line]
    /// Every request of this account, oldest first.
    public var requests: [Request]
    public var catalog: Catalog
    /// Lines of this account held by an unfinished request of another account (a line moved between accounts):
    /// blocked all the same, without that request being shown.
    public var linesHeldElsewhere: Set<LineNumber>

    public init(account: AccountID, lines: [Line], requests: [Request], catalog: Catalog, linesHeldElsewhere: Set<LineNumber> = []) {
        self.account = account
        self.lines = lines
        self.requests = requests
        self.catalog = catalog
        self.linesHeldElsewhere = linesHeldElsewhere
    }

    /// Requests that are not closed or cancelled: each blocks its line.
    public var unfinishedRequests: [Request] { requests.filter { !$0.status.isFinished } }

    public func line(_ number: LineNumber) -> Line? {
        lines.first { $0.number == number && $0.account == account }
    }

    public func unfinishedRequest(on number: LineNumber) -> Request? {
        unfinishedRequests.first { $0.line == number }
    }
}

/// A request that passed every rule and is ready to be recorded.
public struct ApprovedRequest: Hashable, Sendable {
    public var draft: RequestDraft
    public var account: AccountID
    public var oldModel: PhoneModelID?
    public var newModel: PhoneModelID?
    public var quote: Quote

    /// The status a request starts in: what the provider waits for first.
    public var initialStatus: RequestStatus {
        switch draft {
        case .order: .open
        case .exchange(_, _, .afterReturn): .awaitingReturn
        case .exchange(_, _, .express48h): .open
        case .return: .awaitingReturn
        }
    }

    public var shippingMode: ShippingMode? {
        if case .exchange(_, _, let mode) = draft { mode } else { nil }
    }
}

/// The rules of docs/reference.md §5.
public enum Rules {
    /// Checks a line for a kind of request, before any model is chosen: lets a conversation refuse early.
    public static func checkLine(_ number: LineNumber, for kind: RequestKind, in snapshot: AccountSnapshot) -> Result<Line, Refusal> {
        guard let line = snapshot.line(number) else { return .failure(.lineNotOnAccount(number)) }
        if let pending = snapshot.unfinishedRequest(on: number) {
            return .failure(.requestInProgress(number, pending.reference))
        }
        if snapshot.linesHeldElsewhere.contains(number) { return .failure(.lineBusy(number)) }
        switch (kind, line.phone) {
        case (.order, let current?): return .failure(.lineAlreadyHasPhone(number, current: current))
        case (.exchange, nil), (.return, nil): return .failure(.lineHasNoPhone(number))
        default: return .success(line)
        }
    }

    /// Checks that a model may be the new phone of a request on `line`.
    public static func checkNewModel(_ id: PhoneModelID, on line: Line, in catalog: Catalog) -> Result<PhoneModel, Refusal> {
        guard let model = catalog[id] else { return .failure(.unknownModel(id)) }
        if line.phone == id { return .failure(.sameModel(line.number, id)) }
        guard model.orderable else { return .failure(.modelNotOrderable(id)) }
        return .success(model)
    }

    /// Every rule at once; the store calls this again inside the transaction that writes.
    public static func approve(_ draft: RequestDraft, contractAccepted: Bool, in snapshot: AccountSnapshot) -> Result<ApprovedRequest, Refusal> {
        let line: Line
        switch checkLine(draft.line, for: draft.kind, in: snapshot) {
        case .success(let l): line = l
        case .failure(let refusal): return .failure(refusal)
        }
        let catalog = snapshot.catalog
        let approved: ApprovedRequest
        switch draft {
        case .order(_, let modelID):
            switch checkNewModel(modelID, on: line, in: catalog) {
            case .failure(let refusal): return .failure(refusal)
            case .success(let model):
                approved = ApprovedRequest(draft: draft, account: snapshot.account, oldModel: nil, newModel: model.id, quote: .order(of: model))
            }
        case .exchange(_, let newID, let mode):
            guard let oldID = line.phone, let old = catalog[oldID] else { return .failure(.lineHasNoPhone(line.number)) }
            switch checkNewModel(newID, on: line, in: catalog) {
            case .failure(let refusal): return .failure(refusal)
            case .success(let new):
                approved = ApprovedRequest(draft: draft, account: snapshot.account, oldModel: oldID, newModel: newID, quote: .exchange(from: old, to: new, mode: mode))
            }
        case .return:
            guard let oldID = line.phone, let old = catalog[oldID] else { return .failure(.lineHasNoPhone(line.number)) }
            approved = ApprovedRequest(draft: draft, account: snapshot.account, oldModel: oldID, newModel: nil, quote: .return(of: old))
        }
        guard contractAccepted else { return .failure(.contractNotAccepted) }
        return .success(approved)
    }

    /// Every rule, and the terms accepted must be the terms the rules give now: what the store checks inside the
    /// transaction that writes a request the customer said yes to.
    public static func approve(_ accepted: RequestTerms, in snapshot: AccountSnapshot) -> Result<ApprovedRequest, Refusal> {
        guard let draft = accepted.draft else { return .failure(.contractNotAccepted) }
        switch approve(draft, contractAccepted: true, in: snapshot) {
        case .failure(let refusal): return .failure(refusal)
        case .success(let approved):
            guard approved.terms == accepted else { return .failure(.termsChanged(accepted: accepted, now: approved.terms)) }
            return .success(approved)
        }
    }

    /// The lines of the account on which a request of `kind` could be made now.
    public static func eligibleLines(for kind: RequestKind, in snapshot: AccountSnapshot) -> [Line] {
        snapshot.lines.filter { (try? checkLine($0.number, for: kind, in: snapshot).get()) != nil }
    }
}
