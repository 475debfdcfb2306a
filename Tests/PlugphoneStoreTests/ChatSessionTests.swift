import Foundation
import PlugphoneDomain
import PlugphoneStore
import Testing

@Suite struct ChatSessionTests {
    @Test func savedReplacedAndCleared() throws {
        let store = try Store.inMemory(demo: true)
        let account = AccountID("ab12345-ovh")
        #expect(try store.chatSession(account: account, audience: "customer") == nil)
        let first = ChatSession(account: account, audience: "customer", language: "fr", state: #"{"version":1,"language":"fr"}"#, updatedAt: Date(timeIntervalSince1970: 1_800_000_000))
        try store.saveChatSession(first)
        #expect(try store.chatSession(account: account, audience: "customer") == first)
        #expect(try store.chatSession(account: account, audience: "agent") == nil)
        var second = first
        second.state = "{\"version\":1,\"note\":\"« un t46s »\\n\"}"
        try store.saveChatSession(second)
        #expect(try store.chatSession(account: account, audience: "customer")?.state == second.state)
        try store.clearChatSession(account: account, audience: "customer")
        #expect(try store.chatSession(account: account, audience: "customer") == nil)
    }
}
