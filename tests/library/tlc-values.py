#!/usr/bin/env python3
"""Fill in the tables of tests/library/ with what TLC prints.

    python3 tests/library/tlc-values.py [TABLE...]      (default: every tests/library/*.table)

For each table, every expression (both sections) becomes an `ASSUME` that prints it, in a scratch
module that EXTENDS the table's modules (the Community Modules' .tla files are copied beside
it: this TLC has no Java overrides, so it evaluates their TLA+ definitions). The right-hand
side of each line is rewritten with TLC's printed value (VALUES) or the first line of TLC's
error (ERRORS). TLC stops at the first failing ASSUME, so after an error it is run again on
the lines that follow.

A line whose outcome is not its section's (a value in ERRORS, an error in VALUES) is moved to
the end of the other section, and reported.

Environment: TLC (default /work/shared/tools/tlc), COMMUNITY (default
/work/shared/corpus/community-modules).
"""

import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile

TLC = os.environ.get("TLC", "/work/shared/tools/tlc")
COMMUNITY = os.environ.get("COMMUNITY", "/work/shared/corpus/community-modules")
ARROW = " ==> "


def parse(path):
    """The table's lines, the modules it extends, its definitions and its entries."""
    lines = open(path, encoding="utf-8").read().split("\n")
    extends, defs, entries, section = None, [], [], None
    for i, line in enumerate(lines):
        if line.startswith("EXTENDS "):
            extends = line[len("EXTENDS "):].strip()
        elif line.startswith("---- "):
            section = line[len("---- "):].strip()
        elif not line.strip() or line.startswith("\\*"):
            continue
        elif section == "DEFINITIONS":
            defs.append(line)
        elif section in ("VALUES", "ERRORS"):
            expr = line.split(ARROW, 1)[0].rstrip()
            entries.append((i, section, expr))
    if extends is None:
        sys.exit(f"{path}: no EXTENDS line")
    return lines, extends, defs, entries


def scratch(extends, defs, entries):
    """The scratch module: one ASSUME per entry, its value between two markers."""
    mods = [m.strip() for m in extends.split(",")]
    if "TLC" not in mods:
        mods.append("TLC")
    out = ["---- MODULE Scratch ----", "EXTENDS " + ", ".join(mods)] + defs
    for k, (_, _, expr) in enumerate(entries):
        # `{expr}` is evaluated before anything is printed of it: what it prints as it is
        # evaluated (Print, AssertEq) comes before the value's marker.
        out.append(
            f'ASSUME PrintT("@@{k}") /\\ \\E v \\in {{({expr})}} : '
            f'PrintT("@@={k}") /\\ PrintT(v) /\\ PrintT("@@/{k}")'
        )
    out.append("====")
    return "\n".join(out) + "\n"


def run_tlc(folder, extends, defs, entries):
    """TLC's outcome for each of `entries`: ("value", text) or ("error", message)."""
    results = {}
    start = 0
    while start < len(entries):
        todo = entries[start:]
        with open(os.path.join(folder, "Scratch.tla"), "w", encoding="utf-8") as f:
            f.write(scratch(extends, defs, todo))
        open(os.path.join(folder, "Scratch.cfg"), "w").close()
        meta = os.path.join(folder, "meta")
        out = subprocess.run(
            [TLC, "-workers", "1", "-metadir", meta, "Scratch"],
            cwd=folder, capture_output=True, text=True,
        ).stdout
        values, failed = read_output(out)
        for k, text in values.items():
            results[start + k] = ("value", text)
        if failed is None:
            if len(values) != len(todo):
                sys.exit("TLC did not evaluate every line:\n" + out)
            break
        k, message = failed
        results[start + k] = ("error", message)
        start += k + 1
    return results


def read_output(out):
    """The values printed between markers, and the entry that failed (index, message)."""
    values, current, buf = {}, None, []
    lines = out.split("\n")
    for n, line in enumerate(lines):
        m = re.fullmatch(r'"@@([=/]?)(\d+)"', line.strip())
        if m and not m.group(1):
            current, buf = int(m.group(2)), []
        elif m and m.group(1) == "=":
            buf = []
        elif m:
            values[current] = " ".join(part.strip() for part in buf)
            current = None
        elif current is not None and line.startswith("Error:"):
            return values, (current, error_message(lines[n:]))
        elif current is not None:
            buf.append(line)
    if current is not None:
        return values, (current, "TLC stopped: " + " ".join(buf)[:200])
    if "Error:" in out and not values:
        sys.exit("TLC failed before evaluating anything:\n" + out)
    return values, None


def error_message(lines):
    """TLC's explanation: the lines after `Error: Evaluating assumption ...`, up to the end."""
    text = []
    for line in lines[1:]:
        if line.startswith("Finished in") or line.startswith("The error occurred when"):
            break
        if line.strip():
            text.append(line.strip())
    message = " ".join(text) or lines[0]
    return message[:240]


def fill(path):
    lines, extends, defs, entries = parse(path)
    folder = tempfile.mkdtemp(prefix="tlc-values-")
    try:
        for f in glob.glob(os.path.join(COMMUNITY, "*.tla")):
            shutil.copy(f, folder)
        results = run_tlc(folder, extends, defs, entries)
    finally:
        shutil.rmtree(folder)
    moved = {"VALUES": [], "ERRORS": []}
    for k, (i, section, expr) in enumerate(entries):
        kind, text = results[k]
        lines[i] = expr + ARROW + text
        right = "VALUES" if kind == "value" else "ERRORS"
        if right != section:
            print(f"{path}:{i + 1}: {expr}: TLC gives {kind}: moved to {right}", file=sys.stderr)
            moved[right].append(lines[i])
            lines[i] = None
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(place(lines, moved)).rstrip("\n") + "\n")
    n = len(moved["VALUES"]) + len(moved["ERRORS"])
    print(f"{path}: {len(entries)} lines from TLC, {n} moved to the other section")


def place(lines, moved):
    """The lines with the moved ones at the end of their new section."""
    kept = [line for line in lines if line is not None]
    while kept and not kept[-1].strip():
        kept.pop()
    errors = kept.index("---- ERRORS") if "---- ERRORS" in kept else None
    if errors is None:
        kept.append("---- ERRORS")
        errors = len(kept) - 1
    while errors > 0 and not kept[errors - 1].strip():
        errors -= 1
    return kept[:errors] + moved["VALUES"] + kept[errors:] + moved["ERRORS"]


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    tables = sys.argv[1:] or sorted(glob.glob(os.path.join(here, "*.table")))
    for table in tables:
        fill(table)


if __name__ == "__main__":
    main()
