import Foundation
import GRDB
import Switchyard

/// Archives, their events and replays in SQLite.
struct SQLiteArchives: ArchiveWriter {
    let connection: SQLiteConnection

    func archive(named name: String, owner: Caller) async throws -> Archive? {
        try await connection.access { db in
            try Row.fetchOne(db, SQLRequest<Row>("SELECT * FROM archive WHERE arn = \(Archive.arn(name, owner))")).map(Self.archive)
        }
    }

    func archives(owner: Caller) async throws -> [Archive] {
        try await connection.access { db in
            try Row.fetchAll(db, SQLRequest<Row>(
                "SELECT * FROM archive WHERE account = \(owner.account) AND region = \(owner.region) ORDER BY name"))
                .map(Self.archive)
        }
    }

    func statistics(ofArchive arn: String) async throws -> (eventCount: Int, sizeBytes: Int) {
        try await connection.access { db in
            let row = try Row.fetchOne(db, SQLRequest<Row>(
                "SELECT COUNT(*) AS count, COALESCE(SUM(size), 0) AS size FROM archivedEvent WHERE archiveArn = \(arn)"))!
            return (row["count"], row["size"])
        }
    }

    func archivedEvents(
        inArchive arn: String, receivedIn window: ClosedRange<Date>, after sequence: Int64, limit: Int
    ) async throws -> [ArchivedEvent] {
        // Back-tests read archives page by page at matching speed: a cursor, the
        // columns needed, read by position.
        try await connection.access { db in
            let rows = try Row.fetchCursor(db, SQLRequest<Row>("""
                SELECT sequence, eventId, receivedTime, text FROM archivedEvent
                WHERE archiveArn = \(arn) AND sequence > \(sequence)
                  AND receivedTime >= \(window.lowerBound.timeIntervalSince1970)
                  AND receivedTime <= \(window.upperBound.timeIntervalSince1970)
                ORDER BY sequence LIMIT \(limit)
                """))
            var events: [ArchivedEvent] = []
            events.reserveCapacity(limit)
            while let row = try rows.next() {
                events.append(ArchivedEvent(
                    archiveArn: arn, sequence: row[0], eventId: row[1], receivedTime: Date(timeIntervalSince1970: row[2]),
                    text: row[3]))
            }
            return events
        }
    }

    func archivedEventCount(inArchive arn: String, receivedIn window: ClosedRange<Date>, through sequence: Int64) async throws -> Int {
        try await connection.access { db in
            try Int.fetchOne(db, SQLRequest<Int>("""
                SELECT COUNT(*) FROM archivedEvent
                WHERE archiveArn = \(arn) AND sequence <= \(sequence)
                  AND receivedTime >= \(window.lowerBound.timeIntervalSince1970)
                  AND receivedTime <= \(window.upperBound.timeIntervalSince1970)
                """)) ?? 0
        }
    }

    func replay(named name: String, owner: Caller) async throws -> Replay? {
        try await connection.access { db in
            try Row.fetchOne(db, SQLRequest<Row>(
                "SELECT * FROM replay WHERE account = \(owner.account) AND region = \(owner.region) AND name = \(name)"))
                .map(Self.replay)
        }
    }

    func replays(owner: Caller) async throws -> [Replay] {
        try await connection.access { db in
            try Row.fetchAll(db, SQLRequest<Row>(
                "SELECT * FROM replay WHERE account = \(owner.account) AND region = \(owner.region) ORDER BY name"))
                .map(Self.replay)
        }
    }

    func save(_ archive: Archive) async throws {
        try await connection.access { db in
            try db.execute(literal: """
                INSERT OR REPLACE INTO archive
                  (arn, account, region, name, eventSourceArn, description, eventPattern, retentionDays, kmsKeyIdentifier,
                   state, creationTime)
                VALUES (\(archive.arn), \(archive.owner.account), \(archive.owner.region), \(archive.name),
                        \(archive.eventSourceArn), \(archive.description.stored), \(archive.eventPattern),
                        \(archive.retentionDays), \(archive.kmsKeyIdentifier), \(archive.state.rawValue),
                        \(archive.creationTime.timeIntervalSince1970))
                """)
        }
    }

    func deleteArchive(arn: String) async throws {
        try await connection.access { db in
            try db.execute(literal: "DELETE FROM archive WHERE arn = \(arn)")
            try db.execute(literal: "DELETE FROM archivedEvent WHERE archiveArn = \(arn)")
        }
    }

