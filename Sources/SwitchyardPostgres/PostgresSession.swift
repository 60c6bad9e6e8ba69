import Foundation
import Logging
import PostgresNIO

/// One connection as the store's areas use it: a query's rows, all at once.
struct PostgresSession: Sendable {
    let connection: PostgresConnection
    let logger: Logger

    func rows(_ query: PostgresQuery) async throws -> [PostgresRandomAccessRow] {
        var rows: [PostgresRandomAccessRow] = []
        for try await row in try await connection.query(query, logger: logger) {
            rows.append(row.makeRandomAccess())
        }
        return rows
    }

    /// The rows of a query decoded by position into `Columns`, as they stream in:
    /// for reads at scanning speed, which look no column up by name.
    func decodedRows<each Column: PostgresDecodable>(
        _ query: PostgresQuery, as columns: (repeat each Column).Type
    ) async throws -> [(repeat each Column)] {
        var rows: [(repeat each Column)] = []
        for try await row in try await connection.query(query, logger: logger).decode(columns) { rows.append(row) }
        return rows
    }

    func row(_ query: PostgresQuery) async throws -> PostgresRandomAccessRow? {
        try await rows(query).first
    }

    func execute(_ query: PostgresQuery) async throws {
        try await connection.query(query, logger: logger)
    }

    /// Inserts one row per item, a thousand rows to a statement, every value bound.
    func insert<Item>(
        into table: String, columns: [String], _ items: [Item], onConflict: String = "",
        values: (Item) -> [(any PostgresThrowingDynamicTypeEncodable)?]
    ) async throws {
        for start in stride(from: 0, to: items.count, by: 1_000) {
            var bindings = PostgresBindings()
            var rows: [String] = []
            for item in items[start..<min(start + 1_000, items.count)] {
                var placeholders: [String] = []
                for value in values(item) {
                    if let value { try bindings.append(value) } else { bindings.appendNull() }
                    placeholders.append("$\(bindings.count)")
                }
                rows.append("(" + placeholders.joined(separator: ", ") + ")")
            }
            let sql = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES \(rows.joined(separator: ", ")) \(onConflict)"
            try await execute(PostgresQuery(unsafeSQL: sql, binds: bindings))
        }
    }
}

extension PostgresRandomAccessRow {
    func value<Value: PostgresDecodable>(_ column: String, as type: Value.Type = Value.self) throws -> Value {
        try self[column].decode(Value.self)
    }

    /// A column written with `ClientText`.
    func text(_ column: String) throws -> String {
        String(decoding: try self[column].decode(Data.self), as: UTF8.self)
    }

    func optionalText(_ column: String) throws -> String? {
        try self[column].decode(Data?.self).map { String(decoding: $0, as: UTF8.self) }
    }

    func date(_ column: String) throws -> Date {
        Date(timeIntervalSince1970: try self[column].decode(Double.self))
    }
}

/// Text a client wrote, kept as its UTF-8 bytes: PostgreSQL's `text` cannot hold a
/// NUL, which AWS accepts in descriptions, message bodies and log messages. Bytes
/// compare and sort as SQLite's binary text does.
struct ClientText: PostgresNonThrowingEncodable {
    static var psqlType: PostgresDataType { .bytea }
    static var psqlFormat: PostgresFormat { .binary }
    let text: String

    init(_ text: String) {
        self.text = text
    }

    func encode<JSONEncoder: PostgresJSONEncoder>(into byteBuffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>) {
        byteBuffer.writeString(text)
    }
}

extension String {
    var client: ClientText { ClientText(self) }
}

extension Optional<String> {
    var client: ClientText? { map(ClientText.init) }
}
