public import Foundation

/// The project's read-only reference material (`shared/`: conformance vectors,
/// service models, benchmark data), found through `SWITCHYARD_SHARED` or beside
/// the package. Tests read it in place; a missing folder stops them loudly.
public enum SharedFolder {
    public static let url: URL = {
        let packageRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let candidate = ProcessInfo.processInfo.environment["SWITCHYARD_SHARED"].map { URL(fileURLWithPath: $0) }
            ?? packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            fatalError("The shared folder is missing: set SWITCHYARD_SHARED or place it at \(candidate.path)")
        }
        return candidate
    }()

    /// The records of a JSON Lines file under the shared folder.
    public static func jsonLines(_ relativePath: String) -> [Record] {
        let file = url.appendingPathComponent(relativePath)
        guard let data = FileManager.default.contents(atPath: file.path) else {
            fatalError("Cannot read \(file.path)")
        }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map { line in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                fatalError("Malformed line in \(relativePath): \(line.prefix(200))")
            }
            return Record(fields: object)
        }
    }

    /// One JSON object from a vectors file, with typed accessors.
    public struct Record: @unchecked Sendable, CustomStringConvertible {
        public let fields: [String: Any]

        public subscript(string key: String) -> String? { fields[key] as? String }
        public subscript(bool key: String) -> Bool? { fields[key] as? Bool }
        public subscript(object key: String) -> [String: Any]? { fields[key] as? [String: Any] }

        public var description: String { self[string: "id"] ?? "record" }
    }
}
