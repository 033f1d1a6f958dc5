"""`make mutate`: mutation testing of the rules that protect users (mutmut).

For each module of mutation/modules.toml (or those named on the command line) it copies the
working tree into .mutation/<name>/, tells mutmut which functions to break and which tests
defend them, runs it, and writes the score and every surviving mutant's diff to
.mutation/<name>.md. The survivors that no test should kill are explained in
mutation/survivors.toml (matched by function and changed line, not by mutmut's numbers, which
move as the code does); a run of every module writes docs/mutation-survivors.md: the scores,
and each survivor with its explanation or "not explained".

    python -m mutation.run [NAME ...] [--jobs N] [--timeout SECONDS] [--report]

``--report`` writes the reports again from the last run's results (after editing the
explanations), without running anything. A module whose inputs (its file, the modules beside
it, its tests and the test helpers) are unchanged since its last complete run is not run
again; ``--rerun`` runs it all the same.

The tests run on SQLite in memory (each mutant in its own forked process, so they cannot share
one PostgreSQL test database), with CI unset so that a missing Redis or Chromium skips.
"""

from __future__ import annotations

import argparse
import ast
import fnmatch
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODULES = ROOT / "mutation" / "modules.toml"
EXPLAINED = ROOT / "mutation" / "survivors.toml"
SURVIVORS_DOC = ROOT / "docs" / "mutation-survivors.md"
WORK = ROOT / ".mutation"
MUTMUT = Path(sys.executable).parent / "mutmut"
# Copied beside the mutated packages so that settings, templates and fixtures resolve.
ALSO_COPY = [
    "templates",
    "locale",
    "fixtures",
    "static",
    "manage.py",
    "loadtest",
    "benchmarks",
    "gunicorn.conf.py",
]
PACKAGES = ["magportal", "meetings", "schedule"]
# mutmut's exit codes per mutant (mutmut/stats.py); a timeout is a kill: the tests noticed.
KILLED = {
    1: "killed",
    3: "killed",
    36: "timeout",
    24: "timeout",
    -24: "timeout",
    152: "timeout",
    255: "timeout",
}
SURVIVED = {0: "survived"}
NO_TESTS = {5: "no tests", 33: "no tests"}


class ConfigError(Exception):
    pass


@dataclass
class Module:
    name: str
    path: str
    tests: list[str]
    functions: list[str] = field(default_factory=list)

    @property
    def dotted(self) -> str:
        return self.path.removesuffix(".py").replace("/", ".")

    def mutant_patterns(self) -> list[str]:
        return [f"{self.dotted}.{function}__mutmut_*" for function in self.functions] or [f"{self.dotted}.*"]


@dataclass
class Survivor:
    name: str
    function: str
    before: str
    after: str
    diff: str
    why: str = ""


@dataclass
class Score:
    module: Module
    by_status: dict[str, list[str]]
    seconds: float
    survivors: list[Survivor] = field(default_factory=list)

    def count(self, *statuses: str) -> int:
        return sum(len(self.by_status.get(status, [])) for status in statuses)

    @property
    def total(self) -> int:
        return sum(len(names) for names in self.by_status.values())

    @property
    def killed(self) -> int:
        return self.count("killed", "timeout")

    @property
    def percent(self) -> float:
        return 100.0 * self.killed / self.total if self.total else 0.0

    @property
    def explained(self) -> int:
        return sum(1 for survivor in self.survivors if survivor.why)


def load_modules(path: Path = MODULES) -> dict[str, Module]:
    table = tomllib.loads(path.read_text("utf-8"))
    return {name: Module(name=name, **entry) for name, entry in table.items()}


def mutmut_names(source: str) -> set[str]:
    """mutmut's names of a module's functions and methods: "x_name", "xǁClassǁmethod"."""
    tree = ast.parse(source)
    names = set()
    functions = (ast.FunctionDef, ast.AsyncFunctionDef)
    for node in tree.body:
        # mutmut leaves decorated functions alone (properties, signal receivers).
        if isinstance(node, functions) and not node.decorator_list:
            names.add(f"x_{node.name}")
        elif isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, functions) and not item.decorator_list:
                    names.add(f"xǁ{node.name}ǁ{item.name}")
    return names


def check(module: Module) -> None:
    if not (ROOT / module.path).is_file():
        raise ConfigError(f"{module.name}: {module.path} does not exist; update {MODULES.relative_to(ROOT)}")
    defined = mutmut_names((ROOT / module.path).read_text("utf-8"))
    missing = [pattern for pattern in module.functions if not fnmatch.filter(defined, pattern)]
    if missing:
        raise ConfigError(
            f"{module.name}: {module.path} has no function {', '.join(missing)}; "
            f"update {MODULES.relative_to(ROOT)}"
        )
    for test in module.tests:
        if not (ROOT / test.split("::")[0]).exists():
            raise ConfigError(f"{module.name}: {test} does not exist; update {MODULES.relative_to(ROOT)}")


