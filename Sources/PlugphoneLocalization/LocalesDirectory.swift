import Foundation

/// A `Locales/` folder on disk: the one given, then `PLUGPHONE_LOCALES`, then next to the executable and up its
/// parents, then the working directory and up its parents (so tests and tools find the repository's own).
///
/// The program itself does not search: it reads the folder given with `--locales` / `PLUGPHONE_LOCALES`, else the
/// data built into it (`LocalesSource.resolve`).
public struct LocalesDirectory: Sendable, Hashable {
    public var url: URL

    public init(url: URL) { self.url = url }

    public struct NotFound: Error, CustomStringConvertible, Sendable {
        public var searched: [String]
        /// For a folder that was asked for: what it lacks (the folder itself, or its `fr/` and `en/` subfolders).
        public var missing: String? = nil
        // Said before any locale is loaded, so it cannot come from Locales/: plain English.
        public var description: String {
            if let missing { return missing }
            return "Cannot find the Locales folder (looked in: \(searched.joined(separator: ", "))). Pass --locales PATH or set PLUGPHONE_LOCALES."
        }
    }

    public static func resolve(
        explicit: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        executablePath: String? = Bundle.main.executablePath ?? CommandLine.arguments.first,
        workingDirectory: String = FileManager.default.currentDirectoryPath
    ) throws -> LocalesDirectory {
        var searched: [String] = []
        func accept(_ url: URL) -> Bool {
            searched.append(url.path)
            var isDirectory: ObjCBool = false
            let fr = url.appendingPathComponent(Language.default.rawValue)
            return FileManager.default.fileExists(atPath: fr.path, isDirectory: &isDirectory) && isDirectory.boolValue
        }
        for given in [explicit, environment["PLUGPHONE_LOCALES"]].compactMap({ $0 }) where !given.isEmpty {
            let url = URL(fileURLWithPath: given, relativeTo: URL(fileURLWithPath: workingDirectory)).standardizedFileURL
            if accept(url) { return LocalesDirectory(url: url) }
            throw NotFound(searched: searched, missing: Self.whatIsMissing(url))
        }
        var starts: [URL] = []
        if let executablePath {
            starts.append(URL(fileURLWithPath: executablePath).resolvingSymlinksInPath().deletingLastPathComponent())
        }
        starts.append(URL(fileURLWithPath: workingDirectory))
        for start in starts {
            var dir = start.standardizedFileURL
            while true {
                if accept(dir.appendingPathComponent("Locales")) { return LocalesDirectory(url: dir.appendingPathComponent("Locales")) }
                let parent = dir.deletingLastPathComponent()
                if parent.path == dir.path { break }
                dir = parent
            }
        }
        throw NotFound(searched: searched)
    }

    /// Why `url`, given as a Locales folder, is not one: a sentence naming what it lacks.
    static func whatIsMissing(_ url: URL) -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            return "The locales folder \(url.path) does not exist (or is not a folder)."
        }
        let absent = Language.allCases.map(\.rawValue).filter { language in
            var sub: ObjCBool = false
            return !(FileManager.default.fileExists(atPath: url.appendingPathComponent(language).path, isDirectory: &sub) && sub.boolValue)
        }
        return "The locales folder \(url.path) lacks the subfolder(s) \(absent.map { $0 + "/" }.joined(separator: ", ")): a locales folder holds "
            + "fr/ and en/, each with every YAML file of the built-in data. "
            + "\"plugphone locales export \(url.path) --force\" writes the built-in ones there to start from."
    }

    public func folder(for language: Language) -> URL { url.appendingPathComponent(language.rawValue) }

    /// The files of one language with a given name (`messages.yaml`), or every YAML file when `named` is nil.
    public func files(for language: Language, named name: String? = nil) -> [URL] {
        let folder = folder(for: language)
        if let name { return [folder.appendingPathComponent(name)].filter { FileManager.default.fileExists(atPath: $0.path) } }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted().map { folder.appendingPathComponent($0) }
    }
}
