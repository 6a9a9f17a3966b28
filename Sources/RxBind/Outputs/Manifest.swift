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

    public struct Tool: Codable, Sendable, Equatable {
        public var name = "rxbind"
        public var version: String
        public var ruleSet: String
    }

    /// The options that change outputs (never a path).
    public struct Options: Codable, Sendable, Equatable {
        public var province: String?
        public var resendAfter: Int
        public var encoding: String?
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
    }

    static func encoder() -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        e.keyEncodingStrategy = .convertToSnakeCase
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
        d.keyDecodingStrategy = .convertFromSnakeCase
        return try d.decode(Manifest.self, from: Data(bytes))
    }
}
