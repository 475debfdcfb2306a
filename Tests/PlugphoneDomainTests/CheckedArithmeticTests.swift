import Testing
@testable import PlugphoneDomain

/// Absurd deposits never trap: the store refuses them (exit 3), and the arithmetic saturates if one gets through.
struct CheckedArithmeticTests {
    static func model(_ id: String, cents: Int) -> PhoneModel {
        PhoneModel(id: PhoneModelID(id), brand: "x", name: id, kind: .desk, features: [], deposit: Money(cents: cents), orderable: true)
    }

    @Test(arguments: [Int.max, Int.min, Int.max - 1, 0])
    func exchangeQuotesNeverOverflow(extreme: Int) {
        let old = Self.model("old", cents: extreme), new = Self.model("new", cents: 0 &- extreme &- 1)
        for mode in ShippingMode.allCases {
            let quote = Quote.exchange(from: old, to: new, mode: mode)
            #expect(quote.dueNow.cents >= 0 || mode == .express48h)
            _ = Quote.exchange(from: new, to: old, mode: mode)
        }
    }

    @Test func moneySaturates() {
        #expect((Money(cents: Int.max) + Money(cents: 1)).cents == Int.max)
        #expect((Money(cents: Int.min) - Money(cents: 1)).cents == Int.min)
        #expect((Money(cents: 0) - Money(cents: Int.min)).cents == Int.max)
        #expect(Money.euros(Int.max).cents == Int.max)
        #expect((Money(cents: 9_000) - Money(cents: 6_000)).cents == 3_000)
    }

    @Test func jsonEscapesTerminalControls() {
        let value = JSONValue.string("a\u{1B}]0;x\u{07}\u{9B}31m\u{202E}b\u{2066}é«»")
        #expect(value.serialized() == "\"a\\u001b]0;x\\u0007\\u009b31m\\u202eb\\u2066é«»\"")
    }
}
