import Foundation
import GRDB

/// Text a client wrote, as SQLite keeps it whole. GRDB binds a `String` as a C
/// string, which ends at the first NUL byte, so `"a\u{0}b"` would be stored as
/// `"a"`. Such a text is bound as a BLOB of its UTF-8 instead; reading a column
/// turns either kind back into the same `String`, and a lookup binds its key the
/// same way, so equal texts still compare equal.
struct StoredText: DatabaseValueConvertible {
    let text: String

    init(_ text: String) {
        self.text = text
    }

    var databaseValue: DatabaseValue {
        text.utf8.contains(0) ? Data(text.utf8).databaseValue : text.databaseValue
    }

    static func fromDatabaseValue(_ dbValue: DatabaseValue) -> StoredText? {
        String.fromDatabaseValue(dbValue).map(StoredText.init)
    }
}

extension Optional where Wrapped == String {
    var stored: StoredText? { map(StoredText.init) }
}

extension String {
    var stored: StoredText { StoredText(self) }
}
