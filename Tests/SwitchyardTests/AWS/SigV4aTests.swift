import Crypto
import Foundation
import Switchyard
import Testing

/// SigV4a as the SDKs sign with it: a signature botocore made (through the AWS CRT)
/// for a PutEvents through a global endpoint.
struct SigV4aTests {
    let credentials = AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
    let body = #"{"Entries":[{"Source":"a","DetailType":"b","Detail":"{}"}],"EndpointId":"abcde.veo"}"#
    let signature = "3044022059133119584d914faab69d35ad83f50fe6f036605f450bbf45525baa3373584c0220634f353d73485dc56b3474fd36832c5f44e1e30a897b78489234072bd8994387"

    func isValid(signature: String? = nil, body: String? = nil, secret: String? = nil, regionSet: String = "*") -> Bool {
        let headers = [
            ("content-type", "application/x-amz-json-1.1"), ("host", "127.0.0.1:4566"), ("x-amz-date", "20261130T120000Z"),
            ("x-amz-region-set", regionSet), ("x-amz-target", "AWSEvents.PutEvents"),
        ]
        var credentials = credentials
        if let secret { credentials.secretAccessKey = secret }
        return SigV4a.isValid(
            signature: signature ?? self.signature, credentials: credentials, service: "events", method: "POST", path: "/",
            query: [], signedHeaders: headers, payloadHash: SigV4.hex(SHA256.hash(data: Data((body ?? self.body).utf8))),
            amzDate: "20261130T120000Z")
    }

    @Test func aSignatureTheSDKsMadeIsValid() {
        #expect(isValid())
    }

    @Test func aTamperedRequestOrAnotherSecretIsNot() {
        #expect(!isValid(body: body.replacingOccurrences(of: "abcde", with: "fghij")))
        #expect(!isValid(secret: "another-secret"))
        #expect(!isValid(regionSet: "us-east-1"))
        #expect(!isValid(signature: "3044"))
        #expect(!isValid(signature: "not hex"))
    }
}
