import ArgumentParser
import Foundation
import RxBind

extension RxBindCommand {
    /// `rxbind cases`
    struct Cases: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the workspace's cases across nights.",
            discussion: """
                The table masks ID numbers; --format csv writes UTF-8 with BOM and full numbers (a data output for \
                staff). Values that a spreadsheet would evaluate get a leading ' (CSV injection).
                """
        )

        enum Format: String, ExpressibleByArgument, CaseIterable { case table, csv }
        enum StatusFilter: String, ExpressibleByArgument, CaseIterable { case open, resolved }

        @Option(help: ArgumentHelp("The workspace folder.", valueName: "DIR"))
        var workspace: String

        @Option(help: "Only open or only resolved cases.")
        var status: StatusFilter?

        @Option(name: .customLong("class"), help: ArgumentHelp(
            "Only cases of this class (\(CaseClass.allCases.map(\.code).joined(separator: ", "))).", valueName: "CLASS"))
        var caseClass: String?

        @Option(help: ArgumentHelp("Only the case of this ID number (15 or 18 digits).", valueName: "ID"))
        var id: String?

        @Option(help: "table (masked numbers) or csv (full numbers).")
        var format: Format = .table

        func validate() throws {
            if let c = caseClass, CaseClass(rawValue: c.uppercased()) == nil {
                throw ValidationError("--class must be one of \(CaseClass.allCases.map(\.code).joined(separator: ", ")).")
            }
            if let i = id, case .failure(let p) = ResidentID.read(i, asOf: CalendarDate(year: 9999, month: 12, day: 31)!) {
                throw ValidationError("--id is not a usable ID number (\(p.code)).")
            }
        }

        func run() throws {
            let query = CaseQuery(
                status: status.map { $0 == .open ? .open : .resolved },
                caseClass: caseClass.flatMap { CaseClass(rawValue: $0.uppercased()) },
                id: id.flatMap { try? ResidentID.read($0, asOf: CalendarDate(year: 9999, month: 12, day: 31)!).get().id })
            let records: [CaseRecord]
            do { records = try query.run(workspace: workspace) } catch { throw report(error) }
            switch format {
            case .table:
                print(CaseQuery.table(records))
            case .csv:
                var out = Data(CSVOutput.bom)
                out.append(Data(CSVOutput.line(CaseQuery.csvHeader).utf8))
                for r in records { out.append(Data(CSVOutput.line(CaseQuery.csvRow(r)).utf8)) }
                FileHandle.standardOutput.write(out)
            }
        }
    }
}
