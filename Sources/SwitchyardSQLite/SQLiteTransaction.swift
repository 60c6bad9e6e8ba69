import GRDB
import Switchyard

/// The store's areas over committed state.
struct SQLiteReader: StoreReader {
    let connection: SQLiteConnection

    var resources: any ResourceReader { SQLiteResources(connection: connection) }
    var queues: any QueueReader { SQLiteQueues(connection: connection) }
    var logs: any LogReader { SQLiteLogs(connection: connection) }
    var schedules: any ScheduleReader { SQLiteSchedules(connection: connection) }
    var archives: any ArchiveReader { SQLiteArchives(connection: connection) }
    var connections: any ConnectionReader { SQLiteConnections(connection: connection) }
    var trails: any TrailReader { SQLiteTrails(connection: connection) }
    var partnerSources: any PartnerSourceReader { SQLitePartnerSources(connection: connection) }
    var endpoints: any EndpointReader { SQLiteEndpoints(connection: connection) }
}

/// The store's areas inside one write.
struct SQLiteTransaction: StoreWriter {
    let connection: SQLiteConnection

    var resources: any ResourceWriter { SQLiteResources(connection: connection) }
    var eventLog: any EventLog { SQLiteEventLog(connection: connection) }
    var queues: any QueueWriter { SQLiteQueues(connection: connection) }
    var logs: any LogWriter { SQLiteLogs(connection: connection) }
    var schedules: any ScheduleWriter { SQLiteSchedules(connection: connection) }
    var archives: any ArchiveWriter { SQLiteArchives(connection: connection) }
    var connections: any ConnectionWriter { SQLiteConnections(connection: connection) }
    var trails: any TrailWriter { SQLiteTrails(connection: connection) }
    var partnerSources: any PartnerSourceWriter { SQLitePartnerSources(connection: connection) }
    var endpoints: any EndpointWriter { SQLiteEndpoints(connection: connection) }
}
