"""The ``pglint`` command line: ``check``, ``rules``, ``rule`` and ``debug cfg``.

This module owns argument parsing, turning user input into engine
:class:`~pglint.engine.Options`, picking a reporter, and the exit-code contract:
0 when nothing at error level was found, 1 when something was, 2 on bad usage, a
missing path or an internal error, 130 on Ctrl-C and 143 on SIGTERM (both stop the
worker processes and remove the run's temporary files first). Every failure the user can cause ends in one
line on stderr (``pglint: error: ...``), never a traceback; argparse's own
errors are routed through the same path. Heavy modules (the engine, the
frontends) are imported only when a command needs them.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
import traceback
from types import FrameType
from typing import TYPE_CHECKING, Any, NoReturn, Sequence, TextIO

from . import __version__
from .report.paths import one_line

if TYPE_CHECKING:
    from .config import Config

FORMATS = ("text", "json", "sarif", "github", "concise", "junit")  # pglint.report.FORMATS
SEVERITIES = ("error", "warning", "info")

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2
EXIT_INTERRUPTED = 130  # Ctrl-C: 128 + SIGINT
EXIT_TERMINATED = 143  # SIGTERM (timeout, CI runners): 128 + SIGTERM

LANGUAGE_NAMES = {"python": "python", "javascript": "js/ts"}

#: The text report of a clean run when no rule is selected (instead of "All checks passed!").
NOTHING_SELECTED = "Nothing checked: no rule is selected."


class UsageError(Exception):
    """A mistake on the command line or in its arguments: exit 2 with this message."""


class Terminated(KeyboardInterrupt):
    """SIGTERM arrived: the run stops as on Ctrl-C (workers stopped, temporary files removed)."""


def _on_sigterm(signum: int, frame: FrameType | None) -> NoReturn:
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # a second SIGTERM ends the process at once
    raise Terminated()


def _handle_sigterm() -> Any:
    """Install :func:`_on_sigterm`; the previous handler (to restore), or ``None`` when signals
    cannot be handled here (not the main thread)."""
    if threading.current_thread() is not threading.main_thread():
        return None
    return signal.signal(signal.SIGTERM, _on_sigterm)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see `{self.prog} --help`)")


# --------------------------------------------------------------------------- parser


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="pglint",
        description="Static analyzer for code that talks to PostgreSQL (Python and JavaScript/TypeScript).",
        epilog="Exit status: 0 no error-level findings, 1 error-level findings, 2 usage or internal error, "
               "130 interrupted (Ctrl-C), 143 terminated (SIGTERM).",
    )
    parser.add_argument("--version", action="version", version=f"pglint {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    check = sub.add_parser("check", help="analyse files and directories",
                           description="Analyse the Python and JavaScript/TypeScript files under PATH "
                                       "(default: the current directory).")
    check.add_argument("paths", nargs="*", default=["."], metavar="PATH",
                       help="files or directories to check (default: .)")
    check.add_argument("--format", choices=FORMATS, default=None,
                       help="output format: text, json, sarif (SARIF 2.1.0), github (workflow annotations), "
                            "concise (path:line:col: CODE message), junit (default: the configuration's "
                            "output-format, else text)")
    check.add_argument("--select", action="append", default=[], metavar="RULES",
                       help="only report these rules: comma-separated codes, names or prefixes "
                            "(PG101,no-unsafe-query,PG2); replaces the configuration's select")
    check.add_argument("--extend-select", action="append", default=[], metavar="RULES",
                       help="report these rules too, on top of select")
    check.add_argument("--ignore", action="append", default=[], metavar="RULES",
                       help="do not report these rules: comma-separated codes or names")
    check.add_argument("--config", metavar="FILE",
                       help="read the configuration from FILE (pyproject.toml, pglint.toml or .pglint.toml) "
                            "instead of searching upwards from the checked paths")
    check.add_argument("--isolated", action="store_true",
                       help="ignore every configuration file")
    check.add_argument("--show-config", action="store_true",
                       help="print the resolved configuration (where it comes from, every key) and exit")
    check.add_argument("--fail-on", choices=SEVERITIES, default=None, metavar="SEVERITY",
                       help="exit 1 when a finding at this severity or above is reported: error, warning "
                            "or info (default: the configuration's fail-on, else error)")
    check.add_argument("--baseline", metavar="FILE",
                       help="report only findings that are not in the baseline FILE (see --write-baseline)")
    check.add_argument("--write-baseline", metavar="FILE",
                       help="record every current finding in FILE and exit 0 (parse and internal errors "
                            "are reported instead, exit 1); later runs with --baseline FILE report only "
                            "new findings")
    check.add_argument("-q", "--quiet", action="store_true",
                       help="print only the findings (no summary)")
    check.add_argument("--statistics", action="store_true",
                       help="print the number of findings per rule instead of the findings")
    check.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                       help="colour the text output (default: auto = when stdout is a terminal "
                            "and NO_COLOR is not set)")
    check.add_argument("--no-gate", action="store_true",
                       help="analyse every file, not only those that import a PostgreSQL driver "
                            "(directly or through project modules)")
    check.add_argument("--no-function-gate", action="store_true",
                       help="lower every function of an analysed file, not only those that may touch "
                            "PostgreSQL (the findings are the same; for checking that they are)")
    check.add_argument("-j", "--jobs", type=_jobs, default=0, metavar="N",
                       help="worker processes, at most one per core: a larger N is capped at the "
                            "number of cores (default and 0: one per core; small runs use none)")
    check.add_argument("--cache-dir", metavar="DIR",
                       help="where per-file results are cached (default: .pglint_cache at the project root)")
    check.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
    check.add_argument("--fix", action="store_true",
                       help="apply the safe fixes to the files, then report what is left")
    check.add_argument("--unsafe-fixes", action="store_true",
                       help="with --fix or --diff, apply the unsafe fixes too (they change what runs on "
                            "some path: see each rule's page)")
    check.add_argument("--diff", action="store_true",
                       help="print the fixes as a unified diff instead of writing them (exit 1 when there "
                            "is one)")
    check.set_defaults(handler=cmd_check)

    server = sub.add_parser("server", help="run the language server (LSP over stdio)",
                            description="Run pglint's Language Server Protocol server over stdin/stdout, "
                                        "for editors (needs the `server` extra: pip install 'pglint[server]').")
    server.set_defaults(handler=cmd_server)

    rules = sub.add_parser("rules", help="list the rules",
                           description="List every rule: code, name, default severity, languages, summary.")
    rules.add_argument("--format", choices=("text", "json"), default="text")
    rules.set_defaults(handler=cmd_rules)

    rule = sub.add_parser("rule", help="show a rule's documentation",
                          description="Print the documentation of one rule, by code or name.")
    rule.add_argument("name", metavar="RULE", help="a rule code (PG101) or name (no-missing-client-release)")
    rule.set_defaults(handler=cmd_rule)

    debug = sub.add_parser("debug", help="inspect pglint's view of a file",
                           description="Tools for looking at what pglint sees.")
    debug_sub = debug.add_subparsers(dest="debug_command", metavar="WHAT", required=True)
    cfg = debug_sub.add_parser("cfg", help="print the control-flow graphs of a file's functions",
                               description="Print the control-flow graph of every function in FILE, "
                                           "or only of FUNCTION.")
    cfg.add_argument("target", metavar="FILE[:FUNCTION]")
    cfg.add_argument("--format", choices=("dot", "mermaid", "edges"), default="dot",
                     help="dot (Graphviz, default), mermaid, or the compact edge list used in tests")
    cfg.add_argument("--contract", action="store_true",
                     help="hide structural nop nodes (always on for --format edges)")
    cfg.set_defaults(handler=cmd_debug_cfg)
    return parser


# --------------------------------------------------------------------------- helpers


def _jobs(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: '{value}'") from None
    if n < 0:
        raise argparse.ArgumentTypeError(f"must be 0 (one per core) or a positive number, not {n}")
    return n


def _write(text: str, stream: TextIO | None = None) -> None:
    out = stream if stream is not None else sys.stdout
    try:
        out.write(text)
    except UnicodeEncodeError:
        enc = getattr(out, "encoding", None) or "ascii"
        out.write(text.encode(enc, "replace").decode(enc))
    out.flush()


def _can_encode(text: str, stream: TextIO) -> bool:
    try:
        text.encode(getattr(stream, "encoding", None) or "utf-8")
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def use_color(choice: str, stream: TextIO) -> bool:
    """``auto``: only when ``stream`` is a terminal and ``NO_COLOR`` is unset or empty."""
    if choice == "always":
        return True
    if choice == "never":
        return False
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _languages(languages: Sequence[str]) -> str:
    return ", ".join(LANGUAGE_NAMES.get(lang, lang) for lang in languages)


# --------------------------------------------------------------------------- commands


def _load_config(args: argparse.Namespace) -> "Config":
    """The configuration for this run, command-line options on top (``ConfigError`` on mistakes)."""
    from .config import load_config

    if args.config is not None and args.isolated:
        raise UsageError("--config and --isolated cannot be used together")
    for option, values in (("--select", args.select), ("--extend-select", args.extend_select)):
        if values and not any(item.strip() for value in values for item in value.split(",")):
            raise UsageError(f"{option}: no rules given")
    config = load_config(list(args.paths), args.config, args.isolated)
    return config.override(select=args.select or None, ignore=args.ignore or None,
                           extend_select=args.extend_select or None, fail_on=args.fail_on,
                           output_format=args.format)


def _whole_project(paths: Sequence[str], root: str) -> bool:
    """Whether ``paths`` include the configuration's directory (or one above it)."""
    root = os.path.abspath(root)
    for p in paths:
        ap = os.path.abspath(p)
        if os.path.isdir(ap) and (ap == root or root.startswith(ap.rstrip(os.sep) + os.sep)):
            return True
    return False


