import Foundation
import Testing
import PlugphoneDomain
@testable import PlugphoneStore

/// Agents' notes on a real SQLite database: signed, on the account or one of its own requests only.
struct AgentNoteStoreTests {
    static let now = Date(timeIntervalSince1970: 1_795_860_000)
    static let agent = Actor(name: "agent-7", channel: .agent)

    @Test func notesOnTheAccountAndOnARequestAreKeptWithTheirAuthor() throws {
        let store = try Store.inMemory(demo: true, now: Self.now)
        let rma1 = RequestReference(sequence: 1)
        let onAccount = try store.addNote(AgentNote(account: "ab12345-ovh", request: nil, text: "rappeler demain", actor: Self.agent, at: Self.now))
        let onRequest = try store.addNote(AgentNote(account: "ab12345-ovh", request: rma1, text: "colis perdu", actor: Self.agent, at: Self.now))
        #expect(try store.notes(account: "ab12345-ovh") == [onAccount, onRequest])
        #expect(try store.notes(account: "ab12345-ovh", request: rma1) == [onRequest])
        #expect(onRequest.actor == Self.agent && onRequest.request == rma1 && onRequest.text == "colis perdu")
        #expect(try store.notes(account: "cd67890-ovh").isEmpty)
    }

    @Test func aNoteOnAnotherAccountsRequestOrAnUnknownAccountIsRefused() throws {
        let store = try Store.inMemory(demo: true, now: Self.now)
        #expect(throws: StoreError.unknownRequest(RequestReference(sequence: 1))) {
            try store.addNote(AgentNote(account: "cd67890-ovh", request: RequestReference(sequence: 1), text: "x", actor: Self.agent, at: Self.now))
        }
        #expect(throws: StoreError.unknownAccount("zz99999-ovh")) {
            try store.addNote(AgentNote(account: "zz99999-ovh", request: nil, text: "x", actor: Self.agent, at: Self.now))
        }
        #expect(try store.notes(account: "cd67890-ovh").isEmpty)
    }
}
