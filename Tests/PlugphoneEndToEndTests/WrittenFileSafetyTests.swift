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
