import Foundation
import Yams

/// Locale data the program cannot use: a YAML syntax error, a value of the wrong shape, an unknown intent, a message
/// key missing from a language. Always names the file and, when known, the line, so that whoever edits `Locales/`
/// finds the mistake at once; the commands report it at start-up with exit code 2.
public struct LocaleDataError: Error, CustomStringConvertible, Sendable, Equatable {
    public var file: String
    /// 1-based; nil when the problem is the file as a whole.
    public var line: Int?
    public var reason: String

    public init(file: String, line: Int? = nil, reason: String) {
        self.file = file
        self.line = line
        self.reason = reason
    }

    // Said before (or instead of) any locale text, so it cannot come from Locales/: plain English.
    public var description: String {
        "Invalid locale data: \(file)\(line.map { ":\($0)" } ?? ""): \(reason)"
    }
}

/// A YAML document read with the line of every node, for checks that name where the mistake is.
public struct LocaleYAML {
    public let file: String
    public let root: Node?

    /// Parses `text`; a syntax error becomes a `LocaleDataError` at its line.
    public init(_ text: String, file: String, resolver: Resolver = .default) throws {
        self.file = file
        do { root = try Yams.compose(yaml: text, resolver) } catch let error as YamlError {
            switch error {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
                throw LocaleDataError(file: file, line: mark.line, reason: problem)
            default:
                throw LocaleDataError(file: file, reason: "\(error)")
            }
        } catch {
            throw LocaleDataError(file: file, reason: "\(error)")
        }
    }

    /// An error at `node`'s line.
    public func error(_ reason: String, at node: Node?) -> LocaleDataError {
        LocaleDataError(file: file, line: node?.mark?.line, reason: reason)
    }

    /// The top-level mapping (nil for an empty file); anything else is an error.
    public func topMapping() throws -> Node.Mapping? {
        guard let root else { return nil }
        guard let mapping = root.mapping else { throw error("expected a mapping of keys to values at the top level", at: root) }
        return mapping
    }

    /// The value of `key` in `mapping`, with a key that is not a plain string being an error.
    public func value(_ key: String, in mapping: Node.Mapping?) -> Node? {
        mapping?[key]
    }

    /// A list of strings (`- le`, `- la`); nil when absent.
    public func strings(_ node: Node?, what: String) throws -> [String]? {
        guard let node else { return nil }
        guard let sequence = node.sequence else { throw error("\(what) must be a list of words or phrases", at: node) }
        return try sequence.map { item in
            guard let text = item.scalar?.string else { throw error("each item of \(what) must be a word or phrase", at: item) }
            return text
        }
    }

    /// A mapping of strings to strings (`jveux: je veux`); nil when absent.
    public func stringMap(_ node: Node?, what: String) throws -> [String: String]? {
        guard let node else { return nil }
        guard let mapping = node.mapping else { throw error("\(what) must be a mapping", at: node) }
        var out: [String: String] = [:]
        for (key, value) in mapping {
            guard let name = key.scalar?.string else { throw error("each key of \(what) must be a word", at: key) }
            guard let text = value.scalar?.string else { throw error("\(what).\(name) must be a word or phrase", at: value) }
            out[name] = text
        }
        return out
    }

    /// A mapping of strings to whole numbers (`vingt: 20`); nil when absent.
    public func intMap(_ node: Node?, what: String) throws -> [String: Int]? {
        guard let node else { return nil }
        guard let mapping = node.mapping else { throw error("\(what) must be a mapping of words to numbers", at: node) }
        var out: [String: Int] = [:]
        for (key, value) in mapping {
            guard let name = key.scalar?.string else { throw error("each key of \(what) must be a word", at: key) }
            guard let text = value.scalar?.string, let number = Int(text) else {
                throw error("\(what).\(name) must be a whole number", at: value)
            }
            out[name] = number
        }
        return out
    }

    /// A mapping of strings to lists of strings (`cheapest: [le moins cher]`); nil when absent.
    public func listMap(_ node: Node?, what: String) throws -> [String: [String]]? {
        guard let node else { return nil }
        guard let mapping = node.mapping else { throw error("\(what) must be a mapping of names to lists", at: node) }
        var out: [String: [String]] = [:]
        for (key, value) in mapping {
            guard let name = key.scalar?.string else { throw error("each key of \(what) must be a name", at: key) }
            out[name] = try strings(value, what: "\(what).\(name)") ?? []
        }
        return out
    }
}
