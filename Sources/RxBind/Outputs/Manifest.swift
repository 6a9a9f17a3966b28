import Foundation

/// `manifest.json` (SPEC §6 item 5): everything an auditor needs to re-run the night and check its outputs.
/// Written last; the manifests of a workspace form a chain through ``previousManifestSHA256``.
public struct Manifest: Codable, Sendable, Equatable {
    public var format = "rxbind-manifest/1"
    public var runID: String
    public var asOf: String
    public var tool: Tool
    public var options: Options
    /// The workspace's province the run used, when it had one.
    public var province: String?
    public var inputs: [Input]
    public var templates: Archived
    public var priorState: PriorState
    public var outputs: [Output]
    public var counts: Counts
    /// The SHA-256 of the previous run's manifest file; nil for a workspace's first run.
    public var previousManifestSHA256: String?

    enum CodingKeys: String, CodingKey {
        case format, runID = "run_id", asOf = "as_of", tool, options, province, inputs, templates
        case priorState = "prior_state", outputs, counts, previousManifestSHA256 = "previous_manifest_sha256"
    }

    public struct Tool: Codable, Sendable, Equatable {
        public var name = "rxbind"
        public var version: String
        public var ruleSet: String
        enum CodingKeys: String, CodingKey { case name, version, ruleSet = "rule_set" }
    }

    /// The options that change outputs (never a path).
    public struct Options: Codable, Sendable, Equatable {
        public var province: String?
        public var resendAfter: Int
        public var encoding: String?
        /// `--dormant-after` (SPEC §14); absent from manifests written before cases could be dormant.
        public var dormantAfter: Int?
        enum CodingKeys: String, CodingKey {
            case province, resendAfter = "resend_after", encoding, dormantAfter = "dormant_after"
        }
    }

    public struct Input: Codable, Sendable, Equatable {
        public var role: InputRole
        /// The file's name as given (its last path component).
        public var name: String
        public var sha256: String
        public var bytes: Int
        public var encoding: String
        public var delimiter: String
        public var rowsRead: Int
        public var rowsRejected: Int
        public var warnings: Int
        public var ignoredColumns: [HeaderMapping.IgnoredColumn]
        enum CodingKeys: String, CodingKey {
            case role, name, sha256, bytes, encoding, delimiter, rowsRead = "rows_read", rowsRejected = "rows_rejected"
            case warnings, ignoredColumns = "ignored_columns"
        }
    }

    /// A file kept in the archive by its SHA-256.
    public struct Archived: Codable, Sendable, Equatable {
        public var sha256: String
        public var bytes: Int
    }

    public struct PriorState: Codable, Sendable, Equatable {
        public var sha256: String
        public var bytes: Int
        public var cases: Int
    }

    public struct Output: Codable, Sendable, Equatable {
        public var name: String
        public var sha256: String
        public var bytes: Int
    }

    public struct Counts: Codable, Sendable, Equatable {
        public var byClass: [String: Int]
        public var cases: Int
        public var invalidRows: Int
        public var new: Int
        public var seenAgain: Int
        public var carriedOver: Int
        public var resolved: Int
        public var requested: Int
        public var alreadyRequested: Int
        public var formRows: Int
        public var formParts: Int
        public var warnings: Int
        /// Failure rows that repeat an attempt already recorded — tonight in another file or on an earlier night —
        /// and so added nothing (SPEC §11). Absent from manifests written before attempts had identities.
        public var repeatedRows: Int?
        enum CodingKeys: String, CodingKey {
            case byClass = "by_class", cases, invalidRows = "invalid_rows", new, seenAgain = "seen_again"
            case carriedOver = "carried_over", resolved, requested, alreadyRequested = "already_requested"
            case formRows = "form_rows", formParts = "form_parts", warnings, repeatedRows = "repeated_rows"
        }
    }

    static func encoder() -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return e
    }

    /// The manifest's bytes: sorted keys, two-space indentation, a final line feed — the same on every machine.
    public func encoded() throws -> [UInt8] {
        var bytes = [UInt8](try Manifest.encoder().encode(self))
        bytes.append(0x0A)
        return bytes
    }

    /// Reads a manifest file's bytes.
    public static func decode(_ bytes: [UInt8]) throws -> Manifest {
        let d = JSONDecoder()
        return try d.decode(Manifest.self, from: Data(bytes))
    }
}
