import Foundation
import Testing

/// Requests after they are made, through the real binary: a customer cancels in `chat`, the back office records
/// what it saw, and `requests` shows who did what (docs/reference.md §3 `events`, `actor`, `channel`).
struct RequestHistoryCommandTests {
    func jsonArray(_ text: String) throws -> [[String: Any]] {
        try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
    }

    @Test func theHistorySaysWhoDidWhatAndThroughWhichChannel() throws {
        let scratch = try Scratch()
        let db = scratch.path("demo.sqlite")
        #expect(try PlugphoneProcess.run(["init", "--demo", "--db", db]).status == 0)
        // The customer switches the demo exchange to express, then the back office ships it.
        let chat = try PlugphoneProcess.run(["chat", "--db", db], stdin: "je ne peux pas attendre, envoyez-le tout de suite\noui\n",
                                            environment: ["PLUGPHONE_NOW": "2026-11-28T11:00:00Z"])
        #expect(chat.status == 0)
        #expect(chat.stdout.contains("l'échange RMA-000001 passe en express."))
        #expect(try PlugphoneProcess.run(["advance", "RMA-000001", "shipped", "--at", "2026-11-29T09:00:00Z", "--db", db]).status == 0)

        let requests = try jsonArray(try PlugphoneProcess.run(["requests", "--json", "--db", db]).stdout)
        let request = try #require(requests.first)
        #expect(request["status"] as? String == "shipped")
        #expect(request["shipping_mode"] as? String == "express_48h")
        #expect(request["due_now_cents"] as? Int == 8000 && request["refund_on_return_cents"] as? Int == 5000)
        #expect(request["actor"] as? String == "ab12345-ovh" && request["channel"] as? String == "self_service")
        let events = try #require(request["events"] as? [[String: Any]])
        #expect(events.map { $0["event"] as? String } == ["mode-changed", "shipped"])
        #expect(events.map { $0["status"] as? String } == ["open", "shipped"])
        #expect(events.map { $0["at"] as? String } == ["2026-11-28T11:00:00Z", "2026-11-29T09:00:00Z"])
        #expect(events.map { $0["actor"] as? String } == ["ab12345-ovh", "back-office"])
        #expect(events.map { $0["channel"] as? String } == ["self_service", "agent"])
        #expect(events[0]["shipping_mode"] as? String == "express_48h" && events[0]["due_now_cents"] as? Int == 8000)
        #expect(events[1]["shipping_mode"] == nil)

        // Shipped: cancelling is refused, and nothing is written.
        let late = try PlugphoneProcess.run(["chat", "--db", db], stdin: "annuler RMA-000001\n")
        #expect(late.stdout.contains("ne peut plus être annulée ni modifiée en libre-service"))
        #expect(try jsonArray(try PlugphoneProcess.run(["requests", "--json", "--db", db]).stdout).first?["status"] as? String == "shipped")

        let table = try PlugphoneProcess.run(["requests", "--db", db]).stdout
        #expect(table.contains("Créée par") && table.contains("Historique"))
        #expect(table.contains("ab12345-ovh (libre-service)") && table.contains("nouveau téléphone expédié par back-office (conseiller)"))
        let english = try PlugphoneProcess.run(["requests", "--lang", "en", "--db", db]).stdout
        #expect(english.contains("Created by") && english.contains("shipping mode changed by ab12345-ovh (self-service)"))
    }

    @Test func aModeChangeIsNotABackOfficeEvent() throws {
        let scratch = try Scratch()
        let db = scratch.path("demo.sqlite")
        #expect(try PlugphoneProcess.run(["init", "--demo", "--db", db]).status == 0)
        let outcome = try PlugphoneProcess.run(["advance", "RMA-000001", "mode-changed", "--db", db])
        #expect(outcome.status == 2)
    }

    @Test func anotherAccountCannotCancelTheDemoRequest() throws {
        let scratch = try Scratch()
        let db = scratch.path("demo.sqlite")
        #expect(try PlugphoneProcess.run(["init", "--demo", "--db", db]).status == 0)
        let outcome = try PlugphoneProcess.run(["chat", "--account", "cd67890-ovh", "--db", db], stdin: "annuler ma demande RMA-000001\noui\n")
        #expect(outcome.stdout.contains("Je ne trouve pas de demande RMA-000001 sur votre compte."))
        #expect(try jsonArray(try PlugphoneProcess.run(["requests", "--json", "--db", db]).stdout).first?["status"] as? String == "awaiting_return")
    }
}
