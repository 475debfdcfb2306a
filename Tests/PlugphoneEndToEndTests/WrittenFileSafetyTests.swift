import Foundation
import Testing

/// The files the program writes for the user never destroy a database nor replace a read-only file (issue 14 review).
struct WrittenFileSafetyTests {
    func demoDatabase(_ scratch: Scratch, _ name: String = "victim.db") throws -> String {
        let db = scratch.path(name)
        #expect(try PlugphoneProcess.run(["init", "--demo", "--db", db]).status == 0)
        return db
    }

    func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    @Test func reportNeverOverwritesTheDatabaseItReads() throws {
        let scratch = try Scratch()
        let db = try demoDatabase(scratch)
        let before = try bytes(db)
        let folder = scratch.url.lastPathComponent
        let spellings = [db, scratch.url.path + "/./victim.db", scratch.url.path + "/../\(folder)/victim.db"]
        for target in spellings {
            for option in ["--html", "--unrecognised"] {
                let outcome = try PlugphoneProcess.run(["report", "--db", db, option, target])
                #expect(outcome.status == 2, "\(option) \(target): \(outcome.stderr)")
                #expect(outcome.stderr.contains("base de données SQLite"), "\(outcome.stderr)")
                #expect(outcome.stderr.split(separator: "\n").count == 1, "\(outcome.stderr)")
            }
        }
        #expect(try bytes(db) == before)
        // Still a working database.
        #expect(try PlugphoneProcess.run(["report", "--json", "--db", db]).status == 0)
    }

    @Test func anotherDatabaseIsNotOverwrittenEither() throws {
        let scratch = try Scratch()
        let db = try demoDatabase(scratch)
        let other = try demoDatabase(scratch, "other.sqlite")
        let before = try bytes(other)
        for option in ["--html", "--unrecognised"] {
            let outcome = try PlugphoneProcess.run(["report", "--db", db, option, other, "--lang", "en"])
            #expect(outcome.status == 2 && outcome.stderr.contains("SQLite database"), "\(outcome.stderr)")
        }
        let record = try PlugphoneProcess.run(["chat", "--record", other], stdin: "bonjour\n")
        #expect(record.status == 2, "\(record.stderr)")
        #expect(try bytes(other) == before)
    }

    @Test func aReadOnlyFileIsNotReplaced() throws {
        let scratch = try Scratch()
        let db = try demoDatabase(scratch)
        let page = scratch.path("page.html")
        try Data("keep me\n".utf8).write(to: URL(fileURLWithPath: page))
        #expect(chmod(page, 0o444) == 0)
        let outcome = try PlugphoneProcess.run(["report", "--db", db, "--html", page])
        #expect(outcome.status == 2 && outcome.stderr.contains("lecture seule"), "\(outcome.stderr)")
        #expect(try String(contentsOfFile: page, encoding: .utf8) == "keep me\n")
        let info = try FileManager.default.attributesOfItem(atPath: page)
        #expect((info[.posixPermissions] as? Int) == 0o444)
        // A writable file is still replaced as before.
        let writable = scratch.path("writable.html")
        try Data("old\n".utf8).write(to: URL(fileURLWithPath: writable))
        #expect(try PlugphoneProcess.run(["report", "--db", db, "--html", writable]).status == 0)
        #expect(try String(contentsOfFile: writable, encoding: .utf8).contains("<html"))
    }
}

/// What a user typed never carries control characters into the Rasa export nor the HTML page (issue 14 review).
struct ReportSanitisingTests {
    @Test func controlCharactersAndSeparatorsAreTakenOut() throws {
        let scratch = try Scratch()
        let db = scratch.path("log.sqlite")
        #expect(try PlugphoneProcess.run(["init", "--demo", "--db", db]).status == 0)
        let typed = "blorg\u{01} wiz\u{1B}[31mzle\u{07} fr\u{85}ob\u{2028}nic\u{2029}ate\u{0B}e"
        let chat = try PlugphoneProcess.run(["chat", "--db", db], stdin: typed + "\n")
        #expect(chat.status == 0, "\(chat.stderr)")
        let nlu = scratch.path("nlu.yml"), page = scratch.path("report.html")
        let outcome = try PlugphoneProcess.run(["report", "--db", db, "--unrecognised", nlu, "--html", page])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let forbidden: Set<UInt32> = [0x01, 0x07, 0x0B, 0x1B, 0x85, 0x2028, 0x2029]
        for file in [nlu, page] {
            let text = try String(contentsOfFile: file, encoding: .utf8)
            #expect(!text.unicodeScalars.contains { forbidden.contains($0.value) }, "\(file)")
        }
        let yaml = try String(contentsOfFile: nlu, encoding: .utf8)
        #expect(yaml.contains("    - blorg wizzle frob nic ate"), "\(yaml)")
        #expect(try String(contentsOfFile: page, encoding: .utf8).contains("blorg wizzle frob nic ate"))

        // The export loads with PyYAML's safe_load, as Rasa reads it.
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", "-c", "import sys, yaml; d = yaml.safe_load(open(sys.argv[1], encoding='utf-8')); assert d['nlu']", nlu]
        python.standardError = FileHandle.nullDevice
        try python.run()
        python.waitUntilExit()
        #expect(python.terminationStatus == 0)
    }
}

