public import EventPatterns
public import Foundation

extension ControlPlane {
    /// What CreateTrail and UpdateTrail may set; nil leaves a setting as it is.
    public struct TrailSettings: Sendable {
        public var s3BucketName: String?
        public var s3KeyPrefix: String?
        public var snsTopicName: String?
        public var includeGlobalServiceEvents: Bool?
        public var isMultiRegionTrail: Bool?
        public var enableLogFileValidation: Bool?
        public var cloudWatchLogsLogGroupArn: String?
        public var cloudWatchLogsRoleArn: String?
        public var kmsKeyId: String?
        public var isOrganizationTrail: Bool?

        public init() {}
    }

    public func createTrail(_ name: String, _ settings: TrailSettings, tags: [Tag], caller: Caller) async throws -> Trail {
        try Self.validateTrailName(name)
        var trail = Trail(name: name, owner: caller, s3BucketName: "", creationTime: clock.now)
        try Self.apply(settings, to: &trail)
        trail.tags = tags
        return try await store.write { [trail] store in
            guard try await store.trails.trail(named: name, owner: caller) == nil else {
                throw ServiceError(
                    code: "TrailAlreadyExistsException", message: "Trail \(name) already exists for customer: \(caller.account)")
            }
            try await store.trails.save(trail)
            return trail
        }
    }

    public func updateTrail(_ nameOrArn: String, _ settings: TrailSettings, caller: Caller) async throws -> Trail {
        try await changeTrail(nameOrArn, caller: caller) { trail in try Self.apply(settings, to: &trail) }
    }

    public func deleteTrail(_ nameOrArn: String, caller: Caller) async throws {
        let reference = try Self.trailReference(nameOrArn, caller)
        try await store.write { store in
            let trail = try await Self.requireHomeTrail(reference, caller, in: store.trails)
            try await store.trails.deleteTrail(named: trail.name, owner: trail.owner)
        }
    }

    /// The trails of the caller's Region, and with `includeShadowTrails` (the
    /// default) the multi-Region trails of other Regions too; with names, only those.
    public func describeTrails(_ namesOrArns: [String]?, includeShadowTrails: Bool, caller: Caller) async throws -> [Trail] {
        let references = try (namesOrArns ?? []).map { try Self.trailReference($0, caller) }
        let trails = try await store.read { try await $0.trails.trails(account: caller.account) }
        return trails.filter { trail in
            let visible = trail.owner.region == caller.region || (includeShadowTrails && trail.isMultiRegionTrail)
            return visible && (references.isEmpty || references.contains { $0.names(trail) })
        }
    }

    public func trail(_ nameOrArn: String, caller: Caller) async throws -> Trail {
        let reference = try Self.trailReference(nameOrArn, caller)
        return try await store.read { try await Self.requireVisibleTrail(reference, caller, in: $0.trails) }
    }

    /// Every trail of the account, whatever its home Region.
    public func listTrails(nextToken: String?, caller: Caller) async throws -> Page<Trail> {
        let trails = try await store.read { try await $0.trails.trails(account: caller.account) }
        return try Page(trails, key: \.arn, after: nextToken, limit: 50)
    }

    public func startLogging(_ nameOrArn: String, caller: Caller) async throws {
        let moment = clock.now
        _ = try await changeTrail(nameOrArn, caller: caller) { trail in
            if !trail.isLogging { trail.startLoggingTime = moment }
            trail.isLogging = true
        }
    }

    public func stopLogging(_ nameOrArn: String, caller: Caller) async throws {
        let moment = clock.now
        _ = try await changeTrail(nameOrArn, caller: caller) { trail in
            if trail.isLogging { trail.stopLoggingTime = moment }
            trail.isLogging = false
        }
    }

    /// Adds tags to the trail an ARN names, or changes their values. CloudTrail
    /// allows 50 tags to a trail.
    public func addTrailTags(_ arn: String, _ tags: [Tag], caller: Caller) async throws {
        _ = try await changeTaggedTrail(arn, caller: caller) { trail in
            let merged = trail.tags.merging(tags)
            // AWS's wording is not recorded.
            guard merged.count <= 50 else {
                throw ServiceError(code: "TagsLimitExceededException", message: "A trail can have at most 50 tags.")
            }
            trail.tags = merged
        }
    }

    public func removeTrailTags(_ arn: String, keys: [String], caller: Caller) async throws {
        _ = try await changeTaggedTrail(arn, caller: caller) { trail in trail.tags.removeAll { keys.contains($0.key) } }
    }

