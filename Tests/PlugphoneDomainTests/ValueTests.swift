import Testing
@testable import PlugphoneDomain

struct ValueTests {
    @Test(arguments: [
        "09 72 10 10 11", "09.72.10.10.11", "0972101011", "+33 9 72 10 10 11", "0033972101011", "+33972101011",
        "09-72-10-10-11", "+33 (0)9 72 10 10 11", " 09 72 10 10 11 ", "33972101011",
    ])
    func writtenFrenchForms(text: String) {
        #expect(LineNumber(parsing: text)?.rawValue == "+33972101011")
    }

    @Test(arguments: ["", "abc", "09 72 10 10", "1234", "0972101011999", "+33 0 72 10 10 11x", "00972101011"])
    func notALine(text: String) {
        #expect(LineNumber(parsing: text) == nil)
    }

    @Test func nationalFormat() {
        #expect(LineNumber(rawValue: "+33972101011").nationalFormat == "09 72 10 10 11")
        #expect(LineNumber(rawValue: "+442071234567").nationalFormat == "+442071234567")
    }

    @Test func references() {
        #expect(RequestReference(sequence: 2).rawValue == "RMA-000002")
        #expect(RequestReference(sequence: 1_234_567).rawValue == "RMA-1234567")
        #expect(RequestReference(parsing: "rma-2") == RequestReference(sequence: 2))
        #expect(RequestReference(parsing: "RMA-000002")?.sequence == 2)
        #expect(RequestReference(parsing: "12") == RequestReference(sequence: 12))
        #expect(RequestReference(parsing: "RMA-") == nil)
        #expect(RequestReference(parsing: "RMA-x1") == nil)
        #expect(RequestReference(parsing: "0") == nil)
    }

    @Test func money() {
        #expect(Money.euros(90) - Money.euros(120) == Money(cents: -3000))
        #expect((Money.euros(90) - Money.euros(120)).clampedToZero == .zero)
        #expect(Money.euros(1) + Money(cents: 50) == Money(cents: 150))
    }

    @Test func demoCatalogMatchesTheContract() {
        let deposits = Catalog.demo.models.map { ($0.id.rawValue, $0.deposit.cents, $0.orderable) }
        #expect(deposits.map(\.0) == ["yealink.t41s", "yealink.t46s", "yealink.t54w", "yealink.w56p", "gigaset.c530ip", "gigaset.n670.packed.r650h", "cisco.cp7841", "cisco.spa504g"])
        #expect(deposits.map(\.1) == [6000, 9000, 12000, 8000, 5000, 15000, 10000, 7000])
        #expect(deposits.map(\.2) == [true, true, true, true, true, true, true, false])
    }
}
