import Foundation
import Testing

/// The data commands of docs/reference.md §1 and §3, through the real binary.
struct DataCommandTests {
    func demoDatabase(_ scratch: Scratch) throws -> String {
        let db = scratch.path("demo.sqlite")
        let outcome = try PlugphoneProcess.run(["init", "--demo", "--db", db])
        #expect(outcome.status == 0)
        #expect(outcome.stdout.contains(db))
        return db
    }

    func jsonArray(_ text: String) throws -> [[String: Any]] {
        try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
    }

    @Test func linesOfTheDemoAccountAsJSON() throws {
        let scratch = try Scratch()
        let db = try demoDatabase(scratch)
        let outcome = try PlugphoneProcess.run(["lines", "--account", "ab12345-ovh", "--json", "--db", db])
        #expect(outcome.status == 0 && outcome.stderr.isEmpty)
        #expect(outcome.stdout == """
        [{"line":"+33972101010","account":"ab12345-ovh","phone":null,"open_request":null},\
        {"line":"+33972101011","account":"ab12345-ovh","phone":"yealink.t41s","open_request":null},\
        {"line":"+33972101012","account":"ab12345-ovh","phone":"gigaset.c530ip","open_request":{"id":"RMA-000001","kind":"exchange","status":"awaiting_return"}}]

        """)
    }

    @Test func requestsAsJSONFollowTheContractFieldForField() throws {
        let scratch = try Scratch()
        let db = try demoDatabase(scratch)
        let outcome = try PlugphoneProcess.run(["requests", "--json", "--db", db])
        #expect(outcome.status == 0)
        #expect(outcome.stdout.hasPrefix("""
        [{"id":"RMA-000001","kind":"exchange","account":"ab12345-ovh","line":"+33972101012",\
        "old_model":"gigaset.c530ip","new_model":"yealink.w56p","shipping_mode":"after_return",\
        "status":"awaiting_return","contract_accepted":true,"due_now_cents":3000,"refund_on_return_cents":0,\
        "currency":"EUR","created_at":"2026-11-28T10:00:00Z"
        """))
        let requests = try jsonArray(outcome.stdout)
        #expect(requests.count == 1)
        #expect(requests.first?["return_deadline"] as? String == "2026-12-13T10:00:00Z")
        let other = try PlugphoneProcess.run(["requests", "--json", "--account", "cd67890-ovh", "--db", db])
        #expect(other.stdout == "[]\n")
    }

    @Test func catalogAsJSON() throws {
        let scratch = try Scratch()
        let db = try demoDatabase(scratch)
        let models = try jsonArray(try PlugphoneProcess.run(["catalog", "--json", "--db", db]).stdout)
        #expect(models.map { $0["id"] as? String } == ["yealink.t41s", "yealink.t46s", "yealink.t54w", "yealink.w56p", "gigaset.c530ip", "gigaset.n670.packed.r650h", "cisco.cp7841", "cisco.spa504g"])
        #expect(models.map { $0["deposit_cents"] as? Int } == [6000, 9000, 12000, 8000, 5000, 15000, 10000, 7000])
        #expect(models.last?["orderable"] as? Bool == false)
    }

    @Test func tablesInFrenchAndEnglish() throws {
        let scratch = try Scratch()
        let db = try demoDatabase(scratch)
        let fr = try PlugphoneProcess.run(["catalog", "--db", db]).stdout
        #expect(fr.contains("Yealink T46S") && fr.contains("90,00 € HT") && fr.contains("150,00 € HT") && fr.contains("Caution"))
        let en = try PlugphoneProcess.run(["catalog", "--lang", "en", "--db", db]).stdout
        #expect(en.contains("€90.00 excl. VAT") && en.contains("Deposit"))
        let lines = try PlugphoneProcess.run(["lines", "--account", "ab12345-ovh", "--db", db]).stdout.split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines[1].hasPrefix("09 72 10 10 10") && lines[3].contains("RMA-000001"))
        // Columns are aligned: the second column starts at the same character in every row.
        let starts = zip(lines, ["Téléphone", "aucun", "Yealink T41S", "Gigaset C530 IP"]).map { line, cell in
            line.range(of: cell).map { line.distance(from: line.startIndex, to: $0.lowerBound) }
        }
        #expect(Set(starts).count == 1 && starts[0] != nil, "\(starts)")
        let requests = try PlugphoneProcess.run(["requests", "--db", db, "--lang", "en"]).stdout
        #expect(requests.contains("RMA-000001") && requests.contains("€30.00 excl. VAT") && requests.contains("awaiting return"))
    }

    @Test func defaultDatabaseIsCreatedWithTheDemoDataOnFirstUse() throws {
        let scratch = try Scratch()
        let outcome = try PlugphoneProcess.run(["requests", "--json"], environment: ["XDG_DATA_HOME": scratch.path("data")])
        #expect(outcome.status == 0)
        #expect(outcome.stdout.contains("\"due_now_cents\":3000"))
        #expect(FileManager.default.fileExists(atPath: scratch.path("data/plugphone/plugphone.sqlite")))
        let home = try PlugphoneProcess.run(["catalog", "--json"], environment: ["HOME": scratch.path("home")])
        #expect(home.status == 0)
        #expect(FileManager.default.fileExists(atPath: scratch.path("home/.local/share/plugphone/plugphone.sqlite")))
    }

    @Test func databaseFromTheEnvironment() throws {
        let scratch = try Scratch()
        let db = try demoDatabase(scratch)
        let outcome = try PlugphoneProcess.run(["lines", "--account", "ab12345-ovh", "--json"], environment: ["PLUGPHONE_DB": db])
        #expect(outcome.status == 0 && outcome.stdout.contains("RMA-000001"))
    }

    @Test func initIsIdempotentAndRefusesDemoDataOverOtherData() throws {
        let scratch = try Scratch()
        let db = scratch.path("empty.sqlite")
        #expect(try PlugphoneProcess.run(["init", "--db", db]).status == 0)
        #expect(try PlugphoneProcess.run(["init", "--db", db]).status == 0)
        #expect(try PlugphoneProcess.run(["init", "--demo", "--db", db]).status == 0)
        let again = try PlugphoneProcess.run(["init", "--demo", "--db", db])
        #expect(again.status == 0 && again.stdout.contains(db))
        #expect(try PlugphoneProcess.run(["requests", "--json", "--db", db]).stdout.components(separatedBy: "\"id\"").count == 2)

        let other = scratch.path("other.sqlite")
        #expect(try PlugphoneProcess.run(["init", "--db", other]).status == 0)
        try Python.run("""
        import sqlite3, sys
        c = sqlite3.connect(sys.argv[1]); c.execute("INSERT INTO account (id, holder) VALUES ('zz99999-ovh', 'Someone')"); c.commit()
        """, other)
        let refused = try PlugphoneProcess.run(["init", "--demo", "--db", other])
        #expect(refused.status == 2)
        #expect(refused.stderrLines.count == 1)
        #expect(refused.stderr.contains("contient déjà d'autres données"))
    }

    @Test func backOfficeEventsMoveARequest() throws {
        let scratch = try Scratch()
        let db = try demoDatabase(scratch)
        let illegal = try PlugphoneProcess.run(["advance", "RMA-000001", "shipped", "--db", db])
        #expect(illegal.status == 1)
        // The events are named in the session's language, never by their raw English names.
        #expect(illegal.stderr.contains("nouveau téléphone expédié") && !illegal.stderr.contains("shipped"))
        #expect(illegal.stderr.contains("ancien téléphone reçu, annulée."))
        let english = try PlugphoneProcess.run(["advance", "RMA-000001", "refunded", "--lang", "en", "--db", db])
        #expect(english.status == 1 && english.stderr.contains("the event \"deposit refunded\" does not apply"))
        #expect(english.stderr.contains("Possible now: old phone received, cancelled."))
        // The return deadline passes only once it is over: not on day 0 of the exchange.
        let early = try PlugphoneProcess.run(["advance", "RMA-000001", "deadline-passed", "--db", db])
        #expect(early.status == 2 && early.stderrLines.count == 1 && early.stderr.contains("n'est pas dépassé"))
        let received = try PlugphoneProcess.run(["advance", "RMA-1", "received", "--at", "2026-12-01T09:00:00Z", "--db", db])
        #expect(received.status == 0 && received.stdout.contains("RMA-000001"))
        // An event dated before the request's last one is refused, and nothing is written.
        let outOfOrder = try PlugphoneProcess.run(["advance", "RMA-000001", "shipped", "--db", db])
        #expect(outOfOrder.status == 2 && outOfOrder.stderrLines.count == 1 && outOfOrder.stderr.contains("précéder le dernier"))
        let shipped = try PlugphoneProcess.run(["advance", "RMA-000001", "shipped", "--at", "2026-12-01T10:00:00Z", "--json", "--db", db])
        #expect(shipped.stdout.contains("\"status\":\"shipped\"") && shipped.stdout.contains("\"at\":\"2026-12-01T09:00:00Z\""))
        let lines = try PlugphoneProcess.run(["lines", "--account", "ab12345-ovh", "--json", "--db", db]).stdout
        #expect(lines.contains("\"line\":\"+33972101012\",\"account\":\"ab12345-ovh\",\"phone\":\"yealink.w56p\""))
        #expect(try PlugphoneProcess.run(["advance", "RMA-000001", "completed", "--at", "2026-12-02T10:00:00Z", "--db", db]).status == 0)
        #expect(try PlugphoneProcess.run(["lines", "--account", "ab12345-ovh", "--json", "--db", db]).stdout.contains("\"open_request\":{") == false)
        #expect(try PlugphoneProcess.run(["advance", "RMA-000042", "received", "--db", db]).status == 2)
        #expect(try PlugphoneProcess.run(["advance", "banana", "received", "--db", db]).status == 2)
        #expect(try PlugphoneProcess.run(["advance", "RMA-1", "exploded", "--db", db]).status == 2)
    }

    @Test(arguments: [
        ["lines", "--json"], ["frobnicate"], ["catalog", "--lang", "de"], ["requests", "--no-such-flag"], ["lines", "--account"],
    ])
    func badUsageExitsTwoWithOneClearMessage(arguments: [String]) throws {
        let scratch = try Scratch()
        let db = try demoDatabase(scratch)
        let outcome = try PlugphoneProcess.run(arguments + ["--db", db])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("Error") || outcome.stderr.contains("rror:"))
        #expect(!outcome.stderr.contains("Fatal error"))
    }

    @Test func unknownAccountIsAnsweredInTheSessionLanguage() throws {
        let scratch = try Scratch()
        let db = try demoDatabase(scratch)
        let fr = try PlugphoneProcess.run(["lines", "--account", "xx00000-ovh", "--db", db])
        #expect(fr.status == 2 && fr.stderr == "Le compte «\u{202F}xx00000-ovh\u{202F}» n'existe pas.\n")
        let en = try PlugphoneProcess.run(["lines", "--account", "xx00000-ovh", "--db", db, "--lang", "en"])
        #expect(en.stderr == "There is no account \"xx00000-ovh\".\n")
    }
}

/// Small helper scripts that play another process touching the database (python3 ships with SQLite here).
enum Python {
    @discardableResult
    static func run(_ script: String, _ arguments: String...) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return String(decoding: data, as: UTF8.self)
    }
}
