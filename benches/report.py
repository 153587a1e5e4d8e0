"""Turns benches/results.csv into BENCHMARKS.md and benches/plot.png.

Run by benches/run.sh; can be run again by hand: python3 benches/report.py benches/results.csv
"""
import csv
import os
import platform
import subprocess
import sys
from collections import defaultdict

results_path = sys.argv[1] if len(sys.argv) > 1 else "benches/results.csv"
rows = list(csv.DictReader(open(results_path)))
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def cpu():
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def version(cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True).stdout.strip().splitlines()[0]
    except Exception:
        return "unknown"


folio = defaultdict(dict)
jrnl = defaultdict(dict)
memory = defaultdict(dict)
pages = {}
for r in rows:
    n = int(r["entries"])
    if r["tool"] == "folio":
        folio[r["command"]][n] = float(r["median_ms"])
        memory[r["command"]][n] = int(r["peak_kb"] or 0)
    elif r["tool"] == "jrnl":
        jrnl[r["command"]][n] = float(r["median_ms"])
    elif r["tool"] == "pdf":
        pages[(r["command"].replace(" pages", ""), n)] = int(float(r["median_ms"]))

sizes = sorted({int(r["entries"]) for r in rows if r["tool"] == "folio" and r["entries"] != "14000"})
out = []
out.append("# Benchmarks\n")
out.append("Whole-process wall time (median of 10 runs after 3 warm-up runs, `hyperfine`) and peak")
out.append("resident memory (`/usr/bin/time -f %M`, one run) of the release binary on generated")
out.append("portfolios (`cargo run --release --features generate --example generate`, seed 42: every kind of entry, ~100-word")
out.append("bodies, 1–3 of 20 tags, five years of dates, EMCC claims, verdicts, ratings, attachments; one goal per")
out.append("20 entries up to 500, with four actions each, half of them agreed in meetings, and three mentors).\n")
out.append("Regenerate everything on this page with:\n")
out.append("```sh\nbenches/run.sh          # writes benches/results.csv, BENCHMARKS.md and benches/plot.png\n```\n")
out.append(f"Machine: {cpu()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}; "
           f"{version(['rustc', '--version'])}; {version(['hyperfine', '--version'])}.\n")
out.append("## folio: median time in ms (peak memory in MB)\n")
header = "| command | " + " | ".join(f"{n:,} entries" for n in sizes) + " |"
out.append(header)
out.append("|---" * (len(sizes) + 1) + "|")
for command, by_size in folio.items():
    if "14k" in command:
        continue
    cells = []
    for n in sizes:
        if n in by_size:
            mb = memory[command].get(n, 0) / 1024
            cells.append(f"{by_size[n]:.1f} ({mb:.0f})")
        else:
            cells.append("–")
    out.append(f"| `{command}` | " + " | ".join(cells) + " |")
out.append("")
pdf_lines = [f"{profile} {n:,} entries: {count} pages" for (profile, n), count in sorted(pages.items(), key=lambda x: (x[0][1], x[0][0]))]
if pdf_lines:
    out.append("PDF page counts: " + "; ".join(pdf_lines) + ".\n")
big = {c: v[14000] for c, v in folio.items() if 14000 in v}
if big:
    out.append("## A 14,000-item CASE framework\n")
    out.append("| command | median ms | peak MB |\n|---|---|---|")
    for c, v in big.items():
        out.append(f"| `{c}` | {v:.1f} | {memory[c].get(14000, 0) / 1024:.0f} |")
    out.append("")
if jrnl:
    out.append("## Side by side with jrnl 4.6 (same content, same run)\n")
    jsizes = sorted({n for v in jrnl.values() for n in v})
    out.append("| command | " + " | ".join(f"jrnl {n:,} | folio {n:,} | ratio" for n in jsizes) + " |")
    out.append("|---" * (1 + 3 * len(jsizes)) + "|")
    for command, by_size in jrnl.items():
        cells = []
        for n in jsizes:
            j, f = by_size.get(n), folio.get(command, {}).get(n)
            ratio = f"{j / f:.0f}×" if j and f else "–"
            cells += [f"{j:.0f} ms" if j else "–", f"{f:.1f} ms" if f else "–", ratio]
        out.append(f"| `{command}` | " + " | ".join(cells) + " |")
    out.append("")
try:
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 4.2), dpi=100)
    for command in ["add", "list --limit 10", "list --tag --limit 10", "search rare word", "search common word", "show", "coverage emcc", "gaps emcc", "agenda", "export json"]:
        if command in folio:
            xs = [n for n in sizes if n in folio[command]]
            ax.plot(xs, [folio[command][n] for n in xs], marker="o", label=command)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("entries in the portfolio")
    ax.set_ylabel("median wall time, ms (whole process)")
    ax.set_title("folio: time vs. portfolio size")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(os.path.join(root, "benches", "plot.png"))
    out.append("![time vs. portfolio size](benches/plot.png)\n")
except ImportError:
    out.append("(matplotlib not available: no plot this run)\n")
notes = os.path.join(root, "benches", "NOTES.md")
if os.path.exists(notes):
    out.append(open(notes).read())
open(os.path.join(root, "BENCHMARKS.md"), "w").write("\n".join(out) + "\n")
print("wrote BENCHMARKS.md")
