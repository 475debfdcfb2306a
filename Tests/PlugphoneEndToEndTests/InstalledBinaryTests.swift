import Foundation
import Testing

/// The binary as an operator installs it: copied alone to another folder and run from elsewhere. Its texts and
/// training data are compiled in; `--locales` / `PLUGPHONE_LOCALES` replace them, and bad locale data stops it at
/// start-up with the file and line (exit 2).
@Suite(.serialized)
struct InstalledBinaryTests {
    /// Runs `executable arguments…` in `directory` with only the variables given (and `PATH`, `HOME`).
    private func run(_ executable: URL, _ arguments: [String], in directory: URL, stdin: String = "", environment: [String: String] = [:]) throws
        -> PlugphoneProcess.Outcome
    {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ["PATH": "/usr/bin:/bin", "HOME": directory.path, "PLUGPHONE_NOW": "2026-11-28T10:00:00Z"]
        env.merge(environment) { _, new in new }
        process.environment = env
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(Data(stdin.utf8))
        try input.fileHandleForWriting.close()
        nonisolated(unsafe) var errData = Data()
        let readErrors = Thread { errData = errors.fileHandleForReading.readDataToEndOfFile() }
        readErrors.start()
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !readErrors.isFinished { Thread.sleep(forTimeInterval: 0.001) }
        return .init(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }

    /// A copy of the built binary alone in a fresh folder, and another empty folder to run it from.
    private func install(_ scratch: Scratch) throws -> (binary: URL, elsewhere: URL) {
        let bin = scratch.url.appendingPathComponent("bin")
        let elsewhere = scratch.url.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        let binary = bin.appendingPathComponent("plugphone")
        try FileManager.default.copyItem(at: PlugphoneProcess.binary, to: binary)
        #expect(try FileManager.default.contentsOfDirectory(atPath: bin.path) == ["plugphone"])
        return (binary, elsewhere)
    }

    @Test func aCopiedBinaryParsesAndChatsFromAnotherFolder() throws {
        let scratch = try Scratch()
        let (binary, elsewhere) = try install(scratch)
        let parsed = try run(binary, ["parse", "--json", "échanger mon poste du 0972101011 contre un yealink t46s"], in: elsewhere)
        #expect(parsed.status == 0, "\(parsed.stderr)")
        #expect(parsed.stdout.contains(#""intent":"change_phone""#))
        #expect(parsed.stdout.contains(#""slots":{"line":"+33972101011","model":"yealink.t46s"}"#))

        let db = scratch.path("data/plugphone.sqlite")
        try FileManager.default.createDirectory(at: scratch.url.appendingPathComponent("data"), withIntermediateDirectories: true)
        let created = try run(binary, ["init", "--demo", "--db", db], in: elsewhere)
        #expect(created.status == 0, "\(created.stderr)")
        let chat = try run(binary, ["chat", "--db", db], in: elsewhere, stdin: "je veux commander un t46s sur le 09 72 10 10 10\noui\n")
        #expect(chat.status == 0, "\(chat.stderr)")
        #expect(chat.stdout.hasPrefix("Bonjour\u{202F}!"))
        #expect(chat.stdout.contains("90,00 € HT"))
        #expect(!chat.stdout.contains("⟦"))
        let requests = try run(binary, ["requests", "--json", "--db", db], in: elsewhere)
        #expect(requests.stdout.contains(#""kind":"order""#) && requests.stdout.contains(#""line":"+33972101010""#))
    }

    /// A copy of the repository's Locales/ in which `path` is replaced by `text` (or left as it is).
    private func customLocales(_ scratch: Scratch, _ path: String? = nil, _ edit: (String) -> String = { $0 }) throws -> URL {
        let folder = scratch.url.appendingPathComponent("custom-locales")
        try FileManager.default.copyItem(at: PlugphoneProcess.packageRoot.appendingPathComponent("Locales"), to: folder)
        if let path {
            let file = folder.appendingPathComponent(path)
            try edit(try String(contentsOf: file, encoding: .utf8)).write(to: file, atomically: true, encoding: .utf8)
        }
        return folder
    }

    @Test func anOperatorsFolderReplacesTheBuiltInTexts() throws {
        let scratch = try Scratch()
        let (binary, elsewhere) = try install(scratch)
        let folder = try customLocales(scratch, "fr/messages-conversation.yaml") {
            $0.replacingOccurrences(of: "Je suis l'assistant plug&phone", with: "Ici le service plug&phone de l'opérateur")
        }
        for (arguments, environment) in [(["--locales", folder.path], [:]), ([], ["PLUGPHONE_LOCALES": folder.path])] {
            let chat = try run(binary, ["chat", "--record", scratch.path("t.txt")] + arguments, in: elsewhere, stdin: "", environment: environment)
            #expect(chat.status == 0, "\(chat.stderr)")
            #expect(chat.stdout.contains("Ici le service plug&phone de l'opérateur"))
        }
        let missing = try run(binary, ["parse", "bonjour", "--locales", scratch.path("nowhere")], in: elsewhere)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("nowhere does not exist"), "\(missing.stderr)")
    }

    @Test func badLocaleDataStopsEveryCommandAtStartUpWithTheFileAndLine() throws {
        let scratch = try Scratch()
        let (binary, elsewhere) = try install(scratch)
        let unknownIntent = try customLocales(scratch, "en/nlu.yml") { $0 + "\n- intent: order_pizza\n  examples: |\n    - a pizza\n" }
        let line = try String(contentsOf: unknownIntent.appendingPathComponent("en/nlu.yml"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).count - 3
        let file = unknownIntent.appendingPathComponent("en/nlu.yml").path
        for arguments in [["parse", "bonjour"], ["chat", "--record", scratch.path("t.txt")], ["replay", PlugphoneProcess.packageRoot.appendingPathComponent("Dialogues").path]] {
            let outcome = try run(binary, arguments + ["--locales", unknownIntent.path], in: elsewhere, stdin: "bonjour\n")
            #expect(outcome.status == 2, "\(arguments): \(outcome.stderr)")
            #expect(outcome.stderr.contains("\(file):\(line): unknown intent order_pizza"), "\(arguments): \(outcome.stderr)")
        }
        try FileManager.default.removeItem(at: unknownIntent)

        let oneLanguageOnly = try customLocales(scratch, "fr/messages.yaml") { $0 + "\nonly_here: \"Seulement en français\"\n" }
        let outcome = try run(binary, ["chat", "--record", scratch.path("t.txt"), "--locales", oneLanguageOnly.path], in: elsewhere)
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("fr/messages.yaml:"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("message key only_here is defined for fr but missing from en"), "\(outcome.stderr)")
        #expect(outcome.stdout.isEmpty, "nothing is said before the data is checked")
        try FileManager.default.removeItem(at: oneLanguageOnly)

        let malformed = try customLocales(scratch, "fr/numbers.yaml") { $0.replacingOccurrences(of: "onze: 11", with: "onze: onze") }
        let parse = try run(binary, ["parse", "bonjour", "--locales", malformed.path], in: elsewhere)
        #expect(parse.status == 2)
        #expect(parse.stderr.contains("fr/numbers.yaml:3: teens.onze must be a whole number"), "\(parse.stderr)")
    }
}
