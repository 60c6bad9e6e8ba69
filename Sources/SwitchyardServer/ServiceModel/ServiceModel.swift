/// The request shapes of an AWS service, as its service model defines them: which
/// operations exist, and the members, types and constraints of their inputs. AWS
/// validates every request against these before its own logic runs, and so do we.
/// Public for the request fuzzer, which generates requests from the same shapes.
public struct ServiceModel: Sendable {
    /// The `X-Amz-Target` prefix: `AWSEvents` in `AWSEvents.PutRule`.
    public let targetPrefix: String
    /// Operation name → the name of its input shape.
    public let operations: [String: String]
    public let shapes: [String: Shape]
    /// Shapes the model marks sensitive: CloudTrail records them hidden.
    public let sensitive: Set<String>

    public indirect enum Shape: Sendable {
        case structure([Member], required: [String])
        case list(member: String, min: Int?, max: Int?)
        case map(key: String, value: String, min: Int?, max: Int?)
        case string(min: Int?, max: Int?, pattern: String?, values: [String]?)
        /// Java's `int`.
        case integer(min: Int?, max: Int?)
        /// Java's `long`.
        case long(min: Int?, max: Int?)
        case double
        case boolean
        case timestamp
        case blob
    }

    public struct Member: Sendable {
        public let name: String
        public let shape: String

        init(_ name: String, _ shape: String) {
            self.name = name
            self.shape = shape
        }
    }
}
