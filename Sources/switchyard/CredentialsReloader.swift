import Logging
import ServiceLifecycle
import SwitchyardServer
import UnixSignals

/// Reads the credentials file again on SIGHUP, so that keys are added and revoked
/// without a restart. A file that cannot be read keeps the keys as they were.
struct CredentialsReloader: Service {
    let keys: KeyRing
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            for await _ in await UnixSignalsSequence(trapping: .sighup) {
                do {
                    try keys.reload()
                    logger.notice("Credentials reloaded", metadata: ["file": "\(keys.file.path)"])
                } catch {
                    logger.error("Credentials not reloaded; the keys stay as they were", metadata: ["error": "\(error)"])
                }
            }
        }
    }
}
