import CMPlan
import CMPlanSim
import Foundation

/// `rehearse --real-aws ENDPOINT`: the real aws CLI against a local EC2 (moto), seeded with the
/// plan's machines and volumes. EC2 names its own volumes, so the plan (and a `--runbook`) is
/// rehearsed with the volume ids EC2 gave, each in place of the one the plan names.
struct RealEC2 {
    /// The real CLI and its endpoint, as the simulator calls them.
    var cli: RealAWS
    /// The plan's region.
    var region: String
    /// Each volume id the plan names, to the id EC2 gave the volume made for it.
    var volumeIds: [String: String]
    /// The plan with EC2's volume ids.
    var file: SourceFile
    /// That plan, decoded.
    var plan: Plan

    /// Finds the real aws CLI on PATH, seeds EC2 from the plan's starting world, and decodes
    /// the plan again with EC2's volume ids.
    static func prepare(endpoint: String, plan: Plan, file: SourceFile, sourceTokens: Int?) -> Result<RealEC2, UsageError> {
        guard plan.settings.strategy.value == .volumeAdoption, let region = plan.source.aws?.region.value else {
            return .failure(UsageError(message: "--real-aws rehearses volume-adoption plans, the only ones whose runbooks call the aws CLI"))
        }
        guard let path = LocalServer.executable("aws") else {
            return .failure(UsageError(message: "--real-aws needs the aws CLI on PATH (pip install awscli; scripts/test puts one in .tools/venv)"))
        }
        guard let cli = RealAWS(cli: path, endpoint: endpoint) else {
            return .failure(
                UsageError(
                    message: "--real-aws takes a local EC2 endpoint such as http://127.0.0.1:5000 (a moto server), not '\(endpoint)': a rehearsal never makes snapshots or volumes in a real AWS account"
                ))
        }
        guard let world = RehearsalWorld.initial(for: plan, sourceTokens: sourceTokens) else {
            return .failure(UsageError(message: "the simulator cannot build the starting world of \(file.path)"))
        }
        let volumeIds: [String: String]
        switch cli.seed(world: world, region: region, plan: plan.name.value) {
        case .failure(let problem): return .failure(UsageError(message: "--real-aws: \(problem)"))
        case .success(let ids): volumeIds = ids
        }
        var text = String(decoding: file.bytes, as: UTF8.self)
        for (planned, real) in volumeIds { text = text.replacingOccurrences(of: "\"\(planned)\"", with: "\"\(real)\"") }
        let renamed = SourceFile(path: file.path, bytes: Array(text.utf8))
        guard let decoded = Frontend.run(renamed).plan else {
            return .failure(UsageError(message: "--real-aws: the plan with EC2's volume ids no longer decodes"))
        }
        return .success(RealEC2(cli: cli, region: region, volumeIds: volumeIds, file: renamed, plan: decoded))
    }

    /// A runbook's text with EC2's volume ids in place of the plan's.
    func renamingVolumes(in text: String) -> String {
        volumeIds.reduce(text) { $0.replacingOccurrences(of: $1.key, with: $1.value) }
    }

    /// What the rehearsal's header says about EC2.
    var summary: String {
        "The aws CLI is the real one (\(cli.cli)) against the EC2 at \(cli.endpoint); EC2 named the machines' volumes:\n"
            + volumeIds.sorted { $0.key < $1.key }.map { "  \($0.key) (the plan's) is \($0.value)\n" }.joined()
    }
}
