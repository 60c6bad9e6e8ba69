import Foundation

/// A setting kept as JSON text in a store's column (a bus's `DeadLetterConfig`
/// and `LogConfig`): the same text whichever store keeps it.
public enum StoredJSON {
    public static func text(_ value: (some Encodable)?) throws -> String? {
        try value.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
    }

    public static func value<Value: Decodable>(_ text: String?) throws -> Value? {
        try text.map { try JSONDecoder().decode(Value.self, from: Data($0.utf8)) }
    }
}
