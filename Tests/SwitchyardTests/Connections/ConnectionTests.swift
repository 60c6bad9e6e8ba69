import EventPatterns
import Foundation
import Logging
import Switchyard
import SwitchyardSQLite
import Testing

struct ConnectionTests {
    let caller = Caller(account: "111111111111", region: "eu-west-1")
    let clock = TestClock()
    let secrets = SecretBox.ephemeral()
    let backend: Backend

    init() throws {
        backend = Backend(store: try SQLiteStore.temporary(), logger: Logger(label: "test"), clock: clock, secrets: secrets)
    }

    let basic = #"{"BasicAuthParameters":{"Username":"ada","Password":"s3cret-pass"},"InvocationHttpParameters":{"HeaderParameters":[{"Key":"x-open","Value":"shown","IsValueSecret":false},{"Key":"x-hidden","Value":"hidden-value","IsValueSecret":true}]}}"#

    func create(
        _ name: String = "c", type: Connection.AuthorizationType = .basic, parameters: String? = nil, connectivity: String? = nil
    ) async throws -> Connection {
        try await backend.controlPlane.createConnection(
            name, description: nil, authorizationType: type, authParameters: try JSONParser.parse(parameters ?? basic),
            invocationConnectivity: try connectivity.map { try JSONParser.parse($0) }, caller: caller)
    }

    func update(_ name: String, parameters: String? = nil, connectivity: String? = nil) async throws -> Connection {
        try await backend.controlPlane.updateConnection(
            name, description: nil, authorizationType: nil, authParameters: try parameters.map { try JSONParser.parse($0) },
            invocationConnectivity: try connectivity.map { try JSONParser.parse($0) }, caller: caller)
    }

    static let configuration = "arn:aws:vpc-lattice:eu-west-1:111111111111:resourceconfiguration/rcfg-0123456789abcdef0"
    static let privately = #"{"ResourceParameters":{"ResourceConfigurationArn":"\#(configuration)"}}"#

    @Test func aConnectionKeepsItsSecretsSealedAndShowsNone() async throws {
        let created = try await create()
        #expect(created.state == .authorized)
        #expect(created.arn.hasPrefix("arn:aws:events:eu-west-1:111111111111:connection/c/"))
        let described = try await backend.controlPlane.describeConnection("c", caller: caller)
        let shown = described.shownParameters.jsonText
        #expect(!shown.contains("s3cret-pass") && !shown.contains("hidden-value"))
        #expect(shown.contains("ada") && shown.contains("x-hidden") && shown.contains("shown"))
        #expect(!String(decoding: described.sealedParameters, as: UTF8.self).contains("s3cret-pass"))
        #expect(try JSONParser.parse(try secrets.open(described.sealedParameters)) == (try JSONParser.parse(basic)))
        #expect(described.secretArn.hasPrefix("arn:aws:secretsmanager:eu-west-1:111111111111:secret:events!connection/c/"))
    }

