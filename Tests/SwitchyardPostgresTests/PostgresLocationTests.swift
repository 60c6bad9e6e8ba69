@testable import SwitchyardPostgres
import Testing

@Suite struct PostgresLocationTests {
    @Test func urlNamesEveryPartAndHidesThePasswordWhenShown() throws {
        let location = try PostgresLocation(url: "postgresql://router:p%40ss%2Fword@db.example:6432/events?sslmode=require")
        #expect(location.host == "db.example")
        #expect(location.port == 6432)
        #expect(location.username == "router")
        #expect(location.database == "events")
        #expect(location.sslMode == .require)
        #expect(location.description == "postgresql://router@db.example:6432/events")
    }

    @Test func portAndTLSHaveLibpqsDefaults() throws {
        let location = try PostgresLocation(url: "postgres://router@localhost/events")
        #expect(location.port == 5432)
        #expect(location.sslMode == .disable)
    }

    @Test(arguments: [
        ("mysql://u@h/d", "A store URL looks like postgresql://USER:PASSWORD@HOST:PORT/DATABASE."),
        ("postgresql://h/d", "The store URL names no user."),
        ("postgresql://u@h", "The store URL names no database; add /DATABASE after the host."),
        ("postgresql://u@h/d?sslmode=verify-full", "The store URL's parameters are sslmode=disable, prefer or require."),
        ("not a url", "A store URL looks like postgresql://USER:PASSWORD@HOST:PORT/DATABASE."),
    ])
    func malformedURLIsRefusedWithWhatIsWrong(url: String, reason: String) {
        #expect(throws: PostgresLocation.InvalidURL(description: reason)) { try PostgresLocation(url: url) }
    }
}
