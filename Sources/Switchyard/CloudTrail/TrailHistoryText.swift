/// A recorded call's resources as one text column, so that both stores look them
/// up by type or name with a substring search: each resource is a line
/// `type<TAB>name`, and the text starts with a newline.
public enum TrailHistoryText {
    public static func text(_ resources: [CloudTrailRecord.Resource]) -> String {
        "\n" + resources.map { "\($0.type)\t\($0.name)\n" }.joined()
    }

    public static func resources(_ text: String) -> [CloudTrailRecord.Resource] {
        text.split(separator: "\n").compactMap { line in
            let parts = line.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)
            return parts.count == 2 ? CloudTrailRecord.Resource(type: String(parts[0]), name: String(parts[1])) : nil
        }
    }

    /// What the text holds where a resource has this type.
    public static func typeToken(_ type: String) -> String { "\n\(type)\t" }

    /// What the text holds where a resource has this name.
    public static func nameToken(_ name: String) -> String { "\t\(name)\n" }
}
