import PlugphoneDomain
import Testing

/// Amounts TTC: the tax to the nearest cent, halves rounded up, added to the amount HT.
struct VATTests {
    @Test(arguments: [
        (9000, 20, 10800), (6000, 20, 7200), (15000, 20, 18000), (5, 20, 6), (2, 20, 2), (3, 20, 4), (0, 20, 0), (9999, 20, 11999),
        (1000, 0, 1000), (1234, 55, 1913),
    ])
    func includingVAT(cents: Int, percent: Int, expected: Int) {
        #expect(VATRate(percent: percent).including(Money(cents: cents)) == Money(cents: expected))
    }

    @Test func taxIsTheDifference() {
        let rate = VATRate(percent: 20)
        for cents in [1, 7, 49, 50, 51, 12_345] {
            let amount = Money(cents: cents)
            #expect(rate.including(amount) - amount == rate.tax(on: amount))
        }
    }
}
