import Foundation
/// The authenticator and authorizer a simulated Cassandra node starts with, from what its pod
/// really gets: the image's shipped cassandra.yaml, what an operator renders into it (the CR's
/// `config.cassandra-yaml`), and whatever the container's own command does to the file before the
/// image's entrypoint runs, which the real `/bin/sh` executes here on a copy of that file.
///
/// SOURCE: apache/cassandra conf/cassandra.yaml: 3.x and 4.x ship `authenticator:
/// AllowAllAuthenticator` and `authorizer: AllowAllAuthorizer` as values; trunk ships each as a
/// block (`authenticator:` then `  class_name: AllowAllAuthenticator`), taken here for 5.0 and
/// later (5.0's own file was not read separately). docker-library/cassandra: ENTRYPOINT
/// docker-entrypoint.sh, CMD ["cassandra", "-f"], the configuration in $CASSANDRA_CONF.
/// The operators' own defaults when their CR names neither key are not modelled: the image's.
enum NodeConfig {
    /// The shipped cassandra.yaml's authentication keys, in each version's form.
    static func shippedYAML(major: Int) -> String {
        if major >= 5 {
            return """
                # Authentication backend, implementing IAuthenticator; used to identify users
                authenticator:
                  class_name: AllowAllAuthenticator
                # MutualTlsAuthenticator can be configured using the following configuration.
                #  class_name: org.apache.cassandra.auth.MutualTlsAuthenticator

                # Authorization backend, implementing IAuthorizer; used to limit access/provide permissions
                authorizer:
                  class_name: AllowAllAuthorizer

                role_manager:
                  class_name: CassandraRoleManager
                  parameters:

                server_encryption_options:
                  internode_encryption: none
                  legacy_ssl_storage_port_enabled: false
                  keystore: conf/.keystore
                  keystore_password: cassandra

                client_encryption_options:
                  enabled: false
                  keystore: conf/.keystore
                  keystore_password: cassandra

                """
        }
        return """
            # Authentication backend, implementing IAuthenticator; used to identify users
            authenticator: AllowAllAuthenticator

            # Authorization backend, implementing IAuthorizer; used to limit access/provide permissions
            authorizer: AllowAllAuthorizer

            role_manager: CassandraRoleManager

            server_encryption_options:
              internode_encryption: none
              keystore: conf/.keystore
              keystore_password: cassandra
              truststore: conf/.truststore
              truststore_password: cassandra

            client_encryption_options:
              enabled: false
              optional: false
              keystore: conf/.keystore
              keystore_password: cassandra

            """
    }

    /// What a node starts with.
    struct Settings {
        /// cassandra.yaml `authenticator` (short class name).
        var authenticator: String
        /// cassandra.yaml `authorizer` (short class name).
        var authorizer: String
        /// Whether clients must use TLS.
        var clientTLS: Bool
        /// `server_encryption_options.internode_encryption`.
        var internode: String
    }

