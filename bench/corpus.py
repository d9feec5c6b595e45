#!/usr/bin/env python3
"""pglint's real-world corpus: export pinned public projects, run pglint, compare with the verdicts.

    python bench/corpus.py --mirrors DIR                 # export what is missing, run, print, write docs/corpus.md
    python bench/corpus.py --mirrors DIR --only owner/repo --record
    python bench/corpus.py --mirrors DIR --strict        # exit 1 on a lost true finding or a rule < 90 %

The project list is ``bench/corpus.toml``; the verdicts are ``bench/corpus/verdicts/<slug>.toml``
(one file a project, slug = name with ``/`` replaced by ``__``). Each project is exported into the
git-ignored ``bench/.cache/corpus/<slug>/``: a ``github`` project from the snapshot git directory
``DIR/owner+name*`` (``git archive <ref>``), an ``npm`` one with ``npm pack``, a ``pypi`` one with
``pip download --no-binary :all:``. pglint runs from the project's root as
``pglint check --no-cache --format json .``. See bench/README.md.
"""

from __future__ import annotations

import argparse
import glob
import importlib.util
import io
import json
import os
import shlex
import shutil
import subprocess
import sys
import tarfile
import tempfile
import tomllib
import zipfile
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping, Sequence

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CORPUS_FILE = os.path.join(HERE, "corpus.toml")
VERDICT_DIR = os.path.join(HERE, "corpus", "verdicts")
CACHE_DIR = os.path.join(HERE, ".cache", "corpus")
DOC = os.path.join(ROOT, "docs", "corpus.md")
BEGIN = "<!-- corpus:begin -->"
END = "<!-- corpus:end -->"
SOURCES = ("github", "npm", "pypi")
VERDICTS = ("true", "false", "debatable", "")
REF_STAMP = ".pglint-corpus-ref"
STRICT_MIN_JUDGED = 10
STRICT_MIN_PRECISION = 0.9


class CorpusError(Exception):
    """A user-facing problem (bad list file, bad verdict file): printed as one line."""


