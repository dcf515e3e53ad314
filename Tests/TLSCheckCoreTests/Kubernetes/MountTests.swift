import Foundation
import Testing

@testable import TLSCheckCore

/// Files through a container's mounts: every way a volume puts keys into files, and every way a path
/// can fail to be one.
@Suite struct MountTests {
    /// A pod with one container and `volumes`/`mounts`, plus `objects`; the mount table of its container.
    func table(_ objects: String, mounts: String, volumes: String) throws -> (MountTable, ManifestResolver) {
        let yaml = objects + """

            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: p, namespace: ns}
            spec:
              containers:
              - name: c
                volumeMounts:
            \(mounts)
              volumes:
            \(volumes)
            """
        let inventory = try Manifests.inventory(yaml)
        let resolver = ManifestResolver(inventory: inventory, context: Manifests.context)
        let pod = try #require(inventory.pods.first)
        return (resolver.table(pod, pod.containers[0]), resolver)
    }

    static let objects = """
        apiVersion: v1
        kind: Secret
        metadata: {name: tls, namespace: ns}
        stringData: {tls.crt: CERT, tls.key: KEY, ca.crt: CA}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: conf, namespace: ns}
        data: {web.yml: "basic_auth_users: {}", other.yml: x}
        """

    func bytes(_ table: MountTable, _ path: String) -> String? {
        guard case .success(let bytes) = table.reader.read(path) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func wholeVolumesItemsSubPathAndProjected() throws {
        let (table, _) = try table(Self.objects, mounts: """
                - {name: tls, mountPath: /etc/tls/}
                - {name: picked, mountPath: /etc/picked}
                - {name: conf, mountPath: /etc/web/web.yml, subPath: web.yml}
                - {name: all, mountPath: /etc/all}
            """, volumes: """
              - {name: tls, secret: {secretName: tls}}
              - name: picked
                secret:
                  secretName: tls
                  items: [{key: tls.crt, path: certs/server.pem}]
              - {name: conf, configMap: {name: conf}}
              - name: all
                projected:
                  sources:
                  - secret: {name: tls, items: [{key: ca.crt, path: ca.pem}]}
                  - configMap: {name: conf}
            """)
        #expect(bytes(table, "/etc/tls/tls.crt") == "CERT")
        #expect(bytes(table, "/etc//tls/./tls.key") == "KEY")
        #expect(bytes(table, "/etc/picked/certs/server.pem") == "CERT")
        #expect(bytes(table, "/etc/web/web.yml") == "basic_auth_users: {}")
        #expect(bytes(table, "/etc/all/ca.pem") == "CA")
        #expect(bytes(table, "/etc/all/other.yml") == "x")
        #expect(table.entries(in: "/etc/tls").sorted() == ["ca.crt", "tls.crt", "tls.key"])
        #expect(table.entries(in: "/etc/all").sorted() == ["ca.pem", "other.yml", "web.yml"])
    }

    @Test func whyAPathCannotBeRead() throws {
        let (table, _) = try table(Self.objects, mounts: """
                - {name: tls, mountPath: /etc/tls}
                - {name: picked, mountPath: /etc/picked}
                - {name: gone, mountPath: /etc/gone}
                - {name: scratch, mountPath: /tmp/scratch}
                - {name: sa, mountPath: /etc/sa}
            """, volumes: """
              - {name: tls, secret: {secretName: tls}}
              - {name: picked, secret: {secretName: tls, items: [{key: tls.crt, path: tls.crt}]}}
              - {name: gone, secret: {secretName: not-given}}
              - {name: scratch, emptyDir: {}}
              - name: sa
                projected:
                  sources:
                  - serviceAccountToken: {path: token}
                  - configMap: {name: conf, items: [{key: web.yml, path: ca.crt}]}
            """)
        func failure(_ path: String) -> FileReadFailure? {
            if case .failure(let failure) = table.reader.read(path) { return failure }
            return nil
        }
        #expect(failure("/etc/other/tls.crt")?.check == .pathNotMounted)
        #expect(failure("/etc/other/tls.crt")?.reason.contains("container c of Pod ns/p") == true)
        #expect(failure("/etc/tls/missing.crt")?.check == .objectKeyMissing)
        #expect(failure("/etc/tls/missing.crt")?.reason == "Secret ns/tls (volume tls, mounted at /etc/tls) has no key missing.crt")
        #expect(failure("/etc/picked/tls.key")?.reason.contains("holds only tls.crt") == true)
        #expect(failure("/etc/tls")?.check == .fileIsFolder)
        // Said elsewhere, once: the Secret not in the input, what an emptyDir holds, a relative path;
        // the service account folder the API server mounts, a projected token beside a ConfigMap.
        for quiet in ["/etc/gone/tls.crt", "/tmp/scratch/x.pem", "certs/x.pem", "/var/run/secrets/kubernetes.io/serviceaccount/token",
                      "/etc/sa/token", "/etc/ssl/certs/ca-certificates.crt"] {
            #expect(failure(quiet) != nil && failure(quiet)?.check == nil, "\(quiet)")
        }
    }

    @Test func volumeFindingsWithPassingCases() throws {
        let findings = Manifests.findings(Self.objects + """

            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: elsewhere, namespace: other}
            data: {a: b}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: p, namespace: ns}
            spec:
              containers:
              - name: c
                volumeMounts:
                - {name: tls, mountPath: /etc/tls}
                - {name: typo, mountPath: /etc/typo}
                env:
                - name: FROM_SECRET
                  valueFrom: {secretKeyRef: {name: tls, key: password}}
                - name: OPTIONAL
                  valueFrom: {secretKeyRef: {name: tls, key: password, optional: true}}
                - name: FINE
                  valueFrom: {configMapKeyRef: {name: conf, key: other.yml}}
              volumes:
              - name: tls
                secret:
                  secretName: tls
                  items: [{key: tls.crt, path: tls.crt}, {key: nope, path: nope}]
              - {name: missing1, secret: {secretName: absent}}
              - {name: missing2, secret: {secretName: absent}}
              - {name: moved, configMap: {name: elsewhere}}
              - {name: optional, secret: {secretName: tls, optional: true, items: [{key: nope, path: nope}]}}
            """)
        #expect(findings.codes.sorted() == [
            "object-in-other-namespace", "object-key-missing", "object-key-missing", "object-not-in-input", "volume-missing",
        ])
        #expect(findings.with("object-not-in-input").count == 1)  // once per object, however often it is used
        #expect(findings.with("object-not-in-input")[0].severity == .info)
        #expect(findings.with("object-key-missing").compactMap(\.location.line).sorted() == [26, 36])
        #expect(findings.with("object-key-missing").contains { $0.message.contains("CreateContainerConfigError") })
        #expect(findings.with("volume-missing")[0].message.contains("volume typo"))
    }

    @Test func subPathCertificatesNeverRenew() throws {
        let findings = Manifests.findings(Self.objects + """

            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: p, namespace: ns}
            spec:
              containers:
              - name: c
                volumeMounts:
                - {name: tls, mountPath: /etc/tls/tls.crt, subPath: tls.crt}
                - {name: conf, mountPath: /etc/web.yml, subPath: web.yml}
                - {name: tls, mountPath: /etc/tls-dir}
              volumes:
              - {name: tls, secret: {secretName: tls}}
              - {name: conf, configMap: {name: conf}}
            """)
        #expect(findings.codes == ["subpath-certificate"])
        #expect(findings[0].location.line == 18)
        #expect(findings[0].message.contains("tls.crt of Secret ns/tls"))
    }
}
