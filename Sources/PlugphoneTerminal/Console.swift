#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Standard output or standard error.
public enum StandardStream: Int32, Sendable {
    case output = 1
    case error = 2
}

/// A write to standard output or standard error failed: a full disk (`>/dev/full`), a closed descriptor, a
/// reader that went away with SIGPIPE ignored. The command reports it (exit code 4) instead of trapping.
public struct StreamWriteError: Error, Sendable, Equatable {
    public var stream: StandardStream
    /// `errno` of the failed `write(2)`.
    public var code: Int32

    /// The system's own words for the failure (« No space left on device »).
    public var reason: String { String(cString: strerror(code)) }
}

/// The one way plugphone writes text bound for a terminal: every string, whatever its source (a message, an
/// account name read from the database, a path given as an argument), goes through `TerminalSanitizer`, and
/// is written with `write(2)`, whose failure is a thrown error rather than Foundation's trap.
public enum Console {
    /// Writes `text` as is, after stripping terminal control sequences.
    public static func write(_ text: String, to stream: StandardStream = .output) throws(StreamWriteError) {
        try writeBytes(Array(TerminalSanitizer.clean(text).utf8), to: stream)
    }

    /// Writes bytes that were already sanitised; retries short writes and EINTR.
    public static func writeBytes(_ bytes: [UInt8], to stream: StandardStream) throws(StreamWriteError) {
        var failure: Int32 = 0
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count, let base = buffer.baseAddress {
                let written = Glibc.write(stream.rawValue, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                if written == 0 {
                    failure = EIO
                    return
                }
                offset += written
            }
        }
        if failure != 0 { throw StreamWriteError(stream: stream, code: failure) }
    }

    /// Writes to standard error, ignoring a failure: used for the last words of a process that is already
    /// failing, where there is nowhere else to report anything.
    public static func writeErrorIgnoringFailure(_ text: String) {
        try? write(text, to: .error)
    }
}
