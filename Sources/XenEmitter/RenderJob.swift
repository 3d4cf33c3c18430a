import Dispatch
import Mustache

/// One file to render: a template, its context and where the text goes.
struct RenderJob {
    /// Path relative to the output folder.
    var path: String
    /// A template name without extension.
    var template: String
    /// The template's values.
    var context: any MustacheParent
    /// Roughly how many lines the file will have; only the order the jobs start in depends on it.
    var weight = 1
}

extension TemplateSet {
    /// Renders every job, spread over the cores.
    ///
    /// The renders are independent (the library is read-only once loaded) and make up most of
    /// `generate`'s time, so they run in parallel. Each result lands in its job's slot and the files
    /// are sorted by path afterwards, so the output does not depend on the order they finish in.
    /// - Parameter jobs: The files to render.
    /// - Returns: The files, sorted by path.
    /// - Throws: The first failure in job order, as a serial loop would report it.
    func render(_ jobs: [RenderJob]) throws -> [GeneratedFile] {
        let batch = RenderBatch(jobs)
        // Largest first, so no big file starts last while the other core sits idle.
        let order = jobs.indices.sorted { jobs[$0].weight > jobs[$1].weight }
        DispatchQueue.concurrentPerform(iterations: jobs.count) { turn in
            let index = order[turn]
            let job = batch.jobs[index]
            batch.results[index] = Result { try render(job.template, job.context) }
        }
        let results = Array(batch.results)
        return try zip(jobs, results).map { job, result in GeneratedFile(path: job.path, contents: try result.get()) }
            .sorted { $0.path < $1.path }
    }
}

/// The jobs and result slots one parallel render shares between its threads.
///
/// `@unchecked`: the contexts are plain values that nothing mutates while rendering, and iteration
/// `i` writes only slot `i`, so no two threads touch the same memory.
private final class RenderBatch: @unchecked Sendable {
    /// The files to render.
    let jobs: [RenderJob]
    /// One slot per job.
    let results: UnsafeMutableBufferPointer<Result<String, any Error>>

    /// - Parameter jobs: The files to render.
    init(_ jobs: [RenderJob]) {
        self.jobs = jobs
        results = .allocate(capacity: jobs.count)
        results.initialize(repeating: .success(""))
    }

    deinit {
        results.deinitialize()
        results.deallocate()
    }
}
