/// The files one container sees through its volume mounts (kubernetes.md §5): a Secret or ConfigMap
/// volume puts every key at `mountPath/key` (with `items`, only the listed keys, each at its
/// `path`); a projected volume merges several; `subPath` mounts a single entry at `mountPath`. The
/// table answers what a path is — and, as `reader`, serves the keys' bytes to the configuration
/// checks in place of the local disk.
struct MountTable: Sendable {
    struct Mount: Sendable {
        var path: String
        var volume: String
        var subPath: String?
        var location: Location
        var sources: [Source]
        /// The kind of a volume that is not a Secret or ConfigMap (`emptyDir`); nil otherwise.
        var otherKind: String?
        /// A projected volume that also holds files tlscheck cannot see (a service account token).
        var hasOtherSources = false
    }

    /// Where the API server mounts every pod's service account token, CA and namespace unless the
    /// pod says otherwise: files tlscheck cannot see, never "not mounted".
    static let serviceAccountFolder = "/var/run/secrets/kubernetes.io/serviceaccount"

    /// Folders whose files come with the pod or the image: the service account folder, and the system
    /// trust stores of Debian, Alpine, RHEL and their kin (a `ca_file` of the system bundle).
    static let imageFolders = [serviceAccountFolder, "/etc/ssl", "/etc/pki", "/usr/share/ca-certificates", "/etc/ca-certificates"]


    /// One Secret or ConfigMap of a volume, as the input has it.
    struct Source: Sendable {
        enum State: Sendable {
            case present(DataObject)
            /// Not in the input; a cert-manager Certificate of the input may write it.
            case missing(ObjectName, CertManagerCertificate?)
            /// Only in another namespace, where the pod cannot read it.
            case elsewhere(DataObject)
        }
        var state: State
        var items: [(key: String, path: String)]?
        var optional: Bool

        var name: ObjectName {
            switch state {
            case .present(let object), .elsewhere(let object): object.name
            case .missing(let name, _): name
            }
        }
    }

    /// What a path in the container is.
    enum Resolution {
        case entry(DataObject, key: String, DataEntry, Mount)
        /// A mount point: a folder.
        case folder(Mount)
        /// The object is there, the key is not (or `items` does not put anything at this path).
        case missingKey(ObjectName, key: String, Mount, listed: [String]?)
        case missingObject(ObjectName, key: String, Mount, CertManagerCertificate?)
        case elsewhere(ObjectName, Mount)
        case otherVolume(kind: String, Mount)
        case notMounted
        /// A relative path (it depends on the working directory of the image), one in the service
        /// account folder the API server mounts, or in the image's system trust store: files tlscheck
        /// cannot see, and no mistake.
        case unseen
    }

    /// `container exporter of Deployment monitoring/exporter`, for messages.
    var container: String
    var mounts: [Mount]

    /// The mount serving `path` (the deepest one) and the path inside its volume.
    func resolve(_ path: String) -> Resolution {
        guard path.hasPrefix("/") else { return .unseen }
        let path = Self.normalize(path)
        let candidates = mounts.filter { path == $0.path || path.hasPrefix($0.path == "/" ? "/" : $0.path + "/") }
        guard let mount = candidates.max(by: { $0.path.count < $1.path.count }) else {
            return Self.imageFolders.contains { path.hasPrefix($0 + "/") } ? .unseen : .notMounted
        }
        var relative = path == mount.path ? "" : String(path.dropFirst(mount.path == "/" ? 1 : mount.path.count + 1))
        if let subPath = mount.subPath { relative = relative.isEmpty ? subPath : subPath + "/" + relative }
        if relative.isEmpty { return .folder(mount) }
        if let kind = mount.otherKind { return .otherVolume(kind: kind, mount) }
        var fallback: Resolution?
        for source in mount.sources {
            let key: String
            if let items = source.items {
                guard let item = items.first(where: { Self.normalize("/" + $0.path) == "/" + relative }) else { continue }
                key = item.key
            } else {
                guard !relative.contains("/") else { continue }
                key = relative
            }
            switch source.state {
            case .present(let object):
                if let entry = object.entries[key] { return .entry(object, key: key, entry, mount) }
                if source.items != nil || fallback == nil { fallback = .missingKey(object.name, key: key, mount, listed: nil) }
            case .missing(let name, let certificate):
                fallback = .missingObject(name, key: key, mount, certificate)
            case .elsewhere(let object):
                fallback = .elsewhere(object.name, mount)
            }
        }
        if let fallback { return fallback }
        if mount.hasOtherSources { return .otherVolume(kind: "projected", mount) }
        let listed = mount.sources.flatMap { $0.items?.map(\.path) ?? [] }
        return .missingKey(mount.sources.first?.name ?? ObjectName(kind: "volume", namespace: nil, name: mount.volume),
                           key: relative, mount, listed: listed.isEmpty ? nil : listed)
    }

