#!/usr/bin/env python3
"""Conformance with the node-postgres ESLint plugin's own labelled rule corpus.

    python bench/eslint_corpus.py --repo DIR            # DIR: a snapshot of github.com/ofri-peretz/eslint
    python bench/eslint_corpus.py --repo DIR --markdown # the tables for docs/eslint-corpus.md

The plugin (``eslint-plugin-postgresql-security``, formerly ``eslint-plugin-pg``) keeps one folder a
rule, ``benchmarks/rule-corpus/postgresql-security__<rule>/{safe,vulnerable}/``, each file labelled by
the folder it is in. DIR is that repository's git directory (a snapshot, bare or not) or a checkout.
The corpus is exported into the git-ignored ``bench/.cache/eslint-corpus/<commit>/`` (never into the
project), pglint runs once per rule folder with only the pglint rule(s) that claim the plugin's rule
selected, and a fixture counts as flagged when one of those rules reports anything in it. The
script prints precision / recall / F1 per rule and overall, then every fixture where pglint and the
label disagree. See docs/eslint-corpus.md.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
from dataclasses import dataclass, field
from typing import Iterable, Mapping, Sequence

HERE = os.path.dirname(os.path.abspath(__file__))
CACHE_DIR = os.path.join(HERE, ".cache", "eslint-corpus")
CORPUS_PREFIX = "benchmarks/rule-corpus/"
RULE_FOLDER_PREFIX = "postgresql-security__"
LABELS = ("safe", "vulnerable")
FIXTURE_SUFFIXES = (".js", ".jsx", ".mjs", ".cjs", ".ts", ".tsx", ".mts", ".cts")

# The plugin's rule → the pglint rules that claim it (pglint keeps the plugin's rule names).
RULE_MAP: dict[str, tuple[str, ...]] = {
    "no-missing-client-release": ("PG101",),
    "prevent-double-release": ("PG102",),
    "no-transaction-on-pool": ("PG105",),
    "no-floating-query": ("PG106",),
    "no-unsafe-query": ("PG201",),
    "check-query-params": ("PG202",),
    "no-unsafe-search-path": ("PG203",),
    "no-unsafe-copy-from": ("PG204",),
    "no-insecure-ssl": ("PG301",),
    "no-hardcoded-credentials": ("PG302",),
    "prefer-pool-query": ("PG401",),
    "no-select-all": ("PG402",),
    "no-batch-insert-loop": ("PG403",),
}


class CorpusError(Exception):
    """A user-facing problem (no such folder, not a git repository, no corpus): one line."""


def log(msg: str) -> None:
    print(f"[eslint-corpus] {msg}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- scoring


@dataclass(frozen=True)
class Fixture:
    """One labelled file: ``rule`` is the plugin's rule, ``path`` relative to the rule's folder."""

    rule: str
    path: str
    vulnerable: bool


@dataclass
class Score:
    """Confusion counts of one rule (or of all of them)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, vulnerable: bool, flagged: bool) -> None:
        if vulnerable and flagged:
            self.tp += 1
        elif vulnerable:
            self.fn += 1
        elif flagged:
            self.fp += 1
        else:
            self.tn += 1

    @property
    def total(self) -> int:
        return self.tp + self.fp + self.fn + self.tn

    @property
    def precision(self) -> float:
        """Flagged files that are labelled vulnerable; 1.0 when nothing is flagged."""
        flagged = self.tp + self.fp
        return self.tp / flagged if flagged else 1.0

    @property
    def recall(self) -> float:
        """Vulnerable files that are flagged; 1.0 when none is vulnerable."""
        vulnerable = self.tp + self.fn
        return self.tp / vulnerable if vulnerable else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Result:
    """The scores per rule, overall, and the fixtures where pglint disagrees with the label."""

    per_rule: dict[str, Score] = field(default_factory=dict)
    overall: Score = field(default_factory=Score)
    disagreements: list[tuple[Fixture, bool]] = field(default_factory=list)


