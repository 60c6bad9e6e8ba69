/// The INI files the AWS SDKs share: `[section]` headers and `key = value` lines.
/// A key with no value opens a nested block: the indented lines after it are kept
/// as `key.nested` (`sns.endpoint_url`).
public enum AWSConfigFile {
    public static func sections(_ text: String) -> [String: [String: String]] {
        var sections: [String: [String: String]] = [:]
        var current: String?
        var block: String?
        for line in text.split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix(";") { continue }
            if trimmed.hasPrefix("["), trimmed.hasSuffix("]") {
                current = String(trimmed.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
                block = nil
                continue
            }
            guard let current, let equals = trimmed.firstIndex(of: "=") else { continue }
            let key = trimmed[..<equals].trimmingCharacters(in: .whitespaces)
            let value = trimmed[trimmed.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            let isNested = line.first?.isWhitespace == true
            if isNested, let block {
                sections[current, default: [:]]["\(block).\(key)"] = value
            } else {
                sections[current, default: [:]][key] = value
                block = value.isEmpty ? key : nil
            }
        }
        return sections
    }
}
