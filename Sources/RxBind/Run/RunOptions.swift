import Files
import DelimitedText

/// An input file of tonight's run.
public struct InputFile: Sendable, Hashable {
    public let role: InputRole
    /// The path as given on the command line.
    public let path: String
    /// The name outputs show: the path's last component (a path never reaches an output).
    public var name: String { FileSystem.lastComponent(of: path) }

    public init(role: InputRole, path: String) {
        self.role = role
        self.path = path
    }
}

/// What `rxbind run` was asked to do.
public struct RunOptions: Sendable {
    public var workspace: String
    public var failures: [String]
    public var certificates: String
    public var registry: String
    /// `--province`, already checked against the list of provinces.
    public var province: Province?
    public var asOf: CalendarDate
    public var resendAfter: Int
    /// `--dormant-after DAYS` (SPEC §14).
    public var dormantAfter: Int
    public var templatesDirectory: String
    /// `--encoding`, as given (validated by the reader).
    public var encoding: String?
    public var force: Bool
    /// `--allow-repeat`: accept a failure export an earlier run already read (its attempts still count once).
    public var allowRepeat: Bool

    public init(workspace: String, failures: [String], certificates: String, registry: String, province: Province?,
                asOf: CalendarDate, resendAfter: Int, dormantAfter: Int = RunOptions.defaultDormantAfter,
                templatesDirectory: String, encoding: String?, force: Bool, allowRepeat: Bool = false) {
        self.workspace = workspace
        self.failures = failures
        self.certificates = certificates
        self.registry = registry
        self.province = province
        self.asOf = asOf
        self.resendAfter = resendAfter
        self.dormantAfter = dormantAfter
        self.templatesDirectory = templatesDirectory
        self.encoding = encoding
        self.force = force
        self.allowRepeat = allowRepeat
    }

    /// The names `--encoding` accepts (any case), in the order help and errors list them.
    public static var encodingNames: [String] { EncodingOverride.acceptedNames }

    /// Whether `--encoding` knows a name.
    public static func isKnownEncoding(_ name: String) -> Bool { (try? EncodingOverride(name: name)) != nil }

    /// `--dormant-after`'s default: about a quarter.
    public static let defaultDormantAfter = 90

    /// The inputs in argument order: the failure exports, then the roster, then the registry.
    public var inputs: [InputFile] {
        failures.map { InputFile(role: .failures, path: $0) }
            + [InputFile(role: .certificates, path: certificates), InputFile(role: .registry, path: registry)]
    }
}

/// The run id (SPEC §6): `YYYYMMDD-` and the first 8 hex digits of a SHA-256 over the as-of date, the options that
/// change outputs (province, resend-after, encoding — never a path), the inputs' hashes and the templates' hash.
/// The failure exports are a set (SPEC §11): their hashes are taken in sorted order, so the same exports given in
/// another order are the same run. (Within a run the order given still breaks ties between attempts of the same
/// time, SPEC §4; the manifest records it, so `audit rerun` repeats it.)
public enum RunID {
    public static func compute(asOf: CalendarDate, province: Province?, resendAfter: Int,
                               dormantAfter: Int = RunOptions.defaultDormantAfter, encoding: String?,
                               inputs: [(role: InputRole, sha256: String)], templatesSHA256: String) -> String {
        var text = "rxbind-run 1\n"
        text += "as-of \(asOf.iso)\n"
        text += "province \(province?.name ?? "")\n"
        text += "resend-after \(resendAfter)\n"
        // Only when not the default, so run ids of the same nights stay what they were before the option existed.
        if dormantAfter != RunOptions.defaultDormantAfter { text += "dormant-after \(dormantAfter)\n" }
        text += "encoding \(encoding?.lowercased() ?? "")\n"
        let failures = inputs.filter { $0.role == .failures }.map(\.sha256).sorted()
        for sha in failures { text += "input \(InputRole.failures.rawValue) \(sha)\n" }
        for i in inputs where i.role != .failures { text += "input \(i.role.rawValue) \(i.sha256)\n" }
        text += "templates \(templatesSHA256)\n"
        return asOf.compact + "-" + String(Digest.sha256(text).prefix(8))
    }

    /// Whether a text has the shape of a run id (so a command-line value never names a path).
    public static func isWellFormed(_ text: String) -> Bool {
        let b = Array(text.utf8)
        guard b.count == 17, b[8] == UInt8(ascii: "-") else { return false }
        return b[0..<8].allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
            && b[9...].allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }
    }
}
