public import EventPatterns

/// A rule's target, kept as the JSON object the caller put: AWS answers
/// `ListTargetsByRule` with exactly that, including parameters for services this
/// server only stores (ECS, Batch, Kinesis, …). The members delivery needs are read
/// from it by name.
public struct Target: Sendable, Equatable {
    public let definition: JSONValue
    /// What the ARN names, read when the target is made; nil when it is not an ARN.
    public let destination: TargetDestination?

    public init(definition: JSONValue) {
        self.definition = definition
        destination = definition["Arn"]?.stringValue.flatMap(TargetDestination.init(arn:))
    }

    public var id: String { definition["Id"]?.stringValue ?? "" }
    public var arn: String { definition["Arn"]?.stringValue ?? "" }
    public var input: String? { definition["Input"]?.stringValue }
    public var inputPath: String? { definition["InputPath"]?.stringValue }
    public var inputTransformer: JSONValue? { definition["InputTransformer"] }
    public var retryPolicy: JSONValue? { definition["RetryPolicy"] }
    public var deadLetterArn: String? { definition["DeadLetterConfig"]?["Arn"]?.stringValue }
}
