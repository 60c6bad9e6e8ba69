/// The request shapes of an AWS service, as its service model defines them: which
/// operations exist, and the members, types and constraints of their inputs. AWS
/// validates every request against these before its own logic runs, and so do we.
struct ServiceModel: Sendable {
    /// The `X-Amz-Target` prefix: `AWSEvents` in `AWSEvents.PutRule`.
    let targetPrefix: String
    /// Operation name → the name of its input shape.
    let operations: [String: String]
    let shapes: [String: Shape]

    indirect enum Shape: Sendable {
        case structure([Member], required: [String])
        case list(member: String, min: Int?, max: Int?)
        case map(key: String, value: String, min: Int?, max: Int?)
        case string(min: Int?, max: Int?, pattern: String?, values: [String]?)
        case integer(min: Int?, max: Int?)
        case double
        case boolean
        case timestamp
        case blob
    }

    struct Member: Sendable {
        let name: String
        let shape: String

        init(_ name: String, _ shape: String) {
            self.name = name
            self.shape = shape
        }
    }
}
