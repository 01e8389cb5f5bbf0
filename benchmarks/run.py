"""Every benchmark of ctg-rules in one command (benchmarks, not tests: they measure, they do not fail).

    pip install -e ".[bench]"
    python benchmarks/run.py                      # 1,000 files, 10,000 for memory: ~10 minutes
    python benchmarks/run.py --files 100000       # a department's years of acts
    python benchmarks/run.py --only cold,scale    # some parts only
    python benchmarks/run.py --only instructions  # instructions per file under valgrind (callgrind)

- throughput: ``ctg-rules check DIR --format json`` (load, validate, every built-in rule, the JSON
  report: the whole process) over N generated dossiers, against the time PyYAML's C loader
  (``yaml.load(f, Loader=yaml.CSafeLoader)``) takes to read the same files in a process of its
  own (its loop only: no start-up counted); the runs alternate, medians of ``--repeat``.
- jobs: the same check with ``--jobs 1`` and ``--jobs <cores>``: the speed-up; beside it, the
  machine's own: <cores> copies of a CPU-bound loop run together against one alone.
- cold: ``ctg-rules check <seed example>`` against ``yamllint <seed example>``, whole processes in
  the same environment (compiled bytecode allowed for both, as after ``pip install``), alternating.
- memory: peak RSS of ``ctg-rules check`` over 10,000 files in one run (one process), then the
  parent and its workers together with the default ``--jobs`` (proportional set size, sampled).
- scale: one dossier checked with councils of 30 to 3,000 members (cost per member must not grow).
- extract: the whole `check --jobs 1` of the PDFs against pypdfium2's raw reading, pages per second and ratio (benchmarks/extract_speed.py).
- budget: one core's time per file, phase by phase, in one warm process (alternating, medians):
  PyYAML's load, libyaml's composer alone (the floor of "loading through the composer"), our
  read (composer and construction), validation, the rules, and the whole check of a file.
- instructions (only with ``--only``): instructions executed per file by a check and by PyYAML's
  load, counted by valgrind's callgrind in one warm process: exact figures on a busy machine.

Generated dossiers are kept under ``--workdir`` (default: a folder in the system's temporary
directory) and reused by later runs.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SEED = ROOT / "examples" / "seed-ctg-aubrac-2023.yaml"
PARTS = ("throughput", "budget", "cold", "memory", "scale", "extract")
#: parts run only when asked for (--only): they need valgrind and take minutes
EXTRA_PARTS = ("instructions",)
sys.path.insert(0, str(HERE))

from dossiers import Generator  # noqa: E402 - the generator next to this file

PYYAML_LOOP = """
import sys, time, yaml
paths = open(sys.argv[1], encoding="utf-8").read().splitlines()
start = time.perf_counter()
for path in paths:
    with open(path, "rb") as f:
        yaml.load(f, Loader=yaml.CSafeLoader)
print(time.perf_counter() - start)
"""

SCALE = """
import sys, time
from ctg_rules.engine import Engine
engine = Engine()
for path in sys.argv[1:]:
    engine.check_file(path)  # warm: caches, regexes, first use of every rule
    times = []
    for _ in range(5):
        t = time.perf_counter(); engine.check_file(path); times.append(time.perf_counter() - t)
    print(path, min(times))
"""


INSTRUCTIONS = """
import sys, yaml
from ctg_rules.engine import Engine
from ctg_rules.parallel import batch_collector
mode, paths = sys.argv[1], open(sys.argv[2], encoding="utf-8").read().splitlines()
warm, work = paths[-20:], paths[:-20]
engine = Engine()
for path in warm:  # first uses (regexes, caches, lazy imports) are not what a file costs
    engine.check_file(path)
    with open(path, "rb") as f:
        yaml.load(f, Loader=yaml.CSafeLoader)
with batch_collector():  # the collector as the ctg-rules program sets it
    if mode == "check":
        for path in work:
            engine.check_file(path)
    elif mode == "pyyaml":
        for path in work:
            with open(path, "rb") as f:
                yaml.load(f, Loader=yaml.CSafeLoader)
"""

BUDGET = """
import json, statistics, sys, time, yaml
from ctg_rules import loader
from ctg_rules.engine import Engine
from ctg_rules.parallel import batch_collector
from ctg_rules.validation import validate
repeat, paths = int(sys.argv[1]), open(sys.argv[2], encoding="utf-8").read().splitlines()
engine = Engine()
documents = [loader.read(path) for path in paths]
dossiers = [validate(d.data, d.locate, "fr") for d in documents]

