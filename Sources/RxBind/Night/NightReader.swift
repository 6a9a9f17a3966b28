import DelimitedText
import Foundation

/// Reads tonight's inputs into a ``Night``: every failure row merged into cases or listed as invalid, the roster and
/// registry indexed, every unusable reference row counted as a warning. Any fatal input error (SPEC §2) stops here,
/// before the workspace is touched.
public enum NightReader {
    /// An input to read: what it is to the night, where its bytes are (the path given, or an archived copy for a
    /// rerun), and its hash and size already computed.
    public struct Source: Sendable {
        public let file: InputFile
        public let readPath: String
        public let sha256: String
        public let bytes: Int
        /// What the hashing pass saw of the bytes, so the encoding is decided without reading the file again.
        public let sniffer: EncodingSniffer?

        public init(file: InputFile, readPath: String, sha256: String, bytes: Int, sniffer: EncodingSniffer? = nil) {
            self.file = file
            self.readPath = readPath
            self.sha256 = sha256
            self.bytes = bytes
            self.sniffer = sniffer
        }
    }

    /// What reading has gathered so far.
    struct ReadState {
        var summaries: [Int: InputSummary] = [:]
        var failures: FailureAggregator

        init(inputHashes: [String] = []) { failures = FailureAggregator(inputHashes: inputHashes) }
        var roster = Roster()
        var registry = Registry()
        var warnings: [InputWarning] = []
    }

    public static func read(_ sources: [Source], asOf: CalendarDate, encoding: String?,
                            progress: (any ProgressReporter)?) throws -> Night {
        do {
            return try readAll(sources, asOf: asOf, encoding: encoding, progress: progress)
        } catch let e as InputError {
            throw RxBindError.reading(e)
        }
    }

    static func readAll(_ sources: [Source], asOf: CalendarDate, encoding: String?,
                        progress: (any ProgressReporter)?) throws -> Night {
        try checkRoles(sources, encoding: encoding)
        // The roster, the largest input, is read on the other core while the failures and the registry are read
        // here. Errors are reported for the earliest input in argument order, as a sequential read would.
        let rosterIndex = sources.firstIndex { $0.file.role == .certificates }
        let background = ResultBox<ReadState>(count: 1)
        let group = DispatchGroup()
        if let ri = rosterIndex {
            let source = sources[ri]
            DispatchQueue.global().async(group: group) {
                background.set(0, Swift.Result {
                    var state = ReadState()
                    try readOne(source, index: ri, asOf: asOf, encoding: encoding, progress: nil, into: &state)
                    return state
                })
            }
        }
        var state = ReadState(inputHashes: sources.map(\.sha256))
        var firstError: (index: Int, error: Error)? = nil
        for (index, source) in sources.enumerated() where index != rosterIndex {
            do {
                try readOne(source, index: index, asOf: asOf, encoding: encoding, progress: progress, into: &state)
            } catch {
                firstError = (index, error)
                break
            }
        }
        group.wait()
        if let ri = rosterIndex {
            do {
                let r = try background.get(0)
                state.roster = r.roster
                state.warnings += r.warnings
                state.summaries[ri] = r.summaries[ri]
            } catch {
                if firstError.map({ ri < $0.index }) ?? true { firstError = (ri, error) }
            }
        }
        if let e = firstError { throw e.error }
        return Night(inputs: sources.indices.map { state.summaries[$0]! }, cases: state.failures.finish(),
                     invalidRows: state.failures.invalidRows, warnings: state.warnings,
                     provinceMentions: state.failures.provinceMentions, roster: state.roster,
                     registry: state.registry)
    }

    /// Refuses a file given in the wrong role (SPEC §11), before anything is read in earnest: one that has another
    /// role's own columns and none of its own — with "did you swap?" when the roster and the registry were given
    /// the wrong way round. Only the header lines are read.
    static func checkRoles(_ sources: [Source], encoding: String?) throws {
        var mismatches: [(file: String, given: InputRole, looksLike: InputRole, evidence: [String], headers: [String])] = []
        for source in sources {
            let headers = try DelimitedInput(path: source.readPath, encoding: encoding, sniffer: source.sniffer).header
            let own = InputRole.roles(withOwnColumnsIn: headers)
            guard !own.contains(source.file.role), let other = own.first else { continue }
            let evidence = headers.filter { other.ownColumnHeaders.contains(HeaderMapping.fold($0)) }
            mismatches.append((source.file.name, source.file.role, other, evidence, headers))
        }
        if let c = mismatches.first(where: { $0.given == .certificates && $0.looksLike == .registry }),
           let r = mismatches.first(where: { $0.given == .registry && $0.looksLike == .certificates }) {
            throw RxBindError.swappedReferences(certificates: c.file, registry: r.file)
        }
        if let m = mismatches.first {
            throw RxBindError.wrongRole(file: m.file, given: m.given, looksLike: m.looksLike, evidence: m.evidence,
                                         found: m.headers)
        }
    }

