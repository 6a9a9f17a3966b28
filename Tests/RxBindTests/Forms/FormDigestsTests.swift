import Testing
@testable import RxBind

/// How the row digests a form carries pair the rows found with the rows written (SPEC §13).
struct FormDigestsTests {
    /// Ten cells a row, as the form writes them: 序号, 姓名, 性别, ID, certificate, 类别, 年度, 日期, 原因, 备注.
    static func row(_ seq: Int, _ name: String, _ id: String, _ cert: String) -> [String] {
        [String(seq), name, "男", id, cert, "药学", "2015", "2015-12-01", "持有有效执业药师资格证书，申请添加。", ""]
    }

    static let written = (1...6).map { row($0, "测试\($0)", "11010119900307\(1000 + $0)", "20153600000\($0)") }
    static let digests = FormDigests(batch: "20261121-1a2b3c4d", part: "1/1", columns: AdditionRequestForm.columnKeys,
                                     fingerprint: "", rows: written)

    @Test func theDigestIsFNV1aFoldedTo24BitsInFourCharacters() {
        // FNV-1a of "" is the offset basis 0x811C9DC5; folded: 0x81 ^ 0x1C9DC5.
        #expect(FormDigests.digest("") == 0x1C9D44)
        // 0x1C9D44 = 000111 001001 110101 000100 → 7 9 r 4; 0xFFFFFF → ____; 1 → 0001.
        #expect(FormDigests.text([0x1C9D44, 0xFFFFFF, 0x000001]) == "79r4____0001")
        #expect(FormDigests.parse("79r4____0001", count: 3) == [0x1C9D44, 0xFFFFFF, 0x000001])
        #expect(FormDigests.parse("79r4____", count: 3) == nil)
        #expect(FormDigests.parse("79r4___-0001", count: 3) == nil)
        for d in [0, 1, 0xABCDEF, 0xFFFFFF, FormDigests.digest("110101199003071234")] as [UInt32] {
            #expect(FormDigests.parse(FormDigests.text([d]), count: 1) == [d])
        }
    }

    @Test func rowsGoAHundredToASheetRowWhileTheSeqCountsUp() {
        var rows = (1...250).map { Self.row($0, "测试\($0)", "110101199003071234", "2015360000") }
        rows.append(Self.row(300, "另起", "110101199003071234", "2015360000"))
        let digests = FormDigests(batch: "b", part: "1/1", columns: "", fingerprint: "", rows: rows)
        #expect(digests.blocks.map { [$0.first, $0.count] } == [[1, 100], [101, 100], [201, 50], [300, 1]])
        #expect(digests.blocks.allSatisfy { $0.text.utf8.count == $0.count * 40 })
        #expect(FormDigests.parse(digests.blocks[2].text, count: 500)?.prefix(10).elementsEqual(digests.rows[200].cells) == true)
    }

    @Test func theSameRowsCompareEqual() {
        let c = Self.digests.compare(Self.written)
        #expect(c.sameRows)
        #expect(c.moved == 0)
        #expect(c.identical == (0..<6).map { $0 })
    }

    @Test func swappedRowsAreIdenticalRowsThatMoved() {
        var found = Self.written
        found.swapAt(1, 4)
        let c = Self.digests.compare(found)
        #expect(c.sameRows)
        #expect(c.moved == 2)
        #expect(c.identical[1] == 4 && c.identical[4] == 1)
    }

    @Test func aChangedCellNamesItsRowAndColumn() {
        var found = Self.written
        found[2][1] = "张冒名"
        found[4][9] = "已核对"
        let c = Self.digests.compare(found)
        #expect(c.changed == [.init(written: 2, found: 2, columns: [1]), .init(written: 4, found: 4, columns: [9])])
        #expect(c.removed.isEmpty && c.added.isEmpty)
    }

    @Test func aChangedIDStillPairsByItsOtherCells() {
        var found = Self.written
        found[3][3] = "1.10101199003071E+17"
        #expect(Self.digests.compare(found).changed == [.init(written: 3, found: 3, columns: [3])])
    }

    @Test func deletedAndAddedRowsAreListed() {
        var found = Self.written
        found.remove(at: 2)
        found.append(Self.row(7, "新来的", "110101199003079999", "201536009999"))
        let c = Self.digests.compare(found)
        #expect(c.removed == [2])
        #expect(c.added == [5])
        #expect(c.changed.isEmpty)
    }

    @Test func aDuplicatedRowIsAnAddedRow() {
        var found = Self.written
        found.insert(found[3], at: 4)
        let c = Self.digests.compare(found)
        #expect(c.added == [4])
        #expect(c.removed.isEmpty && c.changed.isEmpty)
    }

    @Test func rowsSharingOnlyCommonTextsDoNotPair() {
        // Another person's row shares 性别, 类别, 年度, 日期, 原因 and 备注 with every row, but no 序号, ID or
        // certificate number: a removed row and an added one, not a changed one.
        var found = Self.written
        found[5] = Self.row(9, "别人", "110101199003078888", "201536008888")
        let c = Self.digests.compare(found)
        #expect(c.changed.isEmpty)
        #expect(c.removed == [5] && c.added == [5])
    }
}