def log(msg: str) -> None:
    print(f"[corpus] {msg}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- the list and the verdicts


@dataclass(frozen=True)
class Project:
    """One pinned project of ``bench/corpus.toml``."""

    name: str
    source: str
    ref: str
    language: str
    kind: str = ""
    drivers: tuple[str, ...] = ()
    note: str = ""

    @property
    def slug(self) -> str:
        return slug(self.name)


def slug(name: str) -> str:
    """The file/folder name of a project: ``owner/repo`` → ``owner__repo``."""
    return name.replace("/", "__").replace("@", "")


def _str(table: Mapping[str, Any], key: str, where: str, required: bool = True) -> str:
    value = table.get(key, "")
    if not isinstance(value, (str, int)) or isinstance(value, bool):
        raise CorpusError(f"{where}: `{key}` must be a string")
    value = str(value)
    if required and not value:
        raise CorpusError(f"{where}: `{key}` is missing")
    return value


def parse_projects(text: str, where: str = "corpus.toml") -> list[Project]:
    """The projects of a corpus list file's text; a malformed entry raises CorpusError."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CorpusError(f"{where}: not valid TOML: {exc}") from None
    entries = data.get("project", [])
    if not isinstance(entries, list):
        raise CorpusError(f"{where}: `project` must be an array of tables ([[project]])")
    projects: list[Project] = []
    seen: set[str] = set()
    for i, entry in enumerate(entries, 1):
        at = f"{where}: project #{i}"
        if not isinstance(entry, dict):
            raise CorpusError(f"{at}: not a table")
        name = _str(entry, "name", at)
        at = f"{where}: project {name!r}"
        source = _str(entry, "source", at)
        if source not in SOURCES:
            raise CorpusError(f"{at}: `source` must be one of {', '.join(SOURCES)}, not {source!r}")
        if source == "github" and name.count("/") != 1:
            raise CorpusError(f"{at}: a github project's name is owner/repo")
        drivers = entry.get("drivers", [])
        if not isinstance(drivers, list) or not all(isinstance(d, str) for d in drivers):
            raise CorpusError(f"{at}: `drivers` must be a list of strings")
        if slug(name) in seen:
            raise CorpusError(f"{at}: listed twice")
        seen.add(slug(name))
        projects.append(Project(name=name, source=source, ref=_str(entry, "ref", at),
                                language=_str(entry, "language", at), kind=_str(entry, "kind", at, False),
                                drivers=tuple(drivers), note=_str(entry, "note", at, False)))
    return projects


def _shown(path: str) -> str:
    """``path`` relative to the current directory when it is below it, else as it is."""
    rel = os.path.relpath(path)
    return path if rel.startswith("..") else rel


def load_projects(path: str = CORPUS_FILE) -> list[Project]:
    try:
        with open(path, encoding="utf-8") as fh:
            return parse_projects(fh.read(), _shown(path))
    except OSError as exc:
        raise CorpusError(f"{path}: cannot read: {exc.strerror}") from None


@dataclass
class Verdict:
    """One judged (or, with ``verdict = ""``, not yet judged) finding of a verdict file."""

    fingerprint: str
    rule: str
    path: str
    line: int
    verdict: str
    cause: str = ""
    note: str = ""


@dataclass
class VerdictFile:
    project: str
    ref: str
    findings: list[Verdict] = field(default_factory=list)


def parse_verdicts(text: str, where: str) -> VerdictFile:
    """A verdict file's text; a malformed entry raises CorpusError naming the file and entry."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CorpusError(f"{where}: not valid TOML: {exc}") from None
    result = VerdictFile(project=_str(data, "project", where), ref=_str(data, "ref", where, False))
    entries = data.get("finding", [])
    if not isinstance(entries, list):
        raise CorpusError(f"{where}: `finding` must be an array of tables ([[finding]])")
    for i, entry in enumerate(entries, 1):
        at = f"{where}: finding #{i}"
        if not isinstance(entry, dict):
            raise CorpusError(f"{at}: not a table")
        line = entry.get("line", 0)
        if not isinstance(line, int) or isinstance(line, bool):
            raise CorpusError(f"{at}: `line` must be an integer")
        verdict = _str(entry, "verdict", at, False)
        if verdict not in VERDICTS:
            raise CorpusError(f"{at}: `verdict` must be \"true\", \"false\", \"debatable\" or \"\", not {verdict!r}")
        cause = _str(entry, "cause", at, False)
        if verdict == "false" and not cause:
            raise CorpusError(f"{at}: a false verdict needs a `cause`")
        result.findings.append(Verdict(fingerprint=_str(entry, "fingerprint", at, False), rule=_str(entry, "rule", at),
                                       path=_str(entry, "path", at), line=line, verdict=verdict, cause=cause,
                                       note=_str(entry, "note", at, False)))
    return result


def load_verdicts(directory: str = VERDICT_DIR) -> dict[str, VerdictFile]:
    """Every verdict file of ``directory``, by project name."""
    files: dict[str, VerdictFile] = {}
    for path in sorted(glob.glob(os.path.join(directory, "*.toml"))):
        with open(path, encoding="utf-8") as fh:
            vf = parse_verdicts(fh.read(), _shown(path))
        files[vf.project] = vf
    return files


# --------------------------------------------------------------------------- matching


@dataclass
class Finding:
    """One finding of pglint's JSON output (the fields the corpus needs)."""

    fingerprint: str
    rule: str
    path: str
    line: int
    message: str = ""

    @classmethod
    def from_json(cls, item: Mapping[str, Any]) -> Finding:
        return cls(fingerprint=str(item.get("fingerprint", "")), rule=str(item.get("code", "")),
                   path=str(item.get("path", "")).replace("\\", "/"), line=int(item.get("line", 0)),
                   message=str(item.get("message", "")))


@dataclass
class Match:
    """Findings of one project against its verdicts."""

    judged: list[tuple[Finding, Verdict]] = field(default_factory=list)
    new: list[Finding] = field(default_factory=list)
    lost: list[Verdict] = field(default_factory=list)


def match(findings: Sequence[Finding], verdicts: Sequence[Verdict]) -> Match:
    """Pair findings with verdicts, each verdict once: first the same fingerprint on the same line,
    then the same rule, path and line, then the same fingerprint on the nearest line (fingerprints
    hold no line number, so several findings of one file may share one, and an edit moves them)."""
    result = Match()
    free = list(verdicts)
    used: set[int] = set()
    left: list[Finding] = list(findings)

    def take(f: Finding, v: Verdict) -> None:
        used.add(id(v))
        result.judged.append((f, v))

    def exact_pass(key_f: Any, key_v: Any) -> None:
        nonlocal left
        index: dict[Any, list[Verdict]] = {}
        for v in free:
            if id(v) not in used:
                index.setdefault(key_v(v), []).append(v)
        rest = []
        for f in left:
            bucket = [v for v in index.get(key_f(f), []) if id(v) not in used]
            if bucket:
                take(f, bucket[0])
            else:
                rest.append(f)
        left = rest

    exact_pass(lambda f: (f.fingerprint, f.path, f.line), lambda v: (v.fingerprint, v.path, v.line))
    exact_pass(lambda f: (f.rule, f.path, f.line), lambda v: (v.rule, v.path, v.line))
    by_fp: dict[str, list[Verdict]] = {}
    for v in free:
        if v.fingerprint:
            by_fp.setdefault(v.fingerprint, []).append(v)
    for f in left:
        candidates = sorted((v for v in by_fp.get(f.fingerprint, []) if id(v) not in used),
                            key=lambda v: (v.path != f.path, abs(v.line - f.line)))
        if f.fingerprint and candidates:
            take(f, candidates[0])
        else:
            result.new.append(f)
    result.lost = [v for v in free if id(v) not in used]
    return result


# --------------------------------------------------------------------------- tables


@dataclass
class Counts:
    findings: int = 0
    true: int = 0
    false: int = 0
    debatable: int = 0
    unjudged: int = 0

    def add(self, verdict: str) -> None:
        self.findings += 1
        if verdict == "true":
            self.true += 1
        elif verdict == "false":
            self.false += 1
        elif verdict == "debatable":
            self.debatable += 1
        else:
            self.unjudged += 1

    @property
    def judged(self) -> int:
        return self.true + self.false

    @property
    def precision(self) -> float | None:
        return self.true / self.judged if self.judged else None


def count_by(matches: Mapping[str, Match], key: Callable[[str, Finding], str]) -> dict[str, Counts]:
    """Counts of current findings (each with its verdict, or unjudged), grouped by ``key(project, finding)``."""
    table: dict[str, Counts] = {}
    for project, m in matches.items():
        for f, v in m.judged:
            table.setdefault(key(project, f), Counts()).add(v.verdict)
        for f in m.new:
            table.setdefault(key(project, f), Counts()).add("")
    return dict(sorted(table.items()))


def _pct(p: float | None) -> str:
    return "–" if p is None else f"{100 * p:.0f}%"


def render_counts(table: Mapping[str, Counts], first: str) -> str:
    """A Markdown table of ``table`` (one row a key, then a total row)."""
    head = [first, "findings", "true", "false", "debatable", "unjudged", "precision"]
    rows = [head, ["---"] * len(head)]
    total = Counts()
    for key, c in table.items():
        rows.append([key, str(c.findings), str(c.true), str(c.false), str(c.debatable), str(c.unjudged),
                     _pct(c.precision)])
        for name in ("findings", "true", "false", "debatable", "unjudged"):
            setattr(total, name, getattr(total, name) + getattr(c, name))
    rows.append(["**all**", str(total.findings), str(total.true), str(total.false), str(total.debatable),
                 str(total.unjudged), _pct(total.precision)])
    return "\n".join("| " + " | ".join(r) + " |" for r in rows)


def cause_counts(matches: Mapping[str, Match]) -> dict[str, int]:
    """How many current false (and debatable) findings each cause tag explains."""
    out: dict[str, int] = {}
    for m in matches.values():
        for _, v in m.judged:
            if v.verdict in ("false", "debatable") and v.cause:
                tag = f"{v.verdict}: {v.cause}"
                out[tag] = out.get(tag, 0) + 1
    return dict(sorted(out.items(), key=lambda kv: (-kv[1], kv[0])))


def render_changes(matches: Mapping[str, Match]) -> str:
    """What changed since the verdicts were recorded: lost true findings first, then fixed, then new."""
    lost_true: list[str] = []
    fixed: list[str] = []
    lost_other: list[str] = []
    new: list[str] = []
    for project, m in matches.items():
        for v in m.lost:
            line = f"{project} {v.rule} {v.path}:{v.line}" + (f" — {v.note}" if v.note else "")
            {"true": lost_true, "false": fixed}.get(v.verdict, lost_other).append(line)
        new.extend(f"{project} {f.rule} {f.path}:{f.line} {f.message}" for f in m.new)
    parts: list[str] = []
    if lost_true:
        parts += [f"!! LOST TRUE FINDINGS (regressions): {len(lost_true)}", *(f"!!   {x}" for x in lost_true)]
    if fixed:
        parts += [f"fixed (false findings no longer reported): {len(fixed)}", *(f"  {x}" for x in fixed)]
    if lost_other:
        parts += [f"no longer reported (debatable/unjudged): {len(lost_other)}", *(f"  {x}" for x in lost_other)]
    if new:
        parts += [f"new (no verdict yet): {len(new)}", *(f"  {x}" for x in new)]
    return "\n".join(parts) if parts else "nothing changed: every finding has its verdict and every verdict its finding"


def strict_failures(matches: Mapping[str, Match]) -> list[str]:
    """Why ``--strict`` fails: each lost true finding, each rule with ≥10 judged and precision < 90 %."""
    problems = [f"lost true finding: {p} {v.rule} {v.path}:{v.line}"
                for p, m in matches.items() for v in m.lost if v.verdict == "true"]
    for rule, c in count_by(matches, lambda _p, f: f.rule).items():
        if c.judged >= STRICT_MIN_JUDGED and c.precision is not None and c.precision < STRICT_MIN_PRECISION:
            problems.append(f"{rule}: precision {_pct(c.precision)} over {c.judged} judged findings")
    return problems


# --------------------------------------------------------------------------- recording


def _toml_str(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)  # a JSON string is a valid TOML basic string


def skeleton(project: Project, findings: Iterable[Finding], header: bool) -> str:
    """Verdict-file text for ``findings`` (``verdict = ""``), with the file header when ``header``."""
    out: list[str] = []
    if header:
        out += [f"project = {_toml_str(project.name)}", f"ref = {_toml_str(project.ref)}", ""]
    for f in findings:
        out += ["[[finding]]", f"fingerprint = {_toml_str(f.fingerprint)}", f"rule = {_toml_str(f.rule)}",
                f"path = {_toml_str(f.path)}", f"line = {f.line}", 'verdict = ""', 'cause = ""',
                f"note = \"\"  # {f.message.replace(chr(10), ' ')}", ""]
    return "\n".join(out)


def record(project: Project, new: Sequence[Finding], directory: str = VERDICT_DIR) -> None:
    if not new:
        return
    os.makedirs(directory, exist_ok=True)
    path = os.path.join(directory, project.slug + ".toml")
    exists = os.path.exists(path)
    with open(path, "a", encoding="utf-8") as fh:
        if exists:
            fh.write("\n")
        fh.write(skeleton(project, new, header=not exists))
    log(f"{project.name}: recorded {len(new)} new finding(s) in {_shown(path)}")


# --------------------------------------------------------------------------- export


def find_git_dir(mirrors: str, name: str) -> str | None:
    """The snapshot git directory of ``owner/name`` under ``mirrors`` (``owner+name*``, maybe a ``repo`` inside)."""
    pattern = os.path.join(glob.escape(mirrors), glob.escape(name.replace("/", "+"))) + "*"
    for top in sorted(glob.glob(pattern)):
        for candidate in (top, *sorted(glob.glob(os.path.join(glob.escape(top), "*")))):
            if os.path.isdir(candidate) and os.path.exists(os.path.join(candidate, "HEAD")) \
                    and os.path.isdir(os.path.join(candidate, "objects")):
                return candidate
            if os.path.isdir(os.path.join(candidate, ".git")):
                return os.path.join(candidate, ".git")
    return None


def _extract_tar(archive: bytes, dest: str) -> None:
    """Extract a tar archive (any compression) held in memory, refusing paths outside ``dest``."""
    with tarfile.open(fileobj=io.BytesIO(archive), mode="r:*") as tar:
        if hasattr(tarfile, "data_filter"):
            tar.extractall(dest, filter="data")
        else:  # pragma: no cover - Python < 3.11.4
            tar.extractall(dest)


def _single_top(directory: str) -> str:
    entries = [e for e in os.listdir(directory) if not e.startswith(".")]
    if len(entries) == 1 and os.path.isdir(os.path.join(directory, entries[0])):
        return os.path.join(directory, entries[0])
    return directory


def _unpack(archive: str, dest: str) -> None:
    if archive.endswith(".zip"):
        with zipfile.ZipFile(archive) as zf:
            zf.extractall(dest)
    else:
        with open(archive, "rb") as fh:
            _extract_tar(fh.read(), dest)


def export(project: Project, mirrors: str | None, cache: str = CACHE_DIR) -> str | None:
    """The project's exported root under ``cache`` (exported now unless already there at its ref); None, with
    one logged line, when it cannot be had."""
    dest = os.path.join(cache, project.slug)
    stamp = os.path.join(dest, REF_STAMP)
    if os.path.exists(stamp):
        with open(stamp, encoding="utf-8") as fh:
            if fh.read().strip() == f"{project.source}:{project.ref}":
                return dest
    tmp = tempfile.mkdtemp(prefix=project.slug + ".", dir=cache if os.path.isdir(cache) else None)
    try:
        root = _export_into(project, mirrors, tmp)
        if root is None:
            return None
        os.makedirs(os.path.join(root, ".git"), exist_ok=True)  # its own repository: no outer .gitignore applies
        with open(os.path.join(root, REF_STAMP), "w", encoding="utf-8") as fh:
            fh.write(f"{project.source}:{project.ref}\n")
        shutil.rmtree(dest, ignore_errors=True)
        os.makedirs(cache, exist_ok=True)
        shutil.move(root, dest)
        return dest
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def export_blobs(git_dir: str, ref: str, out: str) -> int:
    """Write the regular files of ``ref`` under ``out`` blob by blob; return how many are missing."""
    listing = subprocess.run(["git", "--git-dir", git_dir, "ls-tree", "-r", "-z", ref],
                             capture_output=True, check=True).stdout.decode("utf-8", "surrogateescape")
    files: list[tuple[str, str]] = []
    for entry in listing.split("\0"):
        if not entry:
            continue
        meta, path = entry.split("\t", 1)
        mode, kind, sha = meta.split()
        if kind == "blob" and mode in ("100644", "100755"):
            files.append((sha, path))
    batch = subprocess.run(["git", "--git-dir", git_dir, "cat-file", "--batch"], capture_output=True,
                           input="".join(f"{sha}\n" for sha, _ in files).encode())
    data, pos, missing = batch.stdout, 0, 0
    for sha, path in files:
        end = data.index(b"\n", pos)
        header = data[pos:end].split()
        pos = end + 1
        if len(header) < 3 or header[1] != b"blob":
            missing += 1
            continue
        size = int(header[2])
        target = os.path.join(out, path)
        if os.path.relpath(target, out).startswith(".."):
            continue
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "wb") as fh:
            fh.write(data[pos:pos + size])
        pos += size + 1
    return missing


