/// How the simulated cqlsh reaches a node whose clients may have to use TLS.
///
/// SOURCE: apache/cassandra pylib/cqlshlib/sslhandling.py (ssl_settings: validation is on unless
/// SSL_VALIDATE or `[ssl] validate` says false, and then a certfile is required, else cqlsh exits
/// with "Validation is enabled; SSL transport factory requires a valid certfile to be
/// specified..."). The two refusals below (plaintext to a node that requires TLS; TLS to one that
/// speaks none) are the python driver's connection errors as cqlsh prints them; their exact
/// wording was not read in the driver's source, so only "Connection error:" should be relied on.
enum CqlshTLS {
    /// Whether cqlsh gets a connection; on refusal `output` holds its message and status.
    static func connects(_ arguments: [String], environment: [String: String], node: World.Member?, _ output: inout Kubectl.Output) -> Bool {
        let ssl = arguments.contains("--ssl")
        if ssl, environment["SSL_VALIDATE"]?.lowercased() != "false", environment["SSL_CERTFILE"] == nil {
            output.stderr += "Validation is enabled; SSL transport factory requires a valid certfile to be specified. Please provide path to the certfile in [ssl] section as 'certfile' option in /root/.cassandra/cqlshrc (or use [certfiles] section) or set SSL_CERTFILE environment variable.\n"
            output.status = 1
            return false
        }
        let required = node?.clientTLS ?? false
        if required && !ssl {
            output.stderr += "Connection error: ('Unable to connect to any servers', {'127.0.0.1:9042': ConnectionShutdown('Connection to 127.0.0.1:9042 was closed')})\n"
            output.status = 1
            return false
        }
        if ssl && !required && node != nil {
            output.stderr += "Connection error: ('Unable to connect to any servers', {'127.0.0.1:9042': SSLError(1, '[SSL: WRONG_VERSION_NUMBER] wrong version number')})\n"
            output.status = 1
            return false
        }
        return true
    }
}