def check_coverage(modules: dict[str, Module]) -> None:
    """Entries that share a path (a module split into runs with different tests) must between them
    list every function of it: one added later would otherwise be mutated by none."""
    by_path: dict[str, list[Module]] = {}
    for module in modules.values():
        by_path.setdefault(module.path, []).append(module)
    for path, sharing in by_path.items():
        if len(sharing) < 2:
            continue
        if any(not module.functions for module in sharing):
            names = ", ".join(module.name for module in sharing)
            raise ConfigError(f"{names} share {path}: each must list its functions")
        defined = mutmut_names((ROOT / path).read_text("utf-8"))
        listed = {
            name
            for module in sharing
            for pattern in module.functions
            for name in fnmatch.filter(defined, pattern)
        }
        if defined - listed:
            names = ", ".join(module.name for module in sharing)
            raise ConfigError(
                f"{path}: no entry lists {', '.join(sorted(defined - listed))}; "
                f"add it to one of {names} in {MODULES.relative_to(ROOT)}"
            )


def inputs_digest(module: Module) -> str:
    """What a module's score depends on: its file and those beside it, its tests, the helpers beside
    them and the conftest.py files above them."""
    folder = (ROOT / module.path).parent
    paths = set(folder.glob("*.py"))
    for test in module.tests:
        target = ROOT / test.split("::")[0]
        paths |= set(target.rglob("*.py")) if target.is_dir() else {target}
        here = target if target.is_dir() else target.parent
        paths |= {path for path in here.glob("*.py") if not path.name.startswith("test_")}
        paths |= {parent / "conftest.py" for parent in here.parents if (parent / "conftest.py").is_file()}
    paths.add(ROOT / "pyproject.toml")
    digest = hashlib.sha256(json.dumps([module.path, module.functions, module.tests]).encode())
    for path in sorted(paths):
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def copy_tree(destination: Path) -> None:
    """The working tree as it is (tracked and new files, not ignored ones)."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    ).stdout.split(b"\0")
    for raw in listed:
        if not raw:
            continue
        relative = raw.decode()
        source = ROOT / relative
        if relative.startswith(("mutation/", ".mutation/")) or not source.is_file():
            continue
        target = destination / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)


def write_config(module: Module, workdir: Path) -> None:
    lines = [
        "[mutmut]",
        "source_paths =\n" + "".join(f"    {package}\n" for package in PACKAGES),
        f"only_mutate = {module.path}",
        "also_copy =\n" + "".join(f"    {path}\n" for path in ALSO_COPY),
        "pytest_add_cli_args_test_selection =\n" + "".join(f"    {test}\n" for test in module.tests),
        "pytest_add_cli_args =\n    -p\n    no:cacheprovider\n",
        # Dependency tracking and git detection re-run mutants whose code changed; each run here
        # starts from a fresh copy, so they only cost time.
        "use_git_change_detection = false",
        # A mutant is timed out after (its tests' time without mutation + the constant) x 5. Each
        # mutant's tests set up their test database again (migrations: 15 s, and 40 s under a load
        # of 8 on 2 cores), which mutmut's estimate leaves out: without the constant every mutant
        # of a function only database tests reach timed out, and counted as killed.
        "timeout_multiplier = 5",
        "timeout_constant = 30",
    ]
    (workdir / "setup.cfg").write_text("\n".join(lines) + "\n", encoding="utf-8")


def environment() -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "CI", "CACHE_URL"}}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def read_results(module: Module, workdir: Path) -> dict[str, list[str]]:
    meta = workdir / "mutants" / (module.path + ".meta")
    if not meta.exists():
        raise ConfigError(f"{module.name}: mutmut wrote no results ({meta.relative_to(ROOT)})")
    codes = json.loads(meta.read_text("utf-8"))["exit_code_by_key"]
    patterns = module.mutant_patterns()
    by_status: dict[str, list[str]] = {}
    for name, code in sorted(codes.items()):
        if not any(fnmatch.fnmatchcase(name, pattern) for pattern in patterns):
            continue
        status = KILLED.get(code) or SURVIVED.get(code) or NO_TESTS.get(code) or f"other ({code})"
        by_status.setdefault(status, []).append(name)
    unmatched = [
        pattern for pattern in patterns if not any(fnmatch.fnmatchcase(name, pattern) for name in codes)
    ]
    if unmatched:
        raise ConfigError(f"{module.name}: no mutants match {unmatched}; update {MODULES.relative_to(ROOT)}")
    return by_status


def diff_of(name: str, workdir: Path) -> str:
    shown = subprocess.run(
        [str(MUTMUT), "show", name], cwd=workdir, env=environment(), capture_output=True, text=True
    )
    return shown.stdout.strip() or shown.stderr.strip()


def function_of(name: str) -> str:
    """ "pkg.mod.x__size__mutmut_2" -> "_size"; "pkg.mod.xǁPackageǁread__mutmut_3" -> "Package.read"."""
    last = name.rsplit(".", 1)[-1].rsplit("__mutmut_", 1)[0]
    if last.startswith("xǁ"):
        return ".".join(part for part in last[2:].split("ǁ") if part)
    return last.removeprefix("x_")


def changed_lines(diff: str) -> tuple[str, str]:
    before = [
        line[1:].strip() for line in diff.splitlines() if line.startswith("-") and not line.startswith("---")
    ]
    after = [
        line[1:].strip() for line in diff.splitlines() if line.startswith("+") and not line.startswith("+++")
    ]
    return " / ".join(before), " / ".join(after)


def load_explanations(path: Path = EXPLAINED) -> dict[tuple[str, str, str, str], str]:
    if not path.exists():
        return {}
    entries = tomllib.loads(path.read_text("utf-8")).get("survivor", [])
    return {
        (entry["module"], entry["function"], entry["before"].strip(), entry["after"].strip()): entry["why"]
        for entry in entries
    }


def survivors_of(score: Score, workdir: Path, explanations: dict) -> list[Survivor]:
    found = []
    for status in sorted(score.by_status):
        if status in {"killed", "timeout"}:
            continue
        for name in score.by_status[status]:
            diff = diff_of(name, workdir)
            before, after = changed_lines(diff)
            function = function_of(name)
            why = explanations.get((score.module.name, function, before, after), "")
            found.append(
                Survivor(name=name, function=function, before=before, after=after, diff=diff, why=why)
            )
    return found


def run_module(module: Module, *, jobs: int, timeout: int, rerun: bool) -> Score:
    check(module)
    workdir = WORK / module.name
    digest = inputs_digest(module)
    done = workdir / "inputs.sha256"
    if not rerun and done.exists() and done.read_text().strip() == digest:
        print(f"== {module.name}: unchanged since its last run; its results stand (--rerun to run it)")
        return score_of(module, explanations=load_explanations())
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True)
    copy_tree(workdir)
    write_config(module, workdir)
    command = ["nice", "-n", "15", str(MUTMUT), "run", "--max-children", str(jobs), *module.mutant_patterns()]
    print(f"== {module.name}: {module.path} against {' '.join(module.tests)}", flush=True)
    started = time.monotonic()
    log = workdir / "mutmut.log"
    with log.open("w") as out:
        try:
            finished = subprocess.run(
                command, cwd=workdir, env=environment(), stdout=out, stderr=subprocess.STDOUT, timeout=timeout
            )
        except subprocess.TimeoutExpired as error:
            raise ConfigError(f"{module.name}: mutmut did not finish in {timeout} s (see {log})") from error
    if finished.returncode != 0:
        tail = log.read_text(errors="replace").splitlines()[-15:]
        raise ConfigError(f"{module.name}: mutmut failed ({finished.returncode}):\n" + "\n".join(tail))
    seconds = time.monotonic() - started
    (workdir / "seconds").write_text(f"{seconds:.0f}\n")
    done.write_text(digest + "\n")
    return score_of(module, explanations=load_explanations())


def score_of(module: Module, *, explanations: dict) -> Score:
    """The results of the last run of ``module``, its survivors explained where they can be."""
    workdir = WORK / module.name
    timing = workdir / "seconds"
    seconds = float(timing.read_text()) if timing.exists() else 0.0
    score = Score(module=module, by_status=read_results(module, workdir), seconds=seconds)
    score.survivors = survivors_of(score, workdir, explanations)
    write_report(score)
    return score


def write_report(score: Score) -> None:
    module = score.module
    lines = [
        f"# {module.name}: {module.path}",
        "",
        f"{score.killed} of {score.total} mutants killed ({score.percent:.1f}%) in {score.seconds:.0f} s;"
        f" {score.explained} of {len(score.survivors)} survivors explained",
        "",
    ]
    for survivor in score.survivors:
        lines += [f"## {survivor.name} ({survivor.function})", "", "```diff", survivor.diff, "```", ""]
        lines += [f"Why it survives: {survivor.why}" if survivor.why else "Not explained.", ""]
    (WORK / f"{module.name}.md").write_text("\n".join(lines), encoding="utf-8")
    # Stubs for mutation/survivors.toml: fill in "why" and move them there.
    stubs = []
    for survivor in score.survivors:
        if not survivor.why:
            stubs += [
                "[[survivor]]",
                f"module = {json.dumps(module.name)}",
                f"function = {json.dumps(survivor.function, ensure_ascii=False)}",
                f"before = {json.dumps(survivor.before, ensure_ascii=False)}",
                f"after = {json.dumps(survivor.after, ensure_ascii=False)}",
                'why = ""',
                "",
            ]
    (WORK / f"{module.name}.unexplained.toml").write_text("\n".join(stubs), encoding="utf-8")


def write_survivors_doc(scores: list[Score]) -> None:
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    lines = [
        "# Surviving mutants",
        "",
        f"Written by `make mutate` (mutmut) on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
        f"at commit {commit} and the working tree. Each mutant below changed one thing in a rule that "
        "protects users and no test noticed; each says why, from `mutation/survivors.toml` (matched by "
        "function and changed line).",
        "",
        table(scores),
        "",
    ]
    for score in scores:
        module = score.module
        lines += [f"## {module.name}: `{module.path}`", ""]
        if not score.survivors:
            lines += ["Every mutant was killed.", ""]
        for survivor in score.survivors:
            lines += [
                f"- `{survivor.name.rsplit('.', 1)[-1]}` in `{survivor.function}`: "
                f"`{survivor.before}` → `{survivor.after}`",
                f"  {survivor.why or '**Not explained.**'}",
            ]
        lines.append("")
    SURVIVORS_DOC.write_text("\n".join(lines), encoding="utf-8")


def table(scores: list[Score]) -> str:
    rows = [
        "| module | mutants | killed | survived (explained) | no tests | killed % |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for score in scores:
        rows.append(
            f"| {score.module.name} (`{score.module.path}`) | {score.total} | {score.killed} "
            f"| {score.count('survived')} ({score.explained}) | {score.count('no tests')} "
            f"| {score.percent:.1f}% |"
        )
    total = sum(score.total for score in scores)
    killed = sum(score.killed for score in scores)
    survived = sum(score.count("survived") for score in scores)
    explained = sum(score.explained for score in scores)
    if total:
        rows.append(
            f"| all | {total} | {killed} | {survived} ({explained}) | | {100.0 * killed / total:.1f}% |"
        )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "names",
        nargs="*",
        help="modules of mutation/modules.toml, by name or comma-separated (all when none)",
    )
    parser.add_argument("--jobs", type=int, default=2, help="mutants tested at once (default 2)")
    parser.add_argument("--timeout", type=int, default=3600, help="seconds allowed per module (default 3600)")
    parser.add_argument(
        "--report", action="store_true", help="write the reports from the last run, run nothing"
    )
    parser.add_argument("--rerun", action="store_true", help="run modules whose inputs are unchanged too")
    args = parser.parse_args(argv)
    try:
        modules = load_modules()
        names = [name for argument in args.names for name in argument.split(",") if name]
        unknown = [name for name in names if name not in modules]
        if unknown:
            raise ConfigError(f"unknown module(s) {', '.join(unknown)}; known: {', '.join(modules)}")
        chosen = [modules[name] for name in names] or list(modules.values())
        for module in chosen:
            check(module)
        check_coverage(modules)
        WORK.mkdir(exist_ok=True)
        scores = []
        for module in chosen:
            if args.report:
                score = score_of(module, explanations=load_explanations())
            else:
                score = run_module(module, jobs=args.jobs, timeout=args.timeout, rerun=args.rerun)
            print(
                f"   {score.killed} of {score.total} killed ({score.percent:.1f}%) in {score.seconds:.0f} s;"
                f" survivors in {(WORK / f'{module.name}.md').relative_to(ROOT)}",
                flush=True,
            )
            scores.append(score)
    except ConfigError as error:
        print(f"make mutate: {error}", file=sys.stderr)
        return 2
    summary = table(scores)
    (WORK / "scores.md").write_text(summary + "\n", encoding="utf-8")
    if len(scores) == len(modules):
        write_survivors_doc(scores)
        print(f"survivors and their explanations: {SURVIVORS_DOC.relative_to(ROOT)}")
    print(summary)
    return 0


if __name__ == "__main__":
    sys.exit(main())
