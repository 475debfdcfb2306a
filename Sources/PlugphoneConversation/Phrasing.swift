import Foundation
import PlugphoneDomain
import PlugphoneUnderstanding

/// What the conversation says, as message keys and arguments: questions, refusals, the summary,
/// confirmations and side answers. The words themselves live in `messages-conversation.yaml`.
extension Conversation {
    // MARK: Questions

    /// The question as asked, with what the customer needs to answer it.
    func prompt(_ question: Question) -> [Reply] {
        switch question {
        case .whatToDo:
            return [Reply("conv.ask.what_to_do")]
        case .line(let form, let proposed?):
            return [Reply("conv.ask.line.proposal.\(form.kind.rawValue)", ["line": .line(proposed), "phone": phone(on: proposed)])]
        case .line(let form, nil):
            let items = Rules.eligibleLines(for: form.kind, in: snapshot).map(lineItem)
            return [Reply("conv.ask.line.list.\(form.kind.rawValue)", ["lines": .lines(items)])]
        case .model(let form, let among):
            if !among.isEmpty { return [Reply("conv.ask.model.among", ["models": .alternatives(among.map(ReplyArgument.model))])] }
            return [modelQuestion(form)]
        case .shippingMode(let form):
            return [modeQuestion(form)]
        case .confirmation(let form):
            return summary(form)
        case .amendment:
            return [Reply("conv.ask.amendment")]
        case .switchKind(let form, let kind):
            return [Reply("conv.ask.switch.\(kind.rawValue)", ["line": form.line.map(ReplyArgument.line) ?? .verbatim("")])]
        case .guess(let intent, _, _):
            return [Reply("conv.ask.guess", ["what": .message(Reply("conv.intent.\(intent.rawValue)"))])]
        case .human:
            return [Reply("conv.ask.human")]
        case .whichRequest(let task, let among):
            return whichRequestPrompt(task, among: among)
        case .requestChangeConfirmation(let change):
            return changeSummary(change)
        }
    }

    func lineItem(_ line: Line) -> Reply {
        Reply("conv.item.line", ["line": .line(line.number), "phone": phone(on: line.number)])
    }

    /// The phone on a line of the account, or "no phone".
    func phone(on number: LineNumber) -> ReplyArgument {
        if let id = snapshot.line(number)?.phone { return .model(id) }
        return .message(Reply("conv.phone.none"))
    }

    /// The orderable models with their deposits; for an exchange, what each would cost now.
    func modelQuestion(_ form: Form) -> Reply {
        let current = form.line.flatMap { snapshot.line($0)?.phone }
        let offered = offeredModels(form)
        guard form.kind == .exchange, let oldID = current, let old = catalog[oldID] else {
            let items = offered.map { Reply("conv.item.model", ["model": .model($0.id), "description": .modelDescription($0.id), "deposit": .money($0.deposit)]) }
            return Reply("conv.ask.model.order", ["models": .lines(items)])
        }
        let express = form.mode == .express48h
        let items = offered.map { new -> Reply in
            var arguments: [String: ReplyArgument] = ["model": .model(new.id), "description": .modelDescription(new.id), "deposit": .money(new.deposit)]
            if express { return Reply("conv.item.model_exchange.express", arguments) }
            let quote = Quote.exchange(from: old, to: new, mode: .afterReturn)
            if quote.dueNow > .zero {
                arguments["amount"] = .money(quote.dueNow)
                return Reply("conv.item.model_exchange.pay", arguments)
            }
            if quote.refundOnReturn > .zero {
                arguments["amount"] = .money(quote.refundOnReturn)
                return Reply("conv.item.model_exchange.refund", arguments)
            }
            return Reply("conv.item.model_exchange.even", arguments)
        }
        return Reply(express ? "conv.ask.model.exchange_express" : "conv.ask.model.exchange",
                     ["old": .model(old.id), "old_deposit": .money(old.deposit), "models": .lines(items)])
    }

    /// The models the model question lists, in its order: the orderable ones but the line's current phone.
    func offeredModels(_ form: Form) -> [PhoneModel] {
        let current = form.line.flatMap { snapshot.line($0)?.phone }
        return catalog.orderable.filter { $0.id != current }
    }

