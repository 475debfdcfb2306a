import ArgumentParser
import Foundation
import PlugphoneBuiltInLocales
import PlugphoneLocalization

/// `plugphone locales …`: the texts and training data compiled into the program.
struct LocalesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "locales",
        abstract: "The texts and training data compiled into the program.",
        subcommands: [LocalesExportCommand.self]
    )
}

/// `plugphone locales export DIR [--force]`: writes the built-in `Locales/` to DIR, the starting point of a
/// `--locales` folder for an operator who customises texts without the source tree.
struct LocalesExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Writes the built-in texts and training data (fr/, en/) to a folder, to customise them and pass it as --locales."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The folder to write; it must be empty or absent unless --force.", valueName: "dir"))
    var directory: String

    @Flag(help: "Write into a folder that is not empty, replacing the files of the same name (never through a symbolic link).")
    var force = false

    func run() throws {
        let m = try global.languagePack().messages
        let root = URL(fileURLWithPath: directory).standardizedFileURL
        let files = FileManager.default
        func refuse(_ key: String, _ path: String) -> CLIFailure {
            CLIFailure(.usage, m.text(key, ["path": path]))
        }
        switch Self.kind(root.path) {
        case .none:
            break
        case .directory?:
            let entries = (try? files.contentsOfDirectory(atPath: root.path)) ?? []
            if !entries.isEmpty, !force { throw refuse("locales_export.not_empty", root.path) }
        case .symbolicLink?:
            throw refuse("locales_export.symlink", root.path)
        case .regular?, .other?:
            throw refuse("locales_export.not_a_folder", root.path)
        }
        var written = 0
        for (relative, text) in BuiltInLocales.files.sorted(by: { $0.key < $1.key }) {
            // Each folder on the way is created, or must already be a real folder.
            var folder = root
            for component in [""] + relative.split(separator: "/").dropLast().map(String.init) {
                if !component.isEmpty { folder.appendPathComponent(component) }
                switch Self.kind(folder.path) {
                case .none:
                    do { try files.createDirectory(at: folder, withIntermediateDirectories: false) } catch {
                        throw refuse("locales_export.cannot_write", folder.path)
                    }
                case .directory?: break
                case .symbolicLink?: throw refuse("locales_export.symlink", folder.path)
                case .regular?, .other?: throw refuse("locales_export.not_a_folder", folder.path)
                }
            }
            let target = root.appendingPathComponent(relative)
            switch Self.kind(target.path) {
            case .none: break
            case .regular?:
                do { try files.removeItem(at: target) } catch { throw refuse("locales_export.cannot_write", target.path) }
            case .symbolicLink?: throw refuse("locales_export.symlink", target.path)
            default: throw refuse("locales_export.cannot_write", target.path)
            }
            // O_EXCL: a link put there meanwhile makes the write fail instead of being followed.
            do { try Data(text.utf8).write(to: target, options: .withoutOverwriting) } catch {
                throw refuse("locales_export.cannot_write", target.path)
            }
            written += 1
        }
        print(m.text("locales_export.done", ["count": String(written), "path": root.path]))
    }

    enum Kind { case directory, regular, symbolicLink, other }

    /// What stands at `path`, without following a symbolic link; nil when nothing does.
    static func kind(_ path: String) -> Kind? {
        guard let type = (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType else { return nil }
        switch type {
        case .typeDirectory: return .directory
        case .typeRegular: return .regular
        case .typeSymbolicLink: return .symbolicLink
        default: return .other
        }
    }
}