    /// Reads one input into `state`.
    static func readOne(_ source: Source, index: Int, asOf: CalendarDate, encoding: String?,
                        progress: (any ProgressReporter)?, into state: inout ReadState) throws {
        var summary = InputSummary(file: source.file, sha256: source.sha256, bytes: source.bytes)
        var table = try DelimitedInput(path: source.readPath, encoding: encoding, sniffer: source.sniffer)
        summary.encoding = table.encodingName
        summary.delimiter = table.delimiterName
        let mapping = try HeaderMapping(headers: table.header, role: source.file.role, file: source.file.name)
        summary.ignoredColumns = mapping.ignored
        let stage = localized(.progressReading, ["file": source.file.name])
        try Timings.measure("read \(source.file.role.rawValue) \(source.file.name)") {
            var rows = 0
            switch source.file.role {
            case .failures:
                let c = FailureColumns(mapping)
                var interner = StringInterner()
                try table.forEachRecord { record in
                    state.failures.add(c.row(record, input: index, asOf: asOf, interner: &interner), asOf: asOf)
                    rows += 1
                    if rows & 0x3FFF == 0 { progress?.update(stage, count: rows) }
                }
                summary.rowsRead = state.failures.rowsRead[index] ?? 0
                summary.rowsRejected = state.failures.rowsRejected[index] ?? 0
            case .certificates:
                let c = RosterColumns(mapping)
                try table.forEachRecord { record in
                    rows += 1
                    if rows & 0x3FFF == 0 { progress?.update(stage, count: rows) }
                    let ref = RowRef(input: index, line: record.line)
                    switch record.id(c.id, asOf: asOf) {
                    case .failure(let problem):
                        summary.rowsRejected += 1
                        state.warnings.append(InputWarning(ref: ref, kind: .unusableID(problem)))
                    case .success(let id):
                        let status = record.withText(c.status) { RosterColumns.status($0) }
                        if case .other = status {
                            state.warnings.append(InputWarning(ref: ref, kind: .unknownCertificateStatus(record.text(c.status))))
                        }
                        let expires = record.withText(c.annotationExpires) { CalendarDate(lenientUTF8: $0) }
                        if expires == nil && record.withText(c.annotationExpires, { !$0.isEmpty }) {
                            state.warnings.append(InputWarning(ref: ref, kind: .unreadableDate(
                                field: "加注有效期至", value: record.text(c.annotationExpires))))
                        }
                        state.roster.beginRow(id: id, revoked: status == .revoked, annotationExpires: expires,
                                        line: record.line)
                        for column in [c.name, c.number, c.category, c.year, c.issuedOn] {
                            record.withText(column) { state.roster.appendField(utf8: $0) }
                        }
                    }
                }
                summary.rowsRead = rows
                if state.roster.overflowed { throw RxBindError.referenceTooLarge(file: source.file.name) }
                state.roster.finish()
            case .registry:
                let c = RegistryColumns(mapping)
                try table.forEachRecord { record in
                    rows += 1
                    if rows & 0x3FFF == 0 { progress?.update(stage, count: rows) }
                    switch record.id(c.id, asOf: asOf) {
                    case .failure(let problem):
                        summary.rowsRejected += 1
                        state.warnings.append(InputWarning(ref: RowRef(input: index, line: record.line), kind: .unusableID(problem)))
                    case .success(let id):
                        state.registry.beginRow(id: id, line: record.line)
                        record.withText(c.name) { state.registry.appendField(utf8: $0) }
                        record.withText(c.registrationNo) { state.registry.appendField(utf8: $0) }
                        record.withDisplay(c.employer) { state.registry.appendField(utf8: $0) }
                        record.withText(c.status) { state.registry.appendField(utf8: $0) }
                        record.withText(c.province) { state.registry.appendField(utf8: $0) }
                    }
                }
                summary.rowsRead = rows
                if state.registry.overflowed { throw RxBindError.referenceTooLarge(file: source.file.name) }
                state.registry.finish()
            }
        }
        progress?.finish()
        state.summaries[index] = summary
    }
}

/// The failure export's columns.
struct FailureColumns {
    let name, id, idType, phone, province, attemptedAt, message, level: Int?

    init(_ m: HeaderMapping) {
        name = m["name"]; id = m["id_number"]; idType = m["id_type"]; phone = m["phone"]; province = m["province"]
        attemptedAt = m["attempted_at"]; message = m["message"]; level = m["account_level"]
    }

    func row(_ r: borrowing DelimitedRecord, input: Int, asOf: CalendarDate, interner: inout StringInterner) -> FailureRow {
        // Province, message, document type and level repeat across a night's rows: one copy of each text is kept.
        FailureRow(ref: RowRef(input: input, line: r.line), name: r.text(name), rawID: r.raw(id), rawName: r.raw(name),
                   idType: r.withText(idType) { interner.intern($0) }, id: r.id(id, asOf: asOf), phone: r.text(phone),
                   province: r.withText(province) { interner.intern($0) }, attemptedAt: r.text(attemptedAt),
                   message: r.withDisplay(message) { interner.intern($0) },
                   accountLevel: r.withText(level) { interner.intern($0) })
    }
}

struct RosterColumns {
    let name, id, number, category, year, issuedOn, status, annotationExpires: Int?

    enum Status: Equatable { case valid, revoked, other }

    static let revokedBytes = Array("已撤销".utf8), validBytes = Array("有效".utf8)

    /// 证书状态: empty or 有效 is valid, 已撤销 revoked, anything else valid with a warning (SPEC §2.2).
    static func status(_ b: UnsafeBufferPointer<UInt8>) -> Status {
        if b.isEmpty || b.elementsEqual(validBytes) { return .valid }
        return b.elementsEqual(revokedBytes) ? .revoked : .other
    }

    init(_ m: HeaderMapping) {
        name = m["name"]; id = m["id_number"]; number = m["certificate_no"]; category = m["category"]; year = m["year"]
        issuedOn = m["issued_on"]; status = m["status"]; annotationExpires = m["annotation_expires"]
    }
}

struct RegistryColumns {
    let name, id, registrationNo, employer, status, province: Int?

    init(_ m: HeaderMapping) {
        name = m["name"]; id = m["id_number"]; registrationNo = m["registration_no"]; employer = m["employer"]
        status = m["status"]; province = m["province"]
    }
}
