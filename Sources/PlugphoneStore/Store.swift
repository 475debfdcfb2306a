import Foundation
import GRDB
import PlugphoneDomain

/// The plugphone database: SQLite through GRDB, WAL and a busy timeout so several processes can share one file.
///
/// Every public method is one transaction; writes re-check the domain's rules inside it.
public final class Store: Sendable {
    let writer: DatabaseQueue
    /// The file, or `:memory:`; used in error messages.
    public let path: String

    public enum OpenMode: Sendable {
        /// The file must exist and hold a plugphone database.
        case existing
        /// Creates the file and the schema if missing.
        case createIfMissing
        /// Creates the file with the schema and the demo data if missing (the default database).
        case createWithDemoDataIfMissing(now: Date)
    }

    /// How long a write waits for another process before giving up: 5 s, or `PLUGPHONE_BUSY_TIMEOUT` seconds.
    public static var defaultBusyTimeout: TimeInterval {
        ProcessInfo.processInfo.environment["PLUGPHONE_BUSY_TIMEOUT"].flatMap(busyTimeout(parsing:)) ?? 5
    }

    /// The longest busy timeout accepted: an hour. GRDB turns it into milliseconds in an `Int32`.
    public static let maximumBusyTimeout: TimeInterval = 3600

    /// A busy timeout as written in `PLUGPHONE_BUSY_TIMEOUT`: a finite number of seconds, 0…3600; nil otherwise
    /// (`nan`, `inf`, `1e9` would trap in GRDB's set-up).
    public static func busyTimeout(parsing text: String) -> TimeInterval? {
        guard let seconds = TimeInterval(text.trimmingCharacters(in: .whitespaces)), seconds.isFinite,
              (0...maximumBusyTimeout).contains(seconds) else { return nil }
        return seconds
    }

    let localWrites = WriteCounter()
    /// Conversation-log rows written with the next transaction (ConversationLog.swift).
    let pendingLog = PendingConversationLog()

    private init(writer: DatabaseQueue, path: String) {
        self.writer = writer
        self.path = path
    }

    /// Opens (or creates) the database at `path` and brings its schema up to date.
    public static func open(path: String, mode: OpenMode = .existing, busyTimeout: TimeInterval = defaultBusyTimeout) throws(StoreError) -> Store {
        let exists = FileManager.default.fileExists(atPath: path)
        if !exists, case .existing = mode { throw .missing(path: path) }
        if exists {
            // A device, a folder, a pipe or a symbolic link to one is never handed to SQLite, which would create a
            // `-journal` beside it (or, on a device, write into it).
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
                  attributes[.type] as? FileAttributeType == .typeRegular else { throw .notRegularFile(path: path) }
            // Only `init` (or the default database's first use) makes a database of an empty file.
            if case .existing = mode, (attributes[.size] as? NSNumber)?.intValue == 0 { throw .notPlugphoneDatabase(path: path) }
        }
        let busyTimeout = busyTimeout.isFinite ? min(max(busyTimeout, 0), maximumBusyTimeout) : 5
        var config = Configuration()
        // WAL is set once, when the schema is created (it stays in the file). Letting GRDB set it on every
        // opening would write to the file, so a mere read would wait for another process's write lock.
        config.journalMode = .default
        config.busyMode = .timeout(busyTimeout)
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        config.label = "plugphone"
        let store: Store
        do {
            if !exists {
                let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            }
            store = Store(writer: try DatabaseQueue(path: path, configuration: config), path: path)
        } catch let error as DatabaseError {
            throw StoreError(error, path: path, creating: !exists)
        } catch {
            throw .readOnly(path: path)
        }
        if exists, case .existing = mode, try !store.holdsPlugphoneSchema() { throw .notPlugphoneDatabase(path: path) }
        try store.migrate()
        if case .createWithDemoDataIfMissing(let now) = mode {
            // Checked and loaded in one write transaction: several processes starting together on a missing
            // default database end with one copy of the demo data, and none goes on before it is there.
            _ = try store.loadDemoDataIfEmpty(now: now)
        }
        return store
    }

