import Crypto
import EventPatterns
import Foundation

/// The MD5 digests SQS returns so clients can check what arrived; botocore verifies them.
enum MessageDigest {
    static func md5(of text: String) -> String {
        hex(Insecure.MD5.hash(data: Array(text.utf8)))
    }

    /// SQS's digest of message attributes: each attribute, sorted by name, as its
    /// length-prefixed name, data type, a transport byte (1 string, 2 binary) and
    /// length-prefixed value.
    static func md5(ofMessageAttributes attributes: JSONValue) -> String? {
        guard let members = attributes.members, !members.isEmpty else { return nil }
        var bytes: [UInt8] = []
        func append(_ field: [UInt8]) {
            withUnsafeBytes(of: UInt32(field.count).bigEndian) { bytes.append(contentsOf: $0) }
            bytes.append(contentsOf: field)
        }
        for member in members.sorted(by: { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }) {
            append(Array(member.key.utf8))
            append(Array((member.value["DataType"]?.stringValue ?? "").utf8))
            if let binary = member.value["BinaryValue"]?.stringValue {
                bytes.append(2)
                append(Array(Data(base64Encoded: binary) ?? Data()))
            } else {
                bytes.append(1)
                append(Array((member.value["StringValue"]?.stringValue ?? "").utf8))
            }
        }
        return hex(Insecure.MD5.hash(data: bytes))
    }

    static func hex(_ digest: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in digest {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
