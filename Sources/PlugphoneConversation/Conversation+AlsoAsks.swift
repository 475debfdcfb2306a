import Foundation
import PlugphoneDomain
import PlugphoneUnderstanding

/// Issue 10, item 7: a long message that asks its own questions on the way (« je voudrais un sans-fil, c'est
/// combien ? et ça prend combien de temps ? ») keeps its values, and its questions are answered in the same reply,
/// just before the next question of the request.
extension Conversation {
    mutating func answering(_ heard: Interpretation, _ go: (inout Conversation) -> [Effect]) -> [Effect] {
        var effects = go(&self)
        guard !heard.alsoAsks.isEmpty, case .asking(let question, _) = state else { return effects }
        var said: [Reply] = []
        for intent in heard.alsoAsks { said += sideAnswer(intent, slots: heard.slots, question: question) }
        guard !said.isEmpty else { return effects }
        // Before the question now pending (the last thing said), after what the turn noted.
        let at = effects.lastIndex { if case .say = $0 { true } else { false } } ?? effects.endIndex
        effects.insert(contentsOf: said.map(Effect.say), at: at)
        return effects
    }
}
