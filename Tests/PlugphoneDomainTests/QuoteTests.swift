import Testing
@testable import PlugphoneDomain

/// Every row of the deposit table of docs/reference.md §5, with its edge cases.
struct QuoteTests {
    let catalog = Catalog.demo

    func model(_ id: PhoneModelID) throws -> PhoneModel { try #require(catalog[id]) }

    @Test(arguments: Catalog.demo.models)
    func orderOwesTheWholeDepositAndRefundsNothing(model: PhoneModel) {
        #expect(Quote.order(of: model) == Quote(dueNow: model.deposit, refundOnReturn: .zero))
    }

    struct ExchangeCase: Sendable, CustomTestStringConvertible {
        var old: PhoneModelID
        var new: PhoneModelID
        var mode: ShippingMode
        var dueNow: Int
        var refund: Int
        var testDescription: String { "\(old)→\(new) \(mode.rawValue)" }
    }

    @Test(arguments: [
        // Dearer new phone after return: pay the difference, nothing back.
        ExchangeCase(old: "yealink.t41s", new: "yealink.t46s", mode: .afterReturn, dueNow: 3000, refund: 0),
        // Cheaper new phone after return: nothing now, the difference back.
        ExchangeCase(old: "yealink.t46s", new: "yealink.t41s", mode: .afterReturn, dueNow: 0, refund: 3000),
        ExchangeCase(old: "gigaset.c530ip", new: "yealink.w56p", mode: .afterReturn, dueNow: 3000, refund: 0),
        ExchangeCase(old: "gigaset.n670.packed.r650h", new: "gigaset.c530ip", mode: .afterReturn, dueNow: 0, refund: 10000),
        // Away from a model no longer sold.
        ExchangeCase(old: "cisco.spa504g", new: "cisco.cp7841", mode: .afterReturn, dueNow: 3000, refund: 0),
        ExchangeCase(old: "cisco.spa504g", new: "gigaset.c530ip", mode: .afterReturn, dueNow: 0, refund: 2000),
        // Express: the whole new deposit now, the whole old one back.
        ExchangeCase(old: "yealink.t41s", new: "yealink.t46s", mode: .express48h, dueNow: 9000, refund: 6000),
        ExchangeCase(old: "yealink.t46s", new: "yealink.t41s", mode: .express48h, dueNow: 6000, refund: 9000),
        ExchangeCase(old: "cisco.spa504g", new: "yealink.t54w", mode: .express48h, dueNow: 12000, refund: 7000),
    ])
    func exchange(_ c: ExchangeCase) throws {
        let quote = Quote.exchange(from: try model(c.old), to: try model(c.new), mode: c.mode)
        #expect(quote == Quote(dueNow: Money(cents: c.dueNow), refundOnReturn: Money(cents: c.refund)))
    }

    @Test func equalDepositsAfterReturnCostNothingEitherWay() {
        let a = PhoneModel(id: "brand.a", brand: "Brand", name: "Brand A", kind: .desk, features: [], deposit: .euros(75), orderable: true)
        let b = PhoneModel(id: "brand.b", brand: "Brand", name: "Brand B", kind: .dect, features: [], deposit: .euros(75), orderable: true)
        #expect(Quote.exchange(from: a, to: b, mode: .afterReturn) == Quote(dueNow: .zero, refundOnReturn: .zero))
        #expect(Quote.exchange(from: a, to: b, mode: .express48h) == Quote(dueNow: .euros(75), refundOnReturn: .euros(75)))
    }

    @Test(arguments: Catalog.demo.models)
    func returnOwesNothingAndRefundsTheDeposit(model: PhoneModel) {
        #expect(Quote.return(of: model) == Quote(dueNow: .zero, refundOnReturn: model.deposit))
    }

    /// Over every pair and mode: what is paid minus what comes back is always the difference of deposits.
    @Test func exchangeBalanceIsAlwaysTheDifferenceOfDeposits() {
        for old in catalog.models {
            for new in catalog.models where new.id != old.id {
                for mode in ShippingMode.allCases {
                    let q = Quote.exchange(from: old, to: new, mode: mode)
                    #expect(q.dueNow >= .zero && q.refundOnReturn >= .zero)
                    #expect(q.dueNow - q.refundOnReturn == new.deposit - old.deposit)
                }
            }
        }
    }
}
