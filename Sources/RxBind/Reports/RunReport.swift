/// The short summary `rxbind run` prints: counts, notices and paths, never an ID or phone number; the manifest's
/// SHA-256 last, so a scheduler's log anchors the run outside the workspace (SPEC §13).
public enum RunReport {
    public static func text(_ s: RunSummary) -> String {
        if s.alreadyExisted {
            return localized(.runExists, ["run": s.runID, "folder": s.runDirectory])
        }
        guard let m = s.manifest else { return s.runID }
        let c = m.counts
        var lines: [String] = []
        lines.append(localized(.runHeading, ["run": s.runID, "date": m.asOf,
                                             "province": m.province ?? localized(.runNoProvince)]))
        lines.append("  " + localized(.runCases, ["cases": c.cases, "new": c.new, "seen": c.seenAgain,
                                                 "invalid": c.invalidRows, "warnings": c.warnings]))
        // Each class by its name in the staff's language, with the code cases.csv and `--class` use.
        let names = CaseClass.allCases.map { localized(.runClassLine, ["label": localized($0.messageKey), "code": $0.code]) }
        let width = names.map(TextTable.displayWidth).max() ?? 0
        for (cls, name) in zip(CaseClass.allCases, names) {
            lines.append("  " + name + String(repeating: " ", count: width - TextTable.displayWidth(name) + 2)
                         + String(c.byClass[cls.code] ?? 0))
        }
        lines.append("  " + localized(.runCarriedResolved, ["carried": c.carriedOver, "resolved": c.resolved]))
        lines.append("  " + localized(.runRequests, ["cases": c.requested, "rows": c.formRows, "parts": c.formParts,
                                                    "already": c.alreadyRequested]))
        for notice in s.notices { lines.append(text(notice)) }
        lines.append(localized(.runOutputs, ["folder": s.runDirectory]))
        for f in s.files { lines.append("  " + f) }
        if let sha = s.manifestSHA256 { lines.append(localized(.runManifestSHA, ["sha": sha])) }
        return lines.joined(separator: "\n")
    }

    static func text(_ notice: RunNotice) -> String {
        switch notice {
        case .newWorkspace(let path): return localized(.noticeNewWorkspace, ["path": path])
        case let .repeatedExport(file, runID, asOf):
            return localized(.noticeRepeatedExport, ["file": file, "run": runID, "date": asOf])
        case .unverifiableRun(let runID): return localized(.noticeUnverifiableRun, ["run": runID])
        case .repeatedAttempts(let rows): return localized(.noticeRepeatedAttempts, ["rows": rows])
        case .mangledIDs(let rows): return localized(.noticeMangledIDs, ["rows": rows])
        case .otherProvinceRows(let rows): return localized(.noticeOtherProvince, ["rows": rows])
        case .referenceWarnings(let rows): return localized(.noticeReferenceWarnings, ["rows": rows])
        }
    }

    /// The progress line of a long stage.
    public static func progress(stage: String, rows: Int) -> String {
        localized(.progressRows, ["stage": stage, "rows": rows])
    }
}

extension CaseClass {
    /// The class's name in the message catalog.
    var messageKey: MessageKey {
        switch self {
        case .portalAccount: return .classPortalAccount
        case .identityMismatch: return .classIdentityMismatch
        case .legacyID15: return .classLegacyID15
        case .noQualification: return .classNoQualification
        case .missingRegistryRecord: return .classMissingRegistryRecord
        }
    }
}
