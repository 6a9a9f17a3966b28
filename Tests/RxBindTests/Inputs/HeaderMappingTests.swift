import Testing
@testable import RxBind

@Suite struct HeaderMappingTests {
    @Test func chineseAndEnglishHeadersInAnyOrderWithUnknownColumns() throws {
        let m = try HeaderMapping(headers: ["序号", "证件号码", "姓名", "手机号", "备注"], role: .failures, file: "a.csv")
        #expect(m["name"] == 2)
        #expect(m["id_number"] == 1)
        #expect(m["phone"] == 3)
        #expect(m["message"] == nil)
        let e = try HeaderMapping(headers: ["ID_Number", " NAME ", "Attempted_At"], role: .failures, file: "b.csv")
        #expect(e["name"] == 1)
        #expect(e["id_number"] == 0)
        #expect(e["attempted_at"] == 2)
    }

    @Test func fullWidthAndInvisibleCharactersInHeadersFold() throws {
        let m = try HeaderMapping(headers: ["\u{FEFF}ｎａｍｅ", "ＩＤ＿ＮＵＭＢＥＲ\u{200B}"], role: .failures, file: "c.csv")
        #expect(m["name"] == 0)
        #expect(m["id_number"] == 1)
    }

    @Test func theAliasListedFirstWinsAndTheOtherColumnIsNamed() throws {
        let m = try HeaderMapping(headers: ["证件号码", "身份证号", "姓名", "身份证号码"], role: .failures, file: "d.csv")
        #expect(m["id_number"] == 1)
        #expect(m.ignored.map(\.header).sorted() == ["证件号码", "身份证号码"])
        #expect(m.ignored.allSatisfy { $0.field == "id_number" && $0.usedInstead == "身份证号" })
    }

    @Test func aMissingRequiredColumnNamesTheFileTheColumnAndTheHeadersFound() {
        #expect(throws: RxBindError.self) {
            try HeaderMapping(headers: ["姓名", "手机号"], role: .failures, file: "e.csv")
        }
        do {
            _ = try HeaderMapping(headers: ["姓名", "手机号"], role: .failures, file: "e.csv")
        } catch {
            let message = error.localizedDescription
            #expect(message.contains("e.csv"))
            #expect(message.contains("id_number"))
            #expect(message.contains("\"手机号\""))
        }
    }

    @Test func eachRoleIsKnownByTheColumnsOnlyItHas() {
        // SPEC §11: a failure export has attempted_at, message, account_level or id_type; the roster a
        // certificate number; the registry a registration number, employer or 注册状态.
        #expect(InputRole.roles(withOwnColumnsIn: ["姓名", "身份证号", "失败时间", "失败原因"]) == [.failures])
        #expect(InputRole.roles(withOwnColumnsIn: ["name", "ID_Number", "Account_Level"]) == [.failures])
        #expect(InputRole.roles(withOwnColumnsIn: ["管理号", "姓名", "身份证号码"]) == [.certificates])
        #expect(InputRole.roles(withOwnColumnsIn: ["姓名", "身份证号码", "注册证编号"]) == [.registry])
        #expect(InputRole.roles(withOwnColumnsIn: ["姓名", "身份证号码", "注册状态"]) == [.registry])
        // The English `status` is the roster's too: it says nothing about the role.
        #expect(InputRole.roles(withOwnColumnsIn: ["name", "id_number", "status"]) == [])
        #expect(InputRole.roles(withOwnColumnsIn: ["证书编号", "姓名", "身份证号码", "注册证编号"]) == [.certificates, .registry])
    }
}
