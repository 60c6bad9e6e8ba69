import Foundation
import PostgresNIO
import Switchyard

/// Archives, their events and replays in PostgreSQL. Active replays are taken with
/// `FOR UPDATE SKIP LOCKED`, so a replay advances on one node at a time.
struct PostgresArchives: ArchiveWriter {
    let session: PostgresSession

    func archive(named name: String, owner: Caller) async throws -> Archive? {
        try await session.row("SELECT * FROM archive WHERE arn = \(Archive.arn(name, owner))").map(Self.archive)
    }

    func archives(owner: Caller) async throws -> [Archive] {
        try await session.rows("""
            SELECT * FROM archive WHERE account = \(owner.account) AND region = \(owner.region) ORDER BY name
            """).map(Self.archive)
    }

    func statistics(ofArchive arn: String) async throws -> (eventCount: Int, sizeBytes: Int) {
        let row = try await session.row("""
            SELECT count(*) AS count, COALESCE(sum(size), 0)::int8 AS size FROM archived_event WHERE archive_arn = \(arn)
            """)!
        return (Int(try row.value("count", as: Int64.self)), Int(try row.value("size", as: Int64.self)))
    }

    func archivedEvents(
        inArchive arn: String, receivedIn window: ClosedRange<Date>, after sequence: Int64, limit: Int
    ) async throws -> [ArchivedEvent] {
        try await session.decodedRows("""
            SELECT sequence, event_id, received_time, text FROM archived_event
            WHERE archive_arn = \(arn) AND sequence > \(sequence)
              AND received_time >= \(window.lowerBound.timeIntervalSince1970)
              AND received_time <= \(window.upperBound.timeIntervalSince1970)
            ORDER BY sequence LIMIT \(limit)
            """, as: (Int64, String, Double, String).self).map { sequence, eventId, receivedTime, text in
            ArchivedEvent(
                archiveArn: arn, sequence: sequence, eventId: eventId, receivedTime: Date(timeIntervalSince1970: receivedTime),
                text: text)
        }
    }

    func archivedEventCount(inArchive arn: String, receivedIn window: ClosedRange<Date>, through sequence: Int64) async throws -> Int {
        let row = try await session.row("""
            SELECT count(*) AS count FROM archived_event
            WHERE archive_arn = \(arn) AND sequence <= \(sequence)
              AND received_time >= \(window.lowerBound.timeIntervalSince1970)
              AND received_time <= \(window.upperBound.timeIntervalSince1970)
            """)!
        return Int(try row.value("count", as: Int64.self))
    }

    func replay(named name: String, owner: Caller) async throws -> Replay? {
        try await session.row("""
            SELECT * FROM replay WHERE account = \(owner.account) AND region = \(owner.region) AND name = \(name)
            """).map(Self.replay)
    }

    func replays(owner: Caller) async throws -> [Replay] {
        try await session.rows("""
            SELECT * FROM replay WHERE account = \(owner.account) AND region = \(owner.region) ORDER BY name
            """).map(Self.replay)
    }

    func save(_ archive: Archive) async throws {
        try await session.execute("""
            INSERT INTO archive
              (arn, account, region, name, event_source_arn, description, event_pattern, retention_days,
               kms_key_identifier, state, creation_time)
            VALUES (\(archive.arn), \(archive.owner.account), \(archive.owner.region), \(archive.name),
                    \(archive.eventSourceArn), \(archive.description.client), \(archive.eventPattern),
                    \(Int64(archive.retentionDays)), \(archive.kmsKeyIdentifier), \(archive.state.rawValue),
                    \(archive.creationTime.timeIntervalSince1970))
            ON CONFLICT (arn) DO UPDATE SET
              description = excluded.description, event_pattern = excluded.event_pattern,
              retention_days = excluded.retention_days, kms_key_identifier = excluded.kms_key_identifier,
              state = excluded.state
            """)
    }

    func deleteArchive(arn: String) async throws {
        try await session.execute("DELETE FROM archive WHERE arn = \(arn)")
        try await session.execute("DELETE FROM archived_event WHERE archive_arn = \(arn)")
    }

