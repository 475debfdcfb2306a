import Benchmark
import Foundation
import PlugphoneDomain
import PlugphoneStore

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident], maxDuration: .seconds(3))

    Benchmark("Store: create a request") { benchmark in
        let store = try Store.inMemory(demo: true)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            let request = try store.createRequest(.return(line: LineNumber(rawValue: "+33972101011")), account: "ab12345-ovh", contractAccepted: true, at: Date())
            benchmark.stopMeasurement()
            _ = try store.apply(.cancelled, to: request.reference, at: Date())
            benchmark.startMeasurement()
        }
    }
}
