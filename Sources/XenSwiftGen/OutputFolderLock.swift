import Foundation
import XenIR

/// An exclusive `flock` on the output folder itself, held while a run publishes into it.
///
/// Runs into one folder take turns: the second waits until the first has published, then plans
/// against what the first wrote. Recovery of a dead run's journal happens under the lock too, so it
/// can never mistake a live run's staging folder for a dead one (the race between a new staging
/// folder's `mkdir` and its `flock` that an unlocked recovery had). The lock is on the folder's own
/// descriptor: no lock file is left in the folder.
final class OutputFolderLock {
    private var descriptor: Int32

    /// Waits for and takes the lock.
    /// - Parameter folder: The output folder; it exists.
    /// - Throws: `GeneratorDiagnostic` when the folder cannot be opened or locked.
    init(_ folder: URL) throws {
        descriptor = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw GeneratorDiagnostic(.error, at: nil, "cannot open output folder '\(folder.path)': \(String(cString: strerror(errno)))")
        }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else {
                let reason = String(cString: strerror(errno))
                close(descriptor)
                throw GeneratorDiagnostic(.error, at: nil, "cannot lock output folder '\(folder.path)': \(reason)")
            }
        }
    }

    /// Releases the lock (also when the process ends).
    func release() {
        guard descriptor >= 0 else { return }
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }
}
