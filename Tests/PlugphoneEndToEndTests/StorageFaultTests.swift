import Foundation
import Testing

/// Storage faults: exit code 3 and one clear sentence on stderr, never a crash or a stack trace.
struct StorageFaultTests {
    func expectOneSentence(_ outcome: PlugphoneProcess.Outcome, containing text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(outcome.status == 3, "exit \(outcome.status): \(outcome.stderr)", sourceLocation: sourceLocation)
        #expect(outcome.stderrLines.count == 1, "\(outcome.stderr)", sourceLocation: sourceLocation)
        #expect(outcome.stderr.contains(text), "\(outcome.stderr)", sourceLocation: sourceLocation)
        #expect(outcome.stdout.isEmpty, sourceLocation: sourceLocation)
    }

    @Test(arguments: [["lines", "--account", "ab12345-ovh"], ["requests", "--json"], ["catalog"], ["init", "--demo"], ["advance", "RMA-1", "received"]])
    func corruptFile(arguments: [String]) throws {
        let scratch = try Scratch()
        let db = scratch.path("corrupt.sqlite")
        try Data(repeating: 0x5A, count: 8192).write(to: URL(fileURLWithPath: db))
        expectOneSentence(try PlugphoneProcess.run(arguments + ["--db", db]), containing: "n'est pas une base plugphone lisible")
        // The damaged file is left as it was.
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == Data(repeating: 0x5A, count: 8192))
    }

    @Test func corruptFileInEnglish() throws {
        let scratch = try Scratch()
        let db = scratch.path("corrupt.sqlite")
        try Data("hello".utf8).write(to: URL(fileURLWithPath: db))
        expectOneSentence(try PlugphoneProcess.run(["catalog", "--lang", "en", "--db", db]), containing: "is not a readable plugphone database")
    }

    @Test func missingExplicitDatabase() throws {
        let scratch = try Scratch()
        let db = scratch.path("nope.sqlite")
        expectOneSentence(try PlugphoneProcess.run(["catalog", "--db", db]), containing: "plugphone init --db \(db)")
        #expect(!FileManager.default.fileExists(atPath: db))
    }

    @Test func newerSchema() throws {
        let scratch = try Scratch()
        let db = scratch.path("future.sqlite")
        #expect(try PlugphoneProcess.run(["init", "--demo", "--db", db]).status == 0)
        try Python.run("""
        import sqlite3, sys
        c = sqlite3.connect(sys.argv[1]); c.execute("INSERT INTO grdb_migrations VALUES ('v42: from a newer plugphone')"); c.commit()
        """, db)
        expectOneSentence(try PlugphoneProcess.run(["requests", "--db", db]), containing: "version plus récente")
    }

    /// Another process holds the write lock past the busy timeout: the write gives up cleanly, reads still work.
    @Test func lockedDatabase() throws {
        let scratch = try Scratch()
        let db = scratch.path("locked.sqlite")
        #expect(try PlugphoneProcess.run(["init", "--demo", "--db", db]).status == 0)
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        holder.arguments = ["python3", "-c", """
        import sqlite3, sys
        c = sqlite3.connect(sys.argv[1], isolation_level=None)
        c.execute("BEGIN IMMEDIATE")
        c.execute("UPDATE request SET status = status")
        print("locked", flush=True)
        sys.stdin.read()
        c.execute("ROLLBACK")
        """, db]
        let input = Pipe(), output = Pipe()
        holder.standardInput = input
        holder.standardOutput = output
        try holder.run()
        defer {
            try? input.fileHandleForWriting.close()
            holder.waitUntilExit()
        }
        let ready = output.fileHandleForReading.availableData
        #expect(String(decoding: ready, as: UTF8.self).contains("locked"))
        let env = ["PLUGPHONE_BUSY_TIMEOUT": "0.3"]
        expectOneSentence(try PlugphoneProcess.run(["advance", "RMA-000001", "received", "--db", db], environment: env), containing: "occupée par un autre processus")
        let read = try PlugphoneProcess.run(["requests", "--json", "--db", db], environment: env)
        #expect(read.status == 0 && read.stdout.contains("\"status\":\"awaiting_return\""))
        try input.fileHandleForWriting.close()
        holder.waitUntilExit()
        #expect(try PlugphoneProcess.run(["advance", "RMA-000001", "received", "--db", db]).status == 0)
    }

    /// A read-only file and folder. Root ignores file modes, so as root the binary runs as `nobody`.
    @Test func readOnlyDatabase() throws {
        let scratch = try Scratch()
        let folder = scratch.url.appendingPathComponent("ro")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let db = folder.appendingPathComponent("ro.sqlite").path
        #expect(try PlugphoneProcess.run(["init", "--demo", "--db", db]).status == 0)
        // Checkpoint the WAL away so the file alone holds the data, then make everything read-only.
        try Python.run("import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute('PRAGMA wal_checkpoint(TRUNCATE)'); c.execute('PRAGMA journal_mode=DELETE'); c.close()", db)
        // A copy of the binary and the locales that `nobody` can read.
        let binary = scratch.url.appendingPathComponent("plugphone")
        try FileManager.default.copyItem(at: PlugphoneProcess.binary, to: binary)
        try FileManager.default.copyItem(at: PlugphoneProcess.packageRoot.appendingPathComponent("Locales"), to: scratch.url.appendingPathComponent("Locales"))
        for path in [scratch.url.path, scratch.url.appendingPathComponent("Locales").path] { try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path) }
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: db)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path) }
        let prefix = getuid() == 0 ? ["/usr/bin/setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"] : []
        let env = ["HOME": "/nonexistent", "PLUGPHONE_LOCALES": scratch.url.appendingPathComponent("Locales").path]
        let outcome = try PlugphoneProcess.run(["advance", "RMA-000001", "received", "--db", db], environment: env, executable: binary, prefix: prefix)
        expectOneSentence(outcome, containing: "lecture seule")
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)).count > 0)
    }
}
