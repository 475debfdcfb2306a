import Foundation
import PlugphoneDomain
import PlugphoneUnderstanding

/// Issue 10, item 5: « le 10 », « la 12 », « celle qui finit par 11 », "the one ending in 11" name one of the
/// account's lines by its last digits (`line_ending`, the slot the requests feature reads for « la ligne 12 »).
extension Conversation {
    /// For a new request or an answer, the one account line ending with the digits becomes the turn's line. About a
    /// request already made (a status, a cancellation, a change), the digits stay for `Conversation+ExistingRequests`;
    /// digits that end no line, or several, stay unresolved.
    func resolveLineEnding(_ heard: inout Interpretation) {
        guard heard.slots.line == nil, let ending = heard.slots.lineEnding, heard.act == nil, heard.slots.reference == nil,
              ![.requestStatus, .cancel].contains(heard.intent) else { return }
        let matching = snapshot.lines.filter { $0.account == account && $0.number.rawValue.hasSuffix(ending) }
        guard matching.count == 1 else { return }
        heard.slots.line = matching[0].number
        heard.slots.lineEnding = nil
    }
}
