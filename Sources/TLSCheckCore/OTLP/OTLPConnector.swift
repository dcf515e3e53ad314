/// `validate --connect`: one real connection per client endpoint with exactly its TLS settings.
/// (Wired to the probe core once it is merged.)
public struct OTLPConnector: Sendable {
    public var timeout: Double

    public init(timeout: Double = 5) { self.timeout = timeout }

    public func connect(_ endpoints: [OTLPEndpoint]) -> [Finding] { [] }
}
