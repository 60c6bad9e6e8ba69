import Foundation
import Switchyard
import Testing

extension StoreConformance {
    static let busArn = ResourceName.eventBus("default", Fixture.caller)

    static func makeArchive(_ store: any Store, _ name: String = "a", retentionDays: Int = 0) async throws -> Archive {
        var archive = Archive(name: name, owner: Fixture.caller, eventSourceArn: busArn, retentionDays: retentionDays, creationTime: t0)
        archive.description = Fixture.textWithNUL
        archive.eventPattern = #"{"source":["shop"]}"#
        try await store.write { [archive] in try await $0.archives.save(archive) }
        return archive
    }

    static func archived(_ archive: Archive, _ id: String, at seconds: TimeInterval) -> ArchivedEvent {
        ArchivedEvent(archiveArn: archive.arn, eventId: id, receivedTime: t0.addingTimeInterval(seconds), text: #"{"id":"\#(id)"}"#)
    }

    static func makeReplay(_ name: String, startedAt seconds: TimeInterval, state: Replay.State = .starting) -> Replay {
        var replay = Replay(
            name: name, owner: Fixture.caller, archiveArn: Archive.arn("a", Fixture.caller), destinationArn: busArn,
            filterArns: ["arn:rule"], eventStartTime: t0, eventEndTime: t0.addingTimeInterval(60),
            replayStartTime: t0.addingTimeInterval(seconds))
        replay.state = state
        return replay
    }

    public static let archives: [StoreCheck] = [
        StoreCheck("archives round-trip, list by name, and are replaced whole") { store in
            var archive = try await makeArchive(store, "b")
            _ = try await makeArchive(store, "a")
            try await store.write {
                try await $0.archives.save(Archive(name: "c", owner: Fixture.other, eventSourceArn: busArn, retentionDays: 0, creationTime: t0))
            }
            #expect(try await store.read { try await $0.archives.archive(named: "b", owner: Fixture.caller) } == archive)
            #expect(try await store.read { try await $0.archives.archives(owner: Fixture.caller).map(\.name) } == ["a", "b"])
            archive.state = .disabled
            archive.retentionDays = 7
            archive.eventPattern = nil
            archive.kmsKeyIdentifier = "key"
            try await store.write { [archive] in try await $0.archives.save(archive) }
            #expect(try await store.read { try await $0.archives.archive(named: "b", owner: Fixture.caller) } == archive)
        },
        StoreCheck("archived events are numbered in order and read by window, cursor and limit") { store in
            let archive = try await makeArchive(store)
            let other = try await makeArchive(store, "other")
            try await store.write { store in
                try await store.archives.append([archived(archive, "e1", at: 10), archived(other, "x", at: 15), archived(archive, "e2", at: 20)])
                try await store.archives.append([archived(archive, "e3", at: 30), archived(archive, "e4", at: 40)])
            }
            let read = { (from: TimeInterval, to: TimeInterval, after: Int64, limit: Int) in
                try await store.read {
                    try await $0.archives.archivedEvents(
                        inArchive: archive.arn, receivedIn: t0.addingTimeInterval(from)...t0.addingTimeInterval(to), after: after,
                        limit: limit)
                }
            }
            let all = try await read(0, 100, 0, 10)
            #expect(all.map(\.eventId) == ["e1", "e2", "e3", "e4"])
            #expect(all.map(\.sequence) == all.map(\.sequence).sorted() && Set(all.map(\.sequence)).count == 4)
            #expect(all[1] == ArchivedEvent(
                archiveArn: archive.arn, sequence: all[1].sequence, eventId: "e2", receivedTime: t0.addingTimeInterval(20), text: #"{"id":"e2"}"#))
            #expect(try await read(20, 30, 0, 10).map(\.eventId) == ["e2", "e3"])
            #expect(try await read(0, 100, all[1].sequence, 1).map(\.eventId) == ["e3"])
            let count = { (through: Int64) in
                try await store.read {
                    try await $0.archives.archivedEventCount(
                        inArchive: archive.arn, receivedIn: t0.addingTimeInterval(15)...t0.addingTimeInterval(40), through: through)
                }
            }
            #expect(try await count(.max) == 3)
            #expect(try await count(all[2].sequence) == 2)
            let statistics = try await store.read { try await $0.archives.statistics(ofArchive: archive.arn) }
            #expect(statistics.eventCount == 4)
            #expect(statistics.sizeBytes == all.map(\.sizeBytes).reduce(0, +))
        },
        StoreCheck("expired events are purged by each archive's retention; 0 keeps them forever") { store in
            let week = try await makeArchive(store, "week", retentionDays: 7)
            let forever = try await makeArchive(store, "forever")
            try await store.write { store in
                try await store.archives.append([archived(week, "old", at: 0), archived(week, "new", at: 86_400 * 3)])
                try await store.archives.append([archived(forever, "old", at: 0)])
            }
            try await store.write { try await $0.archives.purgeExpiredEvents(at: t0.addingTimeInterval(86_400 * 8)) }
            let kept = { (archive: Archive) in
                try await store.read {
                    try await $0.archives.archivedEvents(
                        inArchive: archive.arn, receivedIn: t0...t0.addingTimeInterval(86_400 * 30), after: 0, limit: 10)
                }.map(\.eventId)
            }
            #expect(try await kept(week) == ["new"])
            #expect(try await kept(forever) == ["old"])
        },
        StoreCheck("deleting an archive deletes the events it keeps") { store in
            let archive = try await makeArchive(store)
            try await store.write { try await $0.archives.append([archived(archive, "e", at: 1)]) }
            try await store.write { try await $0.archives.deleteArchive(arn: archive.arn) }
            #expect(try await store.read { try await $0.archives.archive(named: "a", owner: Fixture.caller) } == nil)
            #expect(try await store.read { try await $0.archives.statistics(ofArchive: archive.arn) }.eventCount == 0)
        },
        StoreCheck("replays round-trip, and those at work come started first first") { store in
            var replay = makeReplay("r", startedAt: 20)
            replay.description = Fixture.textWithNUL
            try await store.write { [replay] store in
                try await store.archives.save(replay)
                try await store.archives.save(makeReplay("done", startedAt: 0, state: .completed))
                try await store.archives.save(makeReplay("first", startedAt: 10, state: .cancelling))
            }
            #expect(try await store.read { try await $0.archives.replay(named: "r", owner: Fixture.caller) } == replay)
            #expect(try await store.read { try await $0.archives.replays(owner: Fixture.caller).map(\.name) } == ["done", "first", "r"])
            #expect(try await store.write { try await $0.archives.activeReplays(limit: 10).map(\.name) } == ["first", "r"])
            replay.state = .completed
            replay.cursor = 42
            replay.eventLastReplayedTime = t0.addingTimeInterval(30)
            replay.replayEndTime = t0.addingTimeInterval(40)
            replay.stateReason = "why"
            try await store.write { [replay] in try await $0.archives.save(replay) }
            #expect(try await store.read { try await $0.archives.replay(named: "r", owner: Fixture.caller) } == replay)
        },
        StoreCheck("a replay at work is taken by one of two concurrent batches") { store in
            try await store.write { try await $0.archives.save(makeReplay("r", startedAt: 0)) }
            let taken = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<2 {
                    group.addTask {
                        try await store.write { store in
                            let active = try await store.archives.activeReplays(limit: 10)
                            try await Task.sleep(for: .milliseconds(100))
                            for var replay in active {
                                replay.state = .completed
                                try await store.archives.save(replay)
                            }
                            return active.count
                        }
                    }
                }
                return try await group.reduce(0, +)
            }
            #expect(taken == 1)
        },
    ]
}