    /// The tags of each trail the ARNs name, in their order.
    public func trailTags(_ arns: [String], caller: Caller) async throws -> [(arn: String, tags: [Tag])] {
        var tagged: [(String, [Tag])] = []
        for arn in arns {
            let reference = try Self.taggedTrailReference(arn, caller)
            let trail = try await store.read { try await Self.requireVisibleTrail(reference, caller, in: $0.trails) }
            tagged.append((arn, trail.tags))
        }
        return tagged
    }

    /// Tag operations name trails by ARN only. AWS's wording is not recorded.
    static func taggedTrailReference(_ arn: String, _ caller: Caller) throws(ServiceError) -> TrailReference {
        guard arn.hasPrefix("arn:") else {
            throw ServiceError(code: "CloudTrailARNInvalidException", message: "Invalid ARN: \(arn)")
        }
        return try trailReference(arn, caller)
    }

    func changeTaggedTrail(_ arn: String, caller: Caller, _ change: @escaping @Sendable (inout Trail) throws -> Void) async throws -> Trail {
        _ = try Self.taggedTrailReference(arn, caller)
        return try await changeTrail(arn, caller: caller, change)
    }

    /// Gives the trail basic or advanced selectors, replacing whichever it had.
    public func putEventSelectors(
        _ nameOrArn: String, eventSelectors: JSONValue?, advancedEventSelectors: JSONValue?, caller: Caller
    ) async throws -> Trail {
        try Self.validateSelectors(eventSelectors: eventSelectors, advancedEventSelectors: advancedEventSelectors)
        return try await changeTrail(nameOrArn, caller: caller) { trail in
            trail.selectors = TrailSelectors(
                eventSelectors: eventSelectors.map(Self.completedEventSelectors), advancedEventSelectors: advancedEventSelectors)
        }
    }

    /// The caller's management calls in event history, newest first: those in the
    /// window (the last 90 days by default) that have the lookup attribute.
    public func lookupEvents(
        _ attributes: [LookupAttributeInput], startTime: Date?, endTime: Date?, maxResults: Int?, nextToken: String?,
        caller: Caller
    ) async throws -> (records: [CloudTrailRecord], nextToken: String?) {
        // AWS's wording for these refusals is not recorded.
        guard attributes.count <= 1 else {
            throw ServiceError(code: "InvalidLookupAttributesException", message: "Only one lookup attribute may be specified.")
        }
        let attribute = try attributes.first.map(Self.lookupAttribute)
        let end = endTime ?? clock.now
        let start = startTime ?? clock.now.addingTimeInterval(-Self.historyRetention)
        guard start <= end else {
            throw ServiceError(code: "InvalidTimeRangeException", message: "Start time must be before end time.")
        }
        let cursor = try nextToken.map(Self.historyCursor)
        let limit = maxResults ?? 50
        let page = try await store.read { store in
            try await store.trails.history(owner: caller, in: start...end, matching: attribute, after: cursor, limit: limit + 1)
        }
        let records = page.prefix(limit)
        let next = page.count > limit ? records.last.map { "\($0.cursor.eventTime.timeIntervalSince1970)/\($0.cursor.sequence)" } : nil
        return (records.map(\.record), next.map { Data($0.utf8).base64EncodedString() })
    }

    /// How long event history keeps a call: 90 days, as CloudTrail's does.
    public static let historyRetention: TimeInterval = 90 * 86_400

    public struct LookupAttributeInput: Sendable {
        public var key: String
        public var value: String

        public init(key: String, value: String) {
            self.key = key
            self.value = value
        }
    }

    static func lookupAttribute(_ input: LookupAttributeInput) throws(ServiceError) -> LookupAttribute {
        switch input.key {
        case "EventId": return .eventId(input.value)
        case "EventName": return .eventName(input.value)
        case "Username": return .username(input.value)
        case "ResourceType": return .resourceType(input.value)
        case "ResourceName": return .resourceName(input.value)
        case "EventSource": return .eventSource(input.value)
        case "AccessKeyId": return .accessKeyId(input.value)
        case "ReadOnly" where ["true", "false"].contains(input.value): return .readOnly(input.value == "true")
        default:
            throw ServiceError(
                code: "InvalidLookupAttributesException", message: "Invalid value \(input.value) for lookup attribute \(input.key).")
        }
    }

    static func historyCursor(_ token: String) throws(ServiceError) -> HistoryCursor {
        guard let data = Data(base64Encoded: token), let text = String(data: data, encoding: .utf8) else {
            throw ServiceError(code: "InvalidNextTokenException", message: "Invalid NextToken.")
        }
        let parts = text.split(separator: "/")
        guard parts.count == 2, let time = Double(parts[0]), let sequence = Int64(parts[1]) else {
            throw ServiceError(code: "InvalidNextTokenException", message: "Invalid NextToken.")
        }
        return HistoryCursor(eventTime: Date(timeIntervalSince1970: time), sequence: sequence)
    }

