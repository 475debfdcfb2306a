import Foundation
import Testing

/// Several plugphone processes talking at once on one database file.
struct ConcurrentProcessesTests {
    /// 8 processes race to create requests on the same two lines: exactly one request per line, and every
    /// loser is told politely that a request is in progress.
    @Test(arguments: 0..<2)
    func eightProcessesOnTheSameLinesEndWithOneRequestPerLine(round: Int) throws {
        let scratch = try Scratch()
        let db = scratch.path("race.sqlite")
        #expect(try PlugphoneProcess.run(["init", "--demo", "--db", db]).status == 0)
        let scripts = Array(repeating: "échanger le 09 72 10 10 11 contre un T46S en express\noui\n", count: 4)
            + Array(repeating: "commander un W56P sur le 09 72 10 10 10\noui\n", count: 4)
        // Start all eight, then let them all write their lines at once.
        let processes = try scripts.map { _ -> (Process, Pipe, Pipe) in
            let process = Process()
            process.executableURL = PlugphoneProcess.binary
            process.arguments = ["chat", "--db", db]
            process.environment = ["PLUGPHONE_NOW": "2026-11-28T10:00:00Z", "HOME": scratch.path("home"), "PLUGPHONE_BUSY_TIMEOUT": "10"]
            let input = Pipe(), output = Pipe()
            process.standardInput = input
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            return (process, input, output)
        }
        for ((_, input, _), script) in zip(processes, scripts) {
            input.fileHandleForWriting.write(Data(script.utf8))
            try input.fileHandleForWriting.close()
        }
        var outputs: [String] = []
        for (process, _, output) in processes {
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
            outputs.append(text)
        }
        let requests = try #require(JSONSerialization.jsonObject(with: Data(try PlugphoneProcess.run(["requests", "--json", "--db", db]).stdout.utf8)) as? [[String: Any]])
        let byLine = Dictionary(grouping: requests.dropFirst(), by: { $0["line"] as? String ?? "" })
        #expect(requests.count == 3, "\(requests.count) requests")
        #expect(byLine["+33972101011"]?.count == 1 && byLine["+33972101010"]?.count == 1)
        // Exactly one process per line confirms a reference; the others were refused, never told it worked.
        #expect(outputs.filter { $0.contains("RMA-00000") && $0.contains("C'est enregistré") }.count == 2, "\(outputs)")
        #expect(outputs.filter { $0.contains("déjà en cours") }.count == 6, "\(outputs)")
    }
}