    /// A real SQLite database in memory, for tests and replays.
    public static func inMemory(demo: Bool, now: Date = Date()) throws(StoreError) -> Store {
        let store: Store
        do { store = Store(writer: try DatabaseQueue(), path: ":memory:") } catch {
            throw StoreError(error, path: ":memory:")
        }
        guard demo else {
            try store.migrate()
            return store
        }
        // Copying a ready-made database is much faster than migrating and loading each time: replays and
        // load tests create one per conversation.
        try store.perform {
            try demoTemplate.get().backup(to: store.writer)
            // The template's demo request is dated when it is copied.
            try store.writer.write { db in
                _ = try RequestRow.updateAll(db, RequestRow.Columns.createdAt.set(to: now))
            }
        }
        return store
    }

    /// The schema and the demo data; its one request is dated on each copy.
    private static let demoTemplate: Result<DatabaseQueue, StoreError> = {
        do {
            let queue = try DatabaseQueue()
            try Schema.migrator.migrate(queue)
            try queue.write { db in
                try insertDemoReferenceData(db)
                try createDemoRequest(now: Date(timeIntervalSince1970: 0), in: db)
            }
            return .success(queue)
        } catch {
            return .failure(StoreError(error, path: ":memory:"))
        }
    }()

    /// Whether the file already holds a plugphone database (GRDB's migrations table), before anything is written.
    private func holdsPlugphoneSchema() throws(StoreError) -> Bool {
        try perform { try writer.read { db in try db.tableExists("grdb_migrations") } }
    }

