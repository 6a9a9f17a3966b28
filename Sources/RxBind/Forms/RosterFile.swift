import Files
/// A certificate roster read on its own (`rxbind form check --certificates`).
public enum RosterFile {
    /// Reads and indexes a roster; a fatal input error is an ``RxBindError``.
    public static func read(path: String, asOf: CalendarDate, encoding: String? = nil) throws -> Roster {
        try RxBindError.guarding {
            let (sha, bytes) = try FileSystem.hash(path)
            let night = try NightReader.read([NightReader.Source(file: InputFile(role: .certificates, path: path),
                                                                 readPath: path, sha256: sha, bytes: bytes)],
                                             asOf: asOf, encoding: encoding, progress: nil)
            return night.roster
        }
    }
}