def cmd_check(args: argparse.Namespace) -> int:
    from .baseline import BaselineError, apply_baseline, load_baseline, write_baseline
    from .cache import CacheDirError
    from .config import ConfigError
    from .diagnostics import UNSUPPRESSIBLE, Diagnostic
    from .discovery import DiscoveryError
    from .engine import run
    from .fixes import describe_fixes
    from .progress import ProgressBar, should_show_progress
    from .report import STATISTICS_FORMATS, ReportOptions, render
    from .report.text import CLEAN
    from .suppression import apply_suppressions, collect_comments

    try:
        config = _load_config(args)
    except ConfigError as exc:
        raise UsageError(str(exc)) from None
    for warning in config.warnings():
        print(f"pglint: warning: {one_line(warning)}", file=sys.stderr)
    if args.show_config:
        _write(config.show())
        return EXIT_OK
    fmt = config.output_format or "text"
    if args.statistics and fmt not in STATISTICS_FORMATS:
        raise UsageError(f"--statistics: not available with --format {fmt} (use text or json)")
    if args.baseline is not None and args.write_baseline is not None:
        raise UsageError("--baseline and --write-baseline cannot be used together")
    baseline = None
    if args.baseline is not None:
        try:
            baseline = load_baseline(args.baseline)
        except BaselineError as exc:
            raise UsageError(str(exc)) from None
    for path in args.paths:
        try:
            os.stat(path)
        except FileNotFoundError:
            raise UsageError(f"{path}: no such file or directory") from None
        except OSError as exc:  # a parent directory that cannot be searched, a path too long...
            raise UsageError(f"{path}: cannot access: {exc.strerror or exc}") from None
    options = config.engine_options(gate=not args.no_gate)
    options.function_gate = not args.no_function_gate
    registry = config.resources.registry() if config.resources else None
    options.jobs = args.jobs
    if not args.no_cache:
        from .cache import default_cache_dir
        options.cache_dir = args.cache_dir or default_cache_dir(args.paths)
    if (args.fix or args.diff) and (args.write_baseline is not None or args.statistics):
        raise UsageError(f"{'--fix' if args.fix else '--diff'} cannot be used with "
                         f"{'--write-baseline' if args.write_baseline is not None else '--statistics'}")
    if args.fix and args.diff:
        raise UsageError("--fix and --diff cannot be used together (--diff shows the fixes without writing)")

    def analyse(first: bool) -> tuple[Any, list[Diagnostic]]:
        bar = None
        if first and should_show_progress(sys.stderr, fmt, os.environ, quiet=args.quiet):
            bar = ProgressBar(sys.stderr)
        options.progress = bar
        try:
            result = run(list(args.paths), options, registry=registry)
        except (DiscoveryError, CacheDirError) as exc:
            raise UsageError(str(exc)) from None
        finally:
            if bar is not None:
                bar.close()
        if first:
            for warning in result.warnings:
                print(f"pglint: warning: {one_line(warning)}", file=sys.stderr)
            if result.not_read and not args.quiet:
                print(f"pglint: note: {one_line(not_read_note(result.not_read))}", file=sys.stderr)
            if config.source is not None and _whole_project(args.paths, config.root):
                unmatched = config.unmatched_per_file_ignores(result.files)
                if unmatched:
                    raise UsageError(unmatched[0])
            if not result.files:
                print("pglint: warning: no Python or JavaScript/TypeScript files found under "
                      + ", ".join(args.paths), file=sys.stderr)
        found = config.apply(result.diagnostics)
        kept, _suppressed, unused = apply_suppressions(found,
                                                       collect_comments(result.files, {d.path for d in found}),
                                                       config.enabled_codes_for)
        return result, sorted(kept + config.apply(unused), key=Diagnostic.sort_key)

    result, diagnostics = analyse(True)

    def reported(found: list[Diagnostic]) -> list[Diagnostic]:
        """The findings a fix may touch: those reported (not accepted by the baseline)."""
        return apply_baseline(found, baseline).kept if baseline is not None else found

    if args.diff:
        from .fixes import diff_fixes

        diff, count = diff_fixes(reported(diagnostics), unsafe=args.unsafe_fixes, cwd=os.getcwd())
        _write(diff)
        if not args.quiet:
            print(f"Would fix {count} finding{'' if count == 1 else 's'}." if count else "No fixes available.",
                  file=sys.stderr)
        return EXIT_FINDINGS if count else EXIT_OK
    fixed = 0
    if args.fix:
        from .fixes import apply_file_fixes

        for _round in range(10):  # a fix can make room for another (overlapping) one: run again
            applied = apply_file_fixes(reported(diagnostics), unsafe=args.unsafe_fixes)
            for warning in applied.warnings:
                print(f"pglint: warning: {one_line(warning)}", file=sys.stderr)
            if not applied.fixed:
                break
            fixed += applied.fixed
            result, diagnostics = analyse(False)
    if args.write_baseline is not None:
        try:
            count = write_baseline(args.write_baseline, diagnostics)
        except BaselineError as exc:
            raise UsageError(str(exc)) from None
        print(f"pglint: wrote {count} finding{'' if count == 1 else 's'} to the baseline {args.write_baseline}",
              file=sys.stderr)
        # parse and internal errors cannot be baselined: they are reported (and fail the run) every time
        diagnostics = [d for d in diagnostics if d.code in UNSUPPRESSIBLE]
        if diagnostics:
            n = len(diagnostics)
            print(f"pglint: {n} parse or internal error{' is' if n == 1 else 's are'} not recorded "
                  "(a baseline cannot hide a file pglint could not analyse)", file=sys.stderr)
    elif baseline is not None:
        outcome = apply_baseline(diagnostics, baseline)
        diagnostics = outcome.kept
        if outcome.stale:
            print(f"pglint: {args.baseline}: {outcome.stale} baseline "
                  f"entr{'y no longer matches' if outcome.stale == 1 else 'ies no longer match'} a finding "
                  f"(fixed?); rewrite it with --write-baseline {args.baseline}", file=sys.stderr)
    options_r = ReportOptions(cwd=os.getcwd(), color=fmt == "text" and use_color(args.color, sys.stdout),
                              quiet=args.quiet, unicode=_can_encode("\u2716", sys.stdout),
                              files=tuple(result.files),
                              fixes=describe_fixes(diagnostics) if fmt in ("json", "sarif") else None)
    report = render(fmt, diagnostics, options_r, statistics=args.statistics)
    if fmt == "text" and report == CLEAN + "\n" and config.nothing_selected():
        report = NOTHING_SELECTED + "\n"  # not "All checks passed!": nothing was checked
    _write(report)
    if args.fix and not args.quiet:
        total = fixed + len(diagnostics)
        print(f"Found {total} finding{'' if total == 1 else 's'} ({fixed} fixed, {len(diagnostics)} remaining).",
              file=sys.stdout if fmt == "text" else sys.stderr)
    if args.fix and not args.quiet and not args.unsafe_fixes and fmt == "text":
        from .fixes import count_fixable

        hidden = count_fixable(diagnostics, unsafe_only=True)
        if hidden:
            print(f"({hidden} hidden fix{'' if hidden == 1 else 'es'} can be enabled with the "
                  "`--unsafe-fixes` option.)")
    return EXIT_FINDINGS if config.fails(diagnostics) else EXIT_OK


