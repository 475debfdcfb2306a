import ArgumentParser

// Temporary: each command gets its own file as it is built.
struct ChatCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "chat", abstract: "The conversation.")
    @OptionGroup var global: GlobalOptions
    func run() throws { throw CLIFailure(.usage, "chat: not built yet") }
}
struct InitCommand: ParsableCommand { static let configuration = CommandConfiguration(commandName: "init") }
struct RequestsCommand: ParsableCommand { static let configuration = CommandConfiguration(commandName: "requests") }
struct LinesCommand: ParsableCommand { static let configuration = CommandConfiguration(commandName: "lines") }
struct CatalogCommand: ParsableCommand { static let configuration = CommandConfiguration(commandName: "catalog") }
struct AdvanceCommand: ParsableCommand { static let configuration = CommandConfiguration(commandName: "advance") }
struct ReplayCommand: ParsableCommand { static let configuration = CommandConfiguration(commandName: "replay") }
