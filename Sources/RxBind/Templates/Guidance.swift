import Yams

/// The guidance texts (`templates/guidance.yaml`): what the staff member who answers the pharmacist does next, per
/// class, optionally per reason, and per flag (SPEC §4).
public struct Guidance: Sendable {
    let classes: [CaseClass: String]
    let reasons: [Reason: String]
    let flags: [Flag: String]
    let alreadyRequested: String

    init(yaml: String, file: String) throws {
        let r = TemplateReader(file: file)
        let root = try r.root(yaml)
        try r.rejectUnknown(root, allowed: ["classes", "reasons", "flags", "already_requested"], path: "")
        let classNode = try r.mapping(root, "classes", path: "classes")
        try r.rejectUnknown(classNode, allowed: Set(CaseClass.allCases.map(\.code)), path: "classes")
        var classes: [CaseClass: String] = [:]
        for c in CaseClass.allCases { classes[c] = try r.string(classNode, c.code, path: "classes." + c.code) }
        var reasons: [Reason: String] = [:]
        if root["reasons"] != nil {
            let node = try r.mapping(root, "reasons", path: "reasons")
            try r.rejectUnknown(node, allowed: Set(Reason.allCases.map(\.code)), path: "reasons")
            for reason in Reason.allCases where node[reason.code] != nil {
                reasons[reason] = try r.string(node, reason.code, path: "reasons." + reason.code)
            }
        }
        let flagNode = try r.mapping(root, "flags", path: "flags")
        try r.rejectUnknown(flagNode, allowed: Set(Flag.allCases.map(\.code)), path: "flags")
        var flags: [Flag: String] = [:]
        for f in Flag.allCases { flags[f] = try r.string(flagNode, f.code, path: "flags." + f.code) }
        self.classes = classes
        self.reasons = reasons
        self.flags = flags
        alreadyRequested = try r.string(root, "already_requested", path: "already_requested")
    }

    /// The class's own text.
    public func text(for caseClass: CaseClass) -> String { Self.trimmed(classes[caseClass] ?? "") }

    /// The reason's more precise text, or nil when the template has none (its class's text then applies).
    public func text(for reason: Reason) -> String? { reasons[reason].map(Self.trimmed).flatMap { $0.isEmpty ? nil : $0 } }

    /// The flag's text, or nil when the template leaves it empty (it then adds nothing).
    public func text(for flag: Flag) -> String? { flags[flag].map(Self.trimmed).flatMap { $0.isEmpty ? nil : $0 } }

    /// The text for a case requested on an earlier night, `{requested_on}` replaced by `requestedOn` (a date, or
    /// words pointing to where the date is shown).
    public func alreadyRequestedText(requestedOn: String) -> String {
        Self.trimmed(alreadyRequested.replacingOccurrences(of: "{requested_on}", with: requestedOn))
    }

    /// Whether the already-requested text names the date (`{requested_on}`); a province may have removed it.
    public var alreadyRequestedNamesTheDate: Bool { alreadyRequested.contains("{requested_on}") }

    private static func trimmed(_ text: String) -> String { text.trimmingCharacters(in: .whitespacesAndNewlines) }
}