def cmd_server(args: argparse.Namespace) -> int:
    """``pglint server``: the language server (:mod:`pglint.server`) on stdin/stdout."""
    try:
        from .server import start
    except ImportError as exc:
        raise UsageError(f"the language server needs pygls and lsprotocol ({exc.name or exc} is missing): "
                         "pip install 'pglint[server]'") from None
    start()
    return EXIT_OK


def _shown_path(path: str) -> str:
    """``path`` relative to the working directory when it is under it (as findings show it)."""
    rel = os.path.relpath(path) if os.path.isabs(path) else path
    return path if rel.startswith("..") else rel


def not_read_note(not_read: list[tuple[str, str]], limit: int = 3) -> str:
    """One line about the files not fully read that hold no database code (not findings)."""
    n = len(not_read)
    whys = " or ".join(dict.fromkeys(why for _, why in not_read))
    shown = ", ".join(_shown_path(p) for p, _ in not_read[:limit]) + (f" and {n - limit} more" if n > limit else "")
    return (f"{n} file{'' if n == 1 else 's'} without database code (no driver, no module that reaches one, "
            f"no SQL) {'was' if n == 1 else 'were'} {whys}, so not reported (PG001): {shown}")


def cmd_rules(args: argparse.Namespace) -> int:
    import json

    from .rules import all_metas

    metas = sorted(all_metas(), key=lambda m: m.code)
    if args.format == "json":
        rows = [{"code": m.code, "name": m.name, "severity": m.severity, "languages": list(m.languages),
                 "summary": m.summary, "fix": m.fix, "cwe": m.cwe, "kind": m.kind} for m in metas]
        _write(json.dumps(rows, indent=2) + "\n")
        return EXIT_OK
    table = [("CODE", "NAME", "SEVERITY", "LANGUAGES", "SUMMARY")]
    table += [(m.code, m.name, m.severity, _languages(m.languages), m.summary) for m in metas]
    widths = [max(len(row[i]) for row in table) for i in range(4)]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row[:4], widths)) + "  " + row[4] for row in table]
    _write("\n".join(line.rstrip() for line in lines) + "\n")
    return EXIT_OK


