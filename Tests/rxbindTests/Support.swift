import Foundation
import TestSupport

/// Valid ID numbers for tests, check digit computed here (not by rxbind).
func validID(_ body17: String) -> String {
    let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    let sum = zip(body17, weights).reduce(0) { $0 + Int(String($1.0))! * $1.1 }
    return body17 + String(Array("10X98765432")[sum % 11])
}

/// A small night written by a test: who failed, what the roster and registry hold.
struct SmallNight {
    var failures: [[String]] = []      // name, id, phone, province, attempted_at, account_level
    var certificates: [[String]] = []  // 证书编号, 姓名, 身份证号码, 资格类别, 取得年度, 签发日期, 证书状态, 加注有效期至
    var registry: [[String]] = []      // 姓名, 身份证号码, 注册证编号, 执业单位, 注册状态

    /// Writes the three files into a folder; returns the arguments of `rxbind run` after the workspace.
    func write(into dir: String) throws -> [String] {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try NightFiles.write(dir + "/failures.csv", header: ["姓名", "身份证号", "手机号", "省份", "失败时间", "实名认证级别"], rows: failures)
        try NightFiles.write(dir + "/certificates.csv", header: ["证书编号", "姓名", "身份证号码", "资格类别", "取得年度", "签发日期", "证书状态", "加注有效期至"], rows: certificates)
        try NightFiles.write(dir + "/registry.csv", header: ["姓名", "身份证号码", "注册证编号", "执业单位", "注册状态"], rows: registry)
        return ["--certificates", dir + "/certificates.csv", "--registry", dir + "/registry.csv", dir + "/failures.csv"]
    }
}

/// People of the two-night tests.
enum People {
    static let a = validID("36010219800101123")   // missing registry record, registered by night 2
    static let b = validID("36010219700202234")   // registry holds 15 digits, upgraded by night 2
    static let c = validID("36010219900303345")   // no qualification, fails again on night 2
    static let f = validID("36010219850404456")   // missing registry record on both nights
    static let e = validID("36010219950505567")   // new on night 2, portal account
    static func fifteen(_ id: String) -> String { String(id.prefix(6)) + String(id.dropFirst(8).prefix(9)) }

    static func certificate(_ id: String, _ name: String, _ number: String) -> [String] {
        [number, name, id, "药学", "2015", "2015-12-01", "有效", ""]
    }

    static func failure(_ id: String, _ name: String, at: String = "2026-11-20 10:00:00") -> [String] {
        [name, id, "13912345678", "江西省", at, "三级"]
    }

    static var nightOne: SmallNight {
        var n = SmallNight()
        n.failures = [failure(a, "甲一"), failure(b, "乙二"), failure(c, "丙三"), failure(f, "丁四")]
        n.certificates = [certificate(a, "甲一", "2015360000001"), certificate(b, "乙二", "2015360000002"),
                          certificate(f, "丁四", "2015360000004"), certificate(e, "戊五", "2015360000005")]
        n.registry = [["乙二", fifteen(b), "R-B", "某药房", "注册"], ["戊五", e, "R-E", "某药房", "注册"]]
        return n
    }

    static var nightTwo: SmallNight {
        var n = nightOne
        n.failures = [failure(c, "丙三", at: "2026-11-21 09:00:00"), failure(f, "丁四", at: "2026-11-21 09:00:00"),
                      failure(e, "戊五", at: "2026-11-21 09:30:00")]
        n.registry = [["甲一", a, "R-A", "某药房", "注册"], ["乙二", b, "R-B", "某药房", "注册"], ["戊五", e, "R-E", "某药房", "注册"]]
        return n
    }
}

/// The single run folder name in a workspace with one run, or the run ids sorted.
func runIDs(_ workspace: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: workspace + "/runs")) ?? []).sorted()
}

/// The first run id printed in a run's summary.
func printedRunID(_ output: String) -> String? {
    output.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
        .first { $0.count == 17 && $0.dropFirst(8).first == "-" }
}
