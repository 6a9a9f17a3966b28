/// `rxbind id check`: one tab-separated line per argument (SPEC §8).
public enum IDCheck {
    /// The line for one argument: the argument as given, then the 18-digit number, birth date, sex and province, or
    /// `invalid` and the reason code. The order of checks is rule 0's from `MISSING_ID` on.
    public static func line(for argument: String, asOf: CalendarDate) -> (text: String, valid: Bool) {
        switch ResidentID.read(argument, asOf: asOf) {
        case .success(let r):
            let province = Province.forCode(r.id.regionCode)?.name ?? ""
            return ([argument, r.id.text, r.id.birthDate.iso, r.id.sex, province].joined(separator: "\t"), true)
        case .failure(let problem):
            return ([argument, "invalid", problem.code].joined(separator: "\t"), false)
        }
    }
}
