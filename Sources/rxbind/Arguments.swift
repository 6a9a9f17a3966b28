import ArgumentParser
import RxBind

// The domain's values read straight from the command line (parsed once, where they are typed). A value that does
// not parse is reported by ArgumentParser with the option's name and its help, which says the form expected.

extension CalendarDate: ExpressibleByArgument {
    public init?(argument: String) { self.init(iso: argument) }
}

extension Province: ExpressibleByArgument {
    public init?(argument: String) { self.init(named: argument) }
}

extension CaseClass: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.uppercased()) }
    public static var allValueStrings: [String] { allCases.map(\.code) }
}

extension ResidentID: ExpressibleByArgument {
    /// Any spelling `rxbind id check` accepts, 15 or 18 digits, as of the far future (the birth-date check against the
    /// night's date belongs to the night, not to a query).
    public init?(argument: String) {
        guard case .success(let reading) = ResidentID.read(argument, asOf: CalendarDate(year: 9999, month: 12, day: 31)!)
        else { return nil }
        self = reading.id
    }
}
