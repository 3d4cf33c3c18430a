#!/usr/bin/env python3
"""Checks the code blocks of the README and of every DocC article against the package.

Called by Scripts/docs.sh after the package is built. What each fenced block must do is given by an
HTML comment on the line before it (readers of GitHub and of DocC do not see it):

  (none), on a ```swift block    compiled, with every other such block, in one module importing
                                 XenPublic and XenHypercall (the block's body becomes an async throwing function)
  <!-- check: manifest -->       a Package.swift fragment, type-checked against PackageDescription
  <!-- check: excerpt FILE -->   every line is in FILE, in order; a line that is only `...`, `…`
                                 or starts with `// …` stands for lines left out
  <!-- check: run [SCRATCH] -->  a shell transcript: each `$ ` line is run with bash in the
                                 repository (the built xen-swiftgen first on PATH) and what it
                                 prints, stdout and stderr, must equal the lines below it; SCRATCH
                                 (a path such as /tmp/xx) is replaced by a fresh folder
  <!-- check: config -->         a config file: `xen-swiftgen families --config` accepts it
  <!-- check: diagnostic CODE -->  CODE (Swift, one line) must not compile, and every line of the
                                 block must end one of the compiler's error lines for it
  <!-- check: program STATUS -->  a whole Swift program (top-level code), linked with XenHypercall and
                                 XenPublic, run here (off Xen: no /dev/xen); it must exit with STATUS
                                 and print exactly one line, with no crash report or backtrace
                                 (a snippet a user copies must fail with its typed error, not trap)
  <!-- check: none REASON -->    not checked, and the reason says why

A ```swift block without a marker is compiled, so no Swift block goes unchecked. Other blocks are
checked only when marked. Prints one line per failure and `doc-examples: N passed, N failed`;
exits 1 on any failure.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MARKER = re.compile(r"^\s*<!--\s*check:\s*(\w[\w-]*)\s*(.*?)\s*-->\s*$")
FENCE = re.compile(r"^(\s*)(```+)\s*([\w+-]*)\s*$")


def documents():
    """The README and every article of every DocC catalog in the package, in a stable order."""
    found = ["README.md"]
    for top in ("Sources", "Generated"):
        for folder, dirs, files in os.walk(os.path.join(ROOT, top)):
            dirs.sort()
            if ".docc" in folder:
                found += [os.path.relpath(os.path.join(folder, f), ROOT) for f in sorted(files) if f.endswith(".md")]
    return found


def blocks(path):
    """(line, language, marker kind, marker argument, lines) of each fenced block of a document."""
    lines = open(os.path.join(ROOT, path), encoding="utf-8").read().split("\n")
    index = 0
    while index < len(lines):
        match = FENCE.match(lines[index])
        if not match:
            index += 1
            continue
        indent, fence, language = match.groups()
        previous = lines[index - 1] if index > 0 else ""
        marker = MARKER.match(previous)
        start = index + 1
        index += 1
        body = []
        while index < len(lines) and lines[index].strip() != fence:
            line = lines[index]
            body.append(line[len(indent):] if line.startswith(indent) else line.lstrip())
            index += 1
        index += 1
        yield start, language, marker.group(1) if marker else None, marker.group(2) if marker else "", body


def run(arguments, **options):
    """Runs a command, returning (status, stdout and stderr together)."""
    result = subprocess.run(arguments, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **options)
    return result.returncode, result.stdout


class Check:
    """Collects the blocks by kind, checks them, and counts the results."""

    def __init__(self, bin_path, work):
        self.bin_path = bin_path
        self.work = work
        self.compiled = []      # (where, body)
        self.manifests = []     # (where, body)
        self.diagnostics = []   # (where, code, expected lines)
        self.programs = []      # (where, expected status, body)
        self.passed = 0
        self.failures = []

    def fail(self, where, message):
        self.failures.append(f"{where}: error: {message}")

    def add(self, path, line, language, kind, argument, body):
        where = f"{path}:{line}"
        if kind == "none":
            if not argument:
                self.fail(where, "'check: none' needs a reason")
        elif kind == "manifest":
            self.manifests.append((where, body))
        elif kind == "excerpt":
            self.excerpt(where, argument, body)
        elif kind == "run":
            self.transcript(where, argument, body)
        elif kind == "config":
            self.config(where, body)
        elif kind == "diagnostic":
            self.diagnostics.append((where, argument, body))
        elif kind == "program":
            self.programs.append((where, argument, body))
        elif kind is not None:
            self.fail(where, f"unknown check '{kind}'")
        elif language == "swift":
            self.compiled.append((where, body))

    def excerpt(self, where, source, body):
        try:
            text = [l.strip() for l in open(os.path.join(ROOT, source), encoding="utf-8").read().split("\n")]
        except OSError as error:
            return self.fail(where, f"cannot read '{source}': {error.strerror}")
        position = 0
        for line in (l.strip() for l in body):
            if line in ("", "...", "…") or line.startswith("// …") or line.startswith("// ..."):
                continue
            try:
                position = text.index(line, position) + 1
            except ValueError:
                return self.fail(where, f"'{line}' is not in {source} (after line {position})")
        self.passed += 1

    def config(self, where, body):
        path = os.path.join(self.work, "xen-swiftgen-config.json")
        with open(path, "w", encoding="utf-8") as file:
            file.write("\n".join(body) + "\n")
        status, output = run([os.path.join(self.bin_path, "xen-swiftgen"), "families", "--config", path])
        if status != 0:
            return self.fail(where, "xen-swiftgen does not accept this config: " + output.strip().replace(path, "block"))
        self.passed += 1

    def transcript(self, where, scratch, body):
        commands = []
        for line in body:
            if line.startswith("$ "):
                commands.append((line[2:], []))
            elif commands:
                commands[-1][1].append(line)
            else:
                return self.fail(where, "a 'run' block starts with a '$ ' command")
        folder = tempfile.mkdtemp(prefix="doc-run-", dir=self.work)
        environment = dict(os.environ, PATH=self.bin_path + os.pathsep + os.environ.get("PATH", ""))
        try:
            for command, expected in commands:
                actual_command = command.replace(scratch, folder) if scratch else command
                _, output = run(["bash", "-c", actual_command], cwd=ROOT, env=environment)
                if scratch:
                    output = output.replace(folder, scratch)
                actual = output.rstrip("\n").split("\n") if output.strip() else []
                while expected and expected[-1] == "":
                    expected.pop()
                if actual != expected:
                    shown = "\n".join("    " + l for l in actual)
                    return self.fail(where, f"'{command}' printed:\n{shown}")
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        self.passed += 1

    def swift_file(self, name, imports, body):
        path = os.path.join(self.work, name)
        with open(path, "w", encoding="utf-8") as file:
            file.write("\n".join(imports) + "\n")
            file.write(body)
        return path

    def compile_examples(self):
        """Every unmarked Swift block, as one function each, in one module built in one compiler run."""
        if not self.compiled:
            return
        files = {}
        for number, (where, body) in enumerate(self.compiled):
            is_import = [bool(re.match(r"^import \w+\s*(//.*)?$", l)) for l in body]
            imports = ["import XenHypercall", "import XenPublic"] + [l for l, hoisted in zip(body, is_import) if hoisted]
            # Hoisted imports leave a blank line, so line i of the body stays line i of the function.
            rest = ["" if hoisted else l for l, hoisted in zip(body, is_import)]
            text = f"// {where}\nfunc example{number}() async throws {{\n" + "\n".join(rest) + "\n}\n"
            files[self.swift_file(f"Example{number}.swift", imports, text)] = (where, len(imports) + 2)
        status, output = run(["swiftc", "-swift-version", "6", "-parse-as-library", "-wmo", "-c",
                              "-module-name", "DocExamples", "-I", os.path.join(self.bin_path, "Modules"),
                              "-o", os.path.join(self.work, "DocExamples.o")] + list(files))
        lines = output.split("\n")
        if status != 0 and not any(": error: " in l and l.split(":")[0] in files for l in lines):
            self.fail("doc-examples", "the examples did not compile:\n" + output)
        for file, (where, header) in files.items():
            path, fence = where.rsplit(":", 1)
            errors = []
            for line in lines:
                match = re.match(re.escape(file) + r":(\d+):(\d+): error: (.*)$", line)
                if match:
                    errors.append(f"{path}:{int(fence) + int(match.group(1)) - header}:{match.group(2)}: error: {match.group(3)}")
            if errors:
                self.fail(where, "this Swift block does not compile:\n    " + "\n    ".join(errors))
            else:
                self.passed += 1

    def compile_manifests(self):
        """Every Package.swift fragment, type-checked in one compiler run against PackageDescription."""
        if not self.manifests:
            return
        toolchain = os.path.dirname(os.path.dirname(os.path.realpath(shutil.which("swiftc"))))
        api = os.path.join(toolchain, "lib", "swift", "pm", "ManifestAPI")
        files = {}
        for number, (where, body) in enumerate(self.manifests):
            text = "\n".join(body).strip().rstrip(",")
            if text.lstrip("/ \n").startswith(".") or re.search(r"^\.", text, re.M) and "targets:" not in text:
                text = "targets: [\n" + text + "\n]"
            source = f"// {where}\nfunc manifest{number}() -> Package {{\n    Package(\n        name: \"Example\",\n{text}\n    )\n}}\n"
            files[self.swift_file(f"Manifest{number}.swift", ["import PackageDescription"], source)] = where
        status, output = run(["swiftc", "-typecheck", "-swift-version", "6", "-parse-as-library", "-continue-building-after-errors", "-I", api,
                              "-package-description-version", "6.2"] + list(files))
        for file, where in files.items():
            errors = [l.replace(file, "block") for l in output.split("\n") if l.startswith(file + ":") and "error:" in l]
            if errors:
                self.fail(where, "this Package.swift fragment does not type-check:\n    " + "\n    ".join(errors))
            else:
                self.passed += 1
        if status != 0 and not any(f"{file}:" in output for file in files):
            self.fail("doc-examples", "the manifest fragments did not type-check:\n" + output)

    def compile_diagnostics(self):
        """Every code that must fail, one file each, in one compiler run; each block's lines must be among its errors."""
        if not self.diagnostics:
            return
        files = {}
        for number, (where, code, expected) in enumerate(self.diagnostics):
            text = f"// {where}\nfunc failing{number}() throws {{\n{code}\n}}\n"
            files[self.swift_file(f"Failing{number}.swift", ["import XenHypercall", "import XenPublic"], text)] = (where, expected)
        _, output = run(["swiftc", "-typecheck", "-swift-version", "6", "-parse-as-library", "-continue-building-after-errors",
                         "-I", os.path.join(self.bin_path, "Modules")] + list(files))
        for file, (where, expected) in files.items():
            errors = [l for l in output.split("\n") if l.startswith(file + ":") and ": error: " in l]
            missing = [e for e in expected if e.strip() and not any(l.endswith(e.strip()) for l in errors)]
            if not errors or missing:
                shown = "\n    ".join(l.replace(file, "code") for l in errors) or "(no error)"
                self.fail(where, f"the compiler did not say '{(missing or expected)[0].strip()}'; it said:\n    {shown}")
            else:
                self.passed += 1


    def run_programs(self):
        """Every whole program, built against the package's objects and run here; see 'check: program'."""
        objects = []
        for target, sources in (("XenHypercall", "Sources/XenHypercall"), ("XenPublic", "Generated")):
            folder = os.path.join(self.bin_path, f"{target}.build")
            if not os.path.isdir(folder):
                continue
            # An object of a source file that no longer exists (a renamed generated file) is left in
            # the build folder by SwiftPM; linking it too would define its symbols twice.
            names = {name for _, _, files in os.walk(os.path.join(ROOT, sources)) for name in files}
            objects += sorted(os.path.join(folder, f) for f in os.listdir(folder)
                              if f.endswith(".o") and not (f.endswith(".swift.o") and f[:-2] not in names))
        for number, (where, status, body) in enumerate(self.programs):
            if not status.isdigit():
                self.fail(where, "'check: program' needs the exit status the program must end with")
                continue
            folder = os.path.join(self.work, f"program{number}")
            os.makedirs(folder)
            source = os.path.join(folder, "main.swift")
            with open(source, "w", encoding="utf-8") as file:
                file.write("\n".join(body) + "\n")
            executable = os.path.join(folder, "program")
            built, output = run(["swiftc", "-swift-version", "6", "-I", os.path.join(self.bin_path, "Modules"),
                                 "-o", executable, source] + objects)
            if built != 0:
                self.fail(where, "this program does not build:\n    " + output.replace(source, "block").strip().replace("\n", "\n    "))
                continue
            code, output = run([executable], cwd=folder)
            lines = output.rstrip("\n").split("\n") if output.strip() else []
            crashed = any(w in output for w in ("Fatal error", "Current stack trace", "Backtrace", "Stack dump", "💣"))
            if code != int(status) or crashed or len(lines) != 1:
                shown = "\n".join("    " + l for l in lines)
                self.fail(where, f"the program exited with {code} (expected {status}) and printed:\n{shown}")
            else:
                self.passed += 1


def main():
    bin_path = subprocess.run(["swift", "build", "--show-bin-path"], cwd=ROOT, stdout=subprocess.PIPE,
                              text=True, check=True).stdout.strip()
    work = tempfile.mkdtemp(prefix="doc-examples-")
    try:
        check = Check(bin_path, work)
        for path in documents():
            for line, language, kind, argument, body in blocks(path):
                check.add(path, line, language, kind, argument, body)
        check.compile_examples()
        check.compile_manifests()
        check.compile_diagnostics()
        check.run_programs()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for failure in check.failures:
        print(failure, file=sys.stderr)
    sys.stderr.flush()
    print(f"doc-examples: {check.passed} passed, {len(check.failures)} failed")
    return 1 if check.failures else 0


if __name__ == "__main__":
    sys.exit(main())
