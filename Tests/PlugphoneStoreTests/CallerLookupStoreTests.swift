import Foundation
import Testing
import PlugphoneDomain
@testable import PlugphoneStore

/// Finding the caller in the demo data: by number in any written form, by account id in any case or without its
/// suffix, by holder name; several matches all listed.
struct CallerLookupStoreTests {
    static func found(_ text: String, in store: Store) throws -> [String] {
        guard let query = CallerQuery(text) else { return [] }
        return try store.findCallers(query).map(\.id.rawValue)
    }

    @Test(arguments: ["09 72 10 10 11", "0972101011", "09.72.10.10.11", "+33 9 72 10 10 11", "0033972101011", "+33972101011"])
    func aNumberInAnyFormFindsItsHolder(number: String) throws {
        let store = try Store.inMemory(demo: true)
        #expect(try Self.found(number, in: store) == ["ab12345-ovh"])
    }

    @Test(arguments: ["ab12345-ovh", "AB12345-OVH", "ab12345", "Ab12345"])
    func anAccountIdInAnyCaseWithOrWithoutItsSuffix(id: String) throws {
        let store = try Store.inMemory(demo: true)
        #expect(try Self.found(id, in: store) == ["ab12345-ovh"])
    }

    @Test func holderNamesIgnoreCaseAndAccentsAndSeveralMatchesAreAllListed() throws {
        let store = try Store.inMemory(demo: true)
        #expect(try Self.found("durand", in: store) == ["cd67890-ovh"])
        #expect(try Self.found("Camille  MARTÍN", in: store) == ["ab12345-ovh"])
        #expect(try Self.found("ar", in: store) == ["ab12345-ovh", "cd67890-ovh"])
        #expect(try Self.found("01 83 64 00 01", in: store) == ["cd67890-ovh"])
        #expect(try Self.found("09 99 99 99 99", in: store).isEmpty)
        #expect(try Self.found("Dupont", in: store).isEmpty)
        #expect(CallerQuery("   ") == nil)
    }
}
