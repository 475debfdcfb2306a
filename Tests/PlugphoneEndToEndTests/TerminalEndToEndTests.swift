import Foundation
import Testing

/// Shell integration: completion scripts come from swift-argument-parser.
@Suite struct ShellIntegrationTests {
    @Test(arguments: ["bash", "zsh", "fish"])
    func completionScripts(shell: String) throws {
        let outcome = try PlugphoneProcess.run(["--generate-completion-script", shell])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("plugphone"))
        for subcommand in ["chat", "requests", "catalog", "advance"] {
            #expect(outcome.stdout.contains(subcommand), "\(shell) script lacks \(subcommand)")
        }
    }

    @Test func bashScriptIsValidBash() throws {
        let scratch = try Scratch()
        let script = try PlugphoneProcess.run(["--generate-completion-script", "bash"]).stdout
        let file = scratch.path("plugphone.bash")
        try script.write(toFile: file, atomically: true, encoding: .utf8)
        let check = Process()
        check.executableURL = URL(fileURLWithPath: "/bin/bash")
        check.arguments = ["-n", file]
        try check.run()
        check.waitUntilExit()
        #expect(check.terminationStatus == 0)
    }
}
