import Foundation
import GRDB
import Testing
import PlugphoneDomain
@testable import PlugphoneStore

/// A fresh temporary folder per test, removed afterwards.
final class TemporaryFolder {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("plugphone-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    var databasePath: String { url.appendingPathComponent("plugphone.sqlite").path }
    deinit { try? FileManager.default.removeItem(at: url) }
}

struct StoreTests {
    static let now = Date(timeIntervalSince1970: 1_795_860_000)
    static let sipOnly = LineNumber(rawValue: "+33972101010")
    static let withT41S = LineNumber(rawValue: "+33972101011")
    static let blocked = LineNumber(rawValue: "+33972101012")
    static let demo: AccountID = "ab12345-ovh"

    @Test func demoDataInMemory() throws {
        let store = try Store.inMemory(demo: true, now: Self.now)
        #expect(try store.catalog() == Catalog.demo)
        #expect(try store.lines(account: Self.demo) == DemoData.lines.filter { $0.account == Self.demo })
        #expect(try store.accounts().map(\.id) == ["ab12345-ovh", "cd67890-ovh"])
        let requests = try store.requests()
        #expect(requests.count == 1)
        let demoRequest = try #require(requests.first)
        #expect(demoRequest.reference.rawValue == "RMA-000001")
        #expect(demoRequest.line == Self.blocked && demoRequest.kind == .exchange && demoRequest.shippingMode == .afterReturn)
        #expect(demoRequest.status == .awaitingReturn && demoRequest.dueNow.cents == 3000 && demoRequest.refundOnReturn == .zero)
        #expect(demoRequest.createdAt == Self.now)
        #expect(try store.holdsDemoData() && !store.isEmpty())
    }

    @Test func createRequestAssignsTheNextReferenceAndPersistsEveryField() throws {
        let store = try Store.inMemory(demo: true, now: Self.now)
        let created = try store.createRequest(.exchange(line: Self.withT41S, newModel: "yealink.t46s", mode: .express48h), account: Self.demo, contractAccepted: true, at: Self.now)
        #expect(created.reference.rawValue == "RMA-000002")
        #expect(created.dueNow.cents == 9000 && created.refundOnReturn.cents == 6000 && created.status == .open)
        #expect(try store.request(created.reference) == created)
        #expect(try store.requests(account: Self.demo).map(\.reference.rawValue) == ["RMA-000001", "RMA-000002"])
        #expect(try store.requests(account: "cd67890-ovh").isEmpty)
        let order = try store.createRequest(.order(line: Self.sipOnly, model: "yealink.w56p"), account: Self.demo, contractAccepted: true, at: Self.now)
        #expect(order.reference.rawValue == "RMA-000003" && order.dueNow.cents == 8000)
    }

