import PlugphoneDomain
import PlugphoneUnderstanding

/// Issue 10, item 3: a model that is not in the catalogue (« un T48S », « le yealink t99 ») is never replaced by a
/// close one. The reply says it is not in the catalogue and names the closest models; the rest of the turn is heard as
/// usual, without a model, so the pending question (or the model question) comes back and nothing is chosen.
extension Conversation {
    mutating func notInCatalogue(_ code: String, heard: Interpretation, question: Question, misses: Int, noted: [Field]) -> [Effect] {
        var rest = heard
        rest.slots.unknownModel = nil
        // « le yealink t99 »: the brand's models follow as the choice; otherwise the nearest codes are named.
        let said = rest.slots.modelCandidates.isEmpty
            ? Reply("conv.model.not_in_catalogue", ["model": .verbatim(code), "closest": .alternatives(Self.closest(to: code, in: catalog).map { .model($0) })])
            : Reply("conv.model.not_in_catalogue_brand", ["model": .verbatim(code)])
        // Nothing else was said (« un T48S »), or nothing else that asks for something: the same question again.
        if rest.slots.isEmpty, [.inform, .outOfScope, .affirm, .deny].contains(rest.intent) {
            return askAgain(question, saying: [said])
        }
        return [.say(said)] + hear(rest, question: question, misses: misses, noted: noted)
    }

    /// The orderable models whose code is nearest to `code` (edit distance on the name without the brand): the best
    /// ones, at most three.
    static func closest(to code: String, in catalog: Catalog) -> [PhoneModelID] {
        let target = Array(code.lowercased().utf8)
        let scored = catalog.models.filter(\.orderable).map { model -> (PhoneModelID, Int) in
            var name = model.name.lowercased()
            let brand = model.brand.lowercased()
            if name.hasPrefix(brand) { name.removeFirst(brand.count) }
            let compact = Array(name.utf8.filter { $0 != 0x20 })
            return (model.id, distance(target, compact))
        }
        guard let best = scored.map(\.1).min() else { return [] }
        // Within one edit of the best, so that « T48S » offers the T41S and the T46S alike.
        return Array(scored.filter { $0.1 <= best + 1 }.sorted { $0.1 < $1.1 }.prefix(3).map(\.0))
    }

    /// Levenshtein distance between two byte strings (codes are a few bytes long).
    static func distance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}

/// Issue 10, items 2 and 8: a question about named models (« le T54W a le bluetooth ? ») or a hesitation between
/// them (« j'hésite entre le T46S et le W56P ») is answered with those models only, side by side: what each is and
/// its deposit, from the catalogue data. Nothing is chosen.
extension Conversation {
    func namedModelsAnswer(_ ids: [PhoneModelID]) -> [Reply] {
        let items = ids.compactMap { catalog[$0] }.map {
            Reply("conv.item.model", ["model": .model($0.id), "description": .modelDescription($0.id), "deposit": .money($0.deposit)])
        }
        return [Reply(items.count > 1 ? "conv.info.models_named" : "conv.info.model_named", ["models": .lines(items)])]
    }
}

/// Issue 10, item 5: « 09 72 10 10 1 » is one digit short: said so, the number as heard, and the question again;
/// the rest of the turn (a model, a mode) is heard as usual.
extension Conversation {
    mutating func digitMissing(_ digits: String, heard: Interpretation, question: Question, misses: Int, noted: [Field]) -> [Effect] {
        var rest = heard
        rest.slots.incompleteLine = nil
        let said = Reply("conv.line.digit_missing", ["digits": .verbatim(digits)])
        if rest.slots.isEmpty, [.inform, .outOfScope, .affirm, .deny].contains(rest.intent) {
            return askAgain(question, saying: [said])
        }
        return [.say(said)] + hear(rest, question: question, misses: misses, noted: noted)
    }
}
