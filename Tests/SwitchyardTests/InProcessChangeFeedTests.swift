import Switchyard
import Testing

/// The clock stands still in these tests, so only a signal can end a wait.
@Suite struct InProcessChangeFeedTests {
    let feed = InProcessChangeFeed()
    let clock = TestClock()

    @Test func aSignalBeforeTheWaitIsNotMissed() async {
        let seen = feed.generation(of: "q")
        feed.signal("q")
        await feed.wait(on: "q", after: seen, upTo: .seconds(20), clock: clock)
        #expect(feed.generation(of: "q") == seen + 1)
    }

    @Test func aSignalWakesOnlyItsOwnChannel() async {
        let seen = feed.generation(of: "q")
        async let waited: Void = feed.wait(on: "q", after: seen, upTo: .seconds(20), clock: clock)
        await clock.waitForSleepers()
        feed.signal("other")
        #expect(clock.sleepers == 1)
        feed.signal("q")
        await waited
        #expect(clock.sleepers == 0)
    }

    @Test func aWaitEndsWhenItsTimeoutHasPassed() async {
        async let waited: Void = feed.wait(on: "q", after: feed.generation(of: "q"), upTo: .seconds(20), clock: clock)
        await clock.waitForSleepers()
        clock.advance(by: 20)
        await waited
    }
}