def score(fixtures: Iterable[Fixture], flagged: Mapping[str, set[str]]) -> Result:
    """Score ``fixtures`` given ``flagged[rule]`` = the fixture paths pglint reported for that rule.

    Only the rule under test counts: a finding of another rule in a fixture is not looked at.
    """
    result = Result()
    for fixture in sorted(fixtures, key=lambda f: (f.rule, f.path)):
        hit = fixture.path in flagged.get(fixture.rule, set())
        result.per_rule.setdefault(fixture.rule, Score()).add(fixture.vulnerable, hit)
        result.overall.add(fixture.vulnerable, hit)
        if hit != fixture.vulnerable:
            result.disagreements.append((fixture, hit))
    return result


def flagged_paths(findings: Sequence[Mapping[str, object]], codes: Sequence[str], root: str) -> set[str]:
    """The fixture paths (relative to ``root``, ``/``-separated) with a finding of one of ``codes``."""
    out: set[str] = set()
    for item in findings:
        if item.get("code") not in codes:
            continue
        path = str(item.get("path", ""))
        rel = os.path.relpath(os.path.join(root, path), root) if not os.path.isabs(path) else os.path.relpath(path, root)
        out.add(rel.replace(os.sep, "/"))
    return out


def fixture_of(rule: str, rel: str) -> Fixture | None:
    """The fixture for ``rel`` (``safe/…`` or ``vulnerable/…``) in ``rule``'s folder, if it is one."""
    label, _, rest = rel.partition("/")
    if label not in LABELS or not rest or not rest.endswith(FIXTURE_SUFFIXES):
        return None
    return Fixture(rule, rel, label == "vulnerable")


# --------------------------------------------------------------------------- export and run


def git_command(repo: str) -> list[str]:
    """``git`` pointed at ``repo``: a git directory (a snapshot) or a checkout."""
    if not os.path.isdir(repo):
        raise CorpusError(f"--repo {repo}: no such directory")
    if os.path.isfile(os.path.join(repo, "HEAD")) and os.path.isdir(os.path.join(repo, "objects")):
        return ["git", "--git-dir", repo]
    return ["git", "-C", repo]


def export(repo: str, ref: str, cache: str = CACHE_DIR) -> tuple[str, str]:
    """Export the plugin's corpus at ``ref`` into ``cache/<commit>``; return (folder, commit)."""
    git = git_command(repo)
    done = subprocess.run([*git, "rev-parse", "--verify", ref + "^{commit}"], capture_output=True, text=True)
    if done.returncode != 0:
        raise CorpusError(f"--repo {repo}: not a git repository with a commit {ref!r}")
    commit = done.stdout.strip()
    dest = os.path.join(cache, commit)
    stamp = os.path.join(dest, ".complete")
    if os.path.exists(stamp):
        return dest, commit
    archived = subprocess.run([*git, "archive", "--format=tar", commit, CORPUS_PREFIX], capture_output=True)
    if archived.returncode != 0:
        raise CorpusError(f"--repo {repo}: no {CORPUS_PREFIX} at {commit[:12]}")
    shutil.rmtree(dest, ignore_errors=True)
    os.makedirs(os.path.join(dest, ".git"))  # its own repository: the project's .gitignore does not apply
    count = 0
    with tarfile.open(fileobj=io.BytesIO(archived.stdout)) as tar:
        for member in tar.getmembers():
            if not member.isfile() or not member.name.startswith(CORPUS_PREFIX + RULE_FOLDER_PREFIX):
                continue
            rel = member.name[len(CORPUS_PREFIX) + len(RULE_FOLDER_PREFIX):]
            if ".." in rel.split("/"):
                continue
            data = tar.extractfile(member)
            if data is None:
                continue
            target = os.path.join(dest, *rel.split("/"))
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "wb") as fh:
                fh.write(data.read())
            count += 1
    if not count:
        raise CorpusError(f"--repo {repo}: no {CORPUS_PREFIX}{RULE_FOLDER_PREFIX}* folders at {commit[:12]}")
    with open(stamp, "w", encoding="utf-8") as fh:
        fh.write(commit + "\n")
    return dest, commit


