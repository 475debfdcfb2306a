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
        // Said before any locale is loaded, so it cannot come from Locales/: plain English.
        public var description: String {
            "Cannot find the Locales folder (looked in: \(searched.joined(separator: ", "))). Pass --locales PATH or set PLUGPHONE_LOCALES."
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
            throw NotFound(searched: searched)
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

    public func folder(for language: Language) -> URL { url.appendingPathComponent(language.rawValue) }

    /// The files of one language with a given name (`messages.yaml`), or every YAML file when `named` is nil.
    public func files(for language: Language, named name: String? = nil) -> [URL] {
        let folder = folder(for: language)
        if let name { return [folder.appendingPathComponent(name)].filter { FileManager.default.fileExists(atPath: $0.path) } }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted().map { folder.appendingPathComponent($0) }
    }
}
