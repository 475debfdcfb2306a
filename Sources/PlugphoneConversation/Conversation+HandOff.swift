import PlugphoneDomain

// MARK: - The hand-off queue

extension Conversation {
    /// The hand-off is in the agents' queue: the customer is told the case number. The conversation has ended.
    mutating func caseOpened(_ number: Int) -> [Effect] {
        guard case .ended = state else { return [] }
        return say([Reply("desk.case_opened", ["number": .verbatim(String(number))])])
    }

    /// Agent mode: the caller asks for a supervisor or a human (or is not understood three times). The agent is the
    /// human: the assistant says how to transfer the call, and the session goes on where it was.
    mutating func transferGuidance(_ question: Question, reason: HandOff.Reason) -> [Effect] {
        let said = Reply(reason == .asked ? "desk.transfer.asked" : "desk.transfer.not_understood")
        return askAgain(question.underlying, saying: [said])
    }
}