def _export_into(project: Project, mirrors: str | None, tmp: str) -> str | None:
    out = os.path.join(tmp, "out")
    os.makedirs(out)
    if project.source == "github":
        if mirrors is None:
            log(f"{project.name}: skipped: a github project needs --mirrors DIR")
            return None
        git_dir = find_git_dir(mirrors, project.name)
        if git_dir is None:
            log(f"{project.name}: skipped: no snapshot {project.name.replace('/', '+')}* under {mirrors}")
            return None
        check = subprocess.run(["git", "--git-dir", git_dir, "cat-file", "-e", project.ref + "^{commit}"],
                               capture_output=True)
        if check.returncode != 0:
            log(f"{project.name}: skipped: the snapshot {git_dir} has no commit {project.ref}")
            return None
        archived = subprocess.run(["git", "--git-dir", git_dir, "archive", "--format=tar", project.ref],
                                  capture_output=True)
        if archived.returncode == 0:
            _extract_tar(archived.stdout, out)
            return out
        # snapshots lack their largest files (data, images): git archive stops there, so take blob by blob
        shutil.rmtree(out)
        os.makedirs(out)
        missing = export_blobs(git_dir, project.ref, out)
        log(f"{project.name}: {missing} file(s) absent from the snapshot (too large), exported the rest")
        return out
    download = os.path.join(tmp, "download")
    os.makedirs(download)
    if project.source == "npm":
        cmd = ["npm", "pack", "--silent", f"{project.name}@{project.ref}", "--pack-destination", download]
    else:
        cmd = [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--no-binary", ":all:",
               "-d", download, f"{project.name}=={project.ref}"]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True)
    except OSError as exc:
        log(f"{project.name}: skipped: cannot run {cmd[0]}: {exc.strerror}")
        return None
    archives = sorted(os.listdir(download))
    if done.returncode != 0 or not archives:
        why = (done.stderr.strip().splitlines() or ["no archive downloaded"])[-1]
        log(f"{project.name}: skipped: {project.source} {project.name}@{project.ref}: {why}")
        return None
    _unpack(os.path.join(download, archives[0]), out)
    return _single_top(out)


