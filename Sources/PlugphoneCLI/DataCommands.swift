import ArgumentParser
import Foundation
import PlugphoneDomain
import PlugphoneLocalization
import PlugphoneStore

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Creates the database schema (idempotent); --demo also loads the demo data."
    )

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Also load the demo accounts, lines, catalog and request (only into an empty database).")
    var demo = false

    func validate() throws {
        if global.db == nil, ProcessInfo.processInfo.environment["PLUGPHONE_DB"] == nil {
            throw ValidationError("init needs --db PATH (or PLUGPHONE_DB).")
        }
    }

    func run() throws {
        let pack = try global.languagePack()
        let path = global.databasePath().path
        try global.checkDatabaseOption(pack)
        let store = try pack.storage { try Store.open(path: path, mode: .createIfMissing) }
        let messages = pack.messages
        guard demo else {
            let done = messages.text("init.created", ["path": path])
            return try pack.output(done: done) { try Output.print(done) }
        }
        // One transaction decides and loads: twelve `init --demo` run together all succeed.
        let done = switch try pack.storage({ try store.loadDemoDataUnlessPresent(now: Clock.now()) }) {
        case .loaded: messages.text("init.demo_loaded", ["path": path])
        case .alreadyPresent: messages.text("init.demo_present", ["path": path])
        }
        try pack.output(done: done) { try Output.print(done) }
    }
}

struct LinesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "lines", abstract: "Lists an account's lines with their phone and any open request.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "The customer account, e.g. ab12345-ovh.") var account: String
    @Flag(help: "JSON output.") var json = false

    func run() throws {
        let pack = try global.languagePack()
        let store = try global.openStore(pack: pack)
        let id = AccountID(account)
        guard try pack.storage({ try store.account(id) }) != nil else { throw pack.failure(for: .unknownAccount(id)) }
        let snapshot = try pack.storage { try store.snapshot(for: id) }
        let skipped = try global.reportUnreadableRows(store, account: id, pack: pack)
        try pack.output { try printLines(snapshot, pack: pack) }
        // What could be read was listed; the rows set aside were named on stderr.
        if skipped { throw ExitCode(CLIFailure.Code.storage.rawValue) }
    }

    private func printLines(_ snapshot: AccountSnapshot, pack: LanguagePack) throws {
        if json {
            return try Output.printJSONArray(snapshot.lines.map { $0.json(openRequest: snapshot.unfinishedRequest(on: $0.number)) })
        }
        let m = pack.messages
        guard !snapshot.lines.isEmpty else { return try Output.print(m.text("table.empty_lines")) }
        let rows = snapshot.lines.map { line -> [String] in
            let phone = line.phone.map { snapshot.catalog[$0]?.name ?? $0.rawValue } ?? m.text("table.no_phone")
            let open = snapshot.unfinishedRequest(on: line.number).map {
                "\($0.reference.rawValue) (\(m.text("request_kind.\($0.kind.rawValue)")), \(m.text("status.\($0.status.rawValue)")))"
            } ?? m.text("table.none")
            return [pack.format.line(line.number), phone, open]
        }
        try Output.print(TextTable(header: ["line", "phone", "open_request"].map { m.text("table.lines.\($0)") }, rows: rows).rendered())
    }
}

struct CatalogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "catalog", abstract: "Lists the phone models with their deposits.")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "JSON output.") var json = false

    func run() throws {
        let pack = try global.languagePack()
        let store = try global.openStore(pack: pack)
        let catalog = try pack.storage { try store.catalog() }
        try pack.output { try printCatalog(catalog, pack: pack) }
    }

    private func printCatalog(_ catalog: Catalog, pack: LanguagePack) throws {
        if json { return try Output.printJSONArray(catalog.models.map(\.json)) }
        let m = pack.messages
        let rows = catalog.models.map { model in
            [model.id.rawValue, model.name, pack.describe(model), pack.format.money(model.deposit), m.text(model.orderable ? "table.yes" : "table.no")]
        }
        try Output.print(TextTable(header: ["id", "name", "description", "deposit", "orderable"].map { m.text("table.catalog.\($0)") }, rows: rows).rendered())
    }
}

