import Foundation
import Switchyard
@testable import SwitchyardTargets
import Testing

struct SigV4Tests {
    /// AWS's own test vector `get-vanilla` (from the Signature Version 4 test suite).
    @Test func signsAWSsVanillaRequestAsAWSDoes() throws {
        let signer = SigV4(
            credentials: AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
            region: "us-east-1", service: "service")
        let date = try #require(ISO8601DateFormatter().date(from: "2015-08-30T12:36:00Z"))
        let headers = signer.sign(method: "GET", path: "/", headers: [("host", "example.amazonaws.com")], body: Data(), at: date)
        #expect(headers.first { $0.0 == "authorization" }?.1
            == "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")
        #expect(headers.first { $0.0 == "x-amz-date" }?.1 == "20150830T123600Z")
    }

    /// botocore's signatures for the same requests: every service but S3 escapes
    /// the escaped path again, and signs the query sorted and escaped.
    @Test(arguments: [
        ("lambda", "lambda.us-east-1.amazonaws.com",
         "/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Af/invocations", [(String, String)](),
         "2762ab54fdab6ff5f9e2819ab570d17e30a842fab3b0a721ecb19f20e10b433d"),
        ("execute-api", "abc123.execute-api.us-east-1.amazonaws.com", "/prod/orders/a%20b", [("z", "1"), ("a", "é x")],
         "3d12e646b0a4074f868eaabc0fe5407d51879a17722b2a5d31c4cce79959ef7d"),
    ])
    func signsEscapedPathsAndQueriesAsTheSDKsDo(
        _ service: String, _ host: String, _ path: String, _ query: [(String, String)], _ signature: String
    ) throws {
        let signer = SigV4(
            credentials: AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
            region: "us-east-1", service: service)
        let date = try #require(ISO8601DateFormatter().date(from: "2015-08-30T12:36:00Z"))
        let headers = signer.sign(method: "POST", path: path, query: query, headers: [("host", host)], body: Data("{}".utf8), at: date)
        #expect(headers.first { $0.0 == "authorization" }?.1.hasSuffix("Signature=\(signature)") == true)
    }

    @Test func aSessionTokenIsSentAndSigned() {
        let signer = SigV4(
            credentials: AWSCredentials(accessKeyId: "a", secretAccessKey: "s", sessionToken: "token"), region: "eu-west-1",
            service: "sns")
        let headers = signer.sign(method: "POST", path: "/", headers: [("host", "sns")], body: Data("x".utf8))
        #expect(headers.first { $0.0 == "x-amz-security-token" }?.1 == "token")
        #expect(headers.first { $0.0 == "authorization" }?.1.contains("SignedHeaders=host;x-amz-date;x-amz-security-token") == true)
    }
}

struct AWSConfigurationTests {
    @Test func credentialsComeFromTheEnvironmentThenTheSharedFile() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("credentials-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: file) }
        try """
            [default]
            aws_access_key_id = default-id
            aws_secret_access_key = default-secret

            [ci]
            aws_access_key_id=ci-id
            aws_secret_access_key=ci-secret
            aws_session_token=ci-token
            """.write(to: file, atomically: true, encoding: .utf8)
        #expect(AWSCredentials.standard(environment: ["AWS_ACCESS_KEY_ID": "env", "AWS_SECRET_ACCESS_KEY": "secret", "AWS_SHARED_CREDENTIALS_FILE": file.path])
            == AWSCredentials(accessKeyId: "env", secretAccessKey: "secret"))
        #expect(AWSCredentials.standard(environment: ["AWS_SHARED_CREDENTIALS_FILE": file.path])
            == AWSCredentials(accessKeyId: "default-id", secretAccessKey: "default-secret"))
        #expect(AWSCredentials.standard(environment: ["AWS_SHARED_CREDENTIALS_FILE": file.path, "AWS_PROFILE": "ci"])
            == AWSCredentials(accessKeyId: "ci-id", secretAccessKey: "ci-secret", sessionToken: "ci-token"))
        #expect(AWSCredentials.standard(environment: ["AWS_SHARED_CREDENTIALS_FILE": "/nonexistent"]) == nil)
    }

    @Test func endpointsFollowTheSDKsConvention() {
        let none = AWSEndpoints(environment: ["AWS_CONFIG_FILE": "/nonexistent"])
        #expect(none.endpoint(service: "SNS", hostPrefix: "sns", region: "eu-west-1").absoluteString == "https://sns.eu-west-1.amazonaws.com")
        let both = AWSEndpoints(environment: [
            "AWS_CONFIG_FILE": "/nonexistent", "AWS_ENDPOINT_URL": "http://moto:5000", "AWS_ENDPOINT_URL_LAMBDA": "http://sam:3001",
        ])
        #expect(both.endpoint(service: "LAMBDA", hostPrefix: "lambda", region: "us-east-1").absoluteString == "http://sam:3001")
        #expect(both.endpoint(service: "SNS", hostPrefix: "sns", region: "us-east-1").absoluteString == "http://moto:5000")
    }

    @Test func theConfigFileGivesEndpointsByServiceThenForTheProfile() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("config-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: file) }
        try """
            [profile local]
            services = local-services
            endpoint_url = http://localstack:4566

            [services local-services]
            lambda =
              endpoint_url = http://sam:3001
            cloudwatch_logs =
              endpoint_url = http://logs:4000
            """.write(to: file, atomically: true, encoding: .utf8)
        let configured = AWSEndpoints(environment: ["AWS_CONFIG_FILE": file.path, "AWS_PROFILE": "local"])
        #expect(configured.endpoint(service: "LAMBDA", hostPrefix: "lambda", region: "us-east-1").absoluteString == "http://sam:3001")
        #expect(configured.endpoint(service: "CLOUDWATCH_LOGS", hostPrefix: "logs", region: "us-east-1").absoluteString == "http://logs:4000")
        #expect(configured.endpoint(service: "SNS", hostPrefix: "sns", region: "us-east-1").absoluteString == "http://localstack:4566")
        let overridden = AWSEndpoints(environment: [
            "AWS_CONFIG_FILE": file.path, "AWS_PROFILE": "local", "AWS_ENDPOINT_URL": "http://moto:5000",
        ])
        #expect(overridden.endpoint(service: "LAMBDA", hostPrefix: "lambda", region: "us-east-1").absoluteString == "http://moto:5000")
        let otherProfile = AWSEndpoints(environment: ["AWS_CONFIG_FILE": file.path])
        #expect(otherProfile.endpoint(service: "LAMBDA", hostPrefix: "lambda", region: "us-east-1").absoluteString
            == "https://lambda.us-east-1.amazonaws.com")
    }
}
