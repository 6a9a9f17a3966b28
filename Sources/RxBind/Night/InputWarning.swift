/// Something in an input that did not stop the run but that staff should see (SPEC §2, §6): counted in the
/// manifest, listed with its file and line in the triage workbook.
public struct InputWarning: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// A roster or registry row whose ID number is unusable: skipped.
        case unusableID(IDProblem)
        /// A certificate status other than 有效 / 已撤销: treated as valid.
        case unknownCertificateStatus(String)
        /// A date the roster holds that cannot be read (加注有效期至): ignored.
        case unreadableDate(field: String, value: String)
        /// A failure row naming a province other than the workspace's.
        case otherProvince(String)
    }

    public let ref: RowRef
    public let kind: Kind

    public init(ref: RowRef, kind: Kind) {
        self.ref = ref
        self.kind = kind
    }

    /// A short code for the kind.
    public var code: String {
        switch kind {
        case .unusableID(let p): return p.code
        case .unknownCertificateStatus: return "UNKNOWN_CERTIFICATE_STATUS"
        case .unreadableDate: return "UNREADABLE_DATE"
        case .otherProvince: return "OTHER_PROVINCE"
        }
    }
}