def pyyaml():
    for path in paths:
        with open(path, "rb") as f:
            yaml.load(f, Loader=yaml.CSafeLoader)

def composer():  # libyaml's parser and composer, the nodes the issue says to load through
    for path in paths:
        with open(path, "rb") as f:
            composing = loader._FastLoader(f.read())
        composing.get_single_node()
        composing.dispose()

def read():
    for path in paths:
        loader.read(path)

def validation():
    for d in documents:
        validate(d.data, d.locate, "fr")

def rules():
    for path, d, v in zip(paths, documents, dossiers):
        engine.check_dossier(v, path, d.locate, source=d.text)

def check():
    for path in paths:
        engine.check_file(path)

phases = (pyyaml, composer, read, validation, rules, check)
times = {f.__name__: [] for f in phases}
with batch_collector():  # the collector as the ctg-rules program sets it
    check()  # warm: caches, regexes, first use of every rule
    for _ in range(repeat):
        for f in phases:
            start = time.perf_counter()
            f()
            times[f.__name__].append((time.perf_counter() - start) / len(paths))
ratios = {name: statistics.median(a / b for a, b in zip(t, times["pyyaml"])) for name, t in times.items()}
print(json.dumps({"ms": {name: statistics.median(t) * 1000 for name, t in times.items()}, "of_pyyaml": ratios}))
"""


def _env() -> dict[str, str]:
    """The environment of the measured processes: bytecode cached as after an install."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _tool(name: str) -> str | None:
    """A console script of this environment (the one running the benchmark) first."""
    local = Path(sys.executable).parent / name
    return str(local) if local.exists() else shutil.which(name)


def _timed(cmd: list[str], **kwargs: Any) -> float:
    start = time.perf_counter()
    subprocess.run(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_env(), check=False, **kwargs
    )
    return time.perf_counter() - start


def _dataset(workdir: Path, n: int, members: int = 30) -> Path:
    """N generated dossiers (made once, reused while the count matches)."""
    out = workdir / f"dossiers-{n}-m{members}"
    if not out.is_dir() or len(list(out.glob("*.yaml"))) != n:
        shutil.rmtree(out, ignore_errors=True)
        started = time.perf_counter()
        Generator(1, members).write(out, n)
        print(f"  (generated {n} dossiers in {out} in {time.perf_counter() - started:.0f} s)", flush=True)
    return out


def machine() -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import yaml

    import ctg_rules

    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:
        cores = os.cpu_count() or 1
    return {
        "cpu": cpu,
        "cores": cores,
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "pyyaml": f"{yaml.__version__} (libyaml {'yes' if yaml.__with_libyaml__ else 'no'})",
        "ctg-rules": ctg_rules.__version__,
        "load average": " ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?",
    }


