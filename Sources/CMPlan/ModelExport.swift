/// The compiler's clients see the Model through CMPlan, as before the Model became a target
/// of its own (the simulator imports CMPlanModel alone).
@_exported import CMPlanModel
