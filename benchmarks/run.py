"""``make bench``: the performance budget, as ratios against baselines of the same run.

For each supported Python found, the wheel is installed in a fresh venv under
``.bench/`` and benchmarks/measure.py takes the timings there (the package
as users get it, no site-wide preloads). The codegen figures are taken here,
in the development venv. Prints one table per Python and exits 1 when a
budget is missed on an enforced version (default: 3.11; ``--enforce all``).

Options: ``--repeats N`` fresh processes per import figure (default 40),
``--python X.Y`` (repeatable) to limit the versions.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / ".bench"
sys.path.insert(0, str(ROOT))

from codegen.cli import ROOT as CODEGEN_ROOT  # noqa: E402
from codegen.files import read_text  # noqa: E402
from codegen.render import render_all  # noqa: E402
from codegen.spec import Spec, load_spec  # noqa: E402


@dataclass(frozen=True)
class Figure:
    name: str
    value: float
    baseline: float | None  # None: an absolute budget in seconds
    baseline_name: str
    budget: float

    @property
    def ratio(self) -> float:
        return self.value / self.baseline if self.baseline else self.value / 1e9

    @property
    def ok(self) -> bool:
        return self.ratio <= self.budget


def floor_modules(spec: Spec, target: Path) -> None:
    """Bare IntEnum classes with the package's members: the floor of the design."""
    target.mkdir(parents=True, exist_ok=True)

    def classes(channels: list[str]) -> str:
        out = ["from enum import IntEnum", ""]
        out.append("class StatusGroup(IntEnum):")
        out += [f"    {g.member} = {g.id}" for g in spec.status_groups]
        for channel in spec.channels:
            if channel.name not in channels:
                continue
            for enum, codes in (
                (channel.status_enum, channel.statuses),
                (channel.error_enum, channel.errors),
            ):
                if enum:
                    out += ["", f"class {enum}(IntEnum):"]
                    out += [f"    {c.member} = {c.id}" for c in codes if c.is_member]
            if channel.error_group_enum:
                out += ["", f"class {channel.error_group_enum}(IntEnum):"]
                out += [f"    {g.member} = {g.id}" for g in channel.error_groups]
        return "\n".join(out) + "\n"

    (target / "floor_sms.py").write_text(classes(["sms"]), encoding="utf-8")
    (target / "floor_all.py").write_text(classes([c.name for c in spec.channels]), encoding="utf-8")


def codegen_figures() -> list[Figure]:
    def render() -> None:
        render_all(load_spec(CODEGEN_ROOT / "spec"))

    def check() -> None:
        for relative, text in render_all(load_spec(CODEGEN_ROOT / "spec")).items():
            if read_text(CODEGEN_ROOT / relative) != text:
                raise SystemExit(f"{relative} is not up to date; run make generate first")

    def median(func: Callable[[], None]) -> float:
        times = []
        for _ in range(7):
            start = time.perf_counter_ns()
            func()
            times.append(time.perf_counter_ns() - start)
        return float(statistics.median(times))

    return [
        Figure("codegen core: load + render the whole spec", median(render), None, "1 s", 1.0),
        Figure("drift check core", median(check), None, "1 s", 1.0),
    ]


def pythons(wanted: list[str]) -> list[tuple[str, str]]:
    found = subprocess.run(
        [str(ROOT / "tools" / "find-pythons")], capture_output=True, text=True, check=True
    ).stdout.split("\n")
    pairs = [line.split(" ", 1) for line in found if line.strip()]
    return [(v, p) for v, p in pairs if not wanted or v in wanted]


def build_wheel() -> Path:
    dist = WORK / "dist"
    for old in dist.glob("*.whl"):
        old.unlink()
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
    )
    return next(dist.glob("*.whl"))


def bench_venv(version: str, python: str, wheel: Path) -> Path:
    venv = WORK / f"venv-{version}"
    subprocess.run([python, "-m", "venv", "--clear", str(venv)], check=True)
    subprocess.run(
        [
            str(venv / "bin" / "python"),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-index",
            "--disable-pip-version-check",
            str(wheel),
        ],
        check=True,
    )
    return venv


