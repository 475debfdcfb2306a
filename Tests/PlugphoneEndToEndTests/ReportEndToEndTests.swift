import Foundation
import Testing

/// `plugphone report` through the real binary: sessions logged by `chat`, the report's JSON, the Rasa export, and
/// the HTML page opened in headless Chromium.
struct ReportEndToEndTests {
    func demoDatabase(_ scratch: Scratch) throws -> String {
        let db = scratch.path("log.sqlite")
        #expect(try PlugphoneProcess.run(["init", "--demo", "--db", db]).status == 0)
        return db
    }

    func report(_ db: String, _ extra: [String] = [], now: String = "2026-11-28T10:00:00Z") throws -> [String: Any] {
        let outcome = try PlugphoneProcess.run(["report", "--json", "--db", db] + extra, environment: ["PLUGPHONE_NOW": now])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        return try #require(JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
    }

    func chat(_ db: String, _ lines: [String], _ extra: [String] = [], environment: [String: String] = [:]) throws {
        let outcome = try PlugphoneProcess.run(["chat", "--db", db] + extra, stdin: lines.joined(separator: "\n") + "\n", environment: environment)
        #expect(outcome.status == 0, "\(outcome.stderr)")
    }

    /// Starts a piped chat, waits for the reply to its first line, then kills it with SIGKILL.
    func chatKilled(_ db: String, _ line: String, waitingFor expected: String) throws {
        let process = Process()
        process.executableURL = PlugphoneProcess.binary
        process.arguments = ["chat", "--db", db]
        process.environment = ["PLUGPHONE_NOW": "2026-11-28T10:00:00Z", "HOME": NSTemporaryDirectory()]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        input.fileHandleForWriting.write(Data((line + "\n").utf8))
        var seen = ""
        let deadline = Date().addingTimeInterval(20)
        while !seen.contains(expected), Date() < deadline {
            seen += String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(seen.contains(expected), "\(seen)")
    }

    func object(_ value: Any?) -> [String: Any] { value as? [String: Any] ?? [:] }

    @Test func sessionsLoggedByChatAreCountedExactly() throws {
        let scratch = try Scratch()
        let db = try demoDatabase(scratch)
        try chat(db, ["je veux échanger le téléphone du 09 72 10 10 11", "un T46S", "en express", "oui"])
        // End of input in the middle of an order.
        try chat(db, ["je veux commander un téléphone", "oui"])
        try chat(db, ["i want to talk to a human"], ["--lang", "en"])
        // Not logged: --no-log, PLUGPHONE_LOG=off, --record.
        try chat(db, ["je veux commander un téléphone"], ["--no-log"])
        try chat(db, ["je veux commander un téléphone"], environment: ["PLUGPHONE_LOG": "off"])
        try chat(db, ["je veux commander un téléphone"], ["--record", scratch.path("recorded.txt")])
        // Killed: no end recorded, in progress at first, abandoned half an hour later.
        try chatKilled(db, "je veux commander un téléphone", waitingFor: "09 72 10 10 10")

        let soon = try report(db)
        #expect(soon["sessions"] as? Int == 4)
        #expect(object(object(soon["outcomes"])["all"])["in_progress"] as? Int == 1)

        let later = try report(db, now: "2026-11-28T10:31:00Z")
        #expect(later["sessions"] as? Int == 4)
        #expect(later["turns"] as? Int == 4 + 2 + 1)
        let all = object(object(later["outcomes"])["all"])
        #expect(all["written"] as? Int == 1 && all["abandoned"] as? Int == 2 && all["in_progress"] as? Int == 0)
        #expect(all["cancelled"] as? Int == 0 && all["goodbye"] as? Int == 0)
        #expect(object(all["handed_off"])["asked"] as? Int == 1 && object(all["handed_off"])["total"] as? Int == 1)
        #expect(all["median_turns_to_written"] as? Int == 4 && all["median_seconds_to_written"] as? Int == 0)
        let languages = object(object(later["outcomes"])["by_language"])
        #expect(object(languages["fr"])["sessions"] as? Int == 3 && object(languages["en"])["sessions"] as? Int == 1)
        #expect(object(object(object(later["outcomes"])["by_channel"])["customer"])["sessions"] as? Int == 4)

        let funnel = (later["funnel"] as? [[String: Any]]) ?? []
        func counts(_ kind: String) -> [Int] {
            ((funnel.first { $0["kind"] as? String == kind }?["steps"] as? [[String: Any]]) ?? []).compactMap { $0["count"] as? Int }
        }
        #expect(counts("exchange") == [1, 1, 1, 1, 1, 1])
        #expect(counts("order") == [1, 1, 0, 0, 0])
        #expect(counts("return") == [0, 0, 0, 0])

        // A period that holds none of them.
        let before = try report(db, ["--until", "2026-11-27"], now: "2026-11-28T10:31:00Z")
        #expect(before["sessions"] as? Int == 0 && before["until"] as? String == "2026-11-28T00:00:00Z")
        let bad = try PlugphoneProcess.run(["report", "--since", "hier", "--db", db])
        #expect(bad.status == 2 && bad.stderr.contains("hier"), "\(bad.stderr)")
    }

    @Test func terminalTablesAndTheRasaExport() throws {
        let scratch = try Scratch()
        let db = try demoDatabase(scratch)
        try chat(db, ["je veux commander un téléphone", "blorg wizzle", "combien coûte la caution ?", "au revoir"])
        let text = try PlugphoneProcess.run(["report", "--db", db])
        #expect(text.status == 0)
        #expect(text.stdout.contains("Entonnoir par type de demande\ndemande   étape                 nombre  perte\ncommande  commencées            1\n"))
        #expect(text.stdout.contains("quelle ligne         1            «\u{202F}blorg wizzle\u{202F}»\n"), "\(text.stdout)")
        #expect(text.stdout.contains("Sessions\u{202F}: 1\u{202F}; tours de parole\u{202F}: 4 (toutes dates)."))
        let nlu = scratch.path("nlu.yml")
        let export = try PlugphoneProcess.run(["report", "--db", db, "--unrecognised", nlu])
        #expect(export.status == 0 && export.stdout.isEmpty && export.stderr.contains("\u{202F}: 1 ("))
        let yaml = try String(contentsOfFile: nlu, encoding: .utf8)
        #expect(yaml.contains("version: \"3.1\"\nnlu:\n# Langue\u{202F}: fr\n- intent: "))
        #expect(yaml.hasSuffix("  examples: |\n    - blorg wizzle\n"))
    }

    /// On a terminal each turn's log is written with the chat saved after it: a kill -9 loses none, and a resumed
    /// request is not logged twice.
    @Test(.enabled(if: TerminalHarness.available, "tmux is needed to drive a terminal"))
    func aTerminalSessionKilledThenResumed() throws {
        let terminal = try TerminalHarness()
        let prompt = TerminalChatTests.prompt
        try terminal.launch(["chat", "--db", terminal.database])
        try terminal.waitFor(prompt)
        try terminal.say("je veux échanger le téléphone du 09 72 10 10 11")
        try terminal.waitFor("Yealink T46S")
        try terminal.killHard()

        let killed = try report(terminal.database, now: "2026-11-28T10:31:00Z")
        #expect(killed["sessions"] as? Int == 1 && killed["turns"] as? Int == 1)
        #expect(object(object(killed["outcomes"])["all"])["abandoned"] as? Int == 1)

        try terminal.launch(["chat", "--db", terminal.database])
        try terminal.waitFor("reprendre")
        try terminal.say("oui")
        try terminal.waitFor("Reprenons")
        try terminal.say("le t46s en express")
        try terminal.waitFor("contrat")
        try terminal.say("oui")
        try terminal.waitFor("RMA-000002")
        try terminal.press("C-d")
        #expect(try terminal.waitForExit() == 0)

        let after = try report(terminal.database, now: "2026-11-28T10:31:00Z")
        #expect(after["sessions"] as? Int == 2 && after["turns"] as? Int == 1 + 2)
        let all = object(object(after["outcomes"])["all"])
        #expect(all["abandoned"] as? Int == 1 && all["written"] as? Int == 1)
        let exchange = ((after["funnel"] as? [[String: Any]])?.first { $0["kind"] as? String == "exchange" }?["steps"] as? [[String: Any]]) ?? []
        #expect(exchange.compactMap { $0["count"] as? Int } == [2, 2, 1, 1, 1, 1])
    }

    /// The HTML page in a real browser: headless Chromium's screenshot shows the funnel's bars.
    @Test func theHTMLPageOpensInHeadlessChromiumWithItsFunnel() throws {
        let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
        let browser = try #require(chromium, "headless Chromium is required: apt-get install chromium (.ci/run installs it)")
        let scratch = try Scratch()
        let db = try demoDatabase(scratch)
        try chat(db, ["je veux échanger le téléphone du 09 72 10 10 11", "un T46S", "en express", "oui"])
        try chat(db, ["je veux commander un téléphone", "oui"])
        let page = scratch.path("report.html")
        let made = try PlugphoneProcess.run(["report", "--db", db, "--html", page])
        #expect(made.status == 0, "\(made.stderr)")
        let html = try String(contentsOfFile: page, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"fr\">"))
        #expect(html.contains("<svg") && html.contains("fill=\"#2563eb\""))
        // Self-contained: nothing to fetch.
        for fetch in ["src=", "href=", "url(", "@import", "<script"] { #expect(!html.contains(fetch), "\(fetch)") }

        let shot = scratch.path("report.png")
        let run = try PlugphoneProcess.run(
            ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--user-data-dir=\(scratch.path("profile"))",
             "--screenshot=\(shot)", "--window-size=1000,1400", "file://\(page)"],
            executable: URL(fileURLWithPath: browser)
        )
        #expect(run.status == 0, "\(run.stderr)")
        let size = (try FileManager.default.attributesOfItem(atPath: shot)[.size] as? Int) ?? 0
        #expect(size > 10_000)
        // Decodes the PNG (8-bit RGB or RGBA, the five filters) and counts the pixels of the funnel's colour.
        let bars = try Python.run("""
        import struct, sys, zlib
        data = open(sys.argv[1], 'rb').read()
        assert data[:8] == b'\\x89PNG\\r\\n\\x1a\\n'
        pos, idat = 8, b''
        while pos < len(data):
            length, kind = struct.unpack('>I4s', data[pos:pos + 8])
            chunk = data[pos + 8:pos + 8 + length]
            if kind == b'IHDR': width, height, depth, colour = struct.unpack('>IIBB', chunk[:10])
            if kind == b'IDAT': idat += chunk
            pos += 12 + length
        assert depth == 8 and colour in (2, 6)
        bpp = 3 if colour == 2 else 4
        raw, stride, prev, out, i = zlib.decompress(idat), width * bpp, bytearray(width * bpp), 0, 0
        for y in range(height):
            f = raw[i]; line = bytearray(raw[i + 1:i + 1 + stride]); i += 1 + stride
            for x in range(stride):
                a = line[x - bpp] if x >= bpp else 0
                b = prev[x]; c = prev[x - bpp] if x >= bpp else 0
                if f == 1: line[x] = (line[x] + a) & 255
                elif f == 2: line[x] = (line[x] + b) & 255
                elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
                elif f == 4:
                    p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                    line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
            out += sum(1 for x in range(0, stride, bpp) if abs(line[x] - 37) < 8 and abs(line[x + 1] - 99) < 8 and abs(line[x + 2] - 235) < 8)
            prev = line
        print(out)
        """, shot)
        let pixels = Int(bars.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        // Nine bars of 18 px by up to 460 px: thousands of pixels of the funnel's blue.
        #expect(pixels > 5_000, "\(pixels) funnel pixels")
    }
}
