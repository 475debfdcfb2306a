import Foundation
import Testing

/// What a crash or a full disk leaves behind: never half a request, and a database that still opens.
struct CrashAndFullDiskTests {
    func requestsJSON(_ db: String) throws -> [[String: Any]] {
        let outcome = try PlugphoneProcess.run(["requests", "--json", "--db", db])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        return try #require(JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [[String: Any]])
    }

    func integrityCheck(_ db: String) throws -> String {
        try Python.run("import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute('PRAGMA integrity_check').fetchone()[0])", db)
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Starts plugphone (with `stdin` as its input), kills it with SIGKILL after `delay`, and waits for it.
    func killed(after delay: TimeInterval, _ arguments: [String], stdin: String? = nil) throws {
        let process = Process()
        process.executableURL = PlugphoneProcess.binary
        process.arguments = arguments
        process.environment = ["PLUGPHONE_NOW": "2026-11-28T10:00:00Z", "HOME": NSTemporaryDirectory()]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let input = Pipe()
        if stdin != nil { process.standardInput = input }
        try process.run()
        if let stdin {
            input.fileHandleForWriting.write(Data(stdin.utf8))
            try input.fileHandleForWriting.close()
        }
        Thread.sleep(forTimeInterval: delay)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    @Test func fileSizeLimitGivesExitThreeAndTheDatabaseStillOpens() throws {
        let scratch = try Scratch()
        let db = scratch.path("limited.sqlite")
        #expect(try PlugphoneProcess.run(["init", "--demo", "--db", db]).status == 0)
        let limited = try PlugphoneProcess.run(
            ["-c", "ulimit -f 1; exec \"$0\" \"$@\"", PlugphoneProcess.binary.path, "advance", "RMA-000001", "received", "--db", db],
            executable: URL(fileURLWithPath: "/bin/bash")
        )
        #expect(limited.status == 3)
        #expect(limited.stderrLines.count == 1 && limited.stderr.contains("Plus de place pour écrire"), "\(limited.stderr)")
        let after = try requestsJSON(db)
        #expect(after.count == 1 && after.first?["status"] as? String == "awaiting_return")
        #expect(try integrityCheck(db) == "ok")
        #expect(try PlugphoneProcess.run(["advance", "RMA-000001", "received", "--db", db]).status == 0)
    }

    /// A real full file system: a 256 KiB tmpfs, filled up. Mounting needs root.
    @Test(.enabled(if: getuid() == 0, "mounting a tmpfs needs root"))
    func fullDiskGivesExitThreeAndTheDatabaseStillOpens() throws {
        let scratch = try Scratch()
        let mountPoint = scratch.path("disk")
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        let mount = try PlugphoneProcess.run(["-t", "tmpfs", "-o", "size=256k", "tmpfs", mountPoint], executable: URL(fileURLWithPath: "/bin/mount"))
        try #require(mount.status == 0, "\(mount.stderr)")
        defer { _ = try? PlugphoneProcess.run([mountPoint], executable: URL(fileURLWithPath: "/bin/umount")) }
        let db = mountPoint + "/db.sqlite"
        #expect(try PlugphoneProcess.run(["init", "--demo", "--db", db]).status == 0)
        let filler = mountPoint + "/filler"
        _ = try PlugphoneProcess.run(["if=/dev/zero", "of=\(filler)", "bs=4096"], executable: URL(fileURLWithPath: "/bin/dd"))
        let full = try PlugphoneProcess.run(["advance", "RMA-000001", "received", "--db", db])
        #expect(full.status == 3)
        #expect(full.stderrLines.count == 1 && full.stderr.contains("Plus de place pour écrire"), "\(full.stderr)")
        try FileManager.default.removeItem(atPath: filler)
        let after = try requestsJSON(db)
        #expect(after.count == 1 && after.first?["status"] as? String == "awaiting_return")
        #expect(try integrityCheck(db) == "ok")
        #expect(try PlugphoneProcess.run(["advance", "RMA-000001", "received", "--db", db]).status == 0)
    }

    /// `kill -9` at random moments of `init --demo`: the demo data is there whole, or not at all and loadable again.
    @Test func killedDuringInitLeavesAllOrNothing() throws {
        let scratch = try Scratch()
        var generator = SystemRandomNumberGenerator()
        for round in 0..<12 {
            let db = scratch.path("init-\(round).sqlite")
            try killed(after: Double.random(in: 0...0.08, using: &generator), ["init", "--demo", "--db", db])
            if FileManager.default.fileExists(atPath: db) {
                #expect(try integrityCheck(db) == "ok")
            }
            let again = try PlugphoneProcess.run(["init", "--demo", "--db", db])
            #expect(again.status == 0, "round \(round): \(again.stderr)")
            let requests = try requestsJSON(db)
            #expect(requests.count == 1 && requests.first?["due_now_cents"] as? Int == 3000, "round \(round)")
            let lines = try PlugphoneProcess.run(["lines", "--account", "ab12345-ovh", "--json", "--db", db]).stdout
            #expect(lines.components(separatedBy: "\"line\":").count == 4, "round \(round)")
        }
    }

    /// `kill -9` at random moments of a back-office write: the event and the new status land together or not at all.
    @Test func killedDuringAnEventLeavesTheRequestWholeOrUnchanged() throws {
        let scratch = try Scratch()
        let db = scratch.path("events.sqlite")
        #expect(try PlugphoneProcess.run(["init", "--demo", "--db", db]).status == 0)
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20 {
            let current = try #require(try requestsJSON(db).first)
            let events = try #require(current["events"] as? [[String: Any]])
            let status = try #require(current["status"] as? String)
            // The status is always the one the last recorded event led to.
            #expect(status == (events.last?["status"] as? String ?? "awaiting_return"))
            let next = status == "awaiting_return" ? "received" : status == "received" ? "shipped" : status == "shipped" ? "completed" : nil
            guard let next else { break }
            try killed(after: Double.random(in: 0...0.06, using: &generator), ["advance", "RMA-000001", next, "--db", db])
            let after = try #require(try requestsJSON(db).first)
            let afterEvents = try #require(after["events"] as? [[String: Any]])
            #expect(afterEvents.count == events.count || afterEvents.count == events.count + 1)
            #expect(after["status"] as? String == (afterEvents.last?["status"] as? String ?? "awaiting_return"))
            #expect(try integrityCheck(db) == "ok")
        }
    }

    /// `kill -9` at random moments of a conversation that ends with a yes: the request is whole, or absent.
    @Test func killedDuringAConversationCommitLeavesTheRequestWholeOrAbsent() throws {
        let scratch = try Scratch()
        var generator = SystemRandomNumberGenerator()
        for round in 0..<6 {
            let db = scratch.path("chat-\(round).sqlite")
            #expect(try PlugphoneProcess.run(["init", "--demo", "--db", db]).status == 0)
            try killed(
                after: Double.random(in: 0.2...2.0, using: &generator), ["chat", "--db", db],
                stdin: "échanger le 09 72 10 10 11 contre un T46S en express\noui\n"
            )
            #expect(try integrityCheck(db) == "ok")
            let requests = try requestsJSON(db)
            #expect(requests.count == 1 || requests.count == 2, "round \(round)")
            if let written = requests.dropFirst().first {
                #expect(written["id"] as? String == "RMA-000002" && written["kind"] as? String == "exchange")
                #expect(written["line"] as? String == "+33972101011" && written["new_model"] as? String == "yealink.t46s")
                #expect(written["shipping_mode"] as? String == "express_48h" && written["status"] as? String == "open")
                #expect(written["due_now_cents"] as? Int == 9000 && written["refund_on_return_cents"] as? Int == 6000)
                #expect(written["contract_accepted"] as? Bool == true)
            }
        }
    }
}