def throughput(workdir: Path, n: int, repeat: int, jobs: int) -> dict[str, Any]:
    """check --jobs 1, check --jobs <jobs> and PyYAML's loop over the same files, alternating."""
    data = _dataset(workdir, n)
    listing = workdir / f"list-{n}.txt"
    listing.write_text("\n".join(str(p) for p in sorted(data.glob("*.yaml"))), encoding="utf-8")
    ctg = _tool("ctg-rules")
    assert ctg, "ctg-rules is not installed in this environment"
    runs: dict[str, list[float]] = {"pyyaml": [], "jobs1": [], f"jobs{jobs}": []}

    def pyyaml() -> float:
        out = subprocess.run(
            [sys.executable, "-c", PYYAML_LOOP, str(listing)], capture_output=True, text=True, check=True
        )
        return float(out.stdout)

    empty = workdir / "empty"
    empty.mkdir(exist_ok=True)
    runs["start"] = []
    steps = {
        "start": lambda: _timed([ctg, "check", "--format", "json", str(empty)]),
        "pyyaml": pyyaml,
        "jobs1": lambda: _timed([ctg, "check", "--format", "json", "--jobs", "1", str(data)]),
        f"jobs{jobs}": lambda: _timed([ctg, "check", "--format", "json", "--jobs", str(jobs), str(data)]),
    }
    order = list(steps)
    for r in range(repeat):
        for name in order[r % 4 :] + order[: r % 4]:  # rotate, so that no step always comes first
            runs[name].append(steps[name]())
        print(
            f"  repetition {r + 1}/{repeat}: " + ", ".join(f"{k} {v[-1]:.2f} s" for k, v in runs.items()),
            flush=True,
        )
    med = {k: statistics.median(v) for k, v in runs.items()}

    def paired(a: str, b: str) -> float:
        # Ratios of runs made one after the other, then their median: on a shared machine the
        # load drifts between repetitions, and medians taken column by column would pair a busy
        # run of one command with a quiet run of the other.
        return statistics.median(x / y for x, y in zip(runs[a], runs[b], strict=True))

    return {
        "files": n,
        "runs_s": runs,
        "median_s": med,
        "files_per_s": {k: n / v for k, v in med.items() if k != "start"},
        "ratio_jobs1_vs_pyyaml": paired("pyyaml", "jobs1"),
        # the same without the start-up (a check of an empty folder): what one more file costs
        "ratio_jobs1_per_file_vs_pyyaml": statistics.median(
            p / (j - s) for p, j, s in zip(runs["pyyaml"], runs["jobs1"], runs["start"], strict=True)
        ),
        f"ratio_jobs{jobs}_vs_pyyaml": paired("pyyaml", f"jobs{jobs}"),
        f"speedup_jobs{jobs}": paired("jobs1", f"jobs{jobs}"),
        "best_s": {k: min(v) for k, v in runs.items()},
        f"machine_speedup_{jobs}": capacity(jobs),
    }


SPIN = "import time\nt = time.perf_counter()\nx = 0\nfor i in range(4_000_000): x += i * i\nprint(time.perf_counter() - t)"


def capacity(jobs: int, repeat: int = 3) -> float:
    """What the machine gives ``jobs`` processes: the speed-up of ``jobs`` copies of a CPU-bound
    Python loop run together over one run alone (a shared virtual machine's cores may give much
    less than their number), best of ``repeat``."""
    best = 0.0
    for _ in range(repeat):
        alone = float(subprocess.run([sys.executable, "-c", SPIN], capture_output=True, text=True).stdout)
        start = time.perf_counter()
        procs = [
            subprocess.Popen([sys.executable, "-c", SPIN], stdout=subprocess.DEVNULL) for _ in range(jobs)
        ]
        for proc in procs:
            proc.wait()
        together = time.perf_counter() - start
        best = max(best, jobs * alone / together)
    return best


def cold(repeat: int, before: Path | None = None) -> dict[str, Any]:
    """A whole ``ctg-rules check`` process against a whole ``yamllint`` one, on the seed example:
    wall time, and the processes' own CPU time (user + system), which other jobs on a shared
    machine disturb less. ``before``: a checkout of an earlier revision (``git worktree add
    DIR REV``), run alongside as ``python -m ctg_rules.cli`` with its ``src`` first on the path."""
    ctg, yamllint = _tool("ctg-rules"), _tool("yamllint")
    if yamllint is None:
        return {"skipped": 'yamllint is not installed: pip install -e ".[bench]"'}
    assert ctg
    cmds = {"ctg-rules": [ctg, "check", str(SEED)], "yamllint": [yamllint, str(SEED)]}
    if before is not None:
        code = (
            f"import sys; sys.path.insert(0, {str(before / 'src')!r}); from ctg_rules.cli import main; main()"
        )
        cmds["before"] = [sys.executable, "-c", code, "check", str(SEED)]
    for cmd in cmds.values():  # compile and cache bytecode, warm the disk cache
        _timed(cmd)
    runs: dict[str, list[float]] = {k: [] for k in cmds}
    cpu: dict[str, list[float]] = {k: [] for k in cmds}
    for r in range(repeat):
        for name in list(cmds)[r % len(cmds) :] + list(cmds)[: r % len(cmds)]:
            used = resource.getrusage(resource.RUSAGE_CHILDREN)
            runs[name].append(_timed(cmds[name]))
            now = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu[name].append(now.ru_utime + now.ru_stime - used.ru_utime - used.ru_stime)
    med = {k: statistics.median(v) for k, v in runs.items()}
    med_cpu = {k: statistics.median(v) for k, v in cpu.items()}
    # the median of the ratios of runs made one after the other: a load that comes and goes
    # weighs on both sides of each ratio
    pairs = [a / b for a, b in zip(runs["ctg-rules"], runs["yamllint"], strict=True)]
    if before is not None:
        before_pairs = [a / b for a, b in zip(runs["before"], runs["yamllint"], strict=True)]
        med_cpu["before_ratio"] = med_cpu["before"] / med_cpu["yamllint"]
        med["before_ratio_of_pairs"] = statistics.median(before_pairs)
    return {
        "median_s": med,
        "cpu_median_s": med_cpu,
        "ratio_ctg_vs_yamllint": med["ctg-rules"] / med["yamllint"],
        "ratio_of_pairs": statistics.median(pairs),
        "cpu_ratio": med_cpu["ctg-rules"] / med_cpu["yamllint"],
        "load_average": os.getloadavg()[0],
    }


