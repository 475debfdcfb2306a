import Foundation
import GRDB
import Testing
import PlugphoneDomain
@testable import PlugphoneStore

/// Issue 9: what the store does with hostile files, values and timeouts.
struct StoreRobustnessTests {
    static let now = Date(timeIntervalSince1970: 1_795_860_000)

    @Test func busyTimeoutMustBeAFiniteNumberOfSecondsUpToAnHour() {
        #expect(Store.busyTimeout(parsing: "5") == 5)
        #expect(Store.busyTimeout(parsing: "0.25") == 0.25)
        #expect(Store.busyTimeout(parsing: "3600") == 3600)
        for bad in ["nan", "inf", "-inf", "1e9", "-1", "", "cinq"] { #expect(Store.busyTimeout(parsing: bad) == nil, "\(bad)") }
        // Given directly, a value GRDB cannot take is brought into range rather than trapping.
        let folder = try? TemporaryFolder()
        if let folder { #expect(throws: Never.self) { _ = try Store.open(path: folder.databasePath, mode: .createIfMissing, busyTimeout: .nan) } }
    }

    @Test func onlyInitMakesADatabaseOfAnEmptyOrForeignFile() throws {
        let folder = try TemporaryFolder()
        let path = folder.databasePath
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        #expect(throws: StoreError.notPlugphoneDatabase(path: path)) { try Store.open(path: path) }
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int == 0)
        // Somebody else's SQLite database is not migrated either.
        try FileManager.default.removeItem(atPath: path)
        try DatabaseQueue(path: path).write { db in try db.execute(sql: "CREATE TABLE notes (body TEXT)") }
        #expect(throws: StoreError.notPlugphoneDatabase(path: path)) { try Store.open(path: path) }
        #expect(throws: StoreError.notRegularFile(path: folder.url.path)) { try Store.open(path: folder.url.path) }
        #expect(throws: StoreError.notRegularFile(path: "/dev/null")) { try Store.open(path: "/dev/null", mode: .createIfMissing) }
    }

    @Test func demoDataIsLoadedOnceWhateverTheNumberOfCalls() throws {
        let store = try Store.inMemory(demo: false)
        #expect(try store.loadDemoDataUnlessPresent(now: Self.now) == .loaded)
        #expect(try store.loadDemoDataUnlessPresent(now: Self.now) == .alreadyPresent)
        #expect(try store.requests().count == 1)
    }

    @Test(arguments: ["9223372036854775807", "'abc'", "90.5", "-1", "10000001"])
    func depositOutsideTheSaneRangeIsAStorageError(value: String) throws {
        let folder = try TemporaryFolder()
        let store = try Store.open(path: folder.databasePath, mode: .createWithDemoDataIfMissing(now: Self.now))
        // The CHECK (deposit ≥ 0) of the schema is bypassed as a damaged or hand-edited file would.
        try store.writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
            try db.execute(sql: "UPDATE phone_model SET deposit_cents = \(value) WHERE id = 'yealink.t46s'")
        }
        #expect(throws: StoreError.unreadableValue(path: folder.databasePath, table: "phone_model", key: "yealink.t46s", column: "deposit_cents")) {
            try store.catalog()
        }
    }

    @Test func anUndecodableRequestIsSetAsideAndReported() throws {
        let store = try Store.inMemory(demo: true, now: Self.now)
        try store.writer.write { db in
            try db.execute(sql: "UPDATE request SET created_at = '99999-01-01 00:00:00.000' WHERE reference = 'RMA-000001'")
            try db.execute(sql: "INSERT INTO line VALUES ('hello', 'ab12345-ovh', NULL)")
        }
        #expect(try store.requests().isEmpty)
        #expect(try store.lines(account: "ab12345-ovh").count == 3)
        #expect(try Set(store.unreadableRows(account: "ab12345-ovh")) == [
            UnreadableRow(table: "request", key: "RMA-000001", column: "created_at"), UnreadableRow(table: "line", key: "hello", column: "number"),
        ])
    }

    @Test func anEventCannotPrecedeItsRequest() throws {
        let store = try Store.inMemory(demo: true, now: Self.now)
        let reference = RequestReference(sequence: 1)
        #expect(throws: StoreError.eventBeforeRequest(reference, createdAt: Self.now)) {
            try store.apply(.oldPhoneReceived, to: reference, at: Self.now.addingTimeInterval(-1))
        }
    }
}
