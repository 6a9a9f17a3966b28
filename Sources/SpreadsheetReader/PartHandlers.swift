import Foundation

// Handlers for the small parts of a package: relationships, the workbook, the shared strings and the document
// properties. Each checks its root element, so that a part that is some other XML is reported as such.

/// Throws unless the root element is one of `expected`.
func checkRoot(_ tag: XMLStartTag, _ expected: StaticString...) throws {
    guard tag.depth == 1 else { return }
    if expected.contains(where: { tag.localName.equals($0) }) { return }
    let found = String(decoding: tag.localName, as: UTF8.self)
    throw XMLError("has the root element <\(found)> where <\(expected[0])> was expected")
}

/// One `<Relationship>` of a `.rels` part.
struct Relationship {
    var id: String
    var type: String
    var target: String
    var isExternal: Bool
}

/// Reads a `.rels` part.
struct RelationshipsHandler: XMLContentHandler {
    var relationships: [Relationship] = []

    mutating func start(_ tag: XMLStartTag) throws {
        try checkRoot(tag, "Relationships")
        guard tag.depth == 2, tag.localName.equals("Relationship") else { return }
        guard let id = try tag.attributes.string("Id"), let type = try tag.attributes.string("Type"),
              let target = try tag.attributes.string("Target") else {
            throw XMLError("holds a <Relationship> without Id, Type or Target")
        }
        let isExternal = try tag.attributes.string("TargetMode") == "External"
        relationships.append(Relationship(id: id, type: type, target: target, isExternal: isExternal))
    }

    mutating func end(localName: XMLBytes, depth: Int) throws {}
    mutating func text(_ raw: XMLBytes, isCDATA: Bool, depth: Int) throws {}
}

/// Reads `xl/workbook.xml`: the sheets in order and the defined names.
struct WorkbookPartHandler: XMLContentHandler {
    struct SheetEntry {
        var name: String
        var relationshipID: String
        var visibility: SheetInfo.Visibility
    }

    var sheets: [SheetEntry] = []
    var definedNames: [DefinedName] = []
    private var inSheets = false
    private var inDefinedNames = false
    private var pendingName: (name: String, localSheetIndex: Int?)?
    private var text: [UInt8] = []

    mutating func start(_ tag: XMLStartTag) throws {
        try checkRoot(tag, "workbook")
        switch tag.depth {
        case 2:
            inSheets = tag.localName.equals("sheets")
            inDefinedNames = tag.localName.equals("definedNames")
        case 3 where inSheets && tag.localName.equals("sheet"):
            // The relationship id is the only prefixed `id` attribute (r:id in the transitional namespace).
            guard let name = try tag.attributes.string("name", prefixed: false),
                  let id = try tag.attributes.string("id", prefixed: true) else {
                throw XMLError("holds a <sheet> without a name or a relationship id")
            }
            let visibility: SheetInfo.Visibility
            switch try tag.attributes.string("state") {
            case "hidden": visibility = .hidden
            case "veryHidden": visibility = .veryHidden
            default: visibility = .visible
            }
            sheets.append(SheetEntry(name: name, relationshipID: id, visibility: visibility))
        case 3 where inDefinedNames && tag.localName.equals("definedName"):
            guard let name = try tag.attributes.string("name") else {
                throw XMLError("holds a <definedName> without a name")
            }
            let local = try tag.attributes.string("localSheetId").flatMap { Int($0) }
            pendingName = (name, local)
            text.removeAll(keepingCapacity: true)
        default:
            break
        }
    }

    mutating func end(localName: XMLBytes, depth: Int) throws {
        if depth == 3, let pending = pendingName {
            definedNames.append(
                DefinedName(name: pending.name, localSheetIndex: pending.localSheetIndex, formula: try makeString(text))
            )
            pendingName = nil
        } else if depth == 2 {
            inSheets = false
            inDefinedNames = false
        }
    }

    mutating func text(_ raw: XMLBytes, isCDATA: Bool, depth: Int) throws {
        guard pendingName != nil, depth == 3 else { return }
        try appendText(raw, isCDATA: isCDATA, to: &text)
    }
}

/// Collects the text of a rich-text string (SpreadsheetML's CT_Rst, both `<si>` in the shared strings and `<is>`
/// in a cell): its `<t>` elements, directly inside or in runs `<r>`, concatenated. Phonetic runs (`<rPh>`,
/// furigana over Japanese text) are not part of the value and are left out. Fed the events inside the string.
struct RichTextCollector {
    /// The UTF-8 bytes collected since `reset()`, entities resolved.
    private(set) var bytes: [UInt8] = []
    private var phoneticDepth = 0
    private var collecting = false