    /// Both shipping modes, with this exchange's amounts.
    func modeQuestion(_ form: Form) -> Reply {
        guard let number = form.line, let oldID = snapshot.line(number)?.phone, let old = catalog[oldID],
              let newID = form.model, let new = catalog[newID] else { return Reply("conv.ask.mode_short") }
        let after = Quote.exchange(from: old, to: new, mode: .afterReturn)
        let express = Quote.exchange(from: old, to: new, mode: .express48h)
        let afterCost: Reply
        if after.dueNow > .zero {
            afterCost = Reply("conv.mode.after.pay", ["amount": .money(after.dueNow)])
        } else if after.refundOnReturn > .zero {
            afterCost = Reply("conv.mode.after.refund", ["amount": .money(after.refundOnReturn)])
        } else {
            afterCost = Reply("conv.mode.after.even")
        }
        return Reply("conv.ask.mode", [
            "old": .model(old.id), "new": .model(new.id), "after_cost": .message(afterCost),
            "express_due": .money(express.dueNow), "express_refund": .money(express.refundOnReturn),
            "hours": .verbatim(String(ExpressShipping.hours)),
        ])
    }

    /// The name a reprompt key takes for a question.
    func repromptArguments(_ question: Question) -> [String: ReplyArgument] {
        switch question {
        case .line(_, let proposed?): ["line": .line(proposed)]
        case .model(_, let among) where !among.isEmpty: ["models": .alternatives(among.map(ReplyArgument.model))]
        case .switchKind(let form, _): ["line": form.line.map(ReplyArgument.line) ?? .verbatim("")]
        case .guess(let intent, _, _): ["what": .message(Reply("conv.intent.\(intent.rawValue)"))]
        default: [:]
        }
    }

    // MARK: Refusals

    func phrase(_ refusal: Refusal) -> Reply {
        switch refusal {
        case .lineNotOnAccount(let line):
            Reply("conv.refusal.line_not_on_account", ["line": .line(line)])
        case .lineAlreadyHasPhone(let line, let current):
            Reply("conv.refusal.line_already_has_phone", ["line": .line(line), "phone": .model(current)])
        case .lineHasNoPhone(let line):
            Reply("conv.refusal.line_has_no_phone", ["line": .line(line)])
        case .requestInProgress(let line, let reference):
            Reply("conv.refusal.request_in_progress", ["line": .line(line), "reference": .verbatim(reference.rawValue)])
        case .sameModel(_, let model):
            Reply("conv.refusal.same_model", ["model": .model(model)])
        case .unknownModel(let model):
            Reply("conv.refusal.unknown_model", ["model": .verbatim(model.rawValue)])
        case .modelNotOrderable(let model):
            Reply("conv.refusal.model_not_orderable", ["model": .model(model)])
        case .contractNotAccepted:
            Reply("conv.refusal.contract_not_accepted")
        case .termsChanged:
            Reply("conv.refusal.terms_changed")
        case .lineBusy(let line):
            Reply("conv.refusal.line_busy", ["line": .line(line)])
        }
    }

    // MARK: Summary and confirmation

    /// The one summary, and the one question that accepts the contract and validates.
    func summary(_ form: Form) -> [Reply] {
        guard let draft = form.draft, case .success(let approved) = Rules.approve(draft, contractAccepted: true, in: snapshot) else {
            return [Reply("conv.ask.what_to_do")]
        }
        var rows: [Reply] = [
            Reply("conv.summary.kind", ["kind": .message(Reply("conv.kind.\(form.kind.rawValue)"))]),
            Reply("conv.summary.line", ["line": .line(draft.line)]),
        ]
        rows.append(approved.oldModel.map { Reply("conv.summary.current_phone", ["model": .model($0)]) } ?? Reply("conv.summary.current_phone_none"))
        if let new = approved.newModel { rows.append(Reply("conv.summary.new_phone", ["model": .model(new)])) }
        let old: ReplyArgument = approved.oldModel.map(ReplyArgument.model) ?? .verbatim("")
        if let mode = approved.shippingMode {
            rows.append(Reply("conv.summary.mode.\(mode.rawValue)", ["old": old, "hours": .verbatim(String(ExpressShipping.hours))]))
        }
        rows.append(Reply("conv.summary.due_now", ["amount": .money(approved.quote.dueNow)]))
        if approved.oldModel != nil {
            if approved.quote.refundOnReturn > .zero {
                rows.append(Reply("conv.summary.refund", ["amount": .money(approved.quote.refundOnReturn), "old": old, "days": .verbatim(String(RefundDelay.days))]))
            } else {
                rows.append(Reply("conv.summary.refund_none"))
            }
            rows.append(Reply("conv.summary.deadline", [
                "old": old, "date": .date(ReturnDeadline(requestedAt: now).date), "days": .verbatim(String(ReturnDeadline.days)),
            ]))
        }
        return [Reply("conv.summary.header", ["rows": .lines(rows)]), Reply("conv.summary.question")]
    }

