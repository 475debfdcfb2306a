import ArgumentParser
import Foundation
import PlugphoneTerminal

/// The root command. `plugphone` alone starts the conversation.
public struct PlugphoneCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "plugphone",
        abstract: "Order, exchange or return a plug&phone by writing in plain French or English.",
        subcommands: [
            ChatCommand.self, InitCommand.self, ParseCommand.self, RequestsCommand.self, LinesCommand.self,
            CatalogCommand.self, AdvanceCommand.self, ReplayCommand.self, ReportCommand.self, QueueCommand.self,
            LocalesCommand.self,
        ],
        defaultSubcommand: ChatCommand.self
    )

    public init() {}

    /// Runs the command line with the exit codes of docs/reference.md §1: 0 success, 1 failed check, 2 bad usage,
    /// 3 storage, 4 output not written. The process exits here and only here.
    public static func runMain(arguments: [String]? = nil) -> Never {
        // Past a file-size limit, a write must fail with EFBIG (reported as a full disk), not kill the process.
        signal(SIGXFSZ, SIG_IGN)
        Foundation.exit(exitCode(running: arguments).rawValue)
    }

    /// Parses and runs one command line; every outcome, success included, is an `ExitCode`.
    public static func exitCode(running arguments: [String]?) -> ExitCode {
        var parsed: (any ParsableCommand)?
        do {
            var command = try parseAsRoot(arguments)
            parsed = command
            try command.run()
            return .success
        } catch let failure as CLIFailure {
            return failure.report()
        } catch let error as StreamWriteError {
            // A write failed outside a command's own handling: reported in the command's language when it has one.
            let pack = (parsed as? any CarriesGlobalOptions).flatMap { try? $0.global.languagePack() }
            guard let pack else { return ExitCode(CLIFailure.Code.output.rawValue) }
            return pack.outputFailure(error).report()
        } catch let exit as ExitCode {
            return exit
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                // --help, --version: CleanExit.
                do { try Console.write(fullMessage(for: error) + "\n", to: .output) } catch {
                    return ExitCode(CLIFailure.Code.output.rawValue)
                }
                return .success
            }
            Console.writeErrorIgnoringFailure(fullMessage(for: error) + "\n")
            // swift-argument-parser says 64 (EX_USAGE) for usage errors (ValidationError); our contract says 2.
            return code == .validationFailure ? ExitCode(CLIFailure.Code.usage.rawValue) : code
        }
    }
}

/// A command with the options every command takes (`--db`, `--lang`, `--locales`).
protocol CarriesGlobalOptions {
    var global: GlobalOptions { get }
}

extension ChatCommand: CarriesGlobalOptions {}
extension InitCommand: CarriesGlobalOptions {}
extension ParseCommand: CarriesGlobalOptions {}
extension RequestsCommand: CarriesGlobalOptions {}
extension LinesCommand: CarriesGlobalOptions {}
extension CatalogCommand: CarriesGlobalOptions {}
extension AdvanceCommand: CarriesGlobalOptions {}
extension ReplayCommand: CarriesGlobalOptions {}
