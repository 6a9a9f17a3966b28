import Testing
@testable import RxBind

@Suite struct ProvinceChoiceTests {
    let xj = Province(named: "新疆维吾尔自治区")!

    @Test func shortFormsAndTheCorps() {
        #expect(Province(named: "新疆") == xj)
        #expect(Province(named: "内蒙古")?.name == "内蒙古自治区")
        #expect(Province(named: "兵团")?.name == "新疆生产建设兵团")
        #expect(Province(named: "广西")?.name == "广西壮族自治区")
        #expect(Province(named: "北京")?.name == "北京市")
        #expect(Province(named: "江西省")?.name == "江西省")
        #expect(Province(named: "香港")?.name == "香港特别行政区")
        #expect(Province(named: "Xinjiang") == nil)
        #expect(Province(named: "../etc") == nil)
        #expect(Province.all.count == 35)
    }

    @Test func theSingleProvinceAllRowsNameIsChosenAndOthersAreWarnings() throws {
        let one = try ProvinceChoice(option: nil, remembered: nil,
                                     mentions: ["新疆": [RowRef(input: 0, line: 2)], "新疆维吾尔自治区": [RowRef(input: 1, line: 2)]])
        #expect(one.province == xj)
        #expect(one.otherProvinceRows.isEmpty)
        let two = try ProvinceChoice(option: nil, remembered: nil,
                                     mentions: ["新疆": [RowRef(input: 0, line: 2)], "江西": [RowRef(input: 0, line: 3)]])
        #expect(two.province == nil)
        let withOption = try ProvinceChoice(option: xj, remembered: nil,
                                            mentions: ["新疆": [RowRef(input: 0, line: 2)], "江西": [RowRef(input: 0, line: 3)]])
        #expect(withOption.otherProvinceRows.map(\.ref) == [RowRef(input: 0, line: 3)])
    }

    @Test func rememberedProvinceWinsOverRowsAndConflictsWithAnotherOption() throws {
        let jx = Province(named: "江西")!
        #expect(try ProvinceChoice(option: nil, remembered: jx, mentions: ["新疆": [RowRef(input: 0, line: 2)]]).province == jx)
        do {
            _ = try ProvinceChoice(option: xj, remembered: jx, mentions: [:])
            Issue.record("a conflicting --province was accepted")
        } catch let e as RxBindError {
            guard case let .provinceConflict(given, remembered) = e else { Issue.record("\(e)"); return }
            #expect(given == xj && remembered == jx)
            #expect(e.category == .usage)
        } catch { Issue.record("\(error)") }
    }

    @Test func theUndeterminedMessageNamesValuesAndLines() throws {
        let choice = try ProvinceChoice(option: nil, remembered: nil,
                                        mentions: ["新疆": [RowRef(input: 0, line: 2)], "火星": [RowRef(input: 1, line: 9)]])
        #expect(choice.province == nil)
        let e = choice.undetermined(fileNames: ["a.csv", "b.csv"])
        #expect(e.category == .badInput)
        guard case .provinceUndetermined(let mentions) = e else { Issue.record("\(e)"); return }
        #expect(mentions.map(\.value) == ["新疆", "火星"])
        #expect(mentions.map(\.places) == [[localized(.fileLine, ["file": "a.csv", "line": 2])],
                                           [localized(.fileLine, ["file": "b.csv", "line": 9])]])
        let m = e.localizedDescription
        #expect(m.contains("a.csv") && m.contains("b.csv") && m.contains("--province"))
        #expect(m.contains(localized(.provinceNotADivision)), "火星 is said to be no province")
    }

    /// Rows naming a value are listed the language's way: 、 between them in Chinese, ", " in English (not the ASCII
    /// comma in a Chinese sentence).
    @Test func placesAreListedTheLanguagesWay() throws {
        let choice = try ProvinceChoice(option: nil, remembered: nil,
                                        mentions: ["新疆": [RowRef(input: 0, line: 2), RowRef(input: 0, line: 5)],
                                                   "江西": [RowRef(input: 1, line: 9)]])
        let e = choice.undetermined(fileNames: ["a.csv", "b.csv"])
        let both = localized(.fileLine, ["file": "a.csv", "line": 2]) + localized(.listComma)
            + localized(.fileLine, ["file": "a.csv", "line": 5])
        #expect(e.localizedDescription.contains(both), "\(e.localizedDescription)")
        #expect(localizedList(["甲", "乙", "丙"], language: .chinese) == "甲、乙、丙")
        #expect(localizedList(["a", "b"], language: .english) == "a, b")
    }
}
