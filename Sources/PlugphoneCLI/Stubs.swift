import ArgumentParser

// Temporary: each command gets its own file as it is built.
struct ChatCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "chat", abstract: "The conversation.")
    @OptionGroup var global: GlobalOptions
    func run() throws { throw CLIFailure(.usage, "chat: not built yet") }
}
struct ParseCommand: ParsableCommand { static let configuration = CommandConfiguration(commandName: "parse") }
struct ReplayCommand: ParsableCommand { static let configuration = CommandConfiguration(commandName: "replay") }
