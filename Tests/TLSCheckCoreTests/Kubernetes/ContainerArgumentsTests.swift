import Foundation
import Testing

@testable import TLSCheckCore

/// A container's command line as the kubelet expands it and Go programs read it.
@Suite struct ContainerArgumentsTests {
    func arguments(_ yaml: String, env: [String: String?] = [:]) throws -> ContainerArguments {
        let root = try #require(YAMLParser.parse(Array(yaml.utf8), path: "c.yaml").root)
        return ContainerArguments(command: root["command"]?.items ?? [], args: root["args"]?.items ?? [], environment: env, path: "c.yaml")
    }

    @Test func kubeletExpansion() {
        let env: [String: String?] = ["DIR": "/etc/web", "POD_IP": nil]
        #expect(ContainerArguments.expand("$(DIR)/web.yml", env) == "/etc/web/web.yml")
        #expect(ContainerArguments.expand("$$(DIR)", env) == "$(DIR)")  // $$ escapes
        #expect(ContainerArguments.expand("$(UNSET)/x", env) == "$(UNSET)/x")  // unresolved stays
        #expect(ContainerArguments.expand("$(POD_IP):9100", env) == "$(POD_IP):9100")  // only the cluster knows it
        #expect(ContainerArguments.expand("cost $5 $(DIR", env) == "cost $5 $(DIR")
        #expect(ContainerArguments.expand("end$", env) == "end$")
    }

    @Test func flagForms() throws {
        let args = try arguments("""
            command: [/bin/exporter, -web.config.file, /a.yml]
            args: ["--web.config.file=/b.yml", "--otlp-insecure", "--verbose", "--otlp-exporter", "http", "--no-otlp-insecure"]
            """)
        #expect(args.value(["web.config.file"])?.value == "/b.yml")  // the last one wins
        #expect(args.values(["web.config.file"]).map(\.value) == ["/a.yml", "/b.yml"])
        #expect(args.value(["web.config.file"])?.location.line == 2)
        #expect(args.value(["otlp-exporter"])?.value == "http")
        #expect(args.bool("otlp-insecure")?.value == false)
        #expect(args.bool("verbose")?.value == true)
        #expect(args.bool("absent") == nil)
        #expect(args.has(["verbose"]) && !args.has(["quiet"]))
    }

    @Test func shellScripts() throws {
        let args = try arguments("""
            command: [/bin/sh, -c]
            args: ["exec /bin/node_exporter --web.config.file='/etc/web config/web.yml' --collector.x && echo done"]
            """)
        #expect(args.value(["web.config.file"])?.value == "/etc/web config/web.yml")
        #expect(ContainerArguments.words(#"a "b c" d\ e 'f'"#) == ["a", "b c", "d e", "f"])
    }
}
