import Foundation
@testable import SpreadsheetReader
import Testing

/// Records every event as a line of text, resolving entities in text and in attribute `v`.
private struct RecordingHandler: XMLContentHandler {
    var events: [String] = []

    mutating func start(_ tag: XMLStartTag) throws {
        let name = String(decoding: tag.localName, as: UTF8.self)
        let value = try tag.attributes.string("v").map { " v=\($0)" } ?? ""
        events.append("<\(name)\(value)\(tag.isEmpty ? "/" : "") depth \(tag.depth)")
    }

    mutating func end(localName: XMLBytes, depth: Int) throws {
        events.append("</\(String(decoding: localName, as: UTF8.self)) depth \(depth)")
    }

    mutating func text(_ raw: XMLBytes, isCDATA: Bool, depth: Int) throws {
        var bytes: [UInt8] = []
        try appendText(raw, isCDATA: isCDATA, to: &bytes)
        events.append("text \(String(decoding: bytes, as: UTF8.self))")
    }
}

/// Scans `document` fed in chunks of the given sizes (the last one repeats to the end).
private func scan(_ document: [UInt8], chunks: [Int], maxTokenBytes: Int = 1 << 20) throws -> [String] {
    var scanner = XMLScanner(handler: RecordingHandler(), maxTokenBytes: maxTokenBytes)
    var offset = 0
    var index = 0
    while offset < document.count {
        let size = min(chunks[min(index, chunks.count - 1)], document.count - offset)
        try document[offset..<offset + size].withUnsafeBytes { try scanner.feed($0) }
        offset += size
        index += 1
    }
    try scanner.finish()
    return scanner.handler.events
}

private func scanError(_ text: String, maxTokenBytes: Int = 1 << 20) -> XMLError? {
    do {
        _ = try scan(Array(text.utf8), chunks: [7], maxTokenBytes: maxTokenBytes)
        return nil
    } catch {
        return error as? XMLError
    }
}

@Suite struct XMLScannerTests {
    static let document = Array("""
        \u{FEFF}<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <!-- a comment with <tags> inside -->
        <x:root xmlns:x="urn:x"><x:a v="1 &gt; 0 &amp; &quot;q&quot;" other='>'>A&amp;B &lt;&#x20087;&#21307;&apos;</x:a>\
        <b v="crlf"/><c>line\r\nbreak\rend</c><d><![CDATA[<not a tag> & no entity]]></d>\
        <e xml:space="preserve">  </e></x:root>
        """.utf8)

    static let expected = [
        "<root depth 1",
        "<a v=1 > 0 & \"q\" depth 2", "text A&B <𠂇医'", "</a depth 2",
        "<b v=crlf/ depth 2", "</b depth 2",
        "<c depth 2", "text line\nbreak\nend", "</c depth 2",
        "<d depth 2", "text <not a tag> & no entity", "</d depth 2",
        "<e depth 2", "text   ", "</e depth 2",
        "</root depth 1",
    ]

    @Test func eventsAreTheSameHoweverTheBytesAreSplit() throws {
        #expect(try scan(Self.document, chunks: [Self.document.count]) == Self.expected)
        #expect(try scan(Self.document, chunks: [1]) == Self.expected)
        for split in 1..<Self.document.count {
            let events = try scan(Self.document, chunks: [split, Self.document.count])
            #expect(events == Self.expected, "split at byte \(split)")
        }
    }

    @Test(arguments: [
        ("<a>", "is cut short inside <a> (the element is never closed)"),
        ("<a><b v=\"1\"", "is cut short inside a tag"),
        ("<a></b>", "closes <a> with a different end tag"),
        ("<a/><b/>", "holds a second root element"),
        ("<a/>text", "holds text outside the root element"),
        ("<!DOCTYPE a [<!ENTITY e \"x\">]><a>&e;</a>", "holds a document type declaration, which a workbook part never has"),
        ("<a>&nbsp;</a>", "holds an entity other than &amp; &lt; &gt; &quot; &apos; or a character reference"),
        ("<a>AT&T</a>", "holds an '&' that starts no entity (write it as &amp;)"),
        ("<a>&#0;</a>", "holds a character reference that names no allowed character"),
        ("<a>&#xD800;</a>", "holds a character reference that names no allowed character"),
        ("<a v=1/>", "holds an attribute value without quotes"),
        ("<a v=\"1/>", "is cut short inside a tag"),
        ("<a <b>", "holds a tag that is not closed before the next '<'"),
        ("</a>", "holds an end tag with no element open"),
        ("< a/>", "holds a '<' that is not followed by an element name"),
        ("", "holds no XML element"),
        ("\u{FFFE}", "is encoded in UTF-16, which this reader does not support"),
    ])
    func malformedXMLIsRefusedWithAReason(text: String, reason: String) {
        var bytes = Array(text.utf8)
        if text == "\u{FFFE}" { bytes = [0xFF, 0xFE, 0x3C, 0x00, 0x61, 0x00] }
        var failure: XMLError?
        do {
            _ = try scan(bytes, chunks: [7])
        } catch {
            failure = error as? XMLError
        }
        #expect(failure?.reason == reason)
        #expect(failure?.isLimit == false)
    }

    @Test func aTagOrTextThatNeverEndsStopsAtTheLimit() {
        let endlessText = "<a>" + String(repeating: "1", count: 10_000)
        let endlessTag = "<a v=\"" + String(repeating: "1", count: 10_000)
        for text in [endlessText, endlessTag] {
            let error = scanError(text, maxTokenBytes: 1_000)
            #expect(error?.isLimit == true)
            #expect(error?.reason == "holds a tag or text longer than 1000 bytes")
        }
        // The same document within the limit is refused only for ending early.
        #expect(scanError(endlessText, maxTokenBytes: 100_000)?.isLimit == false)
    }

    @Test func spreadsheetEscapesAreDecoded() {
        func decoded(_ text: String) -> String {
            var bytes = Array(text.utf8)
            decodeSpreadsheetEscapes(&bytes)
            return String(decoding: bytes, as: UTF8.self)
        }
        #expect(decoded("a_x000D_b") == "a\rb")
        #expect(decoded("_x005F_x0041_") == "_x0041_")
        #expect(decoded("_x0041__x0042_") == "AB")
        #expect(decoded("_xD840__xDC87_") == "𠂇")
        #expect(decoded("_xD840_x") == "\u{FFFD}x")
        #expect(decoded("_x00G1_ and _x12_") == "_x00G1_ and _x12_")
    }

    @Test func w3cDatesAreParsedWithoutTheMachinesTimeZone() {
        #expect(parseW3CDateTime("2026-11-21T00:00:00Z") == Date(timeIntervalSince1970: 1_795_219_200))
        #expect(parseW3CDateTime("2026-11-21T08:00:00+08:00") == Date(timeIntervalSince1970: 1_795_219_200))
        #expect(parseW3CDateTime("2026-11-21T00:00:00.5Z") == Date(timeIntervalSince1970: 1_795_219_200.5))
        #expect(parseW3CDateTime("2026-11-21") == Date(timeIntervalSince1970: 1_795_219_200))
        #expect(parseW3CDateTime("1969-12-31T23:59:59Z") == Date(timeIntervalSince1970: -1))
        for bad in ["2026-13-01T00:00:00Z", "2026-11-21T00:00:00", "21/11/2026", "2026-11-21T24:00:00Z", ""] {
            #expect(parseW3CDateTime(bad) == nil, "\(bad)")
        }
    }
}
