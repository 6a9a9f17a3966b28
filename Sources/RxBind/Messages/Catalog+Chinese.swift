extension Catalog {
    /// 简体中文：默认语言（SPEC §12）。
    static func chinese(_ key: MessageKey) -> String {
        switch key {
        // MARK: general
        case .errorPrefix: return "rxbind：错误："
        case .fileLine: return "{file} 第 {line} 行"
        case .noneFound: return "（无）"
        case .roleFailures: return "绑定失败导出文件"
        case .roleCertificates: return "资格证书库（--certificates）"
        case .roleRegistry: return "注册系统快照（--registry）"
        case .roleFailuresOption: return "命令末尾的失败导出文件（FAILURES.csv）"

        // MARK: run
        case .runForceNotLatest: return "--force 只能重做工作区最近一次运行，而批次 {run} 之后已经有批次 {latest}。过去的夜间运行请用 `rxbind audit rerun` 重放，不能改写；如最近的运行有误，请先用 `rxbind revert` 撤销。"
        case .runEarlierThanLatest: return "截至日期 {date} 早于工作区最近一次运行（批次 {run}，截至 {latestDate}）。历史只能用 `rxbind audit rerun` 重放，不能改写。请检查服务器时钟和时区（定时任务应设置 TZ=Asia/Shanghai）。"
        case .runUnknownEncoding: return "--encoding 不认识编码“{name}”。请使用 {names} 之一（大小写均可），或不加 --encoding，由 rxbind 自动识别。"
        case .runExists: return "rxbind：批次 {run} 已经存在（输入、选项和截至日期都相同）：未作任何改动。\n输出在：{folder}\n如需重做工作区最近一次运行，请加 --force；如该批次有误，请用 `rxbind revert` 撤销。"
        case .runHeading: return "rxbind 批次 {run} — 截至 {date}，{province}"
        case .runNoProvince: return "省份未确定"
        case .runCases: return "案例 {cases} 个（新 {new}，此前出现过 {seen}）；无效行 {invalid}；警告 {warnings}"
        case .runCarriedResolved: return "遗留未结 {carried}；今晚解决 {resolved}"
        case .runRequests: return "添加申请：{cases} 个案例，{rows} 行，{parts} 个文件；已申请（未到重发期）{already}"
        case .runOutputs: return "输出在 {folder}："
        case .runManifestSHA: return "本批次 manifest.json 的 SHA-256：{sha}"
        case .noticeNewWorkspace: return "注意：新建了工作区 {path}。如果这不是第一次运行，说明工作区路径写错了：请删除这个新文件夹，用原来的 --workspace 路径重新运行。"
        case .noticeRepeatedExport: return "注意：{file} 已被批次 {run}（截至 {date}）读过；因加了 --allow-repeat 仍然处理，其中已记录的尝试不再计数。"
        case .noticeUnverifiableRun: return "警告：批次 {run} 的 manifest.json 缺失或已被改动，无法核对今晚的导出是否被它读过。请运行 `rxbind audit verify` 检查该批次。"
        case .noticeRepeatedAttempts: return "注意：{rows} 行是已经记录过的尝试（今晚的另一个文件或以前的夜间已有），只计一次。"
        case .noticeMangledIDs: return "警告：{rows} 行的身份证号已被电子表格软件损坏（科学计数法，或末三位变成 000），无法使用。请让导出方在电子表格软件中把身份证号列设为“文本”后重新导出。这些行列在 triage.xlsx 的“无效行”工作表和 invalid-rows.csv 中。"
        case .noticeOtherProvince: return "注意：{rows} 行写的是其他省份，列在 triage.xlsx 的“警告”工作表中。"
        case .noticeReferenceWarnings: return "注意：资格证书库或注册系统快照中有 {rows} 行被跳过或有疑问（身份证号无法使用、证书状态无法识别等），列在 triage.xlsx 的“警告”工作表中。"
        case .progressRows: return "{stage}：已读 {rows} 行"
        case .progressReading: return "正在读取 {file}"

        // MARK: workspace, revert
        case .revertAlreadyReverted: return "批次 {run} 已于 {at} 撤销，记录和原输出在 {folder}。"
        case .revertNotLatest: return "只能撤销工作区最近一次运行；批次 {run} 之后还有：{later}。请先撤销这些批次（从 {latest} 开始，依次撤销），再撤销 {run}。"
        case .revertDone: return "已撤销批次 {run}（截至 {date}）：案例库已恢复到该批次运行之前的状态（{cases} 个案例）。\n该批次的输出和撤销记录在：{folder}\n撤销记录：{record}"
        case .revertNextChains: return "下一次运行将接在批次 {run}（截至 {date}）之后。"
        case .revertNoRunLeft: return "工作区已没有批次；下一次运行将是第一次运行。"
        case .revertWhyEmpty: return "--why 不能为空：请写明撤销的原因（例如“导出文件给错了”），它会记录在审计记录中。"

        // MARK: cases

        // MARK: audit
        case .auditRevertedSubject: return "已撤销"
        case .auditRevertedDetail: return "该批次已于 {at} 撤销，原因：{why}"
        case .auditRevertRecordMatches: return "撤销记录与案例库一致"
        case .auditRevertRecordDiffers: return "撤销记录缺失或与案例库不一致"
        case .auditNotIn: return "不在 {dir} 中"
        case .archiveIncomplete: return "存档不完整：{name} 应在 {path}，但找不到。请从备份恢复工作区的 archive/ 文件夹。"

        // MARK: form check

        // MARK: id check

        // MARK: input errors
        case .inputMissingColumns: return "{file}：这个{role}缺少必需的列 {columns}。找到的表头：{found}。请在导出文件中把该列改为上面列出的名称之一，或重新导出带有该列的文件。"
        case .inputWrongRole: return "{file}：作为{given}给出，但它看起来是{looks}：它有 {own} 列，却没有{missing}中的任何一列。请把它作为 {option} 给出。找到的表头：{found}。工作区未作任何改动。"
        case .inputSwappedReferences: return "--certificates {certificates} 看起来是注册系统快照，--registry {registry} 看起来是资格证书库：是否把 --certificates 和 --registry 弄反了？请交换这两个文件后重新运行。工作区未作任何改动。"
        case .inputSameFileTwice: return "{first}（{firstRole}）与 {second}（{secondRole}）是同一个文件（内容完全相同）：一个文件在一次运行中只能给出一次。请检查命令行中的文件名。工作区未作任何改动。"
        case .inputReusedExport: return "{file} 与批次 {run}（截至 {date}）已经读过的失败导出文件完全相同：通常是定时任务在今晚的导出送达之前就运行了。请放入今晚的导出后重新运行；如确需再次处理同一导出，请加 --allow-repeat（已记录的尝试不会重复计数）。工作区未作任何改动。"
        case .inputNoHeader: return "{file}：文件是空的，没有表头行。请重新导出。"

        // MARK: help
        case .helpRevertAbstract: return "撤销工作区最近一次运行（文件给错、同一夜运行了两次等）。"
        case .helpRevertDiscussion: return "案例库恢复到该批次运行之前的状态（与运行前存档的规范转储完全相同），该批次的文件夹从 runs/ 移到 reverted/，并记录撤销的时间和原因；下一次运行的 manifest 接在它之前的批次之后。只能撤销最近一次运行：要撤销更早的批次，请从最近的开始依次撤销。撤销后可以重新运行同一夜。"
        case .helpWorkspace: return "工作区文件夹。"
        case .helpRevertRunID: return "要撤销的批次（rxbind run 打印的批次号，例如 20261121-1a2b3c4d）。"
        case .helpRevertWhy: return "撤销原因，记录在审计记录中。"
        case .helpAllowRepeat: return "接受以前某次运行已经读过的失败导出文件（其中的尝试仍只计一次）。"
        }
    }
}
