import ArgumentParser
import Foundation

/// The root command. `plugphone` alone starts the conversation.
public struct PlugphoneCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "plugphone",
        abstract: "Order, exchange or return a plug&phone by writing in plain French or English.",
        subcommands: [
            ChatCommand.self, InitCommand.self, ParseCommand.self, RequestsCommand.self, LinesCommand.self,
            CatalogCommand.self, AdvanceCommand.self, ReplayCommand.self, LocalesCommand.self,
        ],
        defaultSubcommand: ChatCommand.self
    )

    public init() {}

    /// Runs the command line with the exit codes of docs/reference.md §1: 0 success, 1 failed check, 2 bad usage, 3 storage.
    public static func runMain(arguments: [String]? = nil) -> Never {
        // Past a file-size limit, a write must fail with EFBIG (reported as a full disk), not kill the process.
        signal(SIGXFSZ, SIG_IGN)
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            Foundation.exit(0)
        } catch let failure as CLIFailure {
            failure.report()
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            if let exit = error as? ExitCode { Foundation.exit(exit.rawValue) }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            // swift-argument-parser says 64 (EX_USAGE) for usage errors; our contract says 2.
            Foundation.exit(code == .validationFailure ? CLIFailure.Code.usage.rawValue : code.rawValue)
        }
    }
}
