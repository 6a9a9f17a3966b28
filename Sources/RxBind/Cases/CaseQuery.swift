import Store

/// `rxbind cases`: the workspace's cases, filtered (SPEC §8).
public struct CaseQuery: Sendable {
    public var status: CaseRecord.Status?
    public var caseClass: CaseClass?
    public var id: ResidentID?

    public init(status: CaseRecord.Status? = nil, caseClass: CaseClass? = nil, id: ResidentID? = nil) {
        self.status = status
        self.caseClass = caseClass
        self.id = id
    }

    /// The matching cases in ID order.
    public func run(workspace root: String) throws -> [CaseRecord] {
        try RxBindError.guarding {
            let workspace = Workspace(root: root)
            guard workspace.exists else {
                throw RxBindError.notAWorkspace(path: root)
            }
            let store = try CaseStore(path: workspace.storePath, readOnly: true)
            var conditions: [String] = []
            var arguments: [DatabaseValue] = []
            if let s = status { conditions.append("status = ?"); arguments.append(.text(s.rawValue)) }
            if let c = caseClass { conditions.append("class = ?"); arguments.append(.text(c.code)) }
            if let i = id { conditions.append("id = ?"); arguments.append(.text(i.text)) }
            var out: [CaseRecord] = []
            try store.forEachCase(where: conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "),
                                  arguments) { out.append($0) }
            return out
        }
    }
}