    private func migrate() throws(StoreError) {
        try perform {
            let migrator = Schema.migrator
            // Each migration runs in its own write transaction, but GRDB decides which ones to run before taking
            // the lock: two processes migrating one file together both run the first, and the second fails
            // (« table "account" already exists »). Such a failure is retried when another process made progress
            // meanwhile, which re-checks what is left to do; the number of migrations bounds the retries.
            var attempts = 0
            while true {
                let (superseded, complete, applied) = try writer.read { db in
                    (try migrator.hasBeenSuperseded(db), try migrator.hasCompletedMigrations(db), try migrator.appliedIdentifiers(db))
                }
                if superseded { throw StoreError.newerSchema(path: path) }
                // An up-to-date database is only read here, so read-only commands work while another process writes.
                guard !complete else { return }
                do {
                    try migrator.migrate(writer)
                    break
                } catch {
                    attempts += 1
                    let progressed = try writer.read { db in try migrator.appliedIdentifiers(db) } != applied
                    guard progressed, attempts <= migrator.migrations.count + 1 else { throw error }
                }
            }
            if path != ":memory:" {
                try writer.writeWithoutTransaction { db in _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") }
            }
        }
    }

    /// Runs `body`, turning SQLite's errors into `StoreError`s.
    func perform<T>(_ body: () throws -> T) throws(StoreError) -> T {
        do { return try body() } catch let error as StoreError {
            // Raised inside a transaction, where the path is not at hand.
            switch error {
            case .fault(.unreadableValue("", let table, let key, let column)): throw .unreadableValue(path: path, table: table, key: key, column: column)
            case .fault(.constraint("")): throw .constraint(path: path)
            default: throw error
            }
        } catch {
            throw StoreError(error, path: path)
        }
    }

    // MARK: Demo data

    /// Whether the database holds any account, line, model or request.
    public func isEmpty() throws(StoreError) -> Bool {
        try perform {
            try writer.read { db in
                try AccountRow.fetchCount(db) == 0 && LineRow.fetchCount(db) == 0
                    && PhoneModelRow.fetchCount(db) == 0 && RequestRow.fetchCount(db) == 0
            }
        }
    }

    /// Whether the database holds the demo accounts, catalog and lines (and nothing else of its own).
    public func holdsDemoData() throws(StoreError) -> Bool {
        try perform {
            try writer.read { db in
                let accounts = try AccountRow.fetchAll(db).map(\.account)
                let lines = try LineRow.fetchAll(db).map(\.line)
                let models = try PhoneModelRow.order(PhoneModelRow.Columns.position).fetchAll(db).map { try $0.model() }
                return Set(accounts) == Set(DemoData.accounts) && Set(lines.map(\.number)) == Set(DemoData.lines.map(\.number))
                    && models == Catalog.demo.models
            }
        }
    }

    /// What `loadDemoDataUnlessPresent` found.
    public enum DemoDataOutcome: Sendable, Equatable {
        case loaded
        case alreadyPresent
    }

    /// `init --demo`: loads the demo data into an empty database, or finds it already there, in one write
    /// transaction, so that any number of `init --demo` run together all succeed with one copy of the data.
    /// Throws `holdsOtherData` when the database holds anything else.
    public func loadDemoDataUnlessPresent(now: Date) throws(StoreError) -> DemoDataOutcome {
        defer { localWrites.increment() }
        return try perform {
            try writer.write { db in
                if try Self.isEmpty(db) {
                    try Self.insertDemoReferenceData(db)
                    try Self.createDemoRequest(now: now, in: db)
                    return .loaded
                }
                guard try Self.holdsDemoData(db) else { throw StoreError.holdsOtherData(path: path) }
                return .alreadyPresent
            }
        }
    }

    /// The default database's first use: loads the demo data when the database is empty; true when it did.
    func loadDemoDataIfEmpty(now: Date) throws(StoreError) -> Bool {
        // Read first: an initialised database is not written at every start.
        guard try isEmpty() else { return false }
        defer { localWrites.increment() }
        return try perform {
            try writer.write { db in
                guard try Self.isEmpty(db) else { return false }
                try Self.insertDemoReferenceData(db)
                try Self.createDemoRequest(now: now, in: db)
                return true
            }
        }
    }

    private static func isEmpty(_ db: Database) throws -> Bool {
        try AccountRow.fetchCount(db) == 0 && LineRow.fetchCount(db) == 0 && PhoneModelRow.fetchCount(db) == 0 && RequestRow.fetchCount(db) == 0
    }

    private static func holdsDemoData(_ db: Database) throws -> Bool {
        let accounts = try AccountRow.fetchAll(db).map(\.account)
        let lines = try LineRow.fetchAll(db).map(\.line)
        let models = try PhoneModelRow.order(PhoneModelRow.Columns.position).fetchAll(db).map { try $0.model() }
        return Set(accounts) == Set(DemoData.accounts) && Set(lines.map(\.number)) == Set(DemoData.lines.map(\.number))
            && models == Catalog.demo.models
    }

    /// Loads the demo data of docs/reference.md §4 into an empty database, in one transaction.
    public func loadDemoData(now: Date) throws(StoreError) {
        defer { localWrites.increment() }
        try perform {
            try writer.write { db in
                guard try AccountRow.fetchCount(db) == 0, try LineRow.fetchCount(db) == 0, try RequestRow.fetchCount(db) == 0 else {
                    throw StoreError.holdsOtherData(path: path)
                }
                try Self.insertDemoReferenceData(db)
                try Self.createDemoRequest(now: now, in: db)
            }
        }
    }

    private static func insertDemoReferenceData(_ db: Database) throws {
        for (position, model) in Catalog.demo.models.enumerated() { try PhoneModelRow(model, position: position).upsert(db) }
        for account in DemoData.accounts { try AccountRow(account).insert(db) }
        for line in DemoData.lines { try LineRow(line).insert(db) }
    }

    private static func createDemoRequest(now: Date, in db: Database) throws {
        guard let owner = DemoData.lines.first(where: { $0.number == DemoData.blockingExchange.line })?.account else { return }
        _ = try createRequest(DemoData.blockingExchange, account: owner, contractAccepted: true, at: now, in: db)
    }

    // MARK: Reading

    public func catalog() throws(StoreError) -> Catalog {
        try perform { try writer.read { db in try Self.catalog(db) } }
    }

    public func account(_ id: AccountID) throws(StoreError) -> Account? {
        try perform { try writer.read { db in try AccountRow.fetchOne(db, key: id.rawValue)?.account } }
    }

    public func accounts() throws(StoreError) -> [Account] {
        try perform { try writer.read { db in try AccountRow.order(Column("id")).fetchAll(db).map(\.account) } }
    }

    /// The lines of an account, in number order.
    public func lines(account: AccountID) throws(StoreError) -> [Line] {
        try perform { try writer.read { db in try Self.lines(account: account, db) } }
    }

    /// Everything the rules need to decide for one account.
    public func snapshot(for account: AccountID) throws(StoreError) -> AccountSnapshot {
        try perform { try writer.read { db in try Self.snapshot(for: account, db) } }
    }

    /// The rows set aside when reading an account (or every account): lines whose number is not one, requests
    /// that cannot be decoded. Commands report them; the rest of the account works without them.
    public func unreadableRows(account: AccountID?) throws(StoreError) -> [UnreadableRow] {
        try perform {
            try writer.read { db in
                var found = try Self.readRequests(account: account, db).unreadable
                let accounts = try account.map { [$0] } ?? AccountRow.fetchAll(db).map { AccountID($0.id) }
                for id in accounts { found += try Self.readLines(account: id, db).unreadable }
                return found
            }
        }
    }

    /// Requests, oldest first; those of one account when `account` is given.
    public func requests(account: AccountID? = nil) throws(StoreError) -> [Request] {
        try perform { try writer.read { db in try Self.requests(account: account, db) } }
    }

    public func request(_ reference: RequestReference) throws(StoreError) -> Request? {
        try perform {
            try writer.read { db in
                try RequestRow.filter(RequestRow.Columns.reference == reference.rawValue).fetchOne(db).map { try Self.hydrate($0, db) }
            }
        }
    }

    /// Changes whenever anything is committed to the database — through this store or by another process — so
    /// a session re-reads its account only when something changed.
    public func changeCounter() throws(StoreError) -> Int {
        // SQLite's data_version counts other connections' commits only; this store counts its own.
        let external = try perform { try writer.read { db in try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0 } }
        return external &+ (localWrites.value << 32)
    }

    // MARK: Writing

    /// Records a request in one transaction that re-checks every rule inside it, so two processes racing on one
    /// line end with exactly one request.
    public func createRequest(_ draft: RequestDraft, account: AccountID, contractAccepted: Bool, at date: Date, by actor: Actor? = nil) throws(StoreError) -> Request {
        defer { localWrites.increment() }
        return try perform {
            try writer.write { db in
                pendingLog.drain(into: db)
                return try Self.createRequest(draft, account: account, contractAccepted: contractAccepted, at: date, by: actor, in: db)
            }
        }
    }

    /// Records the request whose summary the customer accepted. Every rule is checked again inside the transaction,
    /// and the terms they give now must equal `terms`, the ones shown: otherwise nothing is written and the refusal
    /// is `.termsChanged` (a deposit or the line's phone changed since the summary).
    public func createRequest(accepting terms: RequestTerms, account: AccountID, at date: Date, by actor: Actor? = nil) throws(StoreError) -> Request {
        defer { localWrites.increment() }
        return try perform {
            try writer.write { db in
                pendingLog.drain(into: db)
                return try Self.createRequest(accepting: terms, account: account, at: date, by: actor, in: db)
            }
        }
    }

    /// Applies a back-office event (phone received, shipped, refund issued, …) and updates the line's phone.
    public func apply(_ event: RequestEvent, to reference: RequestReference, at date: Date, by actor: Actor = .backOffice) throws(StoreError) -> Request {
        try change(reference, .event(event), by: actor, at: date)
    }

    /// Changes a recorded request in one transaction that re-reads it and re-checks the lifecycle: a back-office
    /// event, or a customer's cancellation or change of shipping mode. With `account`, only that account's requests
    /// are found (another's reference is unknown, exactly as a missing one).
    public func change(
        _ reference: RequestReference, _ change: RequestChange, account: AccountID? = nil, by actor: Actor, at date: Date
    ) throws(StoreError) -> Request {
        defer { localWrites.increment() }
        return try perform {
            try writer.write { db in
                var query = RequestRow.filter(RequestRow.Columns.reference == reference.rawValue)
                if let account { query = query.filter(RequestRow.Columns.accountId == account.rawValue) }
                guard let row = try query.fetchOne(db) else { throw StoreError.unknownRequest(reference) }
                let request = try Self.hydrate(row, db)
                // An event cannot precede its request (a back office typing the wrong year).
                if date < request.createdAt { throw StoreError.eventBeforeRequest(reference, createdAt: request.createdAt) }
                let result: Result<Request, IllegalTransition>
                let illegal = { (event: RequestEvent) in
                    IllegalTransition(reference: request.reference, kind: request.kind, status: request.status, event: event)
                }
                switch change {
                case .event(let event):
                    if let refusal = Lifecycle.dateRefusal(of: event, at: date, for: request) {
                        throw StoreError.rule(.eventDate(reference, refusal))
                    }
                    result = Lifecycle.apply(event, at: date, to: request, by: actor)
                case .cancel:
                    switch RequestChanges.cancellation(of: request) {
                    case .success(let cancellation): result = RequestChanges.apply(cancellation, at: date, by: actor)
                    case .failure: result = .failure(illegal(.cancelled))
                    }
                case .changeMode(let mode):
                    switch RequestChanges.modeChange(of: request, to: mode, catalog: try Self.catalog(db)) {
                    case .success(let modeChange): result = RequestChanges.apply(modeChange, at: date, by: actor)
                    case .failure: result = .failure(illegal(.shippingModeChanged))
                    }
                }
                let updated: Request
                switch result {
                case .failure(let transition): throw StoreError.illegalTransition(transition)
                case .success(let u): updated = u
                }
                var newRow = RequestRow(updated)
                newRow.sequence = row.sequence
                try newRow.update(db)
                guard let sequence = row.sequence, let record = updated.history.last else { return updated }
                var eventRow = RequestEventRow(sequence: sequence, record)
                try eventRow.insert(db)
                if let phone = Lifecycle.phoneChange(after: record.event, for: request), var line = try LineRow.fetchOne(db, key: request.line.rawValue) {
                    line.phoneModelId = phone?.rawValue
                    try line.update(db)
                }
                return updated
            }
        }
    }

    // MARK: Inside a transaction

    static func catalog(_ db: Database) throws -> Catalog {
        // A deposit that is not a whole number of cents (SQLite would read text or a real as 0 or truncate it), or
        // one outside 0…100,000 €, is a damaged database: refused before any arithmetic is done with it.
        let bad = try Row.fetchOne(db, sql: """
            SELECT id FROM phone_model
            WHERE typeof(deposit_cents) != 'integer' OR deposit_cents < 0 OR deposit_cents > ?
            ORDER BY position LIMIT 1
            """, arguments: [Money.maximumDeposit.cents])
        if let bad {
            let id: String = (try? bad.decode(String.self, atIndex: 0)) ?? "?"
            throw StoreError.unreadableValue(path: "", table: PhoneModelRow.databaseTableName, key: id, column: "deposit_cents")
        }
        return Catalog(models: try PhoneModelRow.order(PhoneModelRow.Columns.position).fetchAll(db).map { try $0.model() })
    }

    static func lines(account: AccountID, _ db: Database) throws -> [Line] {
        try readLines(account: account, db).lines
    }

    /// The account's lines; a row whose number is not a telephone number (E.164) is set aside, not used.
    static func readLines(account: AccountID, _ db: Database) throws -> (lines: [Line], unreadable: [UnreadableRow]) {
        let rows = try LineRow.filter(LineRow.Columns.accountId == account.rawValue).order(LineRow.Columns.number).fetchAll(db)
        var lines: [Line] = [], unreadable: [UnreadableRow] = []
        for row in rows {
            if LineNumber(parsing: row.number)?.rawValue == row.number { lines.append(row.line) } else {
                unreadable.append(UnreadableRow(table: LineRow.databaseTableName, key: row.number, column: "number"))
            }
        }
        return (lines, unreadable)
    }

    static func requests(account: AccountID?, unfinishedOnly: Bool = false, _ db: Database) throws -> [Request] {
        try readRequests(account: account, unfinishedOnly: unfinishedOnly, db).requests
    }

    /// Requests, oldest first. A row that cannot be decoded (a date that is not one, an unknown status) is set
    /// aside, so one damaged request does not make the whole account unusable; `unreadableRows` reports it.
    static func readRequests(account: AccountID?, unfinishedOnly: Bool = false, _ db: Database) throws -> (requests: [Request], unreadable: [UnreadableRow]) {
        var query = RequestRow.order(RequestRow.Columns.sequence)
        if let account { query = query.filter(RequestRow.Columns.accountId == account.rawValue) }
        if unfinishedOnly { query = query.filter(![RequestStatus.closed.rawValue, RequestStatus.cancelled.rawValue].contains(RequestRow.Columns.status)) }
        var unreadable: [UnreadableRow] = []
        var rows: [RequestRow] = []
        for raw in try Row.fetchAll(db, query) {
            do { rows.append(try RequestRow(row: raw)) } catch {
                let key = (try? raw.decode(String.self, forColumn: RequestRow.CodingKeys.reference.rawValue)) ?? "?"
                unreadable.append(UnreadableRow(table: RequestRow.databaseTableName, key: key, column: Self.column(of: error)))
            }
        }
        let sequences = rows.compactMap(\.sequence)
        var bySequence: [Int64: [RequestEventRecord]] = [:]
        var damaged: [Int64: String] = [:]
        for raw in try Row.fetchAll(db, RequestEventRow.filter(sequences.contains(RequestEventRow.Columns.requestSequence)).order(RequestEventRow.Columns.id)) {
            let sequence = (try? raw.decode(Int64.self, forColumn: RequestEventRow.CodingKeys.requestSequence.rawValue)) ?? -1
            do { bySequence[sequence, default: []].append(try RequestEventRow(row: raw).record()) } catch {
                damaged[sequence] = "request_event." + Self.column(of: error)
            }
        }
        var requests: [Request] = []
        for row in rows {
            let sequence = row.sequence ?? -1
            if let column = damaged[sequence] {
                unreadable.append(UnreadableRow(table: RequestRow.databaseTableName, key: row.reference, column: column))
                continue
            }
            do { requests.append(try row.request(history: bySequence[sequence] ?? [])) } catch {
                unreadable.append(UnreadableRow(table: RequestRow.databaseTableName, key: row.reference, column: "kind/status"))
            }
        }
        return (requests, unreadable)
    }

    /// The column a decoding error names, without the row and the SQL that GRDB's description carries.
    private static func column(of error: any Error) -> String {
        let description = String(describing: error)
        guard let range = description.range(of: "column: \""), let end = description[range.upperBound...].firstIndex(of: "\"") else { return "?" }
        return String(description[range.upperBound..<end])
    }

    static func hydrate(_ row: RequestRow, _ db: Database) throws -> Request {
        let events = try RequestEventRow.filter(RequestEventRow.Columns.requestSequence == row.sequence).order(RequestEventRow.Columns.id).fetchAll(db)
        return try row.request(history: events.map { try $0.record() })
    }

    static func snapshot(for account: AccountID, _ db: Database) throws -> AccountSnapshot {
        let lines = try lines(account: account, db)
        return AccountSnapshot(
            account: account, lines: lines, requests: try requests(account: account, db), catalog: try catalog(db),
            linesHeldElsewhere: try linesHeldElsewhere(lines, account: account, db)
        )
    }

    /// The lines among `lines` held by an unfinished request of another account: a line's request blocks it whatever
    /// account made it (a line moved between accounts keeps its request).
    static func linesHeldElsewhere(_ lines: [Line], account: AccountID, _ db: Database) throws -> Set<LineNumber> {
        guard !lines.isEmpty else { return [] }
        let held = try String.fetchAll(db, RequestRow
            .select(RequestRow.Columns.line)
            .filter(lines.map(\.number.rawValue).contains(RequestRow.Columns.line))
            .filter(RequestRow.Columns.accountId != account.rawValue)
            .filter(![RequestStatus.closed.rawValue, RequestStatus.cancelled.rawValue].contains(RequestRow.Columns.status)))
        return Set(held.map(LineNumber.init(rawValue:)))
    }

    static func createRequest(_ draft: RequestDraft, account: AccountID, contractAccepted: Bool, at date: Date, by actor: Actor? = nil, in db: Database) throws -> Request {
        let snapshot = try decisionSnapshot(for: account, db)
        let approved: ApprovedRequest
        switch Rules.approve(draft, contractAccepted: contractAccepted, in: snapshot) {
        case .failure(let refusal): throw StoreError.refused(refusal)
        case .success(let a): approved = a
        }
        return try insert(approved, account: account, contractAccepted: contractAccepted, at: date, by: actor, in: db)
    }

    /// Records the request whose summary the customer accepted, if the rules still give exactly those terms now.
    static func createRequest(accepting terms: RequestTerms, account: AccountID, at date: Date, by actor: Actor? = nil, in db: Database) throws -> Request {
        switch Rules.approve(terms, in: try decisionSnapshot(for: account, db)) {
        case .failure(let refusal): throw StoreError.refused(refusal)
        case .success(let approved): return try insert(approved, account: account, contractAccepted: true, at: date, by: actor, in: db)
        }
    }

    /// What the rules need to write, read inside the writing transaction.
    private static func decisionSnapshot(for account: AccountID, _ db: Database) throws -> AccountSnapshot {
        // The rules only look at unfinished requests: an account's history need not be read to write.
        let lines = try lines(account: account, db)
        return AccountSnapshot(
            account: account, lines: lines, requests: try requests(account: account, unfinishedOnly: true, db), catalog: try catalog(db),
            linesHeldElsewhere: try linesHeldElsewhere(lines, account: account, db)
        )
    }

    private static func insert(
        _ approved: ApprovedRequest, account: AccountID, contractAccepted: Bool, at date: Date, by actor: Actor?, in db: Database
    ) throws -> Request {
        let draft = approved.draft
        let next = (try Int.fetchOne(db, RequestRow.select(max(RequestRow.Columns.sequence))) ?? 0) + 1
        let request = Request(
            reference: RequestReference(sequence: next), kind: draft.kind, account: account, line: draft.line,
            oldModel: approved.oldModel, newModel: approved.newModel, shippingMode: approved.shippingMode,
            status: approved.initialStatus, contractAccepted: contractAccepted,
            dueNow: approved.quote.dueNow, refundOnReturn: approved.quote.refundOnReturn, createdAt: date, createdBy: actor
        )
        var row = RequestRow(request)
        do { try row.insert(db) } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            // Only reachable if the rule check above was bypassed: the unique index still holds the line.
            let holder = try RequestRow.filter(RequestRow.Columns.line == draft.line.rawValue)
                .filter(!["closed", "cancelled"].contains(RequestRow.Columns.status)).fetchOne(db)
            // Another constraint (a CHECK on the amounts, a foreign key) is a damaged database, not a busy line.
            guard let holder else { throw StoreError.constraint(path: "") }
            // Another account's reference is never shown to this customer.
            guard holder.accountId == account.rawValue else { throw StoreError.refused(.lineBusy(draft.line)) }
            throw StoreError.refused(.requestInProgress(draft.line, RequestReference(rawValue: holder.reference)))
        }
        return request
    }
}

