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

    /// The text for a case: its reason's text (or its class's), then each flag's in alphabetical order, then — for
    /// a case requested on an earlier night — when it was requested.
    public func text(for caseClass: CaseClass, reason: Reason, flags: [Flag], requestedOn: CalendarDate?) -> String {
        var parts = [reasons[reason] ?? classes[caseClass] ?? ""]
        for f in flags.sorted() { if let t = self.flags[f], !t.isEmpty { parts.append(t) } }
        if let date = requestedOn {
            parts.append(alreadyRequested.replacingOccurrences(of: "{requested_on}", with: date.iso))
        }
        return parts.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
            .joined(separator: "\n")
    }
}
