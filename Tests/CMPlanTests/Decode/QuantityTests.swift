import CMPlan
import Testing

/// Exact conversion of every unit of language.md section 1.
@Suite struct QuantityTests {
    func convert(_ number: String, _ unit: String) -> UInt64? {
        guard let (_, factor) = QuantityUnits.lookup(unit) else { return nil }
        return try? QuantityUnits.convert(number, factor: factor).get()
    }

    @Test(arguments: [
        ("1", "B", UInt64(1)), ("1", "KB", 1_000), ("1", "MB", 1_000_000), ("1", "GB", 1_000_000_000),
        ("1", "TB", 1_000_000_000_000), ("1", "PB", 1_000_000_000_000_000),
        ("1", "KiB", 1024), ("1", "MiB", 1_048_576), ("1", "GiB", 1_073_741_824), ("1", "TiB", 1_099_511_627_776),
        ("1", "PiB", 1_125_899_906_842_624),
    ])
    func sizeUnits(number: String, unit: String, bytes: UInt64) {
        #expect(QuantityUnits.lookup(unit)?.0 == .size)
        #expect(convert(number, unit) == bytes)
    }

    @Test(arguments: [("250", "ms", UInt64(250)), ("3", "s", 3_000), ("3", "m", 180_000), ("2", "h", 7_200_000), ("1", "d", 86_400_000)])
    func durationUnits(number: String, unit: String, milliseconds: UInt64) {
        #expect(QuantityUnits.lookup(unit)?.0 == .duration)
        #expect(convert(number, unit) == milliseconds)
    }

    @Test(arguments: [
        ("24", "MiB/s", UInt64(25_165_824)), ("1", "MB/s", 1_000_000), ("200", "Mbit/s", 25_000_000),
        ("1", "Gbit/s", 125_000_000), ("1", "B/s", 1), ("1", "KiB/s", 1024), ("1", "TB/s", 1_000_000_000_000),
    ])
    func rateUnits(number: String, unit: String, bytesPerSecond: UInt64) {
        #expect(QuantityUnits.lookup(unit)?.0 == .rate)
        #expect(convert(number, unit) == bytesPerSecond)
    }

    @Test func decimalsConvertWithoutDrift() {
        #expect(convert("1.5", "TiB") == 1_649_267_441_664)
        // 825.07 × 2^30 = 885_912_166_727.68 → rounds to the byte.
        #expect(convert("825.07", "GiB") == 885_912_166_728)
        #expect(convert("0.5", "B") == 1)  // half rounds up
        #expect(convert("0.4", "B") == 0)
        #expect(convert("1.000", "KiB") == 1024)
        #expect(convert("007", "s") == 7_000)
    }

    @Test func overflowIsAnErrorNotATrap() {
        #expect(convert("20000", "PiB") == nil)
        #expect(convert("1234567890123456789", "B") == nil)
        #expect(convert("16383", "PiB") != nil)
    }

    @Test func unitsAreCaseSensitive() {
        #expect(QuantityUnits.lookup("mb") == nil)
        #expect(QuantityUnits.lookup("Mb/s") == nil)
        #expect(QuantityUnits.lookup("M") == nil)
    }

    @Test func displayForms() {
        #expect(Size(bytes: 885_912_166_728).description == "825.07GiB")
        #expect(Size(bytes: 1024).description == "1KiB")
        #expect(Rate(bytesPerSecond: 25_165_824).description == "24MiB/s")
        #expect(Duration(milliseconds: 180_000).description == "3m")
        #expect(Duration(milliseconds: 5_400_000).description == "1h30m")
    }

    @Test func plansDecodeQuantitiesExactly() throws {
        let plan = try #require(
            decodeClean(
                PlanFragments.handover(
                    plan: "stream_throughput = 200Mbit/s\nload_throughput = 1MB/s", oldDC: "load = 825.07GiB\ndisk = 1.5TiB")))
        #expect(plan.settings.streamThroughput.value.bytesPerSecond == 25_000_000)
        #expect(plan.settings.loadThroughput.value.bytesPerSecond == 1_000_000)
        #expect(plan.settings.downtimeBudget.value.milliseconds == 180_000)
        #expect(plan.source.datacenters[0].load?.value.bytes == 885_912_166_728)
        #expect(plan.source.datacenters[0].disk?.value.bytes == 1_649_267_441_664)
    }
}