    /// The node's settings, or why it does not start. `secret` answers a Secret's decoded data
    /// by name in the pod's namespace, for the pod's secret volumes: a volume whose Secret is
    /// missing keeps the pod from starting (kubelet: `MountVolume.SetUp failed for volume ...
    /// secret ... not found`); the container's command sees the Secret's files at their
    /// mountPath (the simulator puts them in the shell's own folder and points the command's
    /// mention of the mountPath there: a mount namespace of its own).
    static func security(podSpec: Tree, major: Int, secret: (String) -> [String: String]? = { _ in nil }) -> Result<Settings, Failure> {
        var yaml = shippedYAML(major: major)
        var files: [String: String] = [:]
        var mounts: [(path: String, folder: String)] = []
        let volumes = podSpec["volumes"]?.elements ?? []
        for (index, mount) in (podSpec["volumeMounts"]?.elements ?? []).enumerated() {
            guard let name = mount["name"]?.string, let path = mount["mountPath"]?.string,
                let volume = volumes.first(where: { $0["name"]?.string == name }), let secretName = volume[path: ["secret", "secretName"]]?.string
            else { continue }
            guard let data = secret(secretName) else {
                return .failure(Failure(message: "MountVolume.SetUp failed for volume \"\(name)\" : secret \"\(secretName)\" not found"))
            }
            let folder = "mount\(index)"
            for (key, text) in data { files["\(folder)/\(key)"] = text }
            mounts.append((path, folder))
        }
        if let command = podSpec["command"]?.elements.compactMap(\.string), !command.isEmpty {
            guard command.count >= 3, command[0] == "sh", command[1] == "-c" else {
                return .failure(Failure(message: "the container runs \(command.joined(separator: " ")), which the simulator does not model"))
            }
            files["conf/cassandra.yaml"] = yaml
            let shell = RealShell.run(command, input: "", files: files, environment: ["CASSANDRA_CONF": "conf"], mounts: mounts)
            guard let started = shell.captured, started.program == "docker-entrypoint.sh", started.arguments == ["cassandra", "-f"] else {
                return .failure(Failure(message: "the container's command never runs the image's entrypoint with cassandra -f (exit \(shell.status): \(shell.stderr))"))
            }
            yaml = shell.files["conf/cassandra.yaml"] ?? yaml
            if let line = misindented(yaml) {
                return .failure(Failure(message: "cassandra.yaml does not parse after the container's command: an indented line follows the value of `\(line)` (SnakeYAML: mapping values are not allowed here)"))
            }
            // Encryption needs its keystore where cassandra.yaml says.
            let client = block("client_encryption_options", in: yaml)
            let server = block("server_encryption_options", in: yaml)
            for options in [client, server] where options["enabled"] == "true" || (options["internode_encryption"].map { $0 != "none" } ?? false) {
                guard let keystore = options["keystore"], let mount = mounts.first(where: { keystore.contains("/files/\($0.folder)/") }),
                    let key = keystore.split(separator: "/").last, files["\(mount.folder)/\(key)"] != nil
                else {
                    return .failure(Failure(message: "cannot open the keystore \(options["keystore"] ?? "(none)") that cassandra.yaml names"))
                }
            }
        }
        var authenticator = value(of: "authenticator", in: yaml) ?? "AllowAllAuthenticator"
        var authorizer = value(of: "authorizer", in: yaml) ?? "AllowAllAuthorizer"
        let clientOptions = block("client_encryption_options", in: yaml)
        var clientTLS = clientOptions["enabled"] == "true" && clientOptions["optional"] != "true"
        var internode = block("server_encryption_options", in: yaml)["internode_encryption"] ?? "none"
        if let rendered = podSpec["cmplan-sim/cassandra-yaml"] {
            authenticator = rendered["authenticator"]?.string ?? authenticator
            authorizer = rendered["authorizer"]?.string ?? authorizer
            if let options = rendered["client_encryption_options"] {
                clientTLS = options["enabled"] == .bool(true) && options["optional"] != .bool(true)
            }
            internode = rendered[path: ["server_encryption_options", "internode_encryption"]]?.string ?? internode
        }
        return .success(Settings(authenticator: short(authenticator), authorizer: short(authorizer), clientTLS: clientTLS, internode: internode))
    }

    /// A top-level block's `key: value` lines (quotes dropped).
    static func block(_ key: String, in yaml: String) -> [String: String] {
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let index = lines.firstIndex(where: { $0.hasPrefix(key + ":") }) else { return [:] }
        var entries: [String: String] = [:]
        for line in lines[(index + 1)...] {
            guard line.first == " " else { break }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.hasPrefix("#"), let colon = trimmed.firstIndex(of: ":") else { continue }
            var value = trimmed[trimmed.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, value.first == "'" || value.first == "\"" { value = String(value.dropFirst().dropLast()) }
            entries[String(trimmed[..<colon])] = value
        }
        return entries
    }

    /// Why a node does not start.
    struct Failure: Error {
        var message: String
    }

    /// The first top-level `key: value` line followed by an indented line that is no comment:
    /// YAML that Cassandra's loader refuses.
    static func misindented(_ yaml: String) -> String? {
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for (index, line) in lines.enumerated().dropLast() where line.first.map({ $0 != " " && $0 != "#" }) ?? false {
            guard let colon = line.firstIndex(of: ":"), !line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces).isEmpty else { continue }
            let next = lines[index + 1]
            if next.first == " ", !next.trimmingCharacters(in: .whitespaces).hasPrefix("#"), !next.trimmingCharacters(in: .whitespaces).isEmpty {
                return line
            }
        }
        return nil
    }

    /// A top-level key's class: its value, or its block's `class_name`.
    static func value(of key: String, in yaml: String) -> String? {
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let index = lines.firstIndex(where: { $0.hasPrefix(key + ":") }) else { return nil }
        let inline = lines[index].dropFirst(key.count + 1).trimmingCharacters(in: .whitespaces)
        if !inline.isEmpty { return inline }
        for line in lines[(index + 1)...] {
            guard line.first == " " else { break }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("class_name:") { return trimmed.dropFirst("class_name:".count).trimmingCharacters(in: .whitespaces) }
        }
        return nil
    }

    /// A class name without Cassandra's package, as cassandra.yaml may write it either way.
    static func short(_ name: String) -> String {
        name.hasPrefix("org.apache.cassandra.auth.") ? String(name.dropFirst("org.apache.cassandra.auth.".count)) : name
    }
}