    @Test func rulesAreCheckedAgainInsideTheTransaction() throws {
        let store = try Store.inMemory(demo: true, now: Self.now)
        #expect(throws: StoreError.refused(.requestInProgress(Self.blocked, RequestReference(sequence: 1)))) {
            try store.createRequest(.return(line: Self.blocked), account: Self.demo, contractAccepted: true, at: Self.now)
        }
        #expect(throws: StoreError.refused(.contractNotAccepted)) {
            try store.createRequest(.return(line: Self.withT41S), account: Self.demo, contractAccepted: false, at: Self.now)
        }
        // Another customer's line, as if it did not exist.
        #expect(throws: StoreError.refused(.lineNotOnAccount(LineNumber(rawValue: "+33183640000")))) {
            try store.createRequest(.return(line: LineNumber(rawValue: "+33183640000")), account: Self.demo, contractAccepted: true, at: Self.now)
        }
        _ = try store.createRequest(.return(line: Self.withT41S), account: Self.demo, contractAccepted: true, at: Self.now)
        #expect(throws: StoreError.refused(.requestInProgress(Self.withT41S, RequestReference(sequence: 2)))) {
            try store.createRequest(.exchange(line: Self.withT41S, newModel: "yealink.t46s", mode: .afterReturn), account: Self.demo, contractAccepted: true, at: Self.now)
        }
        #expect(try store.requests().count == 2)
    }

    @Test func theDatabaseItselfRefusesASecondUnfinishedRequestOnALine() throws {
        // Bypass the rules: SQLite's partial unique index still holds.
        let db = try DatabaseQueue()
        try Schema.migrator.migrate(db)
        try db.write { db in
            try AccountRow(Account(id: "a", holder: "A")).insert(db)
            try PhoneModelRow(Catalog.demo.models[0], position: 0).insert(db)
            try LineRow(Line(number: Self.sipOnly, account: "a", phone: nil)).insert(db)
            let request = Request(
                reference: RequestReference(sequence: 1), kind: .order, account: "a", line: Self.sipOnly, oldModel: nil, newModel: "yealink.t41s",
                shippingMode: nil, status: .open, contractAccepted: true, dueNow: .euros(60), refundOnReturn: .zero, createdAt: Self.now
            )
            var first = RequestRow(request)
            try first.insert(db)
            var second = RequestRow(request)
            second.sequence = 2
            second.reference = "RMA-000002"
            #expect(throws: DatabaseError.self) { try second.insert(db) }
            second.status = RequestStatus.cancelled.rawValue
            try second.insert(db)
        }
    }

    @Test func eventsMoveTheRequestAndThePhoneOnTheLine() throws {
        let store = try Store.inMemory(demo: true, now: Self.now)
        let ref = try store.createRequest(.exchange(line: Self.withT41S, newModel: "yealink.t46s", mode: .express48h), account: Self.demo, contractAccepted: true, at: Self.now).reference
        let later = Self.now.addingTimeInterval(86_400)
        #expect(try store.apply(.newPhoneShipped, to: ref, at: later).status == .shipped)
        #expect(try store.lines(account: Self.demo).first { $0.number == Self.withT41S }?.phone == "yealink.t46s")
        #expect(throws: StoreError.self) { try store.apply(.completed, to: ref, at: later) }
        #expect(try store.apply(.oldPhoneReceived, to: ref, at: later).status == .received)
        let closed = try store.apply(.refundIssued, to: ref, at: later)
        #expect(closed.status == .closed)
        #expect(try store.request(ref)?.history.map(\.event) == [.newPhoneShipped, .oldPhoneReceived, .refundIssued])
        #expect(try store.request(ref)?.refundDueBy == later.addingTimeInterval(10 * 86_400))
        // The line is free again.
        _ = try store.createRequest(.return(line: Self.withT41S), account: Self.demo, contractAccepted: true, at: later)
        #expect(throws: StoreError.unknownRequest(RequestReference(sequence: 99))) { try store.apply(.completed, to: RequestReference(sequence: 99), at: later) }
    }

    @Test func returnReceivedLeavesTheLineSipOnly() throws {
        let store = try Store.inMemory(demo: true, now: Self.now)
        let ref = try store.createRequest(.return(line: Self.withT41S), account: Self.demo, contractAccepted: true, at: Self.now).reference
        _ = try store.apply(.oldPhoneReceived, to: ref, at: Self.now)
        #expect(try store.lines(account: Self.demo).first { $0.number == Self.withT41S }?.phone == nil)
    }

    @Test func fileDatabasePersistsAcrossOpeningsAndMigratesOnce() throws {
        let folder = try TemporaryFolder()
        let path = folder.url.appendingPathComponent("nested/dir/db.sqlite").path
        do {
            let store = try Store.open(path: path, mode: .createWithDemoDataIfMissing(now: Self.now))
            _ = try store.createRequest(.order(line: Self.sipOnly, model: "yealink.t46s"), account: Self.demo, contractAccepted: true, at: Self.now)
        }
        let reopened = try Store.open(path: path, mode: .createWithDemoDataIfMissing(now: Self.now))
        #expect(try reopened.requests().map(\.reference.rawValue) == ["RMA-000001", "RMA-000002"])
        let journal = try DatabaseQueue(path: path).read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(journal == "wal")
    }

    @Test func missingFileIsNotCreatedImplicitly() throws {
        let folder = try TemporaryFolder()
        #expect(throws: StoreError.missing(path: folder.databasePath)) { try Store.open(path: folder.databasePath) }
        #expect(!FileManager.default.fileExists(atPath: folder.databasePath))
    }

    @Test func demoDataIsOnlyLoadedIntoAnEmptyDatabase() throws {
        let store = try Store.inMemory(demo: true, now: Self.now)
        #expect(throws: StoreError.holdsOtherData(path: ":memory:")) { try store.loadDemoData(now: Self.now) }
        #expect(try store.requests().count == 1)
    }

    @Test func corruptFile() throws {
        let folder = try TemporaryFolder()
        try Data("this is not an SQLite database, just text long enough to have a header".utf8).write(to: URL(fileURLWithPath: folder.databasePath))
        #expect(throws: StoreError.corrupt(detail: folder.databasePath)) { try Store.open(path: folder.databasePath) }
    }

    @Test func newerSchemaIsRefused() throws {
        let folder = try TemporaryFolder()
        _ = try Store.open(path: folder.databasePath, mode: .createIfMissing)
        try DatabaseQueue(path: folder.databasePath).write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES (?)", arguments: ["v99: from the future"])
        }
        #expect(throws: StoreError.newerSchema(path: folder.databasePath)) { try Store.open(path: folder.databasePath) }
    }

    /// Two connections (as two processes would have) race to create a request on the same line: exactly one wins.
    @Test(arguments: 0..<5)
    func concurrentWritersOnOneLineEndWithOneRequest(round: Int) async throws {
        let folder = try TemporaryFolder()
        _ = try Store.open(path: folder.databasePath, mode: .createWithDemoDataIfMissing(now: Self.now))
        let stores = try (0..<4).map { _ in try Store.open(path: folder.databasePath) }
        let drafts: [RequestDraft] = [
            .exchange(line: Self.withT41S, newModel: "yealink.t46s", mode: .express48h), .return(line: Self.withT41S),
            .exchange(line: Self.withT41S, newModel: "yealink.t54w", mode: .afterReturn), .return(line: Self.withT41S),
        ]
        let outcomes = await withTaskGroup(of: Result<Request, StoreError>.self) { group in
            for (store, draft) in zip(stores, drafts) {
                group.addTask {
                    do { return .success(try store.createRequest(draft, account: Self.demo, contractAccepted: true, at: Self.now)) } catch let e as StoreError {
                        return .failure(e)
                    } catch { return .failure(.io(path: "", detail: "\(error)")) }
                }
            }
            var all: [Result<Request, StoreError>] = []
            for await outcome in group { all.append(outcome) }
            return all
        }
        let winners = outcomes.compactMap { try? $0.get() }
        #expect(winners.count == 1)
        for case .failure(let error) in outcomes {
            #expect(error == .refused(.requestInProgress(Self.withT41S, RequestReference(sequence: 2))))
        }
        #expect(try stores[0].requests().filter { $0.line == Self.withT41S }.count == 1)
    }

    /// A session re-reads its account only when the change counter moves: it must move for every commit.
    @Test func changeCounterMovesOnEveryCommitFromAnywhereAndOnlyThen() throws {
        let folder = try TemporaryFolder()
        let store = try Store.open(path: folder.databasePath, mode: .createWithDemoDataIfMissing(now: Self.now))
        let other = try Store.open(path: folder.databasePath)
        let start = try store.changeCounter()
        _ = try store.requests()
        _ = try store.snapshot(for: Self.demo)
        #expect(try store.changeCounter() == start)
        let ref = try store.createRequest(.return(line: Self.withT41S), account: Self.demo, contractAccepted: true, at: Self.now).reference
        let afterOwnWrite = try store.changeCounter()
        #expect(afterOwnWrite != start)
        _ = try other.apply(.cancelled, to: ref, at: Self.now)
        #expect(try store.changeCounter() != afterOwnWrite)
    }
}
