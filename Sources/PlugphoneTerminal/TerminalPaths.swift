import Foundation

/// Where the terminal keeps its state: `$XDG_STATE_HOME/plugphone/` (`~/.local/state/plugphone/` when unset).
public enum TerminalPaths {
    /// The state folder. A relative `XDG_STATE_HOME` is ignored, as the XDG spec asks.
    public static func stateDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return state + "/plugphone"
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.local/state/plugphone"
    }

    /// The readline history of customer sessions.
    public static func historyFile(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        stateDirectory(environment: environment) + "/history"
    }
}

/// Terminal size, for wrapping.
public enum TerminalSize {
    /// The width of the terminal on standard output: `ioctl(TIOCGWINSZ)`, else `COLUMNS`, else 80.
    public static func columns(environment: [String: String] = ProcessInfo.processInfo.environment) -> Int {
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return fallbackColumns(environment: environment)
    }

    public static func fallbackColumns(environment: [String: String]) -> Int {
        if let columns = environment["COLUMNS"].flatMap(Int.init), columns > 0 { return columns }
        return 80
    }
}