    /// Said only once the store has written the request.
    func confirmation(of request: Request) -> [Reply] {
        var arguments: [String: ReplyArgument] = [
            "reference": .verbatim(request.reference.rawValue),
            "line": .line(request.line),
            "due": .money(request.dueNow),
            "refund": .money(request.refundOnReturn),
            "refund_days": .verbatim(String(RefundDelay.days)),
            "hours": .verbatim(String(ExpressShipping.hours)),
        ]
        if let old = request.oldModel { arguments["old"] = .model(old) }
        if let new = request.newModel { arguments["new"] = .model(new) }
        if let deadline = request.returnDeadline { arguments["deadline"] = .date(deadline.date) }
        var said: [Reply]
        switch request.kind {
        case .order:
            said = [Reply("conv.done.order", arguments)]
        case .exchange:
            said = [Reply("conv.done.exchange.\((request.shippingMode ?? .afterReturn).rawValue)", arguments)]
        case .return:
            said = [Reply("conv.done.return", arguments), Reply("conv.done.return_line_stays", arguments)]
        }
        if request.dueNow > .zero { said.append(Reply("conv.done.due", arguments)) }
        if request.refundOnReturn > .zero { said.append(Reply("conv.done.refund", arguments)) }
        return said
    }

    // MARK: Side answers

    func depositAnswer(slots: Slots, form: Form?) -> [Reply] {
        if let id = slots.model, let model = catalog[id] {
            return [Reply(model.orderable ? "conv.info.deposit_model" : "conv.info.deposit_model_not_sold", ["model": .model(id), "deposit": .money(model.deposit)])]
        }
        var said = [Reply("conv.info.deposit_general", [
            "return_days": .verbatim(String(ReturnDeadline.days)), "refund_days": .verbatim(String(RefundDelay.days)),
        ])]
        if let draft = form?.draft, case .success(let approved) = Rules.approve(draft, contractAccepted: true, in: snapshot) {
            said.append(Reply("conv.info.deposit_current", ["due": .money(approved.quote.dueNow), "refund": .money(approved.quote.refundOnReturn)]))
        }
        return said
    }

    func catalogAnswer() -> [Reply] {
        let items = catalog.orderable.map { Reply("conv.item.model", ["model": .model($0.id), "description": .modelDescription($0.id), "deposit": .money($0.deposit)]) }
        return [Reply("conv.info.catalog", ["models": .lines(items)])]
    }

    /// Where the account's requests stand: the one in progress in detail, or the list to choose from.
    func statusAnswer() -> [Reply] {
        let unfinished = snapshot.unfinishedRequests
        switch unfinished.count {
        case 0: return statusReplies(.none)
        case 1: return statusReplies(.one(unfinished[0]))
        default: return statusReplies(.several(unfinished))
        }
    }

    // MARK: Hand-off

    /// What the agent reads: account, request so far, where it stopped and why.
    func handOffLines(_ handOff: HandOff) -> [Reply] {
        var rows = [Reply("conv.handoff.account", ["account": .verbatim(handOff.account.rawValue)])]
        if let form = handOff.form {
            rows.append(Reply("conv.handoff.request", ["kind": .message(Reply("conv.kind.\(form.kind.rawValue)"))]))
            if let line = form.line { rows.append(Reply("conv.handoff.line", ["line": .line(line), "phone": phone(on: line)])) }
            if let model = form.model { rows.append(Reply("conv.handoff.new_phone", ["model": .model(model)])) }
            if let mode = form.mode { rows.append(Reply("conv.handoff.mode", ["mode": .message(Reply("conv.mode.name.\(mode.rawValue)"))])) }
        } else if let reference = handOff.request {
            rows.append(Reply("conv.handoff.existing_request", ["reference": .verbatim(reference.rawValue)]))
        } else {
            rows.append(Reply("conv.handoff.no_request"))
        }
        if let wanted = handOff.wanted { rows.append(Reply("conv.handoff.wanted.\(wanted.rawValue)")) }
        rows.append(Reply("conv.handoff.step", ["step": .message(Reply("conv.step.\(handOff.step)"))]))
        rows.append(Reply("conv.handoff.reason.\(handOff.reason.rawValue)"))
        rows.append(Reply("conv.handoff.nothing_written"))
        return [Reply("conv.handoff.summary", ["rows": .lines(rows)])]
    }
}

extension Question {
    /// The message-key segment for reprompts of this question.
    var key: String {
        switch self {
        case .whatToDo: "what_to_do"
        case .line(_, let proposed): proposed == nil ? "line" : "line_proposal"
        case .model(_, let among): among.isEmpty ? "model" : "model_among"
        case .shippingMode: "mode"
        case .confirmation: "confirmation"
        case .amendment: "amendment"
        case .switchKind(_, let kind): "switch.\(kind.rawValue)"
        case .guess: "guess"
        case .human: "human"
        case .whichRequest: "which_request"
        case .requestChangeConfirmation: "request_change_confirmation"
        }
    }
}
