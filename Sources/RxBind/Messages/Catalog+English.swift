extension Catalog {
    /// English: with `RXBIND_LANG=en` or an English locale (SPEC §12).
    static func english(_ key: MessageKey) -> String {
        switch key {
        // MARK: general
        case .errorPrefix: return "rxbind: error: "
        case .fileLine: return "{file} line {line}"
        case .noneFound: return "(none)"
        case .roleFailures: return "binding-failure export"
        case .roleCertificates: return "certificate roster (--certificates)"
        case .roleRegistry: return "registry snapshot (--registry)"
        case .roleFailuresOption: return "one of the failure exports at the end of the command (FAILURES.csv)"

        // MARK: run
        case .runForceNotLatest: return "--force redoes only the workspace's latest run, and {run} has been followed by {latest}. Past nights are replayed with `rxbind audit rerun`, never rewritten; to undo a mistaken latest run, use `rxbind revert`."
        case .runEarlierThanLatest: return "the as-of date {date} is earlier than the workspace's latest run ({run}, as of {latestDate}). History is replayed with `rxbind audit rerun`, never rewritten. Check the server's clock and time zone (scheduled jobs should set TZ=Asia/Shanghai)."
        case .runUnknownEncoding: return "unknown encoding \"{name}\" given with --encoding. Use one of {names} (upper or lower case), or leave --encoding out to have the encoding detected."
        case .runExists: return "rxbind: run {run} exists already (same inputs, options and as-of date): nothing changed.\nOutputs: {folder}\nUse --force to redo the workspace's latest run, or `rxbind revert` to undo it if it was a mistake."
        case .runHeading: return "rxbind run {run} — as of {date}, {province}"
        case .runNoProvince: return "province not determined"
        case .runCases: return "cases {cases} (new {new}, seen before {seen}); invalid rows {invalid}; warnings {warnings}"
        case .runCarriedResolved: return "carried over {carried}; resolved {resolved}"
        case .runRequests: return "addition requests: {cases} cases, {rows} form rows in {parts} file(s); already requested {already}"
        case .runOutputs: return "Outputs in {folder}:"
        case .runManifestSHA: return "manifest.json SHA-256: {sha}"
        case .noticeNewWorkspace: return "note: a new workspace was created at {path}. If this is not its first night, the workspace path is mistyped: remove this new folder and run again with the usual --workspace path."
        case .noticeRepeatedExport: return "note: {file} was already read by run {run} (as of {date}); processed again because of --allow-repeat, attempts already recorded are not counted again."
        case .noticeUnverifiableRun: return "warning: the manifest.json of run {run} is missing or changed, so tonight's exports could not be compared with what it read. Check that run with `rxbind audit verify`."
        case .noticeRepeatedAttempts: return "note: {rows} row(s) repeat attempts already recorded (in another file tonight or on an earlier night): counted once."
        case .noticeMangledIDs: return "warning: {rows} row(s) have ID numbers a spreadsheet program destroyed (scientific notation, or the last three digits turned to 000). Ask for the export again with the ID column set to text in the spreadsheet program. The rows are listed in triage.xlsx (sheet 无效行) and invalid-rows.csv."
        case .noticeOtherProvince: return "note: {rows} row(s) name another province; they are listed in triage.xlsx (sheet 警告)."
        case .noticeReferenceWarnings: return "note: {rows} roster or registry row(s) were skipped or are doubtful (unusable ID numbers, unknown certificate statuses, …); they are listed in triage.xlsx (sheet 警告)."
        case .progressRows: return "{stage}: {rows} rows"
        case .progressReading: return "reading {file}"

        // MARK: workspace, revert
        case .revertAlreadyReverted: return "run {run} was already reverted at {at}; its record and outputs are in {folder}."
        case .revertNotLatest: return "only the workspace's latest run can be reverted, and {run} was followed by: {later}. Revert those first (starting with {latest}), then {run}."
        case .revertDone: return "reverted run {run} (as of {date}): the case store is back to the state before it ran ({cases} cases).\nIts outputs and the revert record are in: {folder}\nRecord: {record}"
        case .revertNextChains: return "The next run will follow run {run} (as of {date})."
        case .revertNoRunLeft: return "The workspace has no runs left; the next run will be its first."
        case .revertWhyEmpty: return "--why must not be empty: say why the run is reverted (for example \"the wrong export was given\"); it is kept in the audit trail."

        // MARK: cases

        // MARK: audit
        case .auditRevertedSubject: return "reverted"
        case .auditRevertedDetail: return "this run was reverted at {at}; why: {why}"
        case .auditRevertRecordMatches: return "the revert record agrees with the case store"
        case .auditRevertRecordDiffers: return "the revert record is missing or disagrees with the case store"
        case .auditNotIn: return "not in {dir}"
        case .archiveIncomplete: return "archive incomplete: {name} should be at {path} and is missing. Restore the workspace's archive/ folder from a backup."

        // MARK: form check

        // MARK: id check

        // MARK: input errors
        case .inputMissingColumns: return "{file}: the {role} lacks the required column {columns}. Headers found: {found}. Rename the column in the export to one of the names listed, or export the file again with it."
        case .inputWrongRole: return "{file}: given as the {given}, but it looks like the {looks}: it has the column(s) {own} and none of {missing}. Give it as {option}. Headers found: {found}. Nothing in the workspace changed."
        case .inputSwappedReferences: return "--certificates {certificates} looks like a registry snapshot and --registry {registry} like a certificate roster: did you swap --certificates and --registry? Give them the other way round and run again. Nothing in the workspace changed."
        case .inputSameFileTwice: return "{first} ({firstRole}) and {second} ({secondRole}) are the same file (the same bytes): a file can be given only once in a run. Check the file names on the command line. Nothing in the workspace changed."
        case .inputReusedExport: return "{file} is the very failure export that run {run} (as of {date}) already read: usually a scheduler that ran before tonight's export arrived. Put tonight's export in place and run again; to process the same export again on purpose, add --allow-repeat (attempts already recorded are not counted again). Nothing in the workspace changed."
        case .inputNoHeader: return "{file}: the file is empty: it has no header line. Export it again."

        // MARK: help
        case .helpRevertAbstract: return "Undo the workspace's latest run (wrong files, a night run twice)."
        case .helpRevertDiscussion: return "The case store returns to the state the run started from (exactly the canonical dump archived before it ran), the run's folder moves from runs/ to reverted/ with a record of when and why, and the next run's manifest chains to the run before it. Only the latest run can be reverted: to undo an earlier one, revert from the latest back. The night can then be run again."
        case .helpWorkspace: return "The workspace folder."
        case .helpRevertRunID: return "The run to revert (as printed by rxbind run, e.g. 20261121-1a2b3c4d)."
        case .helpRevertWhy: return "Why the run is reverted; kept in the audit trail."
        case .helpAllowRepeat: return "Accept a failure export an earlier run already read (its attempts still count once)."
        }
    }
}
