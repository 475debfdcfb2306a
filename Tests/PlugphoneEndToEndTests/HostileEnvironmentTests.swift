import Foundation
import Testing

/// Issue 9, items 5–14: hostile environments and bad input end with one clear sentence and a documented exit code,
/// never a trap (exit 132), and what was already done is said.
@Suite struct HostileEnvironmentTests {
    /// Bytes no terminal-bound output may carry: ESC, the C1 controls (U+0080–U+009F) and the bidi overrides.
    static func controlFree(_ text: String) -> Bool {
        !text.unicodeScalars.contains { s in
            (s.value < 0x20 && s.value != 0x0A && s.value != 0x09) || (0x7F...0x9F).contains(s.value)
                || (0x202A...0x202E).contains(s.value) || (0x2066...0x2069).contains(s.value)
        }
    }

    static func demoDatabase(_ scratch: Scratch, _ name: String = "demo.sqlite") throws -> String {
        let db = scratch.path(name)
        let outcome = try PlugphoneProcess.run(["init", "--demo", "--db", db])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        return db
    }

    /// Runs plugphone through `sh -c`, so that a redirection can break its standard output.
    static func runRedirected(_ redirection: String, _ arguments: [String], environment: [String: String] = [:]) throws -> PlugphoneProcess.Outcome {
        try PlugphoneProcess.run(arguments, environment: environment, prefix: ["/bin/sh", "-c", "exec \"$0\" \"$@\" \(redirection)"])
    }

    // MARK: 5. Standard output cannot be written

    @Test(arguments: [">/dev/full", ">&-"], [["catalog"], ["requests", "--json"], ["lines", "--account", "ab12345-ovh"], ["parse", "bonjour"]])
    func unwritableOutput(redirection: String, arguments: [String]) throws {
        let scratch = try Scratch()
        let db = try Self.demoDatabase(scratch)
        let outcome = try Self.runRedirected(redirection, arguments + (arguments[0] == "parse" ? [] : ["--db", db]))
        #expect(outcome.status == 4, "exit \(outcome.status): \(outcome.stderr)")
        #expect(outcome.stderrLines.count == 1, "\(outcome.stderr)")
        #expect(plain(outcome.stderr).contains("La sortie standard n'a pas pu être écrite"), "\(outcome.stderr)")
    }

    /// `advance` records the event, then cannot say so on stdout: stderr says it was recorded, exit 4.
    @Test func advanceWithUnwritableOutputSaysTheEventWasRecorded() throws {
        let scratch = try Scratch()
        let db = try Self.demoDatabase(scratch)
        let outcome = try Self.runRedirected(">/dev/full", ["advance", "RMA-000001", "received", "--db", db])
        #expect(outcome.status == 4, "\(outcome.stderr)")
        #expect(plain(outcome.stderr).contains("Ceci a pourtant bien été fait : RMA-000001 : événement « ancien téléphone reçu » enregistré"), "\(outcome.stderr)")
        let requests = try PlugphoneProcess.run(["requests", "--json", "--db", db])
        #expect(requests.stdout.contains("\"status\":\"received\""))
    }

    /// A reader that goes away (SIGPIPE ignored) makes `parse` end with exit 4, not a trap.
    @Test func closedPipeWithSigpipeIgnored() throws {
        let outcome = try PlugphoneProcess.run(
            ["parse"], stdin: String(repeating: "bonjour\n", count: 20_000),
            prefix: ["/bin/bash", "-c", "trap '' PIPE; \"$0\" \"$@\" | head -c 1 >/dev/null; exit ${PIPESTATUS[0]}"]
        )
        #expect(outcome.status == 4, "\(outcome.stderr)")
        #expect(plain(outcome.stderr).contains("La sortie standard n'a pas pu être écrite"), "\(outcome.stderr)")
    }

