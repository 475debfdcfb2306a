import Foundation
import PlugphoneDomain
import PlugphoneUnderstanding

/// What the customer wants to know or do about a request already made.
public enum RequestTask: Hashable, Sendable, Codable {
    case status
    case cancel
    /// To this mode, or to the other one when nil.
    case changeMode(ShippingMode?)
    /// Not self-service: said why, and the cancellation offered instead.
    case changeModel
}

/// A cancellation or change of an existing request, shown to the customer before a yes records it.
public enum RequestChangeDraft: Hashable, Sendable, Codable {
    case cancel(RequestReference)
    case changeMode(RequestReference, ShippingMode)

    public var reference: RequestReference {
        switch self {
        case .cancel(let reference), .changeMode(let reference, _): reference
        }
    }
}

/// Requests after they are made: status with the next step and its dates, cancellation, change of shipping mode.
/// Only the account's own requests are ever found (the snapshot holds no other), so another account's reference is
/// answered exactly as an unknown one. Nothing is written before a yes to what the change does.
extension Conversation {
    /// The turn, when it is about an existing request; nil to let the request flow handle it.
    mutating func existingRequests(_ heard: Interpretation, question: Question) -> [Effect]? {
        let slots = heard.slots
        let namesRequest = slots.reference != nil || slots.requestPointer != nil || slots.lineEnding != nil
        // A plain « annuler » about an existing request's question changes nothing; at the welcome, it is told how to
        // cancel a request already recorded (it used to be told that nothing was in progress).
        if heard.intent == .cancel, heard.act == nil, !namesRequest {
            switch question.underlying {
            case .requestChangeConfirmation, .whichRequest(.cancel, _), .whichRequest(.changeMode, _), .whichRequest(.changeModel, _):
                return done([Reply("conv.req.nothing_changed")])
            case .whichRequest(.status, _):
                return done([Reply("conv.ack.ok")])
            case .whatToDo:
                if let cancellable = snapshot.unfinishedRequests.first(where: { RequestChanges.refusal(of: .cancel, for: $0) == nil }) {
                    return done([Reply("conv.cancelled.nothing"), Reply("conv.req.cancel_hint", ["reference": .verbatim(cancellable.reference.rawValue)])])
                }
            default:
                break
            }
        }
        if case .whichRequest(let task, let among) = question.underlying {
            if heard.intent == .deny || heard.intent == .cancel, heard.act == nil { return nil }
            let pool = snapshot.requests.filter { among.contains($0.reference) }
            // « la deuxième » arrives here as the reference it points at (`resolve`).
            if namesRequest || slots.line != nil || slots.model != nil {
                let chosen = requestTask(of: heard) ?? task
                return perform(chosen, on: select(heard, default: pool, for: chosen), named: Self.namesByDescription(heard))
            }
        }
        if let task = requestTask(of: heard) {
            // « annuler » while a new request is being filled in drops that one, unless an existing one is named.
            if task == .cancel, question.form != nil, !namesRequest { return nil }
            if task == .status, question.form != nil {
                return askAgain(question, saying: statusReplies(select(heard, default: unfinishedOrAll, for: .status)))
            }
            var pool = task == .status ? unfinishedOrAll : snapshot.unfinishedRequests
            // Only an exchange has a shipping mode: with an exchange and an order in progress, the exchange is meant.
            if case .changeMode = task, pool.contains(where: { $0.kind == .exchange }) { pool = pool.filter { $0.kind == .exchange } }
            let effects = perform(task, on: select(heard, default: pool, for: task), named: Self.namesByDescription(heard))
            // A request being filled in is set aside for the existing one: said, so that it is not lost silently.
            return question.form == nil ? effects : [.say(Reply("conv.req.form_set_aside"))] + effects
        }
        return nil
    }

    /// What the turn asks about existing requests, if anything.
    private func requestTask(of heard: Interpretation) -> RequestTask? {
        switch heard.act {
        case .cancelRequest?: return .cancel
        case .changeRequest?:
            if heard.slots.model != nil, heard.slots.shippingMode == nil { return .changeModel }
            return .changeMode(heard.slots.shippingMode)
        case nil:
            return heard.intent == .requestStatus ? .status : nil
        case .compareModels?, .cheapest?, .mostExpensive?, .listCordless?, .askFeature?, .askVAT?, .depositPayment?, .readContract?:
            return nil
        }
    }

