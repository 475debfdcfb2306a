import ArgumentParser
import Foundation
import PlugphoneConversation
import PlugphoneDomain
import PlugphoneLocalization
import PlugphoneStore

/// `plugphone queue`: the hand-off cases waiting for an agent, oldest first; `--claim` takes the oldest.
struct QueueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queue",
        abstract: "Lists the hand-off cases waiting for an agent, oldest first (--claim takes the oldest)."
    )

    @OptionGroup var global: GlobalOptions
    @Flag(help: "JSON output (an array; with --claim, the claimed case or null).") var json = false
    @Flag(help: "Claim the oldest waiting case for this agent (as /suivant does in chat --agent).") var claim = false
    @Option(name: .customLong("agent-id"), help: "The agent claiming (default: the login name).") var agentID: String?

    func run() throws {
        let pack = try global.languagePack()
        let store = try global.openStore(pack: pack)
        let m = pack.messages
        if claim {
            let agent = AgentIdentity.name(agentID)
            let claimed = try pack.storage { try store.claimNextHandOffCase(by: agent, at: Clock.now()) }
            if json { return try pack.output { try Output.print((claimed?.json ?? .null).serialized()) } }
            guard let claimed else { return try pack.output { try Output.print(m.text("desk.queue.empty")) } }
            return try pack.output { try Output.print(m.text("desk.queue.claimed", ["number": String(claimed.number), "account": claimed.account.rawValue])) }
        }
        let cases = try pack.storage { try store.waitingHandOffCases() }
        if json { return try pack.output { try Output.printJSONArray(cases.map(\.json)) } }
        guard !cases.isEmpty else { return try pack.output { try Output.print(m.text("desk.queue.empty")) } }
        let rows = cases.map { handOff -> [String] in
            [
                String(handOff.number), Clock.iso8601(handOff.openedAt), handOff.account.rawValue, handOff.language,
                m.text("desk.reason.\(handOff.reason)"), handOff.draftForm.map { m.text("request_kind.\($0.kind.rawValue)") } ?? m.text("table.none"),
            ]
        }
        try pack.output { try Output.print(TextTable(header: ["case", "opened", "account", "lang", "reason", "draft"].map { m.text("desk.queue.column.\($0)") }, rows: rows).rendered()) }
    }
}

/// Who an agent is: `--agent-id`, else the login name.
enum AgentIdentity {
    static func name(_ given: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let given = given?.trimmingCharacters(in: .whitespaces), !given.isEmpty { return given }
        return environment["USER"] ?? environment["LOGNAME"] ?? "agent"
    }
}

extension HandOffCase {
    /// The request drafted before the hand-off, if any.
    var draftForm: Form? { checkpoint?.question.form }

    /// The saved dialogue to resume from.
    var checkpoint: Conversation.Checkpoint? {
        guard let draft, let checkpoint = try? JSONDecoder().decode(Conversation.Checkpoint.self, from: Data(draft.utf8)),
              checkpoint.version == Conversation.Checkpoint.currentVersion else { return nil }
        return checkpoint
    }

    /// One element of `queue --json`.
    var json: JSONValue {
        let form = draftForm
        return .object([
            ("case", .int(number)),
            ("account", .string(account.rawValue)),
            ("lang", .string(language)),
            ("reason", .string(reason)),
            ("status", .string(status.rawValue)),
            ("opened_at", .string(Clock.iso8601(openedAt))),
            ("draft", form.map { form in
                .object([
                    ("kind", .string(form.kind.rawValue)), ("line", .string(form.line?.rawValue)),
                    ("new_model", .string(form.model?.rawValue)), ("shipping_mode", .string(form.mode?.rawValue)),
                    ("step", .string(checkpoint?.question.name)),
                ])
            } ?? .null),
            ("turns", .array(turns.map { .object([("user", .string($0.user)), ("bot", .string($0.bot))]) })),
            ("claimed_by", .string(claimedBy)),
            ("claimed_at", .string(claimedAt.map { Clock.iso8601($0) })),
        ])
    }
}
