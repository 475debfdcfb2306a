import ArgumentParser

// Temporary: each command gets its own file as it is built.
struct ParseCommand: ParsableCommand { static let configuration = CommandConfiguration(commandName: "parse") }