    private var unfinishedOrAll: [Request] {
        snapshot.unfinishedRequests.isEmpty ? snapshot.requests : snapshot.unfinishedRequests
    }

    // MARK: Which request

    enum Selection {
        case one(Request)
        case several([Request])
        case none
        /// Not a request of this account: missing or another account's, answered the same way.
        case unknownReference(RequestReference)
        case lineNotOnAccount(LineNumber)
    }

    /// The request the customer means: by reference (a position in the list just shown has become one), « celle que
    /// je viens de faire », line or model; else `pool`.
    /// A model names the request (« mon W56P ») unless it is the phone wanted instead (`.changeModel`); a kind
    /// (« mon retour ») names it unless the words belong to a shipping mode (« attendre le retour »).
    func select(_ heard: Interpretation, default pool: [Request], for task: RequestTask) -> Selection {
        let modelNamesRequest = task != .changeModel
        let kindNamesRequest: Bool
        switch task {
        case .status, .cancel: kindNamesRequest = true
        case .changeMode, .changeModel: kindNamesRequest = false
        }
        let slots = heard.slots
        let mine = snapshot.requests
        if let reference = slots.reference {
            return mine.first { $0.reference == reference }.map(Selection.one) ?? .unknownReference(reference)
        }
        if slots.requestPointer == .latest { return mine.last.map(Selection.one) ?? .none }
        var fitting = pool.isEmpty ? mine : pool
        if let line = slots.line {
            guard snapshot.line(line) != nil else { return .lineNotOnAccount(line) }
            fitting = preferUnfinished(mine.filter { $0.line == line })
        } else if let ending = slots.lineEnding {
            let lines = snapshot.lines.filter { $0.number.rawValue.hasSuffix(ending) }.map(\.number)
            fitting = preferUnfinished(mine.filter { lines.contains($0.line) })
        }
        if let kind = slots.requestKind, kindNamesRequest, slots.line == nil, slots.lineEnding == nil {
            let ofKind = fitting.filter { $0.kind == kind }
            fitting = ofKind.isEmpty ? preferUnfinished(mine.filter { $0.kind == kind }) : ofKind
        }
        if let model = slots.model, modelNamesRequest {
            fitting = preferUnfinished(fitting.filter { $0.newModel == model || $0.oldModel == model })
        }
        switch fitting.count {
        case 0: return .none
        case 1: return .one(fitting[0])
        default: return .several(fitting)
        }
    }

    private func preferUnfinished(_ requests: [Request]) -> [Request] {
        let unfinished = requests.filter { !$0.status.isFinished }
        if !unfinished.isEmpty { return unfinished }
        return requests.last.map { [$0] } ?? []
    }

    // MARK: Doing it

    /// `named`: the customer named the request by line, last digits, kind or model (not by reference).
    private mutating func perform(_ task: RequestTask, on selection: Selection, named: Bool = false) -> [Effect] {
        switch selection {
        case .unknownReference(let reference):
            return done([Reply("conv.req.unknown_reference", ["reference": .verbatim(reference.rawValue)])])
        case .lineNotOnAccount(let line):
            return done([phrase(.lineNotOnAccount(line))])
        case .none:
            if snapshot.requests.isEmpty { return done([Reply("conv.status.none")]) }
            // A line, its last digits, a kind or a model that none of the requests in progress has: say so, and list them.
            let inProgress = snapshot.unfinishedRequests
            if task != .status, named, !inProgress.isEmpty {
                return done([Reply("conv.req.no_match", ["requests": .lines(inProgress.map(requestItem))])])
            }
            return done([Reply(task == .status ? "conv.req.none_found" : "conv.req.none_in_progress")])
        case .several(let requests):
            return ask(.whichRequest(task, among: requests.map(\.reference)))
        case .one(let request):
            switch task {
            case .status:
                return done(statusReplies(.one(request)))
            case .cancel:
                switch RequestChanges.cancellation(of: request) {
                case .success: return ask(.requestChangeConfirmation(.cancel(request.reference)))
                case .failure(let refusal): return refuse(refusal, about: request.reference, wanted: .cancel)
                }
            case .changeMode(let mode):
                switch RequestChanges.modeChange(of: request, to: mode, catalog: catalog) {
                case .success(let change): return ask(.requestChangeConfirmation(.changeMode(request.reference, change.to)))
                case .failure(let refusal): return refuse(refusal, about: request.reference, wanted: .changeShippingMode)
                }
            case .changeModel:
                let refusal = RequestChanges.modelChange(of: request)
                guard case .modelChangeNotSelfService = refusal, case .success = RequestChanges.cancellation(of: request) else {
                    return refuse(refusal)
                }
                // The way to another phone: cancel this one while nothing has moved, then ask again.
                return ask(.requestChangeConfirmation(.cancel(request.reference)), saying: [phrase(refusal)])
            }
        }
    }

