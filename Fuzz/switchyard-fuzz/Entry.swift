import Foundation

/// libFuzzer's entry: the harness named by `SWITCHYARD_FUZZ_TARGET`.
nonisolated(unsafe) private var harness: Harness?

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafeRawPointer?, _ size: Int) -> CInt {
    if harness == nil {
        let name = ProcessInfo.processInfo.environment["SWITCHYARD_FUZZ_TARGET"] ?? ""
        guard let named = Harness(rawValue: name) else {
            fatalError("Set SWITCHYARD_FUZZ_TARGET to one of \(Harness.allCases.map(\.rawValue))")
        }
        harness = named
    }
    harness!.run(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}

/// Built with libFuzzer (`-sanitize=fuzzer -DFUZZING`), hands the command line to
/// its driver. An ordinary build replays a corpus instead: every file of the
/// folders given, through the harness named first; the test suite runs the seed
/// corpora this way.
@main
struct Main {
    static func main() throws {
        #if FUZZING
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzOne(data, size) })
        #else
        let arguments = CommandLine.arguments.dropFirst()
        guard let name = arguments.first, let harness = Harness(rawValue: name) else {
            print("usage: switchyard-fuzz \(Harness.allCases.map(\.rawValue).joined(separator: "|")) FOLDER…")
            exit(2)
        }
        var count = 0
        for folder in arguments.dropFirst() {
            for file in try FileManager.default.contentsOfDirectory(atPath: folder).sorted() {
                let data = try Data(contentsOf: URL(fileURLWithPath: folder).appendingPathComponent(file))
                data.withUnsafeBytes { harness.run($0) }
                count += 1
            }
        }
        print("\(count) inputs replayed through \(name)")
        #endif
    }
}

#if FUZZING
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafeRawPointer?, Int) -> CInt
) -> CInt
#endif
