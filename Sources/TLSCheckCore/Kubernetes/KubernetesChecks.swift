/// Checks of Kubernetes manifests themselves: Secrets and ConfigMaps, what containers mount and
/// name, kubelet probes' ports, cert-manager Certificates. Configurations embedded in them are
/// checked with the checks of their own kind, at the manifest line where their text is.
extension Check {
    static let kubernetesIntro = """
        Checks of Kubernetes manifests — a file, a folder or standard input with many documents, as `helm
        template`, `kustomize build` and `kubectl get -o yaml` print them; the objects of one run form one
        deployment. A web-config, Collector or Tempo configuration inside a Secret, a ConfigMap or an
        OpenTelemetryCollector is checked with every check of its kind, each finding at the manifest line
        where that text is. The files a configuration or a flag names (`--web.config.file`, `cert_file`,
        `--config`) are followed through the container's volume mounts to the Secret or ConfigMap key that
        holds them, whose certificates and keys then get every certificate check. What the input does not
        hold is said once, as a note: tlscheck could not check it. See docs/kubernetes.md.
        """

    static let kubernetesChecks: [Check] = [
        .helmTemplate, .tlsSecretIncomplete, .objectNotInInput, .objectInOtherNamespace, .objectKeyMissing,
        .volumeMissing, .pathNotMounted, .subPathCertificate, .probePortUnknown, .certManagerInvalid,
        .tempoReceiverWithoutCertificate,
    ]

    static let helmTemplate = Check(
        "helm-template", .warning,
        summary: "A Helm chart's template or values file, not rendered manifests: nothing in it was checked.",
        help: "Templates hold `{{ … }}` actions that only Helm can evaluate, and a values file is input to them; neither is what the cluster receives. tlscheck checks the manifests Helm renders.",
        hint: "render the chart first: helm template RELEASE CHART -f values.yaml | tlscheck validate -")
    static let tlsSecretIncomplete = Check(
        "tls-secret-incomplete", .error,
        summary: "A Secret of type kubernetes.io/tls without tls.crt or tls.key.",
        help: "The API server refuses a `kubernetes.io/tls` Secret that lacks either key (`data[tls.key]: Required value`); the values themselves are not checked by the API server, tlscheck checks them where they are used.",
        hint: "add the missing key, or use type Opaque")
    static let objectNotInInput = Check(
        "object-not-in-input", .info,
        summary: "A Secret, ConfigMap or Certificate the manifests refer to is not in the input, so what it holds was not checked.",
        help: "A volume, an env reference or a monitor names an object that none of the given files defines: it may exist in the cluster already, or come from another chart. tlscheck says so once per object and checks everything else; give the object's manifest too (`kubectl get secret NAME -o yaml`) to check the certificates in it.",
        hint: "add the object's manifest to the input to check it")
    static let objectInOtherNamespace = Check(
        "object-in-other-namespace", .error,
        summary: "A Secret or ConfigMap is referred to from another namespace, where it cannot be read.",
        help: "Pods mount Secrets and ConfigMaps of their own namespace only, and the Prometheus Operator reads a monitor's Secrets from the monitor's namespace (`unable to get secret \"NAME\": secrets \"NAME\" not found`); a chart that moves the ServiceMonitor to another namespace leaves its Secret behind.",
        hint: "create the object in the namespace that uses it, or move the user")
    static let objectKeyMissing = Check(
        "object-key-missing", .error,
        summary: "A Secret or ConfigMap lacks a key (or, for a monitor's TLS material, has it empty) that is mounted, referred to or named as a file.",
        help: "A volume whose `items` name a missing key fails to set up and the pod never starts, unless the volume is `optional`; an env reference to a missing key stops the container (CreateContainerConfigError); a file path into a mounted Secret that has no such key does not exist; the Prometheus Operator rejects a monitor whose key is missing (`key \"ca.crt\" in secret \"NAME\" not found`), and writes no file for a TLS key whose value is empty, so the scrape pool cannot read it and the job has no targets. A cert-manager Secret of an ACME issuer never has `ca.crt`.",
        hint: "add the key, or refer to one the object has")
    static let volumeMissing = Check(
        "volume-missing", .error,
        summary: "A volumeMount names a volume the pod does not define.",
        help: "The API server refuses the pod (`volumeMounts[0].name: Not found`): mounts and volumes are matched by name.",
        hint: "add the volume under spec.volumes, or fix the name")
    static let pathNotMounted = Check(
        "path-not-mounted", .warning,
        summary: "A path a flag or configuration names is not under any volume mount of the container.",
        help: "The program reads it from the container's image, which tlscheck cannot see; for certificates, keys and configurations this is almost always a mount path that disagrees with the flag (`--web.config.file=/etc/exporter/web.yml` with the Secret mounted at `/etc/web`). The program then fails to start.",
        hint: "mount the Secret or ConfigMap at the folder the path names, or change the path")
    static let subPathCertificate = Check(
        "subpath-certificate", .warning,
        summary: "A certificate or key is mounted with subPath, so renewed certificates never reach the container.",
        help: "The kubelet updates Secret and ConfigMap volumes when the object changes, except `subPath` mounts: \"A container using a Secret as a subPath volume mount does not receive automated Secret updates.\" cert-manager renews at two thirds of the lifetime; the container keeps the old file until it restarts and then serves an expired certificate.",
        hint: "mount the whole volume at a folder (use items to pick keys) instead of subPath")
    static let probePortUnknown = Check(
        "probe-port-unknown", .error,
        summary: "A kubelet probe names a port the container does not declare.",
        help: "The kubelet resolves a named probe port among the container's `ports`; an unknown name is then read as a number and fails (`strconv.Atoi: parsing \"https\": invalid syntax`), so every probe fails and a liveness probe restarts the container forever.",
        hint: "use the name or number of one of the container's ports")
    static let certManagerInvalid = Check(
        "cert-manager-invalid", .error,
        summary: "A cert-manager Certificate that cert-manager's webhook (or the API server's schema) refuses.",
        help: "The message is the webhook's own: a missing secretName or issuer name, no name at all, an invalid IP address, a usage not in cert-manager's list (\"server auth\", not \"serverAuth\"), a duration under an hour or a renewBefore not shorter than the duration.",
        hint: "fix the field the message names")
    static let tempoReceiverWithoutCertificate = Check(
        "tempo-receiver-without-certificate", .warning,
        summary: "A TempoMonolithic or TempoStack turns on TLS for its OTLP receivers without certName.",
        help: "The tempo-operator mounts the Secret `certName` names (tls.crt, tls.key) and writes it into Tempo's receiver config. Without it, the operator asks for a certificate only on OpenShift, where its serving-certificate feature has the service CA issue one; elsewhere Tempo's receiver has TLS on and no certificate, and every handshake fails (`tls: no certificates configured`).",
        hint: "set certName to a Secret with tls.crt and tls.key in the resource's namespace (a cert-manager Certificate's secretName)")
}
