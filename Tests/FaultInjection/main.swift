import Foundation
import XenSwiftGen
import XenSwiftGenCLI

// `xen-swiftgen-faults`: the atomicity tests' copy of `xen-swiftgen`, with the run's checkpoints hooked.
// `XEN_SWIFTGEN_KILL_AT=started|staged|committed|renamed-N` sends the process SIGKILL at that point, exactly as an
// interrupted build would be killed; `XEN_SWIFTGEN_FAIL_AT=undo` makes that step fail. The shipped tool has no such
// hook: it lives here, in a target no product contains.
let environment = ProcessInfo.processInfo.environment
let killAt = environment["XEN_SWIFTGEN_KILL_AT"]
let failAt = environment["XEN_SWIFTGEN_FAIL_AT"]
RunCheckpoints.install(
    RunCheckpoints.Hooks(
        reached: { [killAt] point in if point == killAt { kill(getpid(), SIGKILL) } },
        failure: { [failAt] step in step == failAt ? "injected failure (XEN_SWIFTGEN_FAIL_AT=\(step))" : nil }
    ))
XenSwiftGenCommand.main()