    func append(_ events: [ArchivedEvent]) async throws {
        try await connection.access { db in
            let statement = try db.cachedStatement(
                sql: "INSERT INTO archivedEvent (archiveArn, eventId, receivedTime, text, size) VALUES (?, ?, ?, ?, ?)")
            for event in events {
                try statement.execute(arguments: [
                    event.archiveArn, event.eventId, event.receivedTime.timeIntervalSince1970, event.text, event.sizeBytes,
                ])
            }
        }
    }

    func purgeExpiredEvents(at now: Date) async throws {
        try await connection.access { db in
            try db.execute(literal: """
                DELETE FROM archivedEvent WHERE EXISTS (
                  SELECT 1 FROM archive WHERE archive.arn = archivedEvent.archiveArn AND archive.retentionDays > 0
                    AND archivedEvent.receivedTime < \(now.timeIntervalSince1970) - archive.retentionDays * 86400)
                """)
        }
    }

    func save(_ replay: Replay) async throws {
        let filterArns = try StoredJSON.text(replay.filterArns)
        try await connection.access { db in
            try db.execute(literal: """
                INSERT OR REPLACE INTO replay
                  (arn, account, region, name, description, archiveArn, destinationArn, filterArns, eventStartTime,
                   eventEndTime, state, stateReason, replayStartTime, replayEndTime, eventLastReplayedTime, cursor)
                VALUES (\(replay.arn), \(replay.owner.account), \(replay.owner.region), \(replay.name),
                        \(replay.description.stored), \(replay.archiveArn), \(replay.destinationArn),
                        \(filterArns), \(replay.eventStartTime.timeIntervalSince1970),
                        \(replay.eventEndTime.timeIntervalSince1970), \(replay.state.rawValue), \(replay.stateReason),
                        \(replay.replayStartTime.timeIntervalSince1970), \(replay.replayEndTime?.timeIntervalSince1970),
                        \(replay.eventLastReplayedTime?.timeIntervalSince1970), \(replay.cursor))
                """)
        }
    }

    func activeReplays(limit: Int) async throws -> [Replay] {
        try await connection.access { db in
            try Row.fetchAll(db, SQLRequest<Row>("""
                SELECT * FROM replay WHERE state IN ('STARTING', 'RUNNING', 'CANCELLING')
                ORDER BY replayStartTime, arn LIMIT \(limit)
                """)).map(Self.replay)
        }
    }

    private static func archive(_ row: Row) throws -> Archive {
        guard let state = Archive.State(rawValue: row["state"]) else {
            throw DatabaseError(message: "Unknown archive state \(row["state"] as String)")
        }
        var archive = Archive(
            name: row["name"], owner: Caller(account: row["account"], region: row["region"]),
            eventSourceArn: row["eventSourceArn"], retentionDays: row["retentionDays"],
            creationTime: Date(timeIntervalSince1970: row["creationTime"]))
        archive.description = row["description"]
        archive.eventPattern = row["eventPattern"]
        archive.kmsKeyIdentifier = row["kmsKeyIdentifier"]
        archive.state = state
        return archive
    }

    private static func replay(_ row: Row) throws -> Replay {
        guard let state = Replay.State(rawValue: row["state"]) else {
            throw DatabaseError(message: "Unknown replay state \(row["state"] as String)")
        }
        var replay = Replay(
            name: row["name"], owner: Caller(account: row["account"], region: row["region"]), archiveArn: row["archiveArn"],
            destinationArn: row["destinationArn"], filterArns: try StoredJSON.value(row["filterArns"]) ?? [],
            eventStartTime: Date(timeIntervalSince1970: row["eventStartTime"]),
            eventEndTime: Date(timeIntervalSince1970: row["eventEndTime"]),
            replayStartTime: Date(timeIntervalSince1970: row["replayStartTime"]))
        replay.description = row["description"]
        replay.state = state
        replay.stateReason = row["stateReason"]
        replay.replayEndTime = (row["replayEndTime"] as Double?).map(Date.init(timeIntervalSince1970:))
        replay.eventLastReplayedTime = (row["eventLastReplayedTime"] as Double?).map(Date.init(timeIntervalSince1970:))
        replay.cursor = row["cursor"]
        return replay
    }
}