def cmd_rule(args: argparse.Namespace) -> int:
    from .rules import all_rules, find_rule

    meta = find_rule(args.name)
    if meta is None:
        raise UsageError(f"unknown rule '{args.name}' (run `pglint rules` to list them)")
    cls = next((r for r in all_rules() if r.meta.code == meta.code), None)
    doc = cls.doc() if cls is not None else ""
    if meta.code == "PG003":
        from .suppression import UNUSED_SUPPRESSION_DOC

        doc = UNUSED_SUPPRESSION_DOC
    lines = [f"# {meta.name} ({meta.code})", "",
             f"Severity: {meta.severity}",
             f"Languages: {_languages(meta.languages)}"]
    if meta.cwe:
        lines.append(f"CWE: {meta.cwe}")
    lines.append(f"Kind: {meta.kind}")
    if meta.fix:
        lines.append(f"Fix: {meta.fix}")
    lines += ["", doc or meta.summary]
    _write("\n".join(lines).rstrip() + "\n")
    return EXIT_OK


def _split_target(target: str) -> tuple[str, str | None]:
    """``FILE[:FUNCTION]``: the shortest prefix before a ``:`` that is an existing file wins.

    Function names may contain ``:`` themselves (``outer/<callback@4:9>``).
    """
    if os.path.exists(target):
        return target, None
    for i, ch in enumerate(target):
        if ch == ":" and i and os.path.isfile(target[:i]):
            return target[:i], target[i + 1:] or None
    path = target.split(":", 1)[0]
    raise UsageError(f"{path}: no such file or directory")