    /// Whether the customer described the request they mean (line, last digits, kind, model).
    static func namesByDescription(_ heard: Interpretation) -> Bool {
        let slots = heard.slots
        return slots.line != nil || slots.lineEnding != nil || slots.requestKind != nil || slots.model != nil
    }

    /// Says `said`, then asks whether there is anything else.
    private mutating func done(_ said: [Reply]) -> [Effect] {
        ask(.whatToDo(pending: Slots()), saying: said + [Reply("conv.ask.anything_else")], prompting: false)
    }

    /// Why the request cannot be cancelled or changed; when it has moved on, a human is offered.
    private mutating func refuse(_ refusal: ActionRefusal, about reference: RequestReference? = nil, wanted: RequestAction? = nil) -> [Effect] {
        if case .underway = refusal {
            state = .asking(.human(then: .whatToDo(pending: Slots())), misses: 0)
            // Kept for the hand-off if the customer accepts: which request, and what they wanted.
            if let reference, let wanted { agentOffer = (reference, wanted) }
            return say([phrase(refusal), Reply("conv.req.offer_human")])
        }
        return done([phrase(refusal)])
    }

    /// A yes to the summary of a cancellation or change: checked again against the account as it is now.
    mutating func accept(_ change: RequestChangeDraft, slots: Slots) -> [Effect] {
        // Only a plain yes records: one with new values (« oui, mais en T46S ») gets the question again, not the summary.
        guard slots.isEmpty, slots.reference == nil, slots.requestPointer == nil, slots.lineEnding == nil else {
            state = .asking(.requestChangeConfirmation(change), misses: 0)
            return say(changeSummary(change).suffix(1))
        }
        guard let request = snapshot.requests.first(where: { $0.reference == change.reference }) else {
            return done([Reply("conv.req.unknown_reference", ["reference": .verbatim(change.reference.rawValue)])])
        }
        switch change {
        case .cancel:
            if case .failure(let refusal) = RequestChanges.cancellation(of: request) { return refuse(refusal) }
            state = .changing(change)
            return [.cancelRequest(change.reference)]
        case .changeMode(_, let mode):
            if case .failure(let refusal) = RequestChanges.modeChange(of: request, to: mode, catalog: catalog) { return refuse(refusal) }
            state = .changing(change)
            return [.changeMode(change.reference, mode)]
        }
    }

    /// The store wrote the change.
    mutating func changed(_ request: Request) -> [Effect] {
        if let index = snapshot.requests.firstIndex(where: { $0.reference == request.reference }) {
            snapshot.requests[index] = request
        }
        let arguments = changeArguments(request)
        var said: [Reply]
        if request.status == .cancelled {
            said = [Reply("conv.req.cancel.done", arguments)]
            if request.dueNow > .zero { said.append(Reply("conv.req.cancel.done_due", arguments)) }
            if request.oldModel != nil { said.append(Reply("conv.req.cancel.done_keep", arguments)) }
        } else {
            said = [Reply("conv.req.mode.done.\((request.shippingMode ?? .afterReturn).rawValue)", arguments)]
        }
        return done(said)
    }

    /// The lifecycle refused the change at the last moment: why, from the account as it is now.
    mutating func changeRefused(_ reference: RequestReference) -> [Effect] {
        guard let request = snapshot.requests.first(where: { $0.reference == reference }) else {
            return done([Reply("conv.req.unknown_reference", ["reference": .verbatim(reference.rawValue)]), Reply("conv.nothing_written")])
        }
        let refusal = RequestChanges.refusal(of: .cancel, for: request) ?? .underway(reference, request.status)
        return done([phrase(refusal), Reply("conv.nothing_written")])
    }
}

// MARK: - Phrasing

