public import Hummingbird
public import NIOCore

/// A request's context: Hummingbird's, with the address the request came from,
/// which CloudTrail records as `sourceIPAddress`, and the caller authentication found.
public struct APIRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?
    var identity: Authentication.Identity?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }
}