/// `report --since` and `--until` take only real dates, and the period shown is the one included (issue 14 review).
struct ReportPeriodTests {
    func database(_ scratch: Scratch) throws -> String {
        let db = scratch.path("log.sqlite")
        #expect(try PlugphoneProcess.run(["init", "--demo", "--db", db]).status == 0)
        return db
    }

    @Test func impossibleDatesAreRefused() throws {
        let scratch = try Scratch()
        let db = try database(scratch)
        for bad in ["2026-02-30", "2026-11-28T25:00:00Z", "2026-11-28T10:60Z", "0001-01-01", "99999-01-01", "2026-13-01",
                    "2025-02-29", "2026-11-28T10:00:00Zjunk", "28/11/2026", ""] {
            let outcome = try PlugphoneProcess.run(["report", "--db", db, "--since", bad])
            #expect(outcome.status == 2, "\(bad): \(outcome.stderr)")
            #expect(outcome.stderr.hasPrefix("Date illisible"), "\(bad): \(outcome.stderr)")
        }
        for good in ["2024-02-29", " 2026-11-28 ", "2026-11-28", "2026-11-28T10:00", "2026-11-28T10:00:00Z", "2026-11-28T10:00:00.250+01:00"] {
            let outcome = try PlugphoneProcess.run(["report", "--db", db, "--since", good])
            #expect(outcome.status == 0, "\(good): \(outcome.stderr)")
        }
        let reversed = try PlugphoneProcess.run(["report", "--db", db, "--since", "2026-11-29", "--until", "2026-11-28"])
        #expect(reversed.status == 2 && reversed.stderr.contains("n'est pas avant"), "\(reversed.stderr)")
        // One whole day is a valid period.
        #expect(try PlugphoneProcess.run(["report", "--db", db, "--since", "2026-11-28", "--until", "2026-11-28"]).status == 0)
    }

    @Test func aTimeWithoutZoneIsKeptAsUTC() throws {
        let scratch = try Scratch()
        let db = try database(scratch)
        let kept = try PlugphoneProcess.run(["report", "--json", "--db", db, "--since", "2026-11-20T10:00", "--until", "2026-11-22"])
        #expect(kept.status == 0, "\(kept.stderr)")
        let object = try #require(JSONSerialization.jsonObject(with: Data(kept.stdout.utf8)) as? [String: Any])
        #expect(object["since"] as? String == "2026-11-20T10:00:00Z")
        #expect(object["until"] as? String == "2026-11-23T00:00:00Z")
    }

    @Test func thePeriodShownIsTheOneIncluded() throws {
        let scratch = try Scratch()
        let db = try database(scratch)
        let days = try PlugphoneProcess.run(["report", "--db", db, "--since", "2026-11-20", "--until", "2026-11-22"])
        #expect(days.stdout.contains("du 20 novembre 2026 au 22 novembre 2026") || days.stdout.contains("du 20 au 22 novembre"), "\(days.stdout)")
        let times = try PlugphoneProcess.run(["report", "--db", db, "--lang", "en", "--since", "2026-11-20T10:00Z", "--until", "2026-11-22T18:30:15Z"])
        #expect(times.stdout.contains("at 10:00 UTC") && times.stdout.contains("at 18:30:15 UTC"), "\(times.stdout)")
        let page = scratch.path("report.html")
        #expect(try PlugphoneProcess.run(["report", "--db", db, "--until", "2026-11-22", "--html", page]).status == 0)
        let html = try String(contentsOfFile: page, encoding: .utf8)
        #expect(html.contains("22 novembre 2026") && !html.contains("23 novembre 2026"))
    }
}

/// A line too long to be read (over 4,096 bytes) in `chat --json` and in the conversation log (issue 14 review).
struct TooLongTurnTests {
    @Test func aTooLongTurnIsAJSONLineAndALoggedNotUnderstoodTurn() throws {
        let scratch = try Scratch()
        let db = scratch.path("log.sqlite")
        #expect(try PlugphoneProcess.run(["init", "--demo", "--db", db]).status == 0)
        let long = String(repeating: "zorglub ", count: 1000)
        let chat = try PlugphoneProcess.run(["chat", "--json", "--db", db], stdin: long + "\nbonjour\n")
        #expect(chat.status == 0, "\(chat.stderr)")
        let lines = chat.stdout.split(separator: "\n")
        #expect(lines.count == 3, "\(chat.stdout.prefix(500))")
        for line in lines {
            #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) is [String: Any], "\(line.prefix(200))")
        }
        let tooLong = try #require(lines.count > 1 ? JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any] : nil)
        #expect((tooLong["reply"] as? String)?.hasPrefix("Ce message est trop long") == true)
        #expect((tooLong["user"] as? String)?.count == 200)
        #expect(tooLong["intent"] is NSNull && tooLong["ended"] as? Bool == false)

        let report = try PlugphoneProcess.run(["report", "--json", "--db", db])
        let object = try #require(JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])
        #expect(object["turns"] as? Int == 2)
        let missed = (object["not_understood"] as? [[String: Any]]) ?? []
        let texts = missed.flatMap { ($0["utterances"] as? [[String: Any]]) ?? [] }.compactMap { $0["text"] as? String }
        #expect(texts.contains(String(long.prefix(200)).trimmingCharacters(in: .whitespaces)), "\(texts)")
    }
}
