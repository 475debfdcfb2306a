extension Conversation.State {
    /// Every value `name` can take, for `state:` in a transcript: a name not listed here is a malformed line.
    /// Keep it in step with `Question.name` and `Conversation.State.name`.
    public static let allNames: [String] = [
        "not_started", "committing", "changing_request", "ended",
        "what_to_do", "awaiting_line", "awaiting_model", "awaiting_shipping_mode", "awaiting_confirmation", "amending",
        "offering_other_request", "confirming_guess", "offering_agent", "awaiting_request_choice",
        "awaiting_request_change_confirmation",
    ]
}
