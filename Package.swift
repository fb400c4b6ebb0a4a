// swift-tools-version:6.0
// cmplanc: a compiler from .cmplan migration plans to Cassandra migration runbooks.
// No package dependencies: the Swift toolchain (Foundation, Swift Testing) only.
import PackageDescription

let package = Package(
    name: "cmplanc",
    products: [
        .library(name: "CMPlan", targets: ["CMPlan"]),
        .executable(name: "cmplanc", targets: ["cmplanc"]),
        .executable(name: "cmplanc-fuzz", targets: ["cmplanc-fuzz"]),
        .executable(name: "cmplanc-bench", targets: ["cmplanc-bench"]),
    ],
    targets: [
        // The runbook library is shell (Sources/CMPlan/Emit/Library/*.sh), embedded through the
        // generated Emit/BashLibraryFiles.swift (scripts/embed-library; a test proves it current).
        .target(name: "CMPlan", exclude: ["Emit/Library"]),
        .executableTarget(name: "cmplanc", dependencies: ["CMPlan"]),
        // libFuzzer entry point for the front end; built only with
        // `swift build --sanitize=fuzzer --product cmplanc-fuzz` (see docs/fuzzing.md).
        .executableTarget(
            name: "cmplanc-fuzz",
            dependencies: ["CMPlan"]
        ),
        // The benchmark of issue 8 (scripts/bench): stage times, whole-process time, memory, a plot.
        .executableTarget(name: "cmplanc-bench", dependencies: ["CMPlan"]),
        .testTarget(
            name: "CMPlanTests",
            dependencies: ["CMPlan"],
            exclude: ["Render/Golden", "Syntax/Golden", "Rules/Fixtures"]
        ),
    ]
)