    /// Starts a new string.
    mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        phoneticDepth = 0
        collecting = false
    }

    mutating func start(_ tag: XMLStartTag) {
        if tag.localName.equals("rPh") {
            phoneticDepth = tag.depth
        } else if tag.localName.equals("t") && phoneticDepth == 0 {
            collecting = true
        }
    }

    mutating func end(localName: XMLBytes, depth: Int) {
        if depth == phoneticDepth {
            phoneticDepth = 0
        } else if collecting && localName.equals("t") {
            collecting = false
        }
    }

    mutating func text(_ raw: XMLBytes, isCDATA: Bool) throws {
        if collecting { try appendText(raw, isCDATA: isCDATA, to: &bytes) }
    }
}

/// Reads `xl/sharedStrings.xml`, one string per `<si>`.
struct SharedStringsHandler: XMLContentHandler {
    let maxBytes: Int
    var strings: [String] = []
    private var totalBytes = 0
    private var inItem = false
    private var item = RichTextCollector()

    init(maxBytes: Int) {
        self.maxBytes = maxBytes
    }

    mutating func start(_ tag: XMLStartTag) throws {
        try checkRoot(tag, "sst")
        if tag.depth == 2 {
            inItem = tag.localName.equals("si")
            item.reset()
        } else if inItem {
            item.start(tag)
        }
    }

    mutating func end(localName: XMLBytes, depth: Int) throws {
        guard inItem else { return }
        guard depth == 2 else {
            item.end(localName: localName, depth: depth)
            return
        }
        var text = item.bytes
        decodeSpreadsheetEscapes(&text)
        totalBytes += text.count
        if totalBytes > maxBytes {
            throw XMLError("holds more than \(maxBytes) bytes of shared strings", isLimit: true)
        }
        strings.append(try makeString(text))
        inItem = false
    }

    mutating func text(_ raw: XMLBytes, isCDATA: Bool, depth: Int) throws {
        guard inItem else { return }
        try item.text(raw, isCDATA: isCDATA)
        if item.bytes.count > maxBytes {
            throw XMLError("holds more than \(maxBytes) bytes of shared strings", isLimit: true)
        }
    }
}

/// Reads `docProps/core.xml`.
struct CorePropertiesHandler: XMLContentHandler {
    var properties = CoreProperties()
    private var field: WritableKeyPath<CoreProperties, String?>?
    private var text: [UInt8] = []

    mutating func start(_ tag: XMLStartTag) throws {
        try checkRoot(tag, "coreProperties")
        guard tag.depth == 2 else { return }
        let name = tag.localName
        if name.equals("title") { field = \.title }
        else if name.equals("subject") { field = \.subject }
        else if name.equals("creator") { field = \.creator }
        else if name.equals("keywords") { field = \.keywords }
        else if name.equals("description") { field = \.description }
        else if name.equals("lastModifiedBy") { field = \.lastModifiedBy }
        else if name.equals("category") { field = \.category }
        else if name.equals("created") { field = \.createdText }
        else if name.equals("modified") { field = \.modifiedText }
        else { field = nil }
        text.removeAll(keepingCapacity: true)
    }

    mutating func end(localName: XMLBytes, depth: Int) throws {
        guard depth == 2, let field else { return }
        properties[keyPath: field] = try makeString(text)
        self.field = nil
    }

    mutating func text(_ raw: XMLBytes, isCDATA: Bool, depth: Int) throws {
        guard field != nil, depth == 2 else { return }
        try appendText(raw, isCDATA: isCDATA, to: &text)
    }
}

/// Reads `docProps/custom.xml`, keeping the stored order.
struct CustomPropertiesHandler: XMLContentHandler {
    var properties: [CustomProperty] = []
    private var name: String?
    private var type: String?
    private var text: [UInt8] = []

    mutating func start(_ tag: XMLStartTag) throws {
        try checkRoot(tag, "Properties")
        if tag.depth == 2 && tag.localName.equals("property") {
            guard let name = try tag.attributes.string("name") else {
                throw XMLError("holds a <property> without a name")
            }
            self.name = name
            type = nil
        } else if tag.depth == 3 && name != nil {
            type = String(decoding: tag.localName, as: UTF8.self)
            text.removeAll(keepingCapacity: true)
        }
    }

    mutating func end(localName: XMLBytes, depth: Int) throws {
        if depth == 3, let name, let type {
            properties.append(CustomProperty(name: name, value: try makeString(text), type: type))
            self.type = nil
        } else if depth == 2 {
            name = nil
        }
    }

    mutating func text(_ raw: XMLBytes, isCDATA: Bool, depth: Int) throws {
        guard type != nil, depth == 3 else { return }
        try appendText(raw, isCDATA: isCDATA, to: &text)
    }
}

/// Accepts any well-formed XML; the scanner does the checking.
struct WellFormednessHandler: XMLContentHandler {
    mutating func start(_ tag: XMLStartTag) throws {}
    mutating func end(localName: XMLBytes, depth: Int) throws {}
    mutating func text(_ raw: XMLBytes, isCDATA: Bool, depth: Int) throws {}
}