def collect(folder: str, rules: Iterable[str]) -> list[Fixture]:
    """Every labelled fixture of ``rules`` under the exported ``folder``."""
    out: list[Fixture] = []
    for rule in rules:
        root = os.path.join(folder, rule)
        for dirpath, _dirs, files in os.walk(root):
            for name in files:
                rel = os.path.relpath(os.path.join(dirpath, name), root).replace(os.sep, "/")
                fixture = fixture_of(rule, rel)
                if fixture is not None:
                    out.append(fixture)
    return out


def run_pglint(pglint: Sequence[str], root: str, codes: Sequence[str]) -> list[dict[str, object]]:
    """pglint's JSON findings of ``codes`` on the rule folder ``root``."""
    cmd = [*pglint, "check", "--isolated", "--no-cache", "--format", "json", "--select", ",".join(codes),
           *[label for label in LABELS if os.path.isdir(os.path.join(root, label))]]
    done = subprocess.run(cmd, cwd=root, capture_output=True, text=True)
    try:
        items = json.loads(done.stdout)
    except json.JSONDecodeError:
        err = (done.stderr.strip().splitlines() or [f"exit {done.returncode}"])[-1]
        raise CorpusError(f"{os.path.basename(root)}: pglint did not print JSON: {err}")
    return [item for item in items if isinstance(item, dict)]


# --------------------------------------------------------------------------- report


def render_table(result: Result) -> str:
    rows = ["| plugin rule | pglint | files | TP | FP | FN | TN | precision | recall | F1 |",
            "|---|---|---|---|---|---|---|---|---|---|"]

    def row(name: str, codes: str, s: Score) -> str:
        return (f"| {name} | {codes} | {s.total} | {s.tp} | {s.fp} | {s.fn} | {s.tn} | "
                f"{s.precision:.2f} | {s.recall:.2f} | {s.f1:.2f} |")

    for rule, s in sorted(result.per_rule.items()):
        rows.append(row(rule, ", ".join(RULE_MAP.get(rule, ())), s))
    rows.append(row("**all**", "", result.overall))
    return "\n".join(rows)


def render_disagreements(result: Result) -> str:
    if not result.disagreements:
        return "pglint agrees with every label."
    lines = []
    for fixture, hit in result.disagreements:
        kind = "false positive (labelled safe, reported)" if hit else "false negative (labelled vulnerable, not reported)"
        lines.append(f"- `{fixture.rule}/{fixture.path}`: {kind}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repo", required=True, help="a snapshot (git directory) or checkout of ofri-peretz/eslint")
    parser.add_argument("--ref", default="HEAD", help="the commit to read the corpus from (default: HEAD)")
    parser.add_argument("--pglint", default=f"{sys.executable} -m pglint",
                        help="the pglint command (default: this Python's -m pglint)")
    parser.add_argument("--rule", action="append", default=[], help="only this plugin rule (repeatable)")
    parser.add_argument("--markdown", action="store_true", help="print markdown (the table and the list) only")
    args = parser.parse_args(argv)
    try:
        folder, commit = export(args.repo, args.ref)
        rules = sorted(name for name in os.listdir(folder)
                       if not name.startswith(".") and os.path.isdir(os.path.join(folder, name)))
        unknown = [r for r in args.rule if r not in rules]
        if unknown:
            raise CorpusError(f"--rule {unknown[0]}: not in the corpus ({', '.join(rules)})")
        rules = [r for r in rules if not args.rule or r in args.rule]
        unmapped = [r for r in rules if r not in RULE_MAP]
        for r in unmapped:
            log(f"{r}: no pglint rule claims it; skipped")
        rules = [r for r in rules if r in RULE_MAP]
        fixtures = collect(folder, rules)
        flagged = {}
        for rule in rules:
            root = os.path.join(folder, rule)
            flagged[rule] = flagged_paths(run_pglint(args.pglint.split(), root, RULE_MAP[rule]), RULE_MAP[rule], root)
    except CorpusError as exc:
        print(f"eslint_corpus.py: {exc}", file=sys.stderr)
        return 2
    result = score(fixtures, flagged)
    if not args.markdown:
        print(f"corpus commit {commit}, {len(fixtures)} fixtures, {len(rules)} rules\n")
    print(render_table(result))
    print()
    print(render_disagreements(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
