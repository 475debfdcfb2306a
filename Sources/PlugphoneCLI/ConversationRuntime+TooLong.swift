import Foundation
import PlugphoneConversation

extension ConversationRuntime {
    /// A line too long to be read: answered with `reply`, logged as not understood (its first characters only),
    /// the conversation's state unchanged.
    func tooLong(_ text: String, reply: String) -> Turn {
        var turn = Turn(language: conversation.language)
        turn.user = String(text.prefix(SessionLogger.tooLongKept))
        turn.text = reply
        turn.state = conversation.state.name
        log?.recordTooLong(text, language: conversation.language, state: conversation.state, at: Clock.now())
        return turn
    }
}
