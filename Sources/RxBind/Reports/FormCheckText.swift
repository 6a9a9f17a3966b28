import Foundation

extension FormCheck {
    /// A cell's text as the terminal may show it: the ID column masked, and in any other column but the certificate
    /// number every run of seven or more digits — a phone or ID number typed into a remark — masked too (SPEC §6:
    /// the terminal never shows a full ID or phone number).
    static func shown(_ value: String, in field: FormField) -> String {
        switch field {
        case .id_number: return ResidentID.mask(value)
        case .certificate_no: return value
        default: break
        }
        var out = "", run = ""
        func flush() {
            if run.count >= 7 { out += run.count == 15 || run.count == 18 ? ResidentID.mask(run) : maskPhone(run) } else { out += run }
            run = ""
        }
        for c in value {
            if c.isASCII && (c.isNumber || ((c == "X" || c == "x") && run.count == 17)) { run.append(c) } else { flush(); out.append(c) }
        }
        flush()
        return out
    }

    /// The most errors printed per file; a form edited throughout would otherwise print thousands of lines.
    static let errorsShownPerFile = 20

    /// The report for the terminal, in `language` (SPEC §12): one block per file — a heading with batch, part,
    /// province, row count, what the fingerprint says and the verdict, then its errors, notes and warnings — then
    /// the findings about batches, each once, and a summary line. ID numbers are masked.
    ///
    /// The one place that words the findings: ``check(_:asOf:roster:)`` returns them as data.
    public static func text(_ report: Report, language: Language = .current) -> String {
        func say(_ key: MessageKey, _ arguments: [String: any CustomStringConvertible] = [:]) -> String {
            localized(key, arguments, language: language)
        }
        func part(_ label: String) -> String {
            guard let (k, n) = parsePart(label) else { return say(.formCheckPartAsWritten, ["part": label]) }
            return say(.formCheckPart, ["number": k, "count": n])
        }
        func place(_ p: RowPlace) -> String { say(.formCheckRowPlace, ["seq": p.seq, "row": p.sheetRow]) }
        func list(_ items: [String]) -> String { localizedList(items, language: language) }

        func message(_ finding: Finding) -> String {
            switch finding {
            case .unreadable(let detail):
                return say(.formCheckUnreadable, ["detail": detail])
            case .noHeaderRow:
                return say(.formCheckNoHeaderRow)
            case .fingerprintMissing:
                return say(.formCheckFingerprintMissingDetail)
            case .fingerprintMismatch(.located):
                return say(.formCheckMismatchLocated)
            case .fingerprintMismatch(.notLocated):
                return say(.formCheckMismatchNotLocated)
            case .fingerprintMismatch(.noDigests):
                return say(.formCheckMismatchNoDigests, ["sheet": FormDigests.sheetName])
            case let .rowChanged(p, cells):
                guard !cells.isEmpty else { return say(.formCheckRowChangedUnnamed, ["place": place(p)]) }
                let described = cells.map { c -> String in
                    let value = shown(c.value, in: c.field)
                    return value.isEmpty ? say(.formCheckChangedCellEmpty, ["heading": c.heading])
                        : say(.formCheckChangedCell, ["heading": c.heading, "value": value])
                }
                return say(.formCheckRowChanged, ["place": place(p),
                                                   "cells": described.joined(separator: say(.formCheckCellSeparator))])
            case let .rowRemoved(seq, row):
                return say(.formCheckRowRemoved, ["seq": seq, "row": row])
            case let .rowAdded(p, id, name):
                return say(.formCheckRowAdded, ["place": place(p), "id": ResidentID.mask(id),
                                                "name": shown(name, in: .name)])
            case let .invalidID(p, cell, id, reason):
                return say(.formCheckInvalidID, ["cell": cell, "place": place(p), "id": ResidentID.mask(id),
                                                 "reason": reason.code])
            case let .idStoredAsNumber(p, cell):
                return say(.formCheckIDStoredAsNumber, ["cell": cell, "place": place(p)])
            case let .duplicate(p, id, certificate, places):
                let named = places.map { say(.formCheckFilePlace, ["file": $0.file, "row": $0.sheetRow]) }
                return say(.formCheckDuplicate, ["place": place(p), "id": ResidentID.mask(id), "certificate": certificate,
                                                 "places": list(named)])
            case let .rosterDisagrees(p, id, certificate, problem):
                let key: MessageKey
                switch problem {
                case .noCertificateUnderID: key = .formCheckRosterNoCertificate
                case .otherCertificateNumbers: key = .formCheckRosterOtherNumbers
                case .otherName: key = .formCheckRosterOtherName
                case .revoked: key = .formCheckRosterRevoked
                }
                return say(key, ["place": place(p), "id": ResidentID.mask(id), "certificate": certificate])
            }
        }

        var lines: [String] = []
        for f in report.files {
            var facts: [String] = []
            if let b = f.batch { facts.append(say(.formCheckBatch, ["batch": b])) }
            if let p = f.part { facts.append(part(p)) }
            if let p = f.province { facts.append(p) }
            facts.append(say(.formCheckRowCount, ["count": f.rows.count]))
            switch f.fingerprint {
            case .matches?: facts.append(say(.formCheckFingerprintMatches))
            case .reordered?: facts.append(say(.formCheckFingerprintReordered))
            case .mismatch?: facts.append(say(.formCheckFingerprintMismatch))
            case .missing?: facts.append(say(.formCheckFingerprintMissing))
            case nil: break
            }
            lines.append(say(.formCheckHeading, ["file": f.path, "facts": facts.joined(separator: say(.formCheckFactSeparator)),
                                                 "verdict": say(f.passed ? .formCheckPassed : .formCheckFailed)]))
            for finding in f.findings.prefix(errorsShownPerFile) {
                lines.append(say(.formCheckError, ["message": message(finding)]))
            }
            if f.findings.count > errorsShownPerFile {
                lines.append(say(.formCheckMoreErrors, ["count": f.findings.count - errorsShownPerFile]))
            }
            for note in f.notes {
                let text: String
                switch note {
                case .reordered(let moved): text = say(.formCheckReordered, ["count": moved])
                case .factsFromDigestSheet: text = say(.formCheckFactsFromDigestSheet, ["sheet": FormDigests.sheetName])
                }
                lines.append(say(.formCheckNote, ["message": text]))
            }
            for warning in f.warnings {
                switch warning {
                case .footerEmpty(let label):
                    lines.append(say(.formCheckWarning, ["message": say(.formCheckFooterEmpty, ["label": label])]))
                }
            }
        }
        // Findings about a batch, each once, after the files they name.
        var batchShown: String? = nil
        for finding in report.batchFindings {
            let batch: String, text: String
            switch finding {
            case let .partGivenTwice(b, p, files):
                batch = b
                text = say(.formCheckPartGivenTwice, ["part": part(p), "files": list(files)])
            case let .missingParts(b, missing, files):
                batch = b
                text = say(.formCheckMissingParts, ["parts": list(missing.map(part)), "files": list(files)])
            }
            if batchShown != batch { lines.append(say(.formCheckBatchHeading, ["batch": batch])) }
            batchShown = batch
            lines.append(say(.formCheckError, ["message": text]))
        }
        let failed = report.files.filter { !$0.passed }.count
        lines.append(failed == 0 ? say(.formCheckSummaryPassed, ["count": report.files.count])
                                 : say(.formCheckSummaryFailed, ["count": report.files.count, "failed": failed]))
        return lines.joined(separator: "\n")
    }
}