    /// A piped chat whose reader went away between the summary and the « oui »: the request is recorded, the
    /// confirmation cannot be shown, and stderr names the request. Its output is a named pipe that only this test
    /// holds open (close-on-exec), so that processes other tests start meanwhile cannot keep it readable.
    @Test func chatWithUnwritableOutputNamesWhatItRecorded() throws {
        let scratch = try Scratch()
        let db = try Self.demoDatabase(scratch)
        let fifo = scratch.path("replies")
        #expect(mkfifo(fifo, 0o600) == 0)
        // Read and write, so that opening does not wait for plugphone and a read never sees an end of file before
        // plugphone opens its side; closed below, it leaves plugphone with no reader at all.
        let reader = open(fifo, O_RDWR | O_CLOEXEC)
        #expect(reader >= 0)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", "trap '' PIPE; exec \"$0\" \"$@\" >\"$FIFO\"", PlugphoneProcess.binary.path, "chat", "--db", db]
        process.environment = ["PATH": "/usr/bin:/bin", "PLUGPHONE_NOW": "2026-11-28T10:00:00Z", "HOME": scratch.path("home"), "FIFO": fifo]
        let input = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardError = errors
        try process.run()
        try input.fileHandleForWriting.write(contentsOf: Data("je veux renvoyer le téléphone du 09 72 10 10 11\n".utf8))
        var seen: [UInt8] = []
        var block = [UInt8](repeating: 0, count: 4096)
        while !plain(String(decoding: seen, as: UTF8.self)).contains("Répondez « oui » ou « non »") {
            // A minute at most per read: a plugphone that died early must not hang the test.
            var ready = pollfd(fd: reader, events: Int16(POLLIN), revents: 0)
            guard poll(&ready, 1, 60_000) > 0 else { break }
            let count = read(reader, &block, block.count)
            if count <= 0 { break }
            seen += block[0..<count]
        }
        close(reader)
        try input.fileHandleForWriting.write(contentsOf: Data("oui\n".utf8))
        try input.fileHandleForWriting.close()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 4, "\(stderr)")
        #expect(plain(stderr).contains("demande RMA-000002 enregistrée"), "\(stderr)")
        #expect(try PlugphoneProcess.run(["requests", "--json", "--db", db]).stdout.contains("RMA-000002"))
    }

    // MARK: 6. Environment variables

    @Test(arguments: ["nan", "inf", "1e9", "-1", "soon"])
    func badBusyTimeout(value: String) throws {
        let scratch = try Scratch()
        let db = try Self.demoDatabase(scratch)
        let outcome = try PlugphoneProcess.run(["catalog", "--db", db], environment: ["PLUGPHONE_BUSY_TIMEOUT": value])
        #expect(outcome.status == 2, "\(outcome.stderr)")
        #expect(plain(outcome.stderr) == "PLUGPHONE_BUSY_TIMEOUT vaut « \(value) » : indiquez un nombre de secondes entre 0 et 3600.\n")
    }

    @Test(arguments: ["99999-01-01T00:00:00Z", "hier", "1900-01-01T00:00:00Z"])
    func badClock(value: String) throws {
        let scratch = try Scratch()
        let db = try Self.demoDatabase(scratch)
        let outcome = try PlugphoneProcess.run(["requests", "--db", db], environment: ["PLUGPHONE_NOW": value])
        #expect(outcome.status == 2, "\(outcome.stderr)")
        #expect(plain(outcome.stderr).hasPrefix("PLUGPHONE_NOW vaut « \(value) »"), "\(outcome.stderr)")
    }

    // MARK: 7. Dates

    @Test func advanceRefusesDatesFarAheadOrBeforeTheRequest() throws {
        let scratch = try Scratch()
        let db = try Self.demoDatabase(scratch)
        let ahead = try PlugphoneProcess.run(["advance", "RMA-000001", "received", "--at", "99999-01-01T00:00:00Z", "--db", db])
        #expect(ahead.status == 2, "\(ahead.stderr)")
        let nextYear = try PlugphoneProcess.run(["advance", "RMA-000001", "received", "--at", "2027-11-28T00:00:00Z", "--db", db])
        #expect(nextYear.status == 2, "\(nextYear.stderr)")
        let before = try PlugphoneProcess.run(["advance", "RMA-000001", "received", "--at", "2026-11-01T00:00:00Z", "--db", db])
        #expect(before.status == 2, "\(before.stderr)")
        #expect(plain(before.stderr).contains("Un événement ne peut pas précéder sa demande"), "\(before.stderr)")
        // Nothing was recorded, and every command still reads the account.
        for arguments in [["requests"], ["lines", "--account", "ab12345-ovh"]] {
            let outcome = try PlugphoneProcess.run(arguments + ["--db", db])
            #expect(outcome.status == 0, "\(outcome.stderr)")
        }
        #expect(try PlugphoneProcess.run(["requests", "--json", "--db", db]).stdout.contains("\"status\":\"awaiting_return\""))
    }

    /// A row that cannot be decoded is named on stderr; the rest of the account is listed and the chat goes on.
    @Test func undecodableRowIsReportedNotFatal() throws {
        let scratch = try Scratch()
        let db = try Self.demoDatabase(scratch)
        #expect(try PlugphoneProcess.run(["chat", "--db", db], stdin: "je veux renvoyer le téléphone du 09 72 10 10 11\noui\n").status == 0)
        try Python.run("""
        import sqlite3, sys
        c = sqlite3.connect(sys.argv[1])
        c.execute("INSERT INTO request_event (request_sequence, event, at, status_after) VALUES (1, 'received', '99999-01-01 00:00:00.000', 'received')")
        c.execute("INSERT INTO line VALUES ('hello', 'ab12345-ovh', NULL)")
        c.commit()
        """, db)
        let requests = try PlugphoneProcess.run(["requests", "--db", db])
        #expect(requests.status == 3, "\(requests.stderr)")
        #expect(requests.stdout.contains("RMA-000002"))
        #expect(!requests.stdout.contains("RMA-000001"))
        #expect(plain(requests.stderr).contains("request « RMA-000001 » est illisible (request_event.at)"), "\(requests.stderr)")
        #expect(!plain(requests.stderr).contains("SELECT") && !plain(requests.stderr).contains("row:"), "\(requests.stderr)")
        let lines = try PlugphoneProcess.run(["lines", "--account", "ab12345-ovh", "--db", db])
        #expect(lines.status == 3)
        #expect(lines.stdout.contains("09 72 10 10 11") && !lines.stdout.contains("hello"))
        #expect(plain(lines.stderr).contains("line « hello » est illisible (number)"), "\(lines.stderr)")
        let chat = try PlugphoneProcess.run(["chat", "--db", db], stdin: "je veux commander un téléphone\n")
        #expect(chat.status == 0, "\(chat.stderr)")
        #expect(chat.stdout.contains("Pour quelle ligne") || chat.stdout.contains("09 72 10 10 10"), "\(chat.stdout)")
    }

    // MARK: 8. Deposits

    @Test(arguments: ["9223372036854775807", "'quatre-vingt-dix'", "90.5", "100000001"])
    func absurdDepositIsAStorageError(value: String) throws {
        let scratch = try Scratch()
        let db = try Self.demoDatabase(scratch)
        try Python.run("""
        import sqlite3, sys
        c = sqlite3.connect(sys.argv[1]); c.execute("UPDATE phone_model SET deposit_cents = \(value) WHERE id = 'yealink.t46s'"); c.commit()
        """, db)
        for (arguments, stdin) in [(["catalog"], ""), (["chat"], "échanger le téléphone du 09 72 10 10 11 contre un t46s en express\n")] {
            let outcome = try PlugphoneProcess.run(arguments + ["--db", db], stdin: stdin)
            #expect(outcome.status == 3, "\(arguments): exit \(outcome.status) \(outcome.stderr)")
            #expect(plain(outcome.stderr).contains("phone_model.deposit_cents de « yealink.t46s »"), "\(outcome.stderr)")
        }
    }

    // MARK: 9. Files

    @Test func recordNeverReplacesALinkOrADevice() throws {
        let scratch = try Scratch()
        let target = scratch.path("precious.txt")
        try Data("keep me\n".utf8).write(to: URL(fileURLWithPath: target))
        let link = scratch.path("link.txt")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        for path in [link, "/dev/null", scratch.url.path] {
            let outcome = try PlugphoneProcess.run(["chat", "--record", path], stdin: "bonjour\n")
            #expect(outcome.status == 2, "\(path): \(outcome.stderr)")
            #expect(plain(outcome.stderr).contains("n'est pas un fichier ordinaire"), "\(outcome.stderr)")
            #expect(outcome.stdout.isEmpty)
        }
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == target)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "keep me\n")
        let regular = scratch.path("session.txt")
        #expect(try PlugphoneProcess.run(["chat", "--record", regular], stdin: "bonjour\n").status == 0)
        #expect(try String(contentsOfFile: regular, encoding: .utf8).contains("bonjour"))
    }

    @Test func readCommandsLeaveSpecialAndEmptyFilesAlone() throws {
        let scratch = try Scratch()
        let journalExisted = FileManager.default.fileExists(atPath: "/dev/null-journal")
        for arguments in [["requests"], ["catalog"], ["lines", "--account", "ab12345-ovh"]] {
            let device = try PlugphoneProcess.run(arguments + ["--db", "/dev/null"])
            #expect(device.status == 3, "\(device.stderr)")
            #expect(plain(device.stderr).contains("n'est pas un fichier ordinaire"), "\(device.stderr)")
        }
        if !journalExisted { #expect(!FileManager.default.fileExists(atPath: "/dev/null-journal")) }
        let empty = scratch.path("empty.sqlite")
        #expect(FileManager.default.createFile(atPath: empty, contents: Data()))
        let outcome = try PlugphoneProcess.run(["requests", "--db", empty])
        #expect(outcome.status == 3, "\(outcome.stderr)")
        #expect(plain(outcome.stderr).contains("ne contient pas de base plugphone"), "\(outcome.stderr)")
        #expect((try FileManager.default.attributesOfItem(atPath: empty)[.size] as? NSNumber)?.intValue == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.url.path) == ["empty.sqlite"])
        let blank = try PlugphoneProcess.run(["requests", "--db", ""])
        #expect(blank.status == 2)
        #expect(plain(blank.stderr) == "--db est vide : indiquez le chemin d'une base plugphone.\n")
    }

    // MARK: 10. Concurrent first use

    @Test func twelveInitDemoTogether() throws {
        let scratch = try Scratch()
        let db = scratch.path("shared.sqlite")
        let outcomes = try Self.together(12) { _ in try PlugphoneProcess.run(["init", "--demo", "--db", db]) }
        for outcome in outcomes { #expect(outcome.status == 0, "\(outcome.stderr)") }
        #expect(outcomes.filter { $0.stdout.hasPrefix("Base prête avec les données de démonstration") }.count == 1)
        let requests = try PlugphoneProcess.run(["requests", "--json", "--db", db])
        #expect(requests.stdout.components(separatedBy: "\"id\":").count - 1 == 1)
    }

    @Test func twelveChatsOnAMissingDefaultDatabase() throws {
        let scratch = try Scratch()
        let home = scratch.path("home")
        let outcomes = try Self.together(12) { _ in try PlugphoneProcess.run(["chat"], stdin: "quelles sont mes demandes ?\n", environment: ["HOME": home]) }
        for outcome in outcomes {
            #expect(outcome.status == 0, "\(outcome.stderr)")
            #expect(outcome.stderr.isEmpty, "\(outcome.stderr)")
            #expect(plain(outcome.stdout).contains("RMA-000001"), "\(outcome.stdout)")
        }
        let requests = try PlugphoneProcess.run(["requests", "--json"], environment: ["HOME": home])
        #expect(requests.stdout.components(separatedBy: "\"id\":").count - 1 == 1)
    }

    static func together(_ count: Int, _ body: @escaping @Sendable (Int) throws -> PlugphoneProcess.Outcome) throws -> [PlugphoneProcess.Outcome] {
        // One thread per process, all started before any is waited for (concurrentPerform would run only as many
        // at once as there are cores).
        let results = LockedResults(count: count)
        let finished = DispatchGroup()
        for index in 0..<count {
            finished.enter()
            Thread {
                results.set(index, Result { try body(index) })
                finished.leave()
            }.start()
        }
        finished.wait()
        return try results.all()
    }

    // MARK: 11. Linear extractors

    /// Twenty lines of 1,000 numbers (the most the normaliser reads of a line): cubic, each took about a second in
    /// a release build; linear, the twenty add little to the start-up of the same command on twenty short lines. The
    /// bound is relative, so a busy machine slows both runs alike.
    @Test func longLinesOfNumbersAreParsedQuickly() throws {
        let line = Array(repeating: "0", count: 1_000).joined(separator: " ")
        var start = Date()
        let short = try PlugphoneProcess.run(["parse", "--json"], stdin: String(repeating: "0\n", count: 20))
        let baseline = Date().timeIntervalSince(start)
        start = Date()
        let outcome = try PlugphoneProcess.run(["parse", "--json"], stdin: String(repeating: line + "\n", count: 20))
        let long = Date().timeIntervalSince(start)
        #expect(short.status == 0 && outcome.status == 0)
        #expect(outcome.stdout.split(separator: "\n").count == 20)
        #expect(long < baseline * 2 + 10, "20 long lines: \(long) s; 20 short lines: \(baseline) s")
    }

    // MARK: 12. Long turns

    @Test func aHugeTurnIsDeclinedPolitely() throws {
        let scratch = try Scratch()
        let db = try Self.demoDatabase(scratch)
        let huge = String(repeating: "a", count: 200_000)
        let outcome = try PlugphoneProcess.run(["chat", "--db", db], stdin: huge + "\nquelles sont mes demandes ?\n")
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(plain(outcome.stdout).contains("Ce message est trop long (plus de 4096 octets) : pouvez-vous le dire en quelques mots ?"))
        #expect(plain(outcome.stdout).contains("RMA-000001"))
        #expect(!plain(outcome.stdout).contains("aaaa"))
    }

    // MARK: 13. Control sequences from arguments and the database

    @Test func escapesNeverReachTheTerminal() throws {
        let scratch = try Scratch()
        let db = try Self.demoDatabase(scratch)
        let hostile = "\u{1B}]0;pwned\u{07}\u{9B}31m\u{202E}evil"
        try Python.run("""
        import sqlite3, sys
        c = sqlite3.connect(sys.argv[1])
        c.execute("UPDATE account SET holder = ? WHERE id = 'ab12345-ovh'", (sys.argv[2],))
        c.execute("UPDATE phone_model SET name = ? WHERE id = 'yealink.t46s'", (sys.argv[2],))
        c.commit()
        """, db, hostile)
        let runs: [[String]] = [
            ["lines", "--account", hostile, "--db", db], ["chat", "--account", hostile, "--db", db], ["requests", "--account", hostile, "--db", db],
            ["catalog", "--db", db], ["catalog", "--json", "--db", db], ["replay", scratch.path(hostile)], ["--lang", hostile],
            ["advance", hostile, "received", "--db", db], ["parse", "--json", hostile], ["parse", hostile],
        ]
        for arguments in runs {
            let outcome = try PlugphoneProcess.run(arguments, stdin: "un yealink t46s\n")
            #expect(Self.controlFree(outcome.stdout), "\(arguments): \(outcome.stdout.debugDescription)")
            #expect(Self.controlFree(outcome.stderr), "\(arguments): \(outcome.stderr.debugDescription)")
        }
        // The JSON keeps the value, escaped.
        let json = try PlugphoneProcess.run(["catalog", "--json", "--db", db])
        #expect(json.stdout.contains("\\u001b]0;pwned\\u0007\\u009b31m\\u202eevil"), "\(json.stdout)")
    }

    // MARK: 14. The small ones

    @Test func replayOfAMissingPathIsBadUsage() throws {
        let outcome = try PlugphoneProcess.run(["replay", "/nonexistent"])
        #expect(outcome.status == 2)
        #expect(plain(outcome.stderr) == "« /nonexistent » n'existe pas : indiquez des fichiers de transcription ou des dossiers qui en contiennent.\n")
    }

    @Test(arguments: [["chat"], ["parse", "bonjour"], ["replay", "Dialogues"]])
    func malformedTrainingDataIsBadUsage(arguments: [String]) throws {
        let scratch = try Scratch()
        let locales = scratch.url.appendingPathComponent("Locales")
        try FileManager.default.copyItem(at: PlugphoneProcess.packageRoot.appendingPathComponent("Locales"), to: locales)
        try Data("version: \"3.1\"\nnlu:\n  - intent: [unclosed\n".utf8).write(to: locales.appendingPathComponent("fr/nlu.yml"))
        let db = try Self.demoDatabase(scratch)
        let paths = arguments.first == "replay" ? [PlugphoneProcess.packageRoot.appendingPathComponent("Dialogues").path] : []
        let outcome = try PlugphoneProcess.run(
            (arguments.first == "replay" ? ["replay"] : arguments) + paths + (arguments.first == "chat" ? ["--db", db] : []),
            stdin: "bonjour\n", environment: ["PLUGPHONE_LOCALES": locales.path]
        )
        #expect(outcome.status == 2, "\(arguments): exit \(outcome.status) \(outcome.stderr)")
        #expect(!outcome.stderr.isEmpty)
    }

    /// A constraint other than the line's unfinished request (here a trigger standing for a CHECK) is a storage
    /// error that names no empty reference.
    @Test func constraintFailureIsNotABusyLine() throws {
        let scratch = try Scratch()
        let db = try Self.demoDatabase(scratch)
        try Python.run("""
        import sqlite3, sys
        c = sqlite3.connect(sys.argv[1])
        c.execute("CREATE TRIGGER refuse BEFORE INSERT ON request BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: due_now_cents'); END")
        c.commit()
        """, db)
        let outcome = try PlugphoneProcess.run(["chat", "--db", db], stdin: "je veux renvoyer le téléphone du 09 72 10 10 11\noui\n")
        #expect(outcome.status == 3, "\(outcome.stderr)")
        #expect(plain(outcome.stderr).contains("a refusé l'écriture"), "\(outcome.stderr)")
        #expect(!plain(outcome.stdout).contains("référence )") && !plain(outcome.stderr).contains("référence )"))
    }
}

/// French text with its narrow no-break spaces (U+202F) read as plain spaces, for comparisons.
func plain(_ text: String) -> String { text.replacingOccurrences(of: "\u{202F}", with: " ") }

final class LockedResults: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<PlugphoneProcess.Outcome, any Error>?]
    init(count: Int) { results = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ result: Result<PlugphoneProcess.Outcome, any Error>) { lock.withLock { results[index] = result } }
    func all() throws -> [PlugphoneProcess.Outcome] { try lock.withLock { try results.map { try $0?.get() ?? PlugphoneProcess.Outcome(status: -1, stdout: "", stderr: "") } } }
}
