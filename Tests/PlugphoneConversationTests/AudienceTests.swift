import PlugphoneConversation
import PlugphoneDomain
import PlugphoneLocalization
import Testing

/// Agent mode: the same replies, phrased for a call-centre agent where the locale says how.
@Suite struct AudienceTests {
    @Test(arguments: [Language.fr, .en])
    func agentPhrasingFallsBackToTheCustomersText(language: Language) throws {
        let pack = try #require(packs[language])
        let customer = Renderer(pack: pack, catalog: .demo)
        let agent = Renderer(pack: pack, catalog: .demo, audience: .agent)
        let question = Reply("conv.ask.what_to_do")
        #expect(agent.render(question) == pack.messages.text("agent.conv.ask.what_to_do"))
        #expect(agent.render(question) != customer.render(question))
        // No agent variant: the customer's text.
        let hello = Reply("conv.hello")
        #expect(!pack.messages.has("agent.conv.hello"))
        #expect(agent.render(hello) == customer.render(hello))
    }

    @Test func nestedRepliesArePhrasedForTheAgentToo() throws {
        let pack = try #require(packs[.fr])
        let agent = Renderer(pack: pack, catalog: .demo, audience: .agent)
        let cost = Reply("conv.mode.after.pay", ["amount": .money(.euros(30))])
        let text = agent.render(Reply("conv.ask.mode", [
            "old": .model("yealink.t41s"), "new": .model("yealink.t46s"), "after_cost": .message(cost),
            "express_due": .money(.euros(90)), "express_refund": .money(.euros(60)), "hours": .verbatim("48"),
        ]))
        #expect(text.hasPrefix("Présentez au client"))
        #expect(text.contains("il paie maintenant la différence de caution, 30,00 € HT"))
    }

    /// Every agent variant phrases a real reply, with the same placeholders.
    @Test(arguments: [Language.fr, .en])
    func everyAgentKeyVariesARealReply(language: Language) throws {
        let messages = try #require(packs[language]).messages
        for key in messages.keys where key.hasPrefix("agent.") {
            let original = String(key.dropFirst("agent.".count))
            #expect(messages.has(original), "\(key) varies no reply")
            #expect(placeholders(messages.text(key)).isSubset(of: placeholders(messages.text(original))), "\(key): a placeholder the reply does not fill")
        }
    }

    private func placeholders(_ template: String) -> Set<String> {
        var names: Set<String> = []
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.insert(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }
}
