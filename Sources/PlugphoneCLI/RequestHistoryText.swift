import PlugphoneDomain
import PlugphoneLocalization

/// The `requests` table's columns for who made a request and what happened to it since.
enum RequestHistoryText {
    /// `ab12345-ovh (libre-service)`.
    static func actor(_ actor: Actor, messages: Messages) -> String {
        messages.text("table.actor", ["actor": actor.name, "channel": messages.text("table.channel.\(actor.channel.rawValue)")])
    }

    /// One entry per event, oldest first: `28 novembre 2026 annulée par ab12345-ovh (libre-service)`; `—` when none.
    static func events(_ request: Request, pack: LanguagePack) -> String {
        let m = pack.messages
        guard !request.history.isEmpty else { return m.text("table.none") }
        return request.history.map { record in
            m.text("table.event", [
                "date": pack.format.date(record.at), "event": m.text("event.\(record.event.rawValue)"), "actor": actor(record.actor, messages: m),
            ])
        }.joined(separator: "; ")
    }
}