def _tree_memory(pid: int) -> int:
    """Memory (kB) of a process and its descendants, now: proportional set sizes, so that pages
    forked workers share with their parent are counted once (their RSS would count them twice)."""
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        try:
            rollup = Path(f"/proc/{p}/smaps_rollup")
            source, field = (rollup, "Pss:") if rollup.exists() else (Path(f"/proc/{p}/status"), "VmRSS:")
            for line in source.read_text().splitlines():
                if line.startswith(field):
                    total += int(line.split()[1])
            for task in Path(f"/proc/{p}/task").iterdir():
                stack.extend(int(c) for c in (task / "children").read_text().split())
        except (OSError, ValueError):
            continue
    return total


def memory(workdir: Path, n: int) -> dict[str, Any]:
    """Peak RSS over n files: one process (``--jobs 1``), then the default (parent + workers)."""
    data = _dataset(workdir, n)
    ctg = _tool("ctg-rules")
    assert ctg
    out: dict[str, Any] = {"files": n}
    cmd = [ctg, "check", "--format", "json", "--jobs", "1", str(data)]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_env())
    _, _, usage = os.wait4(proc.pid, 0)
    proc.returncode = 0  # reaped by wait4
    out["jobs1_peak_rss_mb"] = usage.ru_maxrss / 1024  # kB on Linux
    out["jobs1_s"] = time.perf_counter() - start
    if Path("/proc/self/status").exists():
        cmd = [ctg, "check", "--format", "json", str(data)]
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_env())
        peak = 0
        while proc.poll() is None:
            peak = max(peak, _tree_memory(proc.pid))
            time.sleep(0.05)
        out["default_jobs_peak_pss_mb"] = peak / 1024
        out["default_jobs_s"] = time.perf_counter() - start
    return out


def scale(workdir: Path, sizes: tuple[int, ...] = (30, 300, 1000, 3000)) -> dict[str, Any]:
    """One dossier per council size, checked in one warm process: ms per dossier and per member."""
    paths = []
    for members in sizes:
        out = workdir / f"scale-m{members}"
        out.mkdir(parents=True, exist_ok=True)
        path = out / "dossier.yaml"
        path.write_text(Generator(7, members).text(0), encoding="utf-8")
        paths.append(path)
    run = subprocess.run(
        [sys.executable, "-c", SCALE, *map(str, paths)],
        capture_output=True,
        text=True,
        check=True,
        env=_env(),
    )
    found = {}
    for line, members in zip(run.stdout.splitlines(), sizes, strict=True):
        seconds = float(line.rsplit(" ", 1)[1])
        found[members] = {"ms": seconds * 1000, "ms_per_member": seconds * 1000 / members}
    return found


def budget(workdir: Path, n: int, repeat: int) -> dict[str, Any]:
    """One core's time per file, phase by phase, in one warm process (no start-up)."""
    files = sorted(str(p) for p in _dataset(workdir, 1000).glob("*.yaml"))[:n]
    listing = workdir / f"budget-{n}.txt"
    listing.write_text("\n".join(files) + "\n", encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-c", BUDGET, str(repeat), str(listing)],
        capture_output=True,
        text=True,
        check=True,
        env=_env(),
    )
    found = json.loads(run.stdout)
    return {"files": n, "ms_per_file": found["ms"], "of_pyyaml": found["of_pyyaml"]}


