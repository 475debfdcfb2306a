import Foundation
import PlugphoneDomain
import PlugphoneStore
import Testing

@Suite struct ChatSessionTests {
    @Test func savedReplacedAndCleared() throws {
        let store = try Store.inMemory(demo: true)
        let account = AccountID("ab12345-ovh")
        #expect(try store.chatSession(account: account, audience: "customer") == nil)
        let first = ChatSession(account: account, audience: "customer", language: "fr", turns: ["je veux échanger", "le 09 72 10 10 11"], updatedAt: Date(timeIntervalSince1970: 1_800_000_000))
        try store.saveChatSession(first)
        #expect(try store.chatSession(account: account, audience: "customer") == first)
        #expect(try store.chatSession(account: account, audience: "agent") == nil)
        var second = first
        second.turns.append("« un t46s »\n")
        try store.saveChatSession(second)
        #expect(try store.chatSession(account: account, audience: "customer")?.turns == second.turns)
        try store.clearChatSession(account: account, audience: "customer")
        #expect(try store.chatSession(account: account, audience: "customer") == nil)
    }
}