def _pick_functions(names: list[str], wanted: str) -> list[int]:
    exact = [i for i, n in enumerate(names) if n == wanted]
    if exact:
        return exact
    return [i for i, n in enumerate(names)
            if n.endswith("." + wanted) or n.endswith("/" + wanted)]


def cmd_debug_cfg(args: argparse.Namespace) -> int:
    from .drivers import default_registry
    from .engine import parse_file
    from .ir.render import edge_list, to_dot, to_mermaid
    from .languages import adapters, language_for
    from .languages.base import ParseError, ProjectIndex

    path, function = _split_target(args.target)
    if os.path.isdir(path):
        raise UsageError(f"{path}: is a directory; give a file")
    language = language_for(path)
    if language is None:
        raise UsageError(f"{path}: not a Python or JavaScript/TypeScript file")
    langs = adapters()
    adapter = langs[language]
    registry = default_registry()
    try:
        parsed = parse_file(os.path.abspath(path), adapter)
    except ParseError as exc:
        raise UsageError(f"{path}:{exc.line}:{exc.column}: {exc.message}") from None
    except OSError as exc:
        raise UsageError(f"{path}: cannot read file: {exc.strerror or exc}") from None
    project = ProjectIndex(dict(langs))
    try:
        project.add(adapter.index(parsed, registry))
        cfgs = adapter.lower(parsed, project, registry).functions
    except ParseError as exc:  # too deeply nested to analyse
        raise UsageError(f"{path}:{exc.line}:{exc.column}: {exc.message}") from None
    if function is not None:
        names = [c.name for c in cfgs]
        picked = _pick_functions(names, function)
        if not picked:
            raise UsageError(f"{path}: no function named '{function}'; available: "
                             + (", ".join(names) or "(none)"))
        cfgs = [cfgs[i] for i in picked]
    chunks: list[str] = []
    for cfg in cfgs:
        if args.format == "dot":
            chunks.append(to_dot(cfg, contract=args.contract))
        elif args.format == "mermaid":
            text = to_mermaid(cfg, contract=args.contract)
            chunks.append(f"%% {cfg.name}\n{text}" if len(cfgs) > 1 else text)
        else:
            chunks.append(f"# {cfg.name}\n" + "".join(e + "\n" for e in edge_list(cfg, contract=True)))
    _write("\n".join(chunks))
    return EXIT_OK