    /// Changes a trail, which only its home Region may do.
    func changeTrail(_ nameOrArn: String, caller: Caller, _ change: @escaping @Sendable (inout Trail) throws -> Void) async throws -> Trail {
        let reference = try Self.trailReference(nameOrArn, caller)
        return try await store.write { store in
            var trail = try await Self.requireHomeTrail(reference, caller, in: store.trails)
            try change(&trail)
            try await store.trails.save(trail)
            return trail
        }
    }

    static func apply(_ settings: TrailSettings, to trail: inout Trail) throws(ServiceError) {
        if let bucket = settings.s3BucketName {
            try validateBucketName(bucket)
            trail.s3BucketName = bucket
        }
        if let prefix = settings.s3KeyPrefix { trail.s3KeyPrefix = prefix.isEmpty ? nil : prefix }
        if let topic = settings.snsTopicName { trail.snsTopicName = topic.isEmpty ? nil : topic }
        if let flag = settings.includeGlobalServiceEvents { trail.includeGlobalServiceEvents = flag }
        if let flag = settings.isMultiRegionTrail { trail.isMultiRegionTrail = flag }
        if let flag = settings.enableLogFileValidation { trail.logFileValidationEnabled = flag }
        if let arn = settings.cloudWatchLogsLogGroupArn { trail.cloudWatchLogsLogGroupArn = arn.isEmpty ? nil : arn }
        if let arn = settings.cloudWatchLogsRoleArn { trail.cloudWatchLogsRoleArn = arn.isEmpty ? nil : arn }
        if let key = settings.kmsKeyId { trail.kmsKeyId = key.isEmpty ? nil : key }
        // AWS's wording for these refusals is not recorded.
        if settings.isOrganizationTrail == true {
            throw ServiceError(
                code: "OrganizationsNotInUseException", message: "This account is not a member of an organization.")
        }
        if trail.isMultiRegionTrail && !trail.includeGlobalServiceEvents {
            throw ServiceError(
                code: "InvalidParameterCombinationException",
                message: "Multi-Region trail must include global service events.")
        }
        if (trail.cloudWatchLogsLogGroupArn == nil) != (trail.cloudWatchLogsRoleArn == nil) {
            throw ServiceError(
                code: "InvalidParameterCombinationException",
                message: "You must specify a role ARN and a log group ARN together.")
        }
    }

    /// AWS's rules for trail names; the words of the first five are moto's record of
    /// AWS's, the others' are not recorded.
    static func validateTrailName(_ name: String) throws(ServiceError) {
        func invalid(_ message: String) -> ServiceError { ServiceError(code: "InvalidTrailNameException", message: message) }
        let characters = Array(name.unicodeScalars)
        if characters.count < 3 {
            throw invalid("Trail name too short. Minimum allowed length: 3 characters. Specified name length: \(characters.count) characters.")
        }
        if characters.count > 128 {
            throw invalid("Trail name too long. Maximum allowed length: 128 characters. Specified name length: \(characters.count) characters.")
        }
        func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool { scalar.isASCII && CharacterSet.alphanumerics.contains(scalar) }
        if !isAlphanumeric(characters[0]) { throw invalid("Trail name must starts with a letter or number.") }
        if !isAlphanumeric(characters[characters.count - 1]) { throw invalid("Trail name must ends with a letter or number.") }
        if !characters.allSatisfy({ isAlphanumeric($0) || ".-_".unicodeScalars.contains($0) }) {
            throw invalid("Trail name or ARN can only contain uppercase letters, lowercase letters, numbers, periods (.), hyphens (-), and underscores (_).")
        }
        if zip(characters, characters.dropFirst()).contains(where: { !isAlphanumeric($0) && !isAlphanumeric($1) }) {
            throw invalid("Trail name cannot have adjacent periods, hyphens or underscores.")
        }
        if name.split(separator: ".", omittingEmptySubsequences: false).count == 4, name.allSatisfy({ $0.isNumber || $0 == "." }) {
            throw invalid("Trail name cannot be formatted as an IP address.")
        }
    }