    func append(_ events: [ArchivedEvent]) async throws {
        try await session.insert(
            into: "archived_event", columns: ["archive_arn", "event_id", "received_time", "text", "size"], events
        ) { event in
            [event.archiveArn, event.eventId, event.receivedTime.timeIntervalSince1970, event.text, Int64(event.sizeBytes)]
        }
    }

    func purgeExpiredEvents(at now: Date) async throws {
        try await session.execute("""
            DELETE FROM archived_event USING archive
            WHERE archive.arn = archived_event.archive_arn AND archive.retention_days > 0
              AND archived_event.received_time < \(now.timeIntervalSince1970) - archive.retention_days * 86400
            """)
    }

    func save(_ replay: Replay) async throws {
        let filterArns = try StoredJSON.text(replay.filterArns)
        try await session.execute("""
            INSERT INTO replay
              (arn, account, region, name, description, archive_arn, destination_arn, filter_arns, event_start_time,
               event_end_time, state, state_reason, replay_start_time, replay_end_time, event_last_replayed_time, cursor)
            VALUES (\(replay.arn), \(replay.owner.account), \(replay.owner.region), \(replay.name),
                    \(replay.description.client), \(replay.archiveArn), \(replay.destinationArn), \(filterArns),
                    \(replay.eventStartTime.timeIntervalSince1970), \(replay.eventEndTime.timeIntervalSince1970),
                    \(replay.state.rawValue), \(replay.stateReason), \(replay.replayStartTime.timeIntervalSince1970),
                    \(replay.replayEndTime?.timeIntervalSince1970), \(replay.eventLastReplayedTime?.timeIntervalSince1970),
                    \(replay.cursor))
            ON CONFLICT (arn) DO UPDATE SET
              state = excluded.state, state_reason = excluded.state_reason, replay_end_time = excluded.replay_end_time,
              event_last_replayed_time = excluded.event_last_replayed_time, cursor = excluded.cursor
            """)
    }

    func activeReplays(limit: Int) async throws -> [Replay] {
        try await session.rows("""
            SELECT * FROM replay WHERE state IN ('STARTING', 'RUNNING', 'CANCELLING')
            ORDER BY replay_start_time, arn LIMIT \(limit) FOR UPDATE SKIP LOCKED
            """).map(Self.replay)
    }

    private static func archive(_ row: PostgresRandomAccessRow) throws -> Archive {
        let stateText = try row.value("state", as: String.self)
        guard let state = Archive.State(rawValue: stateText) else { throw UnknownValue(column: "state", value: stateText) }
        var archive = Archive(
            name: try row.value("name"), owner: Caller(account: try row.value("account"), region: try row.value("region")),
            eventSourceArn: try row.value("event_source_arn"), retentionDays: Int(try row.value("retention_days", as: Int64.self)),
            creationTime: try row.date("creation_time"))
        archive.description = try row.optionalText("description")
        archive.eventPattern = try row.value("event_pattern")
        archive.kmsKeyIdentifier = try row.value("kms_key_identifier")
        archive.state = state
        return archive
    }

    private static func replay(_ row: PostgresRandomAccessRow) throws -> Replay {
        let stateText = try row.value("state", as: String.self)
        guard let state = Replay.State(rawValue: stateText) else { throw UnknownValue(column: "state", value: stateText) }
        var replay = Replay(
            name: try row.value("name"), owner: Caller(account: try row.value("account"), region: try row.value("region")),
            archiveArn: try row.value("archive_arn"), destinationArn: try row.value("destination_arn"),
            filterArns: try StoredJSON.value(try row.value("filter_arns")) ?? [],
            eventStartTime: try row.date("event_start_time"), eventEndTime: try row.date("event_end_time"),
            replayStartTime: try row.date("replay_start_time"))
        replay.description = try row.optionalText("description")
        replay.state = state
        replay.stateReason = try row.value("state_reason")
        replay.replayEndTime = try row.value("replay_end_time", as: Double?.self).map(Date.init(timeIntervalSince1970:))
        replay.eventLastReplayedTime = try row.value("event_last_replayed_time", as: Double?.self)
            .map(Date.init(timeIntervalSince1970:))
        replay.cursor = try row.value("cursor")
        return replay
    }
}
