import Foundation

/// A log-log SVG of time against keyspaces, one line per node count: the plot the
/// benchmark writes beside its table.
enum Plot {
    static func svg(_ measurements: [Measurement], value: (Measurement) -> Double, title: String) -> String {
        let width = 640.0, height = 420.0, left = 70.0, bottom = 50.0, top = 40.0, right = 150.0
        let points = measurements.filter { value($0) > 0 }
        guard let minimumX = points.map({ Double($0.keyspaces) }).min(), let maximumX = points.map({ Double($0.keyspaces) }).max(),
            let minimumY = points.map(value).min(), let maximumY = points.map(value).max()
        else { return "<svg xmlns=\"http://www.w3.org/2000/svg\"/>" }
        let lowX = log10(minimumX), highX = Swift.max(log10(maximumX), lowX + 1)
        let lowY = floor(log10(minimumY)), highY = Swift.max(ceil(log10(maximumY)), lowY + 1)
        func x(_ value: Double) -> Double { left + (log10(value) - lowX) / (highX - lowX) * (width - left - right) }
        func y(_ value: Double) -> Double { height - bottom - (log10(value) - lowY) / (highY - lowY) * (height - bottom - top) }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" font-family=\"sans-serif\" font-size=\"12\">\n"
        svg += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
        svg += "<text x=\"\(left)\" y=\"24\" font-size=\"14\">\(title)</text>\n"
        var decade = lowY
        while decade <= highY {
            let position = y(pow(10, decade))
            svg += "<line x1=\"\(left)\" y1=\"\(position)\" x2=\"\(width - right)\" y2=\"\(position)\" stroke=\"#ddd\"/>\n"
            svg += "<text x=\"\(left - 8)\" y=\"\(position + 4)\" text-anchor=\"end\">\(label(pow(10, decade)))</text>\n"
            decade += 1
        }
        for keyspaces in Set(points.map(\.keyspaces)).sorted() {
            let position = x(Double(keyspaces))
            svg += "<line x1=\"\(position)\" y1=\"\(top)\" x2=\"\(position)\" y2=\"\(height - bottom)\" stroke=\"#eee\"/>\n"
            svg += "<text x=\"\(position)\" y=\"\(height - bottom + 18)\" text-anchor=\"middle\">\(keyspaces)</text>\n"
        }
        svg += "<text x=\"\((left + width - right) / 2)\" y=\"\(height - 10)\" text-anchor=\"middle\">keyspaces (log)</text>\n"
        svg += "<text x=\"16\" y=\"\((top + height - bottom) / 2)\" transform=\"rotate(-90 16 \((top + height - bottom) / 2))\" text-anchor=\"middle\">time (log)</text>\n"
        let colours = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728"]
        for (index, nodes) in Set(points.map(\.nodes)).sorted().enumerated() {
            let series = points.filter { $0.nodes == nodes }.sorted { $0.keyspaces < $1.keyspaces }
            let path = series.map { "\(x(Double($0.keyspaces))),\(y(value($0)))" }.joined(separator: " ")
            let colour = colours[index % colours.count]
            svg += "<polyline points=\"\(path)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\"/>\n"
            for point in series {
                svg += "<circle cx=\"\(x(Double(point.keyspaces)))\" cy=\"\(y(value(point)))\" r=\"3\" fill=\"\(colour)\"/>\n"
            }
            svg += "<text x=\"\(width - right + 12)\" y=\"\(top + 20 + Double(index) * 18)\" fill=\"\(colour)\">\(nodes) nodes per DC</text>\n"
        }
        return svg + "</svg>\n"
    }

    static func label(_ seconds: Double) -> String {
        if seconds >= 1 { return "\(Int(seconds)) s" }
        if seconds >= 0.001 { return "\(Int((seconds * 1000).rounded())) ms" }
        return "\(Int((seconds * 1_000_000).rounded())) µs"
    }
}