    /// S3's rules for bucket names: the trail's log files go to a folder of that name.
    /// AWS's wording is not recorded.
    static func validateBucketName(_ name: String) throws(ServiceError) {
        let allowed = name.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.lowercaseLetters.contains($0)
            || CharacterSet.decimalDigits.contains($0) || $0 == "." || $0 == "-") }
        guard (3...63).contains(name.count), allowed, let first = name.first, let last = name.last,
              first.isLetter || first.isNumber, last.isLetter || last.isNumber, !name.contains("..") else {
            throw ServiceError(code: "InvalidS3BucketNameException", message: "Bucket name is not valid: \(name)")
        }
    }

    /// The checks the service model cannot make of selectors. AWS's wording is not recorded.
    static func validateSelectors(eventSelectors: JSONValue?, advancedEventSelectors: JSONValue?) throws(ServiceError) {
        func invalid(_ message: String) -> ServiceError { ServiceError(code: "InvalidEventSelectorsException", message: message) }
        guard (eventSelectors == nil) != (advancedEventSelectors == nil) else {
            throw ServiceError(
                code: "InvalidParameterCombinationException",
                message: "Specify either EventSelectors or AdvancedEventSelectors, not both.")
        }
        if let selectors = eventSelectors?.arrayValue, selectors.count > 5 {
            throw invalid("A trail can have at most 5 event selectors.")
        }
        for selector in advancedEventSelectors?.arrayValue ?? [] {
            let fields = (selector["FieldSelectors"]?.arrayValue ?? []).compactMap { $0["Field"]?.stringValue }
            if let unknown = fields.first(where: { !TrailSelectors.advancedFields.contains($0) }) {
                throw invalid("Invalid field: \(unknown).")
            }
            if !fields.contains("eventCategory") { throw invalid("Each advanced event selector must have an eventCategory field.") }
        }
    }

    /// Selectors as CloudTrail keeps them: every member present, with its default.
    static func completedEventSelectors(_ selectors: JSONValue) -> JSONValue {
        .array((selectors.arrayValue ?? []).map { selector in
            .structure([
                "ReadWriteType": selector["ReadWriteType"] ?? JSONValue("All"),
                "IncludeManagementEvents": selector["IncludeManagementEvents"] ?? .bool(true),
                "DataResources": selector["DataResources"] ?? .array([]),
                "ExcludeManagementEventSources": selector["ExcludeManagementEventSources"] ?? .array([]),
            ])
        })
    }

    /// A trail as a request names it: by name in the caller's Region, or by ARN.
    struct TrailReference {
        var name: String
        var owner: Caller
        var byArn: Bool

        func names(_ trail: Trail) -> Bool {
            trail.name == name && (!byArn || trail.owner == owner)
        }

        var shown: String { byArn ? Trail.arn(name, owner) : name }
    }

    static func trailReference(_ nameOrArn: String, _ caller: Caller) throws(ServiceError) -> TrailReference {
        guard nameOrArn.hasPrefix("arn:") else {
            try validateTrailName(nameOrArn)
            return TrailReference(name: nameOrArn, owner: caller, byArn: false)
        }
        let fields = nameOrArn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard fields.count == 6, fields[2] == "cloudtrail", fields[5].hasPrefix("trail/") else {
            throw ServiceError(code: "CloudTrailARNInvalidException", message: "Invalid ARN: \(nameOrArn)")
        }
        return TrailReference(
            name: String(fields[5].dropFirst("trail/".count)), owner: Caller(account: String(fields[4]), region: String(fields[3])),
            byArn: true)
    }

    /// The trail a read names: one whose home is the caller's Region, or a
    /// multi-Region trail of the account.
    static func requireVisibleTrail(_ reference: TrailReference, _ caller: Caller, in store: any TrailReader) async throws -> Trail {
        let trails = try await store.trails(account: caller.account).filter(reference.names)
        guard let trail = trails.first(where: { $0.owner.region == caller.region }) ?? trails.first(where: \.isMultiRegionTrail) else {
            throw trailNotFound(reference, caller)
        }
        return trail
    }

    /// The trail a change names, which must be made in its home Region.
    static func requireHomeTrail(_ reference: TrailReference, _ caller: Caller, in store: any TrailReader) async throws -> Trail {
        let trail = try await requireVisibleTrail(reference, caller, in: store)
        guard trail.owner.region == caller.region else {
            // AWS's wording is not recorded.
            throw ServiceError(
                code: "InvalidHomeRegionException",
                message: "This operation must be called from the trail's home region, \(trail.owner.region).")
        }
        return trail
    }

    /// moto's record of AWS's words.
    static func trailNotFound(_ reference: TrailReference, _ caller: Caller) -> ServiceError {
        ServiceError(code: "TrailNotFoundException", message: "Unknown trail: \(reference.shown) for the user: \(caller.account)")
    }
}