def instructions(workdir: Path, n: int) -> dict[str, Any]:
    """Instructions executed per file (callgrind: exact and repeatable, whatever else the machine
    runs), for PyYAML's load and for a check, in the same warm process; start-up excluded."""
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        return {"skipped": "valgrind is not installed"}
    files = sorted(str(p) for p in _dataset(workdir, 1000).glob("*.yaml"))
    listing = workdir / f"instructions-{n}.txt"
    listing.write_text("\n".join(files[: n + 20]) + "\n", encoding="utf-8")
    env = {**_env(), "PYTHONHASHSEED": "0"}  # the same dict and set layouts: the same counts
    # One run outside valgrind first: a run that rebuilds the rule-pack or entry-point cache
    # (after an upgrade) would count that work in one mode and not in the others.
    subprocess.run([sys.executable, "-c", INSTRUCTIONS, "none", str(listing)], env=env, check=False)
    counts = {}
    for mode in ("none", "pyyaml", "check"):
        run = subprocess.run(
            [
                valgrind,
                "--tool=callgrind",
                "--callgrind-out-file=/dev/null",
                sys.executable,
                "-c",
                INSTRUCTIONS,
                mode,
                str(listing),
            ],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        found = [line for line in run.stderr.splitlines() if "refs:" in line]
        if not found:
            return {"skipped": f"callgrind gave no count: {run.stderr.strip()[-200:]}"}
        counts[mode] = int(found[-1].split("refs:")[1].replace(",", "").strip())
    per_file = {m: (counts[m] - counts["none"]) / n for m in ("pyyaml", "check")}
    return {
        "files": n,
        "per_file_millions": {m: v / 1e6 for m, v in per_file.items()},
        "ratio_check_vs_pyyaml": per_file["pyyaml"] / per_file["check"],
    }


def extract(repeat: int) -> dict[str, Any]:
    script = HERE / "extract_speed.py"
    if not script.exists():
        return {"skipped": "benchmarks/extract_speed.py is missing"}
    run = subprocess.run(
        [sys.executable, str(script), "--repeat", str(repeat)], capture_output=True, text=True, env=_env()
    )
    if run.returncode != 0:
        return {"skipped": (run.stderr or run.stdout).strip().splitlines()[-1:]}
    return {"output": run.stdout.strip().splitlines()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000, help="files for throughput and jobs (1,000)")
    parser.add_argument("--memory-files", type=int, default=10_000, help="files for the memory run (10,000)")
    parser.add_argument("--repeat", type=int, default=5, help="repetitions of the throughput runs (5)")
    parser.add_argument("--cold-repeat", type=int, default=20, help="repetitions of the cold starts (20)")
    parser.add_argument(
        "--cold-before",
        type=Path,
        default=None,
        help="a checkout of an earlier revision (git worktree add DIR REV): its cold start beside",
    )
    parser.add_argument("--jobs", type=int, default=0, help="workers for the parallel run (0: the cores)")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "ctg-rules-bench")
    parser.add_argument(
        "--only", default=",".join(PARTS), help=f"comma-separated parts: {', '.join(PARTS + EXTRA_PARTS)}"
    )
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = parser.parse_args(argv)
    parts = [p.strip() for p in args.only.split(",") if p.strip()]
    unknown = set(parts) - set(PARTS + EXTRA_PARTS)
    if unknown:
        parser.error(f"unknown part(s): {', '.join(sorted(unknown))}")
    args.workdir.mkdir(parents=True, exist_ok=True)
    figures: dict[str, Any] = {"machine": machine()}
    cores = figures["machine"]["cores"]
    jobs = args.jobs or cores
    print("machine: " + "; ".join(f"{k} {v}" for k, v in figures["machine"].items()), flush=True)

    if "throughput" in parts:
        print(f"throughput over {args.files} files ({args.repeat} repetitions, alternating)", flush=True)
        t = figures["throughput"] = throughput(args.workdir, args.files, args.repeat, jobs)
        med, fps = t["median_s"], t["files_per_s"]
        print(f"  PyYAML CSafeLoader load      {med['pyyaml']:7.2f} s  {fps['pyyaml']:7.0f} files/s")
        print(
            f"  ctg-rules check --jobs 1     {med['jobs1']:7.2f} s  {fps['jobs1']:7.0f} files/s"
            f"  ratio to PyYAML {t['ratio_jobs1_vs_pyyaml']:.2f}"
            f" ({t['ratio_jobs1_per_file_vs_pyyaml']:.2f} without the {med['start']:.2f} s start-up)"
        )
        print(
            f"  ctg-rules check --jobs {jobs}     {med[f'jobs{jobs}']:7.2f} s  {fps[f'jobs{jobs}']:7.0f} files/s"
            f"  ratio to PyYAML {t[f'ratio_jobs{jobs}_vs_pyyaml']:.2f}, speed-up {t[f'speedup_jobs{jobs}']:.2f}"
        )
        print(
            "  (ratios: medians of the ratios of runs made one after the other;"
            f" the machine itself gives {jobs} CPU-bound processes a speed-up of {t[f'machine_speedup_{jobs}']:.2f})"
        )
    if "budget" in parts:
        n = min(args.files, 300)
        print(f"one core, phase by phase ({n} files, warm process, {args.repeat} runs)", flush=True)
        b = figures["budget"] = budget(args.workdir, n, args.repeat)
        for name, ms in b["ms_per_file"].items():
            print(f"  {name:10s} {ms:6.2f} ms  {b['of_pyyaml'][name]:5.2f} x PyYAML's load (median ratio)")
    if "cold" in parts:
        print(f"cold start on {SEED.name} ({args.cold_repeat} runs each, alternating)", flush=True)
        c = figures["cold"] = cold(args.cold_repeat, args.cold_before)
        if "skipped" in c:
            print("  skipped: " + c["skipped"])
        else:
            med, cpu = c["median_s"], c["cpu_median_s"]
            print(
                f"  ctg-rules check {med['ctg-rules'] * 1000:6.0f} ms   yamllint {med['yamllint'] * 1000:6.0f} ms"
                f"   ratio {c['ratio_ctg_vs_yamllint']:.2f} (of pairs {c['ratio_of_pairs']:.2f})\n"
                f"  CPU time        {cpu['ctg-rules'] * 1000:6.0f} ms            {cpu['yamllint'] * 1000:6.0f} ms"
                f"   ratio {c['cpu_ratio']:.2f}   (load average {c['load_average']:.1f})"
            )
            if "before" in med:
                print(
                    f"  before ({args.cold_before}): {med['before'] * 1000:6.0f} ms, CPU {cpu['before'] * 1000:4.0f} ms"
                    f"   ratio {med['before'] / med['yamllint']:.2f} (of pairs {med['before_ratio_of_pairs']:.2f}),"
                    f" CPU {cpu['before_ratio']:.2f}"
                )
    if "memory" in parts:
        print(f"memory over {args.memory_files} files", flush=True)
        m = figures["memory"] = memory(args.workdir, args.memory_files)
        print(
            f"  --jobs 1: peak RSS {m['jobs1_peak_rss_mb']:.0f} MB in {m['jobs1_s']:.1f} s"
            f" ({args.memory_files / m['jobs1_s']:.0f} files/s)"
        )
        if "default_jobs_peak_pss_mb" in m:
            print(
                f"  default --jobs: parent and workers together {m['default_jobs_peak_pss_mb']:.0f} MB (PSS)"
                f" in {m['default_jobs_s']:.1f} s"
            )
    if "scale" in parts:
        print("scale: one dossier by council size (warm process, best of 5)", flush=True)
        s = figures["scale"] = scale(args.workdir)
        for members, row in s.items():
            print(
                f"  {members:5d} members  {row['ms']:8.1f} ms  {row['ms_per_member'] * 1000:7.1f} µs/member"
            )
    if "extract" in parts:
        print("extraction (benchmarks/extract_speed.py)", flush=True)
        e = figures["extract"] = extract(3)
        for line in e.get("output") or [f"  skipped: {e.get('skipped')}"]:
            print("  " + line)
    if "instructions" in parts:
        n = min(args.files, 100)
        print(f"instructions per file under callgrind ({n} files, warm process)", flush=True)
        i = figures["instructions"] = instructions(args.workdir, n)
        if "skipped" in i:
            print("  skipped: " + i["skipped"])
        else:
            per = i["per_file_millions"]
            print(
                f"  PyYAML load {per['pyyaml']:.2f} M   ctg-rules check {per['check']:.2f} M"
                f"   ratio {i['ratio_check_vs_pyyaml']:.2f}"
            )
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
