/// What `rxbind audit` prints (SPEC §8, §13): each check's outcome and a summary line, in the process's language.
/// Subjects and details come ready from the checks; this only lays them out, aligned for CJK text.
public enum AuditText {
    /// `audit verify RUN_ID`: every check, then whether everything matches.
    public static func verify(_ report: AuditReport) -> String {
        (lines(report.checks, indent: "") + [summary(report)]).joined(separator: "\n")
    }

    /// `audit rerun`: the version note first when there is one, every output's result, the summary, where the
    /// rerun's outputs were kept.
    public static func rerun(_ result: Audit.RerunResult) -> String {
        var out: [String] = []
        if let note = result.versionNote { out.append(note) }
        out += lines(result.report.checks, indent: "")
        let r = result.report
        out.append(r.passed ? localized(.auditRerunPassed, ["run": r.runID, "total": result.outputs])
                   : localized(.auditRerunFailed, ["run": r.runID, "count": r.problems.count, "total": result.outputs]))
        if let kept = result.keptIn { out.append(localized(.auditKeptIn, ["folder": kept])) }
        return out.joined(separator: "\n")
    }

    /// `audit verify --all`: one line per run, details only for what fails, the actions log, then a verdict —
    /// readable with hundreds of runs.
    public static func workspace(_ w: WorkspaceAudit) -> String {
        var out = [localized(.auditAllHeading, ["workspace": w.workspace, "runs": w.runs.count, "reverted": w.reverted.count])]
        let all = w.runs + w.reverted
        let idWidth = all.map { TextTable.displayWidth(label(of: $0)) }.max() ?? 0
        for r in all {
            let name = label(of: r)
            var line = "  " + name + String(repeating: " ", count: idWidth - TextTable.displayWidth(name) + 2) + r.asOf + "  "
            if let reverted = r.reverted { line += localized(.auditAllReverted, ["at": reverted.revertedAt]) + "  " }
            line += r.passed ? localized(.auditAllRunOK, ["checks": r.checks.count { $0.outcome != .note }])
                : localized(.auditAllRunFailed, ["count": r.problems.count])
            out.append(line)
            if !r.passed { out += lines(r.problems, indent: "      ") }
        }
        out += lines(w.actions, indent: "  ")
        if !w.strays.isEmpty {
            out.append(localized(.auditAllStrays))
            out += lines(w.strays, indent: "  ")
        }
        if w.passed {
            out.append(localized(.auditAllPassed, ["runs": w.runs.count, "reverted": w.reverted.count]))
        } else {
            var failed = all.filter { !$0.passed }.map(label(of:)) + (w.actions.allSatisfy(\.passed) ? [] : ["actions.log"])
                + w.strays.map(\.subject)
            if failed.count > 10 { failed = Array(failed.prefix(10)) + ["…"] }
            let problems = all.reduce(0) { $0 + $1.problems.count } + w.actions.count { !$0.passed } + w.strays.count
            out.append(localized(.auditAllFailed, ["problems": problems, "list": localizedList(failed)]))
        }
        return out.joined(separator: "\n")
    }

    /// A run as the summary names it: the run id, or a reverted run's folder under `reverted/`.
    static func label(of r: AuditReport) -> String {
        r.reverted.map { "reverted/" + $0.folder } ?? r.runID
    }

    static func summary(_ r: AuditReport) -> String {
        r.passed ? localized(.auditVerifyPassed, ["run": r.runID])
            : localized(.auditVerifyFailed, ["run": r.runID, "count": r.problems.count])
    }


    /// Checks as aligned lines: subject, outcome, detail.
    static func lines(_ checks: [AuditCheck], indent: String) -> [String] {
        let subjectWidth = max(20, checks.map { TextTable.displayWidth($0.subject) }.max() ?? 0)
        let outcomeWidth = checks.map { TextTable.displayWidth($0.outcome.label) }.max() ?? 0
        func pad(_ s: String, _ width: Int) -> String {
            s + String(repeating: " ", count: max(0, width - TextTable.displayWidth(s)))
        }
        return checks.map {
            indent + pad($0.subject, subjectWidth) + "  " + pad($0.outcome.label, outcomeWidth) + "  " + $0.detail
        }
    }
}
