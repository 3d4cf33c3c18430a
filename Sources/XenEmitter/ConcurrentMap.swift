import Dispatch

/// `body` applied to every element of `inputs`, spread over the cores, results in input order.
///
/// For independent, CPU- or I/O-bound steps of one run (rendering files, writing staged files):
/// the results do not depend on which thread ran which element or when it finished.
/// - Parameters:
///   - inputs: The elements.
///   - startOrder: The order to start them in (indices into `inputs`), largest first, so no big
///     element is left for the end while the other cores sit idle; `nil` for input order.
///   - body: The step; it must not touch shared mutable state.
/// - Returns: `body(inputs[i])` at index `i`.
public func concurrentMap<Input, Output>(
    _ inputs: [Input], startOrder: [Int]? = nil, _ body: @Sendable (Input) -> Output
) -> [Output] {
    let slots = ResultSlots<Input, Output>(inputs)
    let order = startOrder ?? Array(inputs.indices)
    DispatchQueue.concurrentPerform(iterations: inputs.count) { turn in
        let index = order[turn]
        slots.outputs[index] = body(slots.inputs[index])
    }
    return slots.outputs.map { $0! }
}

/// The inputs and result slots one `concurrentMap` shares between its threads.
///
/// `@unchecked`: nothing mutates the inputs while the map runs, and iteration `i` writes only slot
/// `i`, so no two threads touch the same memory; the slots are read only after all have finished.
private final class ResultSlots<Input, Output>: @unchecked Sendable {
    /// The elements.
    let inputs: [Input]
    /// One slot per element.
    let outputs: UnsafeMutableBufferPointer<Output?>

    /// - Parameter inputs: The elements.
    init(_ inputs: [Input]) {
        self.inputs = inputs
        outputs = .allocate(capacity: inputs.count)
        outputs.initialize(repeating: nil)
    }

    deinit {
        outputs.deinitialize()
        outputs.deallocate()
    }
}
