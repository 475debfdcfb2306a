import Foundation
import PlugphoneDomain
import PlugphoneUnderstanding

/// Issue 10, item 8: product and commercial questions answered from the catalogue's data — a comparison, the cheapest
/// or dearest model (overall or of a kind), the cordless ones, a feature of a model, HT or TTC, how the deposit is
/// paid, the contract's text. The answer is never « C'est noté »: nothing is chosen, and the pending question comes
/// back after it.
extension Conversation {
    /// The answer to the turn's product question, or nil when it asks none.
    mutating func productAnswer(_ heard: Interpretation, question: Question) -> [Reply]? {
        guard let act = heard.act, act.productIntent != nil else { return nil }
        let slots = heard.slots
        let named = slots.model.map { [$0] } ?? slots.modelCandidates
        switch act {
        case .compareModels:
            let ids = named.count >= 2 ? named : catalog.orderable.map(\.id)
            aside = .models(ids)
            return [Reply("product.compare", ["models": .lines(ids.compactMap { comparisonRow($0) })])]
                + cheapestOf(ids).map { [Reply("product.compare.cheapest", ["model": .model($0.id), "deposit": .money($0.deposit)])] }.orEmpty
        case .cheapest, .mostExpensive:
            // The extractor already picked within the kind or brand said (« le sans-fil le moins cher »); otherwise the
            // whole orderable catalogue.
            let pool = named.isEmpty ? catalog.orderable.map(\.id) : named
            let models = pool.compactMap { catalog[$0] }
            let pick = act == .cheapest ? models.min { $0.deposit < $1.deposit } : models.max { $0.deposit < $1.deposit }
            guard let model = pick else { return catalogAnswer() }
            aside = .models([model.id])
            return [Reply(act == .cheapest ? "product.cheapest" : "product.most_expensive", [
                "model": .model(model.id), "description": .modelDescription(model.id),
                "deposit": .money(model.deposit), "deposit_ttc": .moneyIncludingVAT(model.deposit),
            ])]
        case .listCordless:
            let cordless = catalog.orderable.filter { $0.kind == .dect }
            aside = .models(cordless.map(\.id))
            return [Reply("product.cordless", ["models": .lines(cordless.compactMap { comparisonRow($0.id) })])]
        case .askFeature:
            guard let id = slots.model, let model = catalog[id], let feature = slots.feature else { return namedModelsAnswer(named) }
            aside = .models([id])
            let has: Bool
            let name: Reply
            switch feature {
            case "dect": has = model.kind == .dect; name = Reply("kind.dect")
            case "corded": has = model.kind == .desk; name = Reply("feature.corded")
            default: has = model.features.contains(feature); name = Reply("feature.\(feature)")
            }
            return [Reply(has ? "product.feature.yes" : "product.feature.no", [
                "model": .model(id), "feature": .message(name), "description": .modelDescription(id),
            ])]
        case .askVAT:
            var said = [Reply("product.vat", ["rate": .vatRate])]
            if let id = slots.model ?? question.form?.model, let model = catalog[id] {
                said.append(Reply("product.vat.model", [
                    "model": .model(id), "deposit": .money(model.deposit), "deposit_ttc": .moneyIncludingVAT(model.deposit),
                ]))
            }
            return said
        case .depositPayment:
            var said = [Reply("product.deposit_payment", ["refund_days": .verbatim(String(RefundDelay.days))])]
            if let draft = question.form?.draft, case .success(let approved) = Rules.approve(draft, contractAccepted: true, in: snapshot) {
                said.append(Reply("conv.info.deposit_current", ["due": .money(approved.quote.dueNow), "refund": .money(approved.quote.refundOnReturn)]))
            }
            return said
        case .readContract:
            return [Reply("product.contract", [
                "return_days": .verbatim(String(ReturnDeadline.days)), "refund_days": .verbatim(String(RefundDelay.days)),
                "rate": .vatRate,
            ])]
        case .cancelRequest, .changeRequest:
            return nil
        }
    }

    /// One model, for a comparison: name, what it is, deposit HT and TTC.
    func comparisonRow(_ id: PhoneModelID) -> Reply? {
        guard let model = catalog[id] else { return nil }
        return Reply("product.row", [
            "model": .model(id), "description": .modelDescription(id),
            "deposit": .money(model.deposit), "deposit_ttc": .moneyIncludingVAT(model.deposit),
        ])
    }

    private func cheapestOf(_ ids: [PhoneModelID]) -> PhoneModel? {
        let models = ids.compactMap { catalog[$0] }
        guard models.count >= 2 else { return nil }
        return models.min { $0.deposit < $1.deposit }
    }
}

extension Optional where Wrapped == [Reply] {
    fileprivate var orEmpty: [Reply] { self ?? [] }
}