/// A change to a recorded request.
public enum RequestChange: Hashable, Sendable {
    /// What the back office saw happen (`advance`).
    case event(RequestEvent)
    /// The customer's cancellation, while nothing has moved.
    case cancel
    /// The customer's switch of an exchange's shipping mode, while nothing has moved.
    case changeMode(ShippingMode)
}

extension StoreError {
    /// Classifies SQLite's failures into the faults a user can act on.
    init(_ error: any Error, path: String, creating: Bool = false) {
        self = .fault(StorageFault(error, path: path, creating: creating))
    }
}

extension StorageFault {
    /// Classifies SQLite's failures into the faults a user can act on.
    init(_ error: any Error, path: String, creating: Bool = false) {
        if error is RowDecodingError {
            // GRDB's description holds the whole row and the SQL: not for a customer's eyes.
            self = .corrupt(detail: path)
            return
        }
        guard let error = error as? DatabaseError else {
            self = .io(path: path, detail: String(describing: error))
            return
        }
        switch error.resultCode {
        case .SQLITE_NOTADB, .SQLITE_CORRUPT, .SQLITE_FORMAT: self = .corrupt(detail: path)
        case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_AUTH: self = .readOnly(path: path)
        case .SQLITE_CANTOPEN: self = creating ? .readOnly(path: path) : .io(path: path, detail: error.message ?? "cannot open")
        case .SQLITE_BUSY, .SQLITE_LOCKED: self = .locked(path: path)
        case .SQLITE_FULL: self = .full(path: path)
        case .SQLITE_IOERR:
            // A read-only folder shows up as an I/O error on the WAL's shared-memory file.
            switch error.extendedResultCode {
            case .SQLITE_IOERR_SHMOPEN, .SQLITE_READONLY_CANTINIT: self = .readOnly(path: path)
            // SQLite reports ENOSPC on the database as SQLITE_FULL, but a file-size limit (EFBIG) as a failed
            // write, and no room for the WAL's shared-memory file as a failed resize.
            case .SQLITE_IOERR_WRITE, .SQLITE_IOERR_SHMSIZE: self = .full(path: path)
            default: self = .io(path: path, detail: error.message ?? "I/O error")
            }
        default: self = .io(path: path, detail: error.message ?? "\(error.resultCode)")
        }
    }
}

/// Counts the writes made through one store (an over-count after a failed write only costs a re-read).
final class WriteCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    var value: Int { lock.withLock { count } }
    func increment() { lock.withLock { count += 1 } }
}

/// A row set aside because it cannot be read: the table, the row's key (a request's reference, a line's number)
/// and the column at fault. Reported on stderr by the commands; never the whole row or the SQL.
public struct UnreadableRow: Sendable, Hashable {
    public var table: String
    public var key: String
    public var column: String
}