def figures_for(raw: dict[str, float]) -> list[Figure]:
    return [
        Figure(
            "import infobip_codes (enum loaded)",
            raw["import_package"],
            raw["import_http"],
            "import http",
            0.25,
        ),
        Figure(
            "sms enums and groups materialised",
            raw["sms_enums"],
            raw["sms_floor"],
            "bare IntEnums (sms)",
            1.15,
        ),
        Figure(
            "every channel's enums materialised",
            raw["all_enums"],
            raw["all_floor"],
            "bare IntEnums (all)",
            1.15,
        ),
        Figure(
            "member by id, all catalogue ids",
            raw["lookup"],
            raw["lookup_baseline"],
            "dict.get",
            3.0,
        ),
        Figure(
            "parse_status, 100k payloads",
            raw["parse_status"],
            raw["parse_status_baseline"],
            "minimal parser",
            3.0,
        ),
        Figure(
            "parse_error, 100k payloads",
            raw["parse_error"],
            raw["parse_error_baseline"],
            "minimal parser",
            3.0,
        ),
        Figure(
            "infobip-codes explain 27, whole process",
            raw["cli_explain"],
            raw["python_pass"],
            "python -c pass",
            2.0,
        ),
    ]


def context_for(raw: dict[str, float]) -> list[tuple[str, float]]:
    """Every import figure against ``import http``, measured the same way."""
    http = raw["http_statement"]
    return [
        ("import infobip_codes", raw["import_package"] / raw["import_http"]),
        ("sms enums and groups", raw["sms_enums"] / http),
        ("every channel's enums", raw["all_enums"] / http),
        ("bare IntEnums (sms)", raw["sms_floor"] / http),
        ("bare IntEnums (all)", raw["all_floor"] / http),
    ]


def show(value: float) -> str:
    if value >= 1e9:
        return f"{value / 1e9:.2f} s"
    if value >= 1e6:
        return f"{value / 1e6:.2f} ms"
    return f"{value / 1e3:.1f} µs"


def table(title: str, figures: list[Figure]) -> str:
    rows = [("figure", "value", "baseline", "ratio", "budget", "")]
    for f in figures:
        base = f"{f.baseline_name} {show(f.baseline)}" if f.baseline else f.baseline_name
        ratio = f"{f.ratio:.2f}x" if f.baseline else show(f.value)
        budget = f"<= {f.budget:g}x" if f.baseline else f"<= {f.budget:g} s"
        rows.append((f.name, show(f.value), base, ratio, budget, "ok" if f.ok else "MISSED"))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = [title]
    for index, row in enumerate(rows):
        lines.append("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
        if index == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=40)
    parser.add_argument("--python", action="append", default=[], metavar="X.Y")
    parser.add_argument("--enforce", default="3.11", help="X.Y[,X.Y] or 'all' (default 3.11)")
    parser.add_argument("--json", type=Path, help="also write the raw figures here")
    args = parser.parse_args(argv)

    WORK.mkdir(exist_ok=True)
    spec = load_spec(ROOT / "spec")
    floor = WORK / "floor"
    floor_modules(spec, floor)
    wheel = build_wheel()
    enforce = None if args.enforce == "all" else set(args.enforce.split(","))
    failed = False
    report: dict[str, object] = {}

    figures = codegen_figures()
    print(table(f"codegen (Python {sys.version.split()[0]})", figures))
    failed |= not all(f.ok for f in figures)
    for version, python in pythons(args.python):
        venv = bench_venv(version, python, wheel)
        raw = json.loads(
            subprocess.run(
                [
                    str(venv / "bin" / "python"),
                    str(ROOT / "benchmarks" / "measure.py"),
                    str(floor),
                    str(args.repeats),
                ],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
        )
        report[version] = raw
        figures = figures_for(raw)
        enforced = enforce is None or version in enforce
        title = f"\nPython {raw['python']}" + ("" if enforced else " (reported, not enforced)")
        print(table(title, figures))
        print(
            "  context, against import http: "
            + ", ".join(f"{name} {ratio:.2f}x" for name, ratio in context_for(raw))
        )
        if enforced and not all(f.ok for f in figures):
            failed = True
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print("\nall enforced budgets hold" if not failed else "\nBUDGET MISSED")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