    @Test func oauthConnectionsStartAuthorizingAndDeauthorizingTakesAuthorizationAway() async throws {
        let oauth = try await create("o", type: .oauthClientCredentials, parameters: #"{"OAuthParameters":{"ClientParameters":{"ClientID":"id","ClientSecret":"sh"},"AuthorizationEndpoint":"https://auth/token","HttpMethod":"POST"}}"#)
        #expect(oauth.state == .authorizing)
        #expect(try await backend.controlPlane.deauthorizeConnection("o", caller: caller).state == .deauthorizing)
        #expect(try await backend.controlPlane.describeConnection("o", caller: caller).state == .deauthorized)
    }

    @Test func updatingMergesParametersAndReauthorizes() async throws {
        _ = try await create()
        _ = try await backend.controlPlane.deauthorizeConnection("c", caller: caller)
        let updated = try await backend.controlPlane.updateConnection(
            "c", description: "now described", authorizationType: nil,
            authParameters: try JSONParser.parse(#"{"BasicAuthParameters":{"Password":"new-pass"}}"#), invocationConnectivity: nil,
            caller: caller)
        #expect(updated.state == .authorized)
        let parameters = try JSONParser.parse(try secrets.open(updated.sealedParameters))
        #expect(parameters["BasicAuthParameters"]?["Username"]?.stringValue == "ada")
        #expect(parameters["BasicAuthParameters"]?["Password"]?.stringValue == "new-pass")
    }

    @Test func aConnectionToAPrivateAPIIsActiveWithAResourceAssociation() async throws {
        let created = try await create(connectivity: Self.privately)
        #expect(created.state == .active)
        #expect(created.lastAuthorizedTime != nil)
        let resource = try #require(created.invocationConnectivity?["ResourceParameters"])
        #expect(resource["ResourceConfigurationArn"]?.stringValue == Self.configuration)
        let association = try #require(resource["ResourceAssociationArn"]?.stringValue)
        #expect(association.wholeMatch(
            of: /arn:aws:vpc-lattice:eu-west-1:111111111111:servicenetworkresourceassociation\/snra-[0-9a-z]{17}/) != nil)

        let updated = try await update("c", parameters: #"{"BasicAuthParameters":{"Password":"other"}}"#)
        #expect(updated.state == .active)
        #expect(updated.invocationConnectivity == created.invocationConnectivity, "the same configuration keeps its association")
        let madePublic = try await update("c", connectivity: #"{"ResourceParameters":{"ResourceConfigurationArn":""}}"#)
        #expect((madePublic.state, madePublic.invocationConnectivity) == (.authorized, nil))
    }

    @Test func aPrivateOAuthEndpointIsShownWithItsAssociation() async throws {
        let created = try await create("o", type: .oauthClientCredentials, parameters: #"{"OAuthParameters":{"ClientParameters":{"ClientID":"id","ClientSecret":"sh"},"AuthorizationEndpoint":"https://auth/token","HttpMethod":"POST"},"ConnectivityParameters":\#(Self.privately)}"#)
        #expect(created.state == .authorizing)
        let shown = try #require(created.shownParameters["ConnectivityParameters"]?["ResourceParameters"])
        #expect(shown["ResourceConfigurationArn"]?.stringValue == Self.configuration)
        #expect(shown["ResourceAssociationArn"]?.stringValue?.contains(":servicenetworkresourceassociation/snra-") == true)
    }

    @Test func refusalsUseAWSsWords() async throws {
        let missing = await #expect(throws: ServiceError.self) { _ = try await backend.controlPlane.describeConnection("nope", caller: caller) }
        #expect(missing?.message == "Failed to describe the connection(s). Connection 'nope' does not exist.")
        let noBlock = await #expect(throws: ServiceError.self) { _ = try await create("k", type: .apiKey) }
        #expect(noBlock?.code == "ValidationException")
        _ = try await create()
        let twice = await #expect(throws: ServiceError.self) { _ = try await create() }
        #expect(twice?.code == "ResourceAlreadyExistsException")
    }

    @Test func anApiDestinationNeedsAConnectionOfTheCaller() async throws {
        let connection = try await create()
        let definition = ControlPlane.ApiDestinationDefinition(
            connectionArn: connection.arn, invocationEndpoint: "https://hooks.example/orders/*", httpMethod: "POST",
            invocationRateLimitPerSecond: 10)
        let destination = try await backend.controlPlane.createApiDestination("hook", definition, caller: caller)
        #expect(destination.state == .active)
        #expect(destination.arn.hasPrefix("arn:aws:events:eu-west-1:111111111111:api-destination/hook/"))
        let updated = try await backend.controlPlane.updateApiDestination("hook", .init(httpMethod: "PUT"), caller: caller)
        #expect(updated.httpMethod == "PUT" && updated.invocationEndpoint == "https://hooks.example/orders/*")
        var elsewhere = definition
        elsewhere.connectionArn = "arn:aws:events:eu-west-1:111111111111:connection/ghost/0a1b"
        await #expect(throws: ServiceError.self) { _ = try await backend.controlPlane.createApiDestination("other", elsewhere, caller: caller) }
        try await backend.controlPlane.deleteApiDestination("hook", caller: caller)
        let gone = await #expect(throws: ServiceError.self) { _ = try await backend.controlPlane.describeApiDestination("hook", caller: caller) }
        #expect(gone?.message == "Failed to describe the api-destination(s). An api-destination 'hook' does not exist.")
    }

    @Test func aSecretsKeyFileIsCreatedForItsOwnerAlone() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("secrets-\(UUID().uuidString).key")
        defer { try? FileManager.default.removeItem(at: file) }
        let first = try SecretBox.key(in: file)
        let permissions = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        #expect(permissions == 0o600)
        #expect(try SecretBox.key(in: file).open(try first.seal("kept")) == "kept")
        #expect(throws: (any Error).self) { try SecretBox.ephemeral().open(try first.seal("kept")) }
    }
}