# --------------------------------------------------------------------------- running pglint


def load_findings(path: str) -> list[Finding] | None:
    """The findings a previous run saved at ``path`` (``None`` when there are none)."""
    try:
        with open(path, encoding="utf-8") as fh:
            return [Finding.from_json(item) for item in json.load(fh)]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def run_pglint(pglint: Sequence[str], root: str, save: str | None = None) -> list[Finding] | None:
    """pglint's findings on the project at ``root``; its JSON is also written to ``save``."""
    cmd = [*pglint, "check", "--no-cache", "--format", "json", "."]
    try:
        done = subprocess.run(cmd, cwd=root, capture_output=True, text=True)
    except OSError as exc:
        log(f"cannot run {cmd[0]}: {exc.strerror}")
        return None
    try:
        items = json.loads(done.stdout)
    except json.JSONDecodeError:
        err = (done.stderr.strip().splitlines() or [f"exit {done.returncode}"])[-1]
        log(f"{os.path.basename(root)}: pglint did not print JSON: {err}")
        return None
    if save is not None:
        with open(save, "w", encoding="utf-8") as fh:
            json.dump(items, fh)
    return [Finding.from_json(item) for item in items]


# --------------------------------------------------------------------------- docs


def _write_doc(path: str, report: str) -> None:
    """Rewrite the corpus block of ``path`` with bench/run.py's marker helper."""
    spec = importlib.util.spec_from_file_location("pglint_bench_run", os.path.join(HERE, "run.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    module.write_doc(path, report, begin=BEGIN, end=END, title="Real-world corpus")


def render_report(projects: Sequence[Project], matches: Mapping[str, Match]) -> str:
    lang = {p.name: p.language for p in projects}
    ran = [p for p in projects if p.name in matches]
    parts = [f"{len(ran)} projects ({', '.join(sorted({p.language for p in ran}))}), "
             f"{sum(len(m.judged) + len(m.new) for m in matches.values())} findings.", ""]
    languages = sorted({p.language for p in ran})
    for language in languages:
        sub = {name: m for name, m in matches.items() if lang[name] == language}
        parts += [f"**{language}**", "", render_counts(count_by(sub, lambda _p, f: f.rule), "rule"), ""]
    if len(languages) > 1:
        parts += ["**all languages**", "", render_counts(count_by(matches, lambda _p, f: f.rule), "rule"), ""]
    parts += ["Per project:", "", render_counts(count_by(matches, lambda p, _f: p), "project"), ""]
    causes = cause_counts(matches)
    if causes:
        parts += ["Causes (false and debatable findings):", "", "| cause | findings |", "|---|---|",
                  *(f"| {tag} | {n} |" for tag, n in causes.items()), ""]
    return "\n".join(parts)


# --------------------------------------------------------------------------- main


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--mirrors", metavar="DIR", help="folder holding the github snapshots (owner+name*)")
    parser.add_argument("--only", nargs="+", metavar="NAME", default=[], help="only these projects (name or slug)")
    parser.add_argument("--pglint", metavar="CMD", default=None,
                        help="the pglint command (default: this interpreter's `-m pglint`)")
    parser.add_argument("--export-only", action="store_true", help="export the projects, run nothing")
    parser.add_argument("--record", action="store_true",
                        help='append skeleton entries (verdict = "") for new findings to the verdict files')
    parser.add_argument("--strict", action="store_true",
                        help="exit 1 when a true finding is lost or a rule with >= 10 judged findings is < 90%%")
    parser.add_argument("--no-write", action="store_true", help="do not rewrite docs/corpus.md")
    parser.add_argument("--reuse", action="store_true",
                        help="score the findings saved by the last run (bench/.cache/corpus/<slug>.findings.json) "
                             "instead of running pglint again: for re-scoring after editing verdicts")
    parser.add_argument("--corpus", default=CORPUS_FILE, help=argparse.SUPPRESS)
    parser.add_argument("--verdicts", default=VERDICT_DIR, help=argparse.SUPPRESS)
    parser.add_argument("--cache", default=CACHE_DIR, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        projects = load_projects(args.corpus)
        verdicts = load_verdicts(args.verdicts)
    except CorpusError as exc:
        print(f"corpus: {exc}", file=sys.stderr)
        return 2
    if args.mirrors is not None and not os.path.isdir(args.mirrors):
        print(f"corpus: --mirrors {args.mirrors}: not a directory", file=sys.stderr)
        return 2
    if args.only:
        wanted = set(args.only)
        unknown = wanted - {p.name for p in projects} - {p.slug for p in projects}
        if unknown:
            print(f"corpus: --only: not in {_shown(args.corpus)}: {', '.join(sorted(unknown))}",
                  file=sys.stderr)
            return 2
        projects = [p for p in projects if p.name in wanted or p.slug in wanted]
    pglint = shlex.split(args.pglint) if args.pglint else [sys.executable, "-m", "pglint"]
    os.makedirs(args.cache, exist_ok=True)
    matches: dict[str, Match] = {}
    for project in projects:
        root = export(project, args.mirrors, args.cache)
        if root is None or args.export_only:
            continue
        saved = os.path.join(args.cache, project.slug + ".findings.json")
        findings = load_findings(saved) if args.reuse else None
        if findings is None:
            findings = run_pglint(pglint, root, saved)
        if findings is None:
            continue
        vf = verdicts.get(project.name)
        if vf is not None and vf.ref and vf.ref != project.ref:
            log(f"{project.name}: verdicts were recorded at {vf.ref[:12]}, the corpus pins {project.ref[:12]}")
        m = match(findings, vf.findings if vf else [])
        matches[project.name] = m
        log(f"{project.name}: {len(findings)} finding(s), {len(m.new)} new, {len(m.lost)} lost")
        if args.record:
            record(project, m.new, args.verdicts)
    if args.export_only:
        return 0
    report = render_report(projects, matches)
    print(report)
    print(render_changes(matches))
    if not args.no_write and not args.only and args.corpus == CORPUS_FILE:
        _write_doc(DOC, report)
    if args.strict:
        problems = strict_failures(matches)
        for problem in problems:
            print(f"strict: {problem}", file=sys.stderr)
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
