/// Facts of a configuration checked inside a manifest, moved to the manifest: every location through
/// `move` (`EmbeddedText.relocate`), every file through `material` (the container's mounts).
extension TLSServer {
    func relocated(_ move: (Location) -> Location, material: (MaterialReference) -> MaterialReference) -> TLSServer {
        var server = self
        server.origin = move(origin)
        server.certificate = certificate.map { material($0.relocated(move)) }
        server.key = key.map { material($0.relocated(move)) }
        server.clientCA = clientCA.map { material($0.relocated(move)) }
        server.clientAuth = clientAuth?.relocated(move)
        server.allowedSANs = allowedSANs?.relocated(move)
        server.basicAuthLocation = basicAuthLocation.map(move)
        server.minVersion = minVersion?.relocated(move)
        server.maxVersion = maxVersion?.relocated(move)
        return server
    }
}

extension TLSClient {
    func relocated(_ move: (Location) -> Location, material: (MaterialReference) -> MaterialReference) -> TLSClient {
        var client = self
        client.origin = move(origin)
        client.schemeLocation = schemeLocation.map(move)
        client.trust = trust.map { material($0.relocated(move)) }
        client.serverName = serverName?.relocated(move)
        client.certificate = certificate.map { material($0.relocated(move)) }
        client.key = key.map { material($0.relocated(move)) }
        client.skipVerify = skipVerify?.relocated(move)
        client.minVersion = minVersion?.relocated(move)
        client.maxVersion = maxVersion?.relocated(move)
        client.settingsLocation = settingsLocation.map(move)
        if var auth = basicAuth {
            auth.location = move(auth.location)
            client.basicAuth = auth
        }
        return client
    }
}

extension Stated {
    func relocated(_ move: (Location) -> Location) -> Stated {
        Stated(value, at: move(location))
    }
}

extension MaterialReference {
    func relocated(_ move: (Location) -> Location) -> MaterialReference {
        switch self {
        case .source(.file(let path, let at)): .source(.file(path: path, at: move(at)))
        case .source(.inline(let pem, let at)): .source(.inline(pem: pem, at: move(at)))
        case .source(.decoded(let bytes, let name, let at)): .source(.decoded(bytes: bytes, name: name, at: move(at)))
        case .external(let what, let at): .external(what: what, at: move(at))
        case .objectKey(let key, let at): .objectKey(key, at: move(at))
        case .scraperFile(let path, let at): .scraperFile(path: path, at: move(at))
        }
    }
}