extension Conversation {
    func phrase(_ refusal: ActionRefusal) -> Reply {
        switch refusal {
        case .underway(let reference, let status):
            Reply("conv.req.refusal.underway", ["reference": .verbatim(reference.rawValue), "status": .message(Reply("conv.status_name.\(status.rawValue)"))])
        case .finished(let reference, let status):
            Reply("conv.req.refusal.finished", ["reference": .verbatim(reference.rawValue), "status": .message(Reply("conv.status_name.\(status.rawValue)"))])
        case .notAnExchange(let reference, let kind):
            Reply("conv.req.refusal.not_an_exchange", ["reference": .verbatim(reference.rawValue), "kind": .message(Reply("conv.kind.\(kind.rawValue)"))])
        case .sameMode(let reference, let mode):
            Reply("conv.req.refusal.same_mode", ["reference": .verbatim(reference.rawValue), "mode": .message(Reply("conv.mode.name.\(mode.rawValue)"))])
        case .modelChangeNotSelfService(let reference):
            Reply("conv.req.refusal.model_change", ["reference": .verbatim(reference.rawValue)])
        }
    }

    /// The values every request message may use.
    func changeArguments(_ request: Request) -> [String: ReplyArgument] {
        var arguments: [String: ReplyArgument] = [
            "reference": .verbatim(request.reference.rawValue), "line": .line(request.line),
            "kind": .message(Reply("conv.kind.\(request.kind.rawValue)")),
            "date": .date(request.createdAt), "due": .money(request.dueNow), "refund": .money(request.refundOnReturn),
            "status": .message(Reply("conv.status_name.\(request.status.rawValue)")),
            "hours": .verbatim(String(ExpressShipping.hours)), "days": .verbatim(String(RefundDelay.days)),
        ]
        if let old = request.oldModel { arguments["old"] = .model(old) }
        if let new = request.newModel { arguments["new"] = .model(new) }
        if let mode = request.shippingMode { arguments["mode"] = .message(Reply("conv.mode.name.\(mode.rawValue)")) }
        if let deadline = request.returnDeadline { arguments["deadline"] = .date(deadline.date) }
        return arguments
    }

    /// One line per request, for « lequel ? ».
    func requestItem(_ request: Request) -> Reply {
        Reply("conv.req.item.\(request.kind.rawValue)", changeArguments(request))
    }

    func whichRequestPrompt(_ task: RequestTask, among: [RequestReference]) -> [Reply] {
        let items = among.compactMap { reference in snapshot.requests.first { $0.reference == reference }.map(requestItem) }
        return [Reply(task == .status ? "conv.req.status.several" : "conv.req.which", ["requests": .lines(items)])]
    }

    /// The status of one request (its next steps, with dates, and its history), or a short list to choose from.
    func statusReplies(_ selection: Selection) -> [Reply] {
        switch selection {
        case .one(let request):
            var rows = [Reply("conv.req.title.\(request.kind.rawValue)", changeArguments(request))]
            rows += RequestProgress.steps(for: request).map(stepReply)
            rows.append(Reply("conv.req.history.header"))
            rows.append(Reply("conv.req.history.created", ["date": .date(request.createdAt), "actor": actorReply(request.createdBy)]))
            rows += request.history.map { record in
                Reply("conv.req.history.event", [
                    "date": .date(record.at), "event": .message(eventReply(record)), "actor": actorReply(record.actor),
                ])
            }
            rows.append(Reply("conv.req.manager_path", ["line": .line(request.line)]))
            return [Reply("conv.req.status.detail", ["rows": .lines(rows)])]
        case .several(let requests):
            return whichRequestPrompt(.status, among: requests.map(\.reference))
        case .none:
            return [Reply(snapshot.requests.isEmpty ? "conv.status.none" : "conv.req.none_found")]
        case .unknownReference(let reference):
            return [Reply("conv.req.unknown_reference", ["reference": .verbatim(reference.rawValue)])]
        case .lineNotOnAccount(let line):
            return [phrase(.lineNotOnAccount(line))]
        }
    }

    private func eventReply(_ record: RequestEventRecord) -> Reply {
        if record.event == .shippingModeChanged, let mode = record.shippingMode {
            return Reply("conv.req.event.mode-changed", ["mode": .message(Reply("conv.mode.name.\(mode.rawValue)"))])
        }
        return Reply("conv.req.event.\(record.event.rawValue)")
    }

    private func actorReply(_ actor: Actor) -> ReplyArgument {
        switch actor.channel {
        case .selfService: .message(Reply("conv.req.actor.self_service"))
        case .agent: .message(Reply("conv.req.actor.agent", ["name": .verbatim(actor.name)]))
        }
    }

