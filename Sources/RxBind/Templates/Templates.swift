import Files
import Foundation
import Yams

/// The data files a province edits without rebuilding (SPEC §7): the addition-request form's layout and the
/// guidance texts. Their SHA-256 is part of every run id and manifest, and their bytes are archived with the run.
public struct Templates: Sendable {
    /// The file names a templates folder holds, in the order of the canonical bundle.
    public static let fileNames = ["form.yaml", "guidance.yaml"]

    /// The addition-request form's layout.
    public let form: FormLayout
    /// The guidance texts.
    public let guidance: Guidance
    /// The canonical bundle of the files' bytes (archived with each run, so a rerun uses the same templates).
    public let bundle: [UInt8]
    /// The SHA-256 of ``bundle``.
    public var sha256: String { Digest.sha256(bundle) }

    /// Loads a templates folder.
    public init(directory: String) throws {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDir), isDir.boolValue else {
            throw RxBindError.templatesFolderMissing(directory)
        }
        var files: [String: [UInt8]] = [:]
        for name in Templates.fileNames {
            let path = directory + "/" + name
            guard let data = FileManager.default.contents(atPath: path) else { throw RxBindError.template(file: path, field: nil, line: nil, fault: .missingFile) }
            files[name] = [UInt8](data)
        }
        try self.init(files: files, origin: directory)
    }

    /// Loads templates from a canonical bundle (an archived run's).
    public init(bundle: [UInt8]) throws {
        try self.init(files: try Templates.unbundle(bundle), origin: Archive.templatesName)
    }

    init(files: [String: [UInt8]], origin: String) throws {
        func text(_ name: String) throws -> String {
            guard let bytes = files[name] else { throw RxBindError.template(file: origin + "/" + name, field: nil, line: nil, fault: .missingFile) }
            guard let s = String(validating: bytes, as: UTF8.self) else {
                throw RxBindError.template(file: origin + "/" + name, field: nil, line: nil, fault: .notUTF8)
            }
            return s
        }
        form = try FormLayout(yaml: try text("form.yaml"), file: origin + "/form.yaml")
        guidance = try Guidance(yaml: try text("guidance.yaml"), file: origin + "/guidance.yaml")
        var bundle = Array("rxbind-templates 1\n".utf8)
        for name in Templates.fileNames {
            let bytes = files[name] ?? []
            bundle += Array("\(name) \(bytes.count)\n".utf8) + bytes + [0x0A]
        }
        self.bundle = bundle
    }

    static func unbundle(_ bundle: [UInt8]) throws -> [String: [UInt8]] {
        let header = Array("rxbind-templates 1\n".utf8)
        guard bundle.starts(with: header) else {
            throw RxBindError.template(file: Archive.templatesName, field: nil, line: nil, fault: .archivedBundleUnreadable)
        }
        var files: [String: [UInt8]] = [:]
        var p = header.count
        while p < bundle.count {
            guard let nl = bundle[p...].firstIndex(of: 0x0A) else { break }
            let parts = String(decoding: bundle[p..<nl], as: UTF8.self).split(separator: " ")
            guard parts.count == 2, let size = Int(parts[1]), nl + 1 + size < bundle.count else {
                throw RxBindError.template(file: Archive.templatesName, field: nil, line: nil, fault: .archivedBundleUnreadable)
            }
            files[String(parts[0])] = Array(bundle[(nl + 1)..<(nl + 1 + size)])
            p = nl + 1 + size + 1
        }
        return files
    }

    /// The default templates: `share/rxbind/templates` or `templates/` beside the running binary or in one of its
    /// parent folders — so an installed rxbind and one run from the build folder both find theirs, wherever they are
    /// started from.
    public static func defaultDirectory() -> String? {
        var dir = URL(fileURLWithPath: executablePath()).resolvingSymlinksInPath().deletingLastPathComponent()
        while true {
            for candidate in ["share/rxbind/templates", "templates"] {
                let path = dir.appendingPathComponent(candidate).path
                if FileManager.default.fileExists(atPath: path + "/form.yaml") { return path }
            }
            let parent = dir.deletingLastPathComponent()
            if parent.path == dir.path { return nil }
            dir = parent
        }
    }

    static func executablePath() -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }
}

/// Reads YAML nodes with errors that name the file, the field and the line.
struct TemplateReader {
    let file: String

    func root(_ yaml: String) throws -> Node.Mapping {
        let node: Node?
        do { node = try Yams.compose(yaml: yaml) } catch {
            throw RxBindError.template(file: file, field: nil, line: TemplateReader.line(of: error), fault: .notYAML("\(error)"))
        }
        guard let mapping = node?.mapping else {
            throw RxBindError.template(file: file, field: nil, line: node?.mark?.line, fault: .notAMappingOfFields)
        }
        return mapping
    }

    static func line(of error: Error) -> Int? {
        if case let YamlError.parser(context, _, mark, _) = error { return context?.mark.line ?? mark.line }
        if case let YamlError.scanner(context, _, mark, _) = error { return context?.mark.line ?? mark.line }
        return nil
    }

    func mapping(_ parent: Node.Mapping, _ key: String, path: String) throws -> Node.Mapping {
        guard let node = parent[key] else { throw RxBindError.template(file: file, field: path, line: parent.mark?.line, fault: .missing) }
        guard let m = node.mapping else { throw RxBindError.template(file: file, field: path, line: node.mark?.line, fault: .mustBeMapping) }
        return m
    }

    func string(_ parent: Node.Mapping, _ key: String, path: String, optional: Bool = false) throws -> String {
        guard let node = parent[key] else {
            if optional { return "" }
            throw RxBindError.template(file: file, field: path, line: parent.mark?.line, fault: .missing)
        }
        guard let s = node.scalar else {
            throw RxBindError.template(file: file, field: path, line: node.mark?.line, fault: .mustBeText)
        }
        // YAML's null spellings (an empty value, ~, null) mean "nothing configured".
        if s.style == .plain && ["", "~", "null", "Null", "NULL"].contains(s.string) { return "" }
        return s.string
    }

    func number(_ parent: Node.Mapping, _ key: String, path: String, range: ClosedRange<Double>) throws -> Double {
        guard let node = parent[key] else { throw RxBindError.template(file: file, field: path, line: parent.mark?.line, fault: .missing) }
        guard let s = node.scalar, let v = Double(s.string), range.contains(v) else {
            throw RxBindError.template(file: file, field: path, line: node.mark?.line,
                                       fault: .mustBeNumber(from: Int(range.lowerBound), to: Int(range.upperBound)))
        }
        return v
    }

    /// Unknown keys are mistakes (a misspelt field would otherwise be ignored silently).
    func rejectUnknown(_ m: Node.Mapping, allowed: Set<String>, path: String) throws {
        for (k, _) in m {
            let key = k.string ?? ""
            if !allowed.contains(key) {
                let p = path.isEmpty ? key : path + "." + key
                throw RxBindError.template(file: file, field: p, line: k.mark?.line, fault: .unknownField(known: allowed.sorted()))
            }
        }
    }
}
