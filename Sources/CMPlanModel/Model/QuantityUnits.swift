/// The units of language.md section 1 and exact decimal-to-integer conversion.
///
/// `825.07GiB` is read as the integer 82507 with two decimals, multiplied by 2^30 in
/// 128-bit arithmetic and divided by 100 with rounding to the nearest byte: no floating
/// point anywhere, so every plan converts to the same bytes on every machine.
public enum QuantityUnits {
    /// What a unit measures.
    public enum Dimension: String, Sendable, Hashable {
        /// Bytes.
        case size
        /// Milliseconds.
        case duration
        /// Bytes per second.
        case rate

        /// How the dimension is named in messages: "a size".
        public var noun: String {
            switch self {
            case .size: return "a size"
            case .duration: return "a duration"
            case .rate: return "a rate"
            }
        }

        /// How the dimension is named in messages, with an example.
        public var example: String {
            switch self {
            case .size: return "a size such as 800GiB"
            case .duration: return "a duration such as 3m"
            case .rate: return "a rate such as 24MiB/s"
            }
        }
    }

    /// Size units and their byte factors.
    public static let sizeUnits: [String: UInt64] = [
        "B": 1,
        "KB": 1_000, "MB": 1_000_000, "GB": 1_000_000_000, "TB": 1_000_000_000_000, "PB": 1_000_000_000_000_000,
        "KiB": 1 << 10, "MiB": 1 << 20, "GiB": 1 << 30, "TiB": 1 << 40, "PiB": 1 << 50,
    ]

    /// Duration units and their millisecond factors.
    public static let durationUnits: [String: UInt64] = [
        "ms": 1, "s": 1_000, "m": 60_000, "h": 3_600_000, "d": 86_400_000,
    ]

    /// Bit-rate units and their bytes-per-second factors (before `/s`).
    public static let bitRateUnits: [String: UInt64] = ["Mbit": 125_000, "Gbit": 125_000_000]

    /// Binary size names from small to large, for display.
    static let binarySizeNames = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]

    /// Every unit the language knows, for "did you mean".
    public static var allUnits: [String] {
        let sizes = sizeUnits.keys.sorted()
        let rates = (sizes + bitRateUnits.keys.sorted()).map { $0 + "/s" }
        return sizes + durationUnits.keys.sorted() + rates
    }

    /// The dimension and factor of a unit, or nil if the language does not know it.
    public static func lookup(_ unit: String) -> (Dimension, UInt64)? {
        if let factor = sizeUnits[unit] { return (.size, factor) }
        if let factor = durationUnits[unit] { return (.duration, factor) }
        if unit.hasSuffix("/s") {
            let base = String(unit.dropLast(2))
            if let factor = sizeUnits[base] ?? bitRateUnits[base] { return (.rate, factor) }
        }
        return nil
    }

    /// Why a number could not be converted.
    public enum ConversionError: Error, Sendable, Hashable {
        /// More than 18 significant digits, or a result past 2^64.
        case tooLarge
    }

    /// Converts a decimal literal (`825.07`) times an integer factor to an integer, rounding
    /// half up to the nearest unit.
    public static func convert(_ number: String, factor: UInt64) -> Result<UInt64, ConversionError> {
        let parts = number.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts[0].drop { $0 == "0" }
        var fraction = parts.count > 1 ? Substring(parts[1]) : ""
        while fraction.last == "0" { fraction = fraction.dropLast() }
        let digits = String(whole) + String(fraction)
        guard digits.count <= 18, fraction.count <= 18 else { return .failure(.tooLarge) }
        let mantissa = digits.isEmpty ? 0 : (UInt64(digits) ?? 0)
        var divisor: UInt64 = 1
        for _ in 0..<fraction.count { divisor *= 10 }
        let product = mantissa.multipliedFullWidth(by: factor)
        guard product.high < divisor else { return .failure(.tooLarge) }
        let (quotient, remainder) = divisor.dividingFullWidth((high: product.high, low: product.low))
        // Round half up: remainder / divisor >= 1/2.
        let roundUp = remainder >= divisor - remainder
        if roundUp {
            let (rounded, overflow) = quotient.addingReportingOverflow(1)
            return overflow ? .failure(.tooLarge) : .success(rounded)
        }
        return .success(quotient)
    }

    /// A compact human form of an integer amount in the largest unit that keeps it at or
    /// above 1, with at most two decimals (trailing zeros dropped).
    static func describe(_ amount: UInt64, units: [String], base: UInt64) -> String {
        var unitIndex = 0
        var scale: UInt64 = 1
        while unitIndex + 1 < units.count, amount / scale >= base {
            scale *= base
            unitIndex += 1
        }
        let whole = amount / scale
        let product = (amount % scale).multipliedFullWidth(by: 100)
        let (low, carry) = product.low.addingReportingOverflow(scale / 2)
        let hundredths = scale.dividingFullWidth((high: product.high + (carry ? 1 : 0), low: low)).quotient
        if hundredths >= 100 { return "\(whole + 1)\(units[unitIndex])" }
        if hundredths == 0 { return "\(whole)\(units[unitIndex])" }
        var decimals = hundredths < 10 ? "0\(hundredths)" : "\(hundredths)"
        if decimals.hasSuffix("0") { decimals.removeLast() }
        return "\(whole).\(decimals)\(units[unitIndex])"
    }
}