    private func stepReply(_ step: ProgressStep) -> Reply {
        switch step {
        case .sendOldPhone(let model, let by): Reply("conv.req.step.send_old", ["old": .model(model), "date": .date(by)])
        case .oldPhoneReceived(let model, let on): Reply("conv.req.step.received", ["old": .model(model), "date": .date(on)])
        case .shipAfterReceipt(let model): Reply("conv.req.step.ship_after_receipt", ["new": .model(model)])
        case .shipBy(let model, let by): Reply("conv.req.step.ship_by", ["new": .model(model), "date": .date(by)])
        case .shipOrder(let model): Reply("conv.req.step.ship_order", ["new": .model(model)])
        case .newPhoneShipped(let model, let on): Reply("conv.req.step.shipped", ["new": .model(model), "date": .date(on)])
        case .refundAfterReceipt(let amount): Reply("conv.req.step.refund_after_receipt", ["amount": .money(amount), "days": .verbatim(String(RefundDelay.days))])
        case .refundBy(let amount, let by): Reply("conv.req.step.refund_by", ["amount": .money(amount), "date": .date(by)])
        case .depositKeptIfLate(let amount): Reply("conv.req.step.kept_if_late", ["amount": .money(amount)])
        case .cancelledIfLate: Reply("conv.req.step.cancelled_if_late")
        case .nothingRefunded: Reply("conv.req.step.nothing_refunded")
        case .finished(let status): Reply("conv.req.step.finished", ["status": .message(Reply("conv.status_name.\(status.rawValue)"))])
        }
    }

    /// What the cancellation or change does, and the question whose yes records it.
    func changeSummary(_ change: RequestChangeDraft) -> [Reply] {
        guard let request = snapshot.requests.first(where: { $0.reference == change.reference }) else { return [Reply("conv.ask.what_to_do")] }
        var arguments = changeArguments(request)
        var rows = [Reply("conv.req.summary.request", arguments)]
        switch change {
        case .cancel:
            guard case .success(let cancellation) = RequestChanges.cancellation(of: request) else { return [Reply("conv.ask.what_to_do")] }
            if cancellation.noLongerDue > .zero { rows.append(Reply("conv.req.cancel.row.due", ["amount": .money(cancellation.noLongerDue)])) }
            if cancellation.keepsOldPhone { rows.append(Reply("conv.req.cancel.row.keep", arguments)) }
            if cancellation.refundDropped > .zero { rows.append(Reply("conv.req.cancel.row.refund", ["amount": .money(cancellation.refundDropped)])) }
            if request.kind != .return, let new = request.newModel { rows.append(Reply("conv.req.cancel.row.no_new", ["new": .model(new)])) }
            return [Reply("conv.req.cancel.summary", ["rows": .lines(rows)]), Reply("conv.req.cancel.question", arguments)]
        case .changeMode(_, let mode):
            guard case .success(let modeChange) = RequestChanges.modeChange(of: request, to: mode, catalog: catalog) else { return [Reply("conv.ask.what_to_do")] }
            arguments["to"] = .message(Reply("conv.mode.name.\(mode.rawValue)"))
            arguments["due_before"] = .money(modeChange.before.dueNow)
            arguments["due_after"] = .money(modeChange.after.dueNow)
            arguments["refund_before"] = .money(modeChange.before.refundOnReturn)
            arguments["refund_after"] = .money(modeChange.after.refundOnReturn)
            arguments["extra"] = .money(modeChange.extraDue)
            arguments["reduction"] = .money(modeChange.dueReduction)
            rows.append(Reply("conv.req.mode.row.mode", arguments))
            rows.append(Reply("conv.req.mode.row.ship.\(mode.rawValue)", arguments))
            if modeChange.extraDue > .zero {
                rows.append(Reply("conv.req.mode.row.due_more", arguments))
            } else if modeChange.dueReduction > .zero {
                rows.append(Reply("conv.req.mode.row.due_less", arguments))
            } else {
                rows.append(Reply("conv.req.mode.row.due_same", arguments))
            }
            rows.append(Reply("conv.req.mode.row.refund", arguments))
            rows.append(Reply("conv.req.mode.row.deadline", arguments))
            return [Reply("conv.req.mode.summary", ["rows": .lines(rows)]), Reply("conv.req.mode.question", arguments)]
        }
    }
}
