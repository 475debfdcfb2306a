import PlugphoneDomain
import Testing
@testable import PlugphoneUnderstanding

@Suite("Models from names, partial names, typos and descriptions the catalog resolves")
struct ModelMentionTests {
    static let single: [(String, String)] = [
        ("un yealink t46s", "yealink.t46s"), ("le T46S", "yealink.t46s"), ("le T46", "yealink.t46s"),
        ("yalink t46s", "yealink.t46s"), ("yealink t 46 s", "yealink.t46s"), ("t46d", "yealink.t46s"),
        ("le t41s", "yealink.t41s"), ("Yealink T41S", "yealink.t41s"), ("le t54w", "yealink.t54w"), ("le t54", "yealink.t54w"),
        ("w56p", "yealink.w56p"), ("le w56", "yealink.w56p"), ("gigaset c530 ip", "gigaset.c530ip"),
        ("gigaset c 530", "gigaset.c530ip"), ("gigaset c530ip", "gigaset.c530ip"), ("le c530", "gigaset.c530ip"),
        ("gigaste c530", "gigaset.c530ip"), ("le n670", "gigaset.n670.packed.r650h"), ("r650h", "gigaset.n670.packed.r650h"),
        ("cisco cp7841", "cisco.cp7841"), ("le cp 7841", "cisco.cp7841"), ("le 7841", "cisco.cp7841"),
        ("cisko spa504g", "cisco.spa504g"), ("spa 504", "cisco.spa504g"),
        ("le moins cher", "gigaset.c530ip"), ("la moins chère", "gigaset.c530ip"), ("le plus cher", "gigaset.n670.packed.r650h"),
        ("celui à 90 euros", "yealink.t46s"), ("celui a 90€", "yealink.t46s"), ("celui à quatre-vingt-dix euros", "yealink.t46s"),
        ("le sans-fil le moins cher", "gigaset.c530ip"), ("le yealink sans fil", "yealink.w56p"),
        ("celui avec bluetooth", "yealink.t54w"), ("l'écran couleur", "yealink.t46s"), ("le renforcé", "gigaset.n670.packed.r650h"),
        ("le 4 lignes", "cisco.cp7841"), ("le cisco à 100 euros", "cisco.cp7841"),
        ("the cheapest", "gigaset.c530ip"), ("the most expensive one", "gigaset.n670.packed.r650h"),
        ("the one at 120 euros", "yealink.t54w"), ("the cheapest cordless one", "gigaset.c530ip"),
        ("échanger mon t41s contre un t46s", "yealink.t46s"), ("swap my t41s for a w56p", "yealink.w56p"),
    ]

    @Test("one model", arguments: single)
    func model(_ text: String, _ expected: String) {
        let result = Fixture.interpret(text)
        #expect(result.slots.model == PhoneModelID(expected), "\(text) → \(result.summaryLine)")
        #expect(result.slots.modelCandidates.isEmpty)
    }

    static let several: [(String, [String])] = [
        ("le cisco", ["cisco.cp7841", "cisco.spa504g"]),
        ("un gigaset", ["gigaset.c530ip", "gigaset.n670.packed.r650h"]),
        ("le sans-fil", ["yealink.w56p", "gigaset.c530ip", "gigaset.n670.packed.r650h"]),
        ("the cordless one", ["yealink.w56p", "gigaset.c530ip", "gigaset.n670.packed.r650h"]),
        // « un t45s » is not in the catalogue: `unknown_model`, never candidates (issue 10; RealTrafficTests).
        ("moins de 70 euros", ["yealink.t41s", "gigaset.c530ip", "cisco.spa504g"]),
        ("le yealink", ["yealink.t41s", "yealink.t46s", "yealink.t54w", "yealink.w56p"]),
    ]

    @Test("several models fit: candidates, no guess", arguments: several)
    func candidates(_ text: String, _ expected: [String]) {
        let result = Fixture.interpret(text)
        #expect(result.slots.model == nil, "\(text) → \(result.summaryLine)")
        #expect(result.slots.modelCandidates == expected.map { PhoneModelID($0) }, "\(text) → \(result.summaryLine)")
    }

    static let none = ["je veux un téléphone", "celui à 95 euros", "bonjour", "le 09 72 10 10 11", "sous 48 h", "discount"]

    @Test("no model stated", arguments: none)
    func noModel(_ text: String) {
        let result = Fixture.interpret(text)
        #expect(result.slots.model == nil && result.slots.modelCandidates.isEmpty, "\(text) → \(result.summaryLine)")
    }
}