    /// Why `path` cannot be read, as a finding says it; nil when its bytes are there. A nil `check`
    /// inside: said once elsewhere (the volume's object not in the input, a bad base64 value).
    func failure(_ resolution: Resolution) -> FileReadFailure? {
        switch resolution {
        case .entry(_, _, let entry, _):
            return entry.bytes == nil ? FileReadFailure(nil, reason: "its value is not usable") : nil
        case .folder(let mount):
            return FileReadFailure(.fileIsFolder, reason: "is where volume \(mount.volume) is mounted, a folder",
                                   hint: "name a file inside it")
        case .missingKey(let object, let key, let mount, let listed):
            if let listed {
                return FileReadFailure(
                    .objectKeyMissing, reason: "volume \(mount.volume) (mounted at \(mount.path)) holds only \(listed.joined(separator: ", ")) from \(object); nothing is at this path",
                    hint: "add an item for it to the volume, or name one of those files")
            }
            return FileReadFailure(
                .objectKeyMissing, reason: "\(object) (volume \(mount.volume), mounted at \(mount.path)) has no key \(key)",
                hint: "add the key \(key) to \(object), or name a key it has")
        case .missingObject(let name, let key, let mount, let certificate):
            if let certificate, certificate.willHold(key) == false {
                return FileReadFailure(
                    .objectKeyMissing,
                    reason: "\(name) (volume \(mount.volume)) is written by \(certificate.name), and \(Self.whyNoKey(key, certificate))",
                    hint: key == "ca.crt" ? "use the CA bundle of the issuer's root instead (ACME: the public roots, i.e. no CA file)" : nil)
            }
            return FileReadFailure(nil, reason: "\(name) is not in the input")
        case .elsewhere, .otherVolume, .unseen:
            return FileReadFailure(nil, reason: "not in the input")
        case .notMounted:
            return FileReadFailure(
                .pathNotMounted, reason: "no volume of \(container) is mounted there, so it would come from the image, which tlscheck cannot see",
                hint: "mount the Secret or ConfigMap that holds it at that folder, or change the path to where it is mounted")
        }
    }

    /// Why a cert-manager Secret lacks `key` (kubernetes.md §6).
    static func whyNoKey(_ key: String, _ certificate: CertManagerCertificate) -> String {
        if key == "ca.crt" && certificate.issuerType == .acme {
            return "its issuer \(certificate.issuer) is an ACME issuer, which returns no CA: the Secret has no ca.crt"
        }
        return "cert-manager writes only tls.crt, tls.key and ca.crt, not \(key)"
    }

    /// The container's files, for the configuration checks.
    var reader: FileReader {
        let table = self
        return FileReader(
            read: { path, limit in
                let resolution = table.resolve(path)
                if let failure = table.failure(resolution) { return .failure(failure) }
                guard case .entry(_, _, let entry, _) = resolution, let bytes = entry.bytes else {
                    return .failure(FileReadFailure(nil, reason: ""))
                }
                if bytes.count > limit {
                    return .failure(FileReadFailure(.fileUnreadable, reason: "is \(bytes.count) bytes, more than the \(limit >> 20) MiB limit"))
                }
                return .success(bytes)
            },
            entries: { folder in table.entries(in: folder) })
    }

    /// The file names a folder of the container holds through its mounts.
    func entries(in folder: String) -> [String] {
        let folder = Self.normalize(folder)
        guard let mount = mounts.first(where: { $0.path == folder && $0.subPath == nil }) else { return [] }
        return mount.sources.flatMap { source -> [String] in
            if let items = source.items { return items.map(\.path).filter { !$0.contains("/") } }
            if case .present(let object) = source.state { return object.entries.keys.sorted() }
            return []
        }
    }

    /// Without repeated slashes, `.` segments and a trailing slash.
    static func normalize(_ path: String) -> String {
        let utf8 = path.utf8
        if utf8.first == UInt8(ascii: "/"), utf8.count == 1 || utf8.last != UInt8(ascii: "/"), !path.contains("//"),
            !path.contains("/./"), !path.hasSuffix("/.")
        {
            return path  // already plain: the usual case
        }
        let parts = path.split(separator: "/").filter { $0 != "." }
        return "/" + parts.joined(separator: "/")
    }
}
