import Foundation
import Testing

/// The hand-off queue through the built binary: customers' conversations open cases, `queue` lists them, and agents
/// in several processes claim them, each exactly once.
struct HandOffQueueTests {
    static func json(_ text: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) }

    @Test func askingForAnAgentOpensACaseWithTheDraftAndTheLastTurns() throws {
        let scratch = try Scratch()
        let db = scratch.path("queue.sqlite")
        #expect(try PlugphoneProcess.run(["init", "--demo", "--db", db]).status == 0)
        let chat = try PlugphoneProcess.run(["chat", "--db", db], stdin: "échanger mon téléphone contre un T46S\noui\nje veux parler à un conseiller\n")
        #expect(chat.status == 0)
        #expect(chat.stdout.contains("le dossier n° 1 est ouvert"))
        let listed = try PlugphoneProcess.run(["queue", "--json", "--db", db])
        #expect(listed.status == 0)
        let cases = try #require(try Self.json(listed.stdout) as? [[String: Any]])
        #expect(cases.count == 1)
        let first = try #require(cases.first)
        #expect(first["case"] as? Int == 1)
        #expect(first["account"] as? String == "ab12345-ovh")
        #expect(first["lang"] as? String == "fr")
        #expect(first["reason"] as? String == "asked")
        #expect(first["status"] as? String == "waiting")
        #expect(first["opened_at"] as? String == "2026-11-28T10:00:00Z")
        let draft = try #require(first["draft"] as? [String: Any])
        #expect(draft["kind"] as? String == "exchange")
        #expect(draft["line"] as? String == "+33972101011")
        #expect(draft["new_model"] as? String == "yealink.t46s")
        #expect(draft["step"] as? String == "awaiting_shipping_mode")
        let turns = try #require(first["turns"] as? [[String: Any]])
        #expect(turns.map { $0["user"] as? String } == ["", "échanger mon téléphone contre un T46S", "oui", "je veux parler à un conseiller"])
        #expect((turns.last?["bot"] as? String)?.contains("Je vous passe un conseiller") == true)
        // The table, in French.
        let table = try PlugphoneProcess.run(["queue", "--db", db])
        #expect(table.stdout.contains("a demandé un conseiller") && table.stdout.contains("échange"))
    }

    /// 12 cases opened by customers at once, then 6 agents' processes claiming concurrently until the queue is
    /// empty: every case claimed exactly once.
    @Test func agentsInSeveralProcessesClaimEachCaseExactlyOnce() throws {
        let scratch = try Scratch()
        let db = scratch.path("claims.sqlite")
        #expect(try PlugphoneProcess.run(["init", "--demo", "--db", db]).status == 0)
        let environment = ["PLUGPHONE_BUSY_TIMEOUT": "20"]
        let opened = Outcomes()
        DispatchQueue.concurrentPerform(iterations: 12) { i in
            let script = i.isMultiple(of: 2) ? "je veux parler à un conseiller\n" : "retourner mon téléphone\nje veux parler à un humain\n"
            let account = i.isMultiple(of: 3) ? "cd67890-ovh" : "ab12345-ovh"
            opened.add((try? PlugphoneProcess.run(["chat", "--db", db, "--account", account], stdin: script, environment: environment).status) ?? -1)
        }
        #expect(opened.statuses == Array(repeating: 0, count: 12))
        let waiting = try #require(try Self.json(PlugphoneProcess.run(["queue", "--json", "--db", db]).stdout) as? [[String: Any]])
        #expect(waiting.count == 12)

        let claims = Outcomes()
        DispatchQueue.concurrentPerform(iterations: 6) { agent in
            while true {
                guard let outcome = try? PlugphoneProcess.run(["queue", "--claim", "--json", "--agent-id", "agent-\(agent)", "--db", db], environment: environment),
                      outcome.status == 0, let parsed = try? Self.json(outcome.stdout) else { return claims.add(-1) }
                guard let claimed = parsed as? [String: Any], let number = claimed["case"] as? Int else { return }
                claims.add(claimed["claimed_by"] as? String == "agent-\(agent)" ? number : -2)
            }
        }
        #expect(claims.statuses.sorted() == Array(1...12), "each case claimed exactly once, no failure")
        #expect((try Self.json(PlugphoneProcess.run(["queue", "--json", "--db", db]).stdout) as? [Any])?.isEmpty == true)
        #expect(try PlugphoneProcess.run(["queue", "--db", db]).stdout.contains("Aucun dossier"))
    }
}

/// Numbers gathered from several threads.
final class Outcomes: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Int32] = []
    func add(_ value: Int32) { lock.withLock { values.append(value) } }
    func add(_ value: Int) { add(Int32(value)) }
    var statuses: [Int] { lock.withLock { values.map(Int.init) } }
}
