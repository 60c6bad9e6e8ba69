import Dispatch

/// The one thread SQLite writes run on. The grouped writer's task, and the write
/// bodies it runs, prefer this executor, so each of their statements goes to
/// SQLite as a plain synchronous call instead of a hop between the cooperative
/// pool and GRDB's queue — a hop per statement halved PutEvents' throughput.
/// SQLite blocks while it writes; it blocks this thread, never the pool's.
final class SQLiteWriterExecutor: TaskExecutor {
    private let queue = DispatchQueue(label: "switchyard.sqlite.writer")

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
