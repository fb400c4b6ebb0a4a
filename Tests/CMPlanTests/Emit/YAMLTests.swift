import CMPlan
import Foundation
import Testing

/// The YAML writer: block layout, and quoting of every scalar a parser could misread.
@Suite struct YAMLTests {
    @Test func layout() {
        let document: YAML = [
            "apiVersion": "v1",
            "kind": "PersistentVolume",
            "metadata": ["name": "pv-1", "labels": ["app.kubernetes.io/name": "cassandra"]],
            "spec": [
                "accessModes": ["ReadWriteOnce"],
                "capacity": ["storage": "800Gi"],
                "claimRef": [:],
                "containers": [["name": "c", "ports": [["containerPort": 9042]]]],
                "empty": [],
            ],
        ]
        #expect(
            document.text == """
                apiVersion: v1
                kind: PersistentVolume
                metadata:
                  name: pv-1
                  labels:
                    app.kubernetes.io/name: cassandra
                spec:
                  accessModes:
                  - ReadWriteOnce
                  capacity:
                    storage: "800Gi"
                  claimRef: {}
                  containers:
                  - name: c
                    ports:
                    - containerPort: 9042
                  empty: []

                """)
    }

    @Test(arguments: [
        "3.11", "1.30", "on", "Off", "yes", "NO", "null", "~", "*", "a: b", "x #y", "", " lead", "trail ", "-dash",
        "123", "0x1F", "1e3", "2001-12-14", "@at", "`tick`", "'single'", "\"double\"", "multi\nline", "Bob's Cluster",
        "{a}", "[a]", "!tag", "&anchor", "%percent", "|pipe", ">fold", "?q", "a,b",
    ])
    func scalarsThatMustBeQuoted(text: String) {
        let quoted = YAML.quotedIfNeeded(text)
        #expect(quoted.hasPrefix("\"") && quoted.hasSuffix("\""), "\(text) was written plain")
        // JSON is YAML: the quoted form decodes back to the same string.
        let decoded = try? JSONDecoder().decode(String.self, from: Data(quoted.utf8))
        #expect(decoded == text)
    }

    @Test(arguments: ["cassandra", "app.kubernetes.io/name", "ReadWriteOnce", "x_2", "/var/lib/cassandra"])
    func plainScalars(text: String) {
        #expect(YAML.quotedIfNeeded(text) == text)
    }
}
