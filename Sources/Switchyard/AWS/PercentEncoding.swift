public import Foundation

extension CharacterSet {
    /// RFC 3986's unreserved characters, ASCII only (`alphanumerics` would keep
    /// `é`): all that AWS signing, query strings and forms leave unescaped.
    public static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~")
}

extension String {
    /// Every byte but the unreserved characters (and those of `also`) escaped.
    public func percentEncoded(keeping also: String = "") -> String {
        addingPercentEncoding(withAllowedCharacters: also.isEmpty ? .unreserved : .unreserved.union(CharacterSet(charactersIn: also)))
            ?? self
    }
}

/// `name=value&…`, both escaped: a query string or a form body.
public func formEncoded(_ pairs: [(String, String)]) -> String {
    pairs.map { "\($0.0.percentEncoded())=\($0.1.percentEncoded())" }.joined(separator: "&")
}