struct RequestsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "requests", abstract: "Lists requests, oldest first.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "Only this account's requests.") var account: String?
    @Flag(help: "JSON output (docs/reference.md §3).") var json = false

    func run() throws {
        let pack = try global.languagePack()
        let store = try global.openStore(pack: pack)
        let accountID = account.map(AccountID.init(rawValue:))
        if let accountID, try pack.storage({ try store.account(accountID) }) == nil { throw pack.failure(for: .unknownAccount(accountID)) }
        let requests = try pack.storage { try store.requests(account: accountID) }
        let skipped = try global.reportUnreadableRows(store, account: accountID, pack: pack)
        try pack.output { try printRequests(requests, pack: pack) }
        // What could be read was listed; the rows set aside were named on stderr.
        if skipped { throw ExitCode(CLIFailure.Code.storage.rawValue) }
    }

    private func printRequests(_ requests: [Request], pack: LanguagePack) throws {
        if json { return try Output.printJSONArray(requests.map(\.json)) }
        let m = pack.messages
        guard !requests.isEmpty else { return try Output.print(m.text("table.empty_requests")) }
        let none = m.text("table.none")
        let rows = requests.map { r in
            [
                r.reference.rawValue, m.text("request_kind.\(r.kind.rawValue)"), r.account.rawValue, pack.format.line(r.line),
                r.oldModel?.rawValue ?? none, r.newModel?.rawValue ?? none, r.shippingMode.map { m.text("shipping_mode.\($0.rawValue)") } ?? none,
                m.text("status.\(r.status.rawValue)"), pack.format.money(r.dueNow), pack.format.money(r.refundOnReturn), pack.format.date(r.createdAt),
                RequestHistoryText.actor(r.createdBy, messages: m), RequestHistoryText.events(r, pack: pack),
            ]
        }
        let header = ["id", "kind", "account", "line", "old_model", "new_model", "mode", "status", "due_now", "refund", "created_at", "created_by", "history"]
        try Output.print(TextTable(header: header.map { m.text("table.requests.\($0)") }, rows: rows).rendered())
    }
}

extension RequestEvent: ExpressibleByArgument {
    /// Only the back office's events: a change of shipping mode is the customer's, through the conversation.
    public init?(argument: String) {
        guard let event = RequestEvent(rawValue: argument), RequestEvent.backOffice.contains(event) else { return nil }
        self = event
    }

    public static var allValueStrings: [String] { backOffice.map(\.rawValue) }
}

struct AdvanceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "advance",
        abstract: "Back office: records what happened to a request.",
        discussion: """
        Events: received (the old phone reached the return centre), shipped (the new phone left), \
        refunded (the deposit was refunded), completed (nothing left to do), deadline-passed (the old phone \
        did not arrive within 15 days: its deposit is kept), cancelled.
        """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The request reference, e.g. RMA-000002.") var reference: String
    @Argument(help: "What happened: \(RequestEvent.backOffice.map(\.rawValue).joined(separator: ", ")).") var event: RequestEvent
    @Option(help: "When it happened (ISO 8601); now by default.") var at: String?
    @Flag(help: "Print the updated request as JSON.") var json = false

    func run() throws {
        let pack = try global.languagePack()
        let m = pack.messages
        guard let ref = RequestReference(parsing: reference) else {
            throw CLIFailure(.usage, m.text("advance.bad_reference", ["reference": reference]))
        }
        let now = Clock.now()
        var date = now
        if let at {
            guard let parsed = Clock.parseISO8601(at) else { throw CLIFailure(.usage, m.text("advance.bad_date", ["date": at])) }
            // Far in the future (or the past), a date would be stored and then break every read of the account.
            guard Clock.acceptedRange.contains(parsed), parsed <= now.addingTimeInterval(Clock.futureTolerance) else {
                throw CLIFailure(.usage, m.text("advance.date_out_of_range", ["date": at, "now": Clock.iso8601(now)]))
            }
            date = parsed
        }
        let store = try global.openStore(pack: pack)
        let updated: Request
        do {
            updated = try store.apply(event, to: ref, at: date)
        } catch .rule(.illegalTransition(let illegal)) {
            let current = try pack.storage { try store.request(ref) }
            let possible = current.map { request in
                // What could be recorded at this date: not a return deadline that is not over yet.
                Lifecycle.possibleEvents(for: request).filter { Lifecycle.dateRefusal(of: $0, at: date, for: request) == nil }
                    .map { m.text("event.\($0.rawValue)") }
            } ?? []
            throw CLIFailure(.checkFailed, m.text("advance.illegal", [
                "reference": illegal.reference.rawValue, "kind": m.text("request_kind.\(illegal.kind.rawValue)"),
                "status": m.text("status.\(illegal.status.rawValue)"), "event": m.text("event.\(illegal.event.rawValue)"),
                "possible": possible.isEmpty ? m.text("advance.nothing_possible") : possible.joined(separator: ", "),
            ]))
        } catch {
            throw pack.failure(for: error)
        }
        let applied = m.text("advance.applied", [
            "reference": updated.reference.rawValue, "event": m.text("event.\(event.rawValue)"), "status": m.text("status.\(updated.status.rawValue)"),
        ])
        // The event is recorded: if its confirmation cannot be printed, stderr still says it was.
        try pack.output(done: applied) { try Output.print(json ? updated.json.serialized() : applied) }
    }
}