# --------------------------------------------------------------------------- entry point


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (never raises for user mistakes)."""
    previous_sigterm = _handle_sigterm()
    try:
        args = build_parser().parse_args(list(argv) if argv is not None else None)
        code: int = args.handler(args)
        return code
    except UsageError as exc:
        print(f"pglint: error: {one_line(str(exc))}", file=sys.stderr)
        return EXIT_ERROR
    except SystemExit as exc:  # --help / --version
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else EXIT_ERROR)
    except Terminated:
        print("pglint: terminated", file=sys.stderr)
        return EXIT_TERMINATED
    except KeyboardInterrupt:
        print("pglint: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (`pglint check | head`): stop quietly.
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError, AttributeError):
            pass
        return EXIT_ERROR
    except Exception as exc:  # noqa: BLE001 - an internal error must still honour the exit contract
        print(f"pglint: internal error: {type(exc).__name__}: {exc}"
              + ("" if os.environ.get("PGLINT_DEBUG") else " (set PGLINT_DEBUG=1 for a traceback)"),
              file=sys.stderr)
        if os.environ.get("PGLINT_DEBUG"):
            traceback.print_exc()
        return EXIT_ERROR
    finally:
        if previous_sigterm is not None:
            signal.signal(signal.SIGTERM, previous_sigterm)
