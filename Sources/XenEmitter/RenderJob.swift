import Mustache

/// One file to render: a template, its context and where the text goes.
struct RenderJob {
    /// Path relative to the output folder.
    var path: String
    /// A template name without extension.
    var template: String
    /// The template's values.
    var context: any TemplateContext
    /// Roughly how many lines the file will have; only the order the jobs start in depends on it.
    var weight = 1
    /// The header the file is generated from, for its banner.
    var header: String? = nil
    /// `#if arch(…)` when only some targets have this text; `nil` for text every target shares.
    var ifLine: String? = nil
    /// Declarations the generator writes itself after the template's text (a family's number guard),
    /// so that no template can leave them out.
    var written: String? = nil
}

extension TemplateSet {
    /// Renders every job, spread over the cores.
    ///
    /// The renders are independent (the library is read-only once loaded) and make up most of
    /// `generate`'s time, so they run in parallel. Each result lands in its job's slot and the files
    /// are sorted by path afterwards, so the output does not depend on the order they finish in.
    /// - Parameter jobs: The files to render.
    /// - Returns: Each job's text, then the declarations it has ``RenderJob/written``, in job order.
    /// - Throws: The first failure in job order, as a serial loop would report it.
    func render(_ jobs: [RenderJob]) throws -> [String] {
        let largestFirst = jobs.indices.sorted { jobs[$0].weight > jobs[$1].weight }
        let results = concurrentMap(jobs, startOrder: largestFirst) { job in
            Result {
                let text = try render(job.template, job.context)
                return job.written.map { SwiftEmitter.trimmingNewlines(text) + "\n\n" + $0 } ?? text
            }
        }
        return try results.map { try $0.get() }
    }
}
