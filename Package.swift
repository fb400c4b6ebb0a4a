// swift-tools-version:6.0
// cmplanc: a compiler from .cmplan migration plans to Cassandra migration runbooks.
// No package dependencies: the Swift toolchain (Foundation, Swift Testing) only.
//
// The targets enforce who may know what (docs/architecture.md):
//   CMPlanModel  the plan as data (source text positions, the Model): depends on nothing.
//   CMPlan       the compiler (front end, rules, analysis, planning, runbook, emit): the Model.
//   CMPlanSim    the rehearsal's simulated world and its judge: the Model ONLY, never the
//                compiler, so a naming or layout mistake of the compiler is not made twice.
import PackageDescription

let package = Package(
    name: "cmplanc",
    products: [
        .library(name: "CMPlan", targets: ["CMPlan"]),
        .executable(name: "cmplanc", targets: ["cmplanc"]),
        .executable(name: "cmplanc-sim", targets: ["cmplanc-sim"]),
        .executable(name: "cmplanc-fuzz", targets: ["cmplanc-fuzz"]),
        .executable(name: "cmplanc-bench", targets: ["cmplanc-bench"]),
    ],
    targets: [
        .target(name: "CMPlanModel"),
        // The runbook library is shell (Sources/CMPlan/Emit/Library/*.sh), embedded through the
        // generated Emit/BashLibraryFiles.swift (scripts/embed-library; a test proves it current).
        .target(name: "CMPlan", dependencies: ["CMPlanModel"], exclude: ["Emit/Library"]),
        // The simulator: kubectl, ssh, aws, Cassandra and the operators, seeded from the Model.
        .target(name: "CMPlanSim", dependencies: ["CMPlanModel"]),
        // The simulated tools' executable: `cmplanc rehearse` links it as kubectl, ssh and aws.
        .executableTarget(name: "cmplanc-sim", dependencies: ["CMPlanSim"]),
        .executableTarget(name: "cmplanc", dependencies: ["CMPlan", "CMPlanSim"]),
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
            dependencies: ["CMPlan", "CMPlanSim"],
            exclude: ["Render/Golden", "Syntax/Golden", "Rules/Fixtures"]
        ),
    ]
)
