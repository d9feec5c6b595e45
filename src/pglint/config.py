"""Project configuration: finding it, validating it, and applying it to a run's findings.

pglint reads ``[tool.pglint]`` in ``pyproject.toml``, or the top-level keys of
``.pglint.toml`` / ``pglint.toml`` (for repositories without a pyproject), found
by walking up from the checked paths: in each directory ``.pglint.toml``, then
``pglint.toml``, then a ``pyproject.toml`` that has a ``[tool.pglint]`` table;
the first found wins. ``--config FILE`` names the file, ``--isolated`` ignores
every file. :func:`load_config` returns a frozen :class:`Config` with every
value resolved (rule names turned into codes, defaults filled in) or raises
:class:`ConfigError`, whose text is one line naming the file and the key.
:meth:`Config.apply` applies ``select``/``ignore``/``extend-select``,
``per-file-ignores`` and ``severity`` to findings; :meth:`Config.fails` applies
``fail-on``, and drops the findings of rules whose ``in-tests`` option is false
in the files ``test-files`` names (:meth:`Config.is_test_file`). Per-rule option tables are checked against the ``options`` a rule
class declares (:class:`RuleOption`), and ``[tool.pglint.resources]`` — a
project's own pools, acquire/release helpers and functions that take or borrow
a connection — becomes :class:`~pglint.drivers.model.DriverModel` entries and
:class:`CallEffect` records (:class:`ProjectResources`).
"""

from __future__ import annotations

import difflib
import json
import os
import re
import sys
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Iterable, Literal, Mapping, Sequence

from .diagnostics import SEVERITIES, UNSUPPRESSIBLE, Diagnostic

if TYPE_CHECKING:
    import pathspec

    from .discovery import ExcludePatterns
    from .drivers.model import DriverModel, DriverRegistry
    from .engine import Options
    from .rules.base import Rule, RuleMeta

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

CONFIG_FILES = (".pglint.toml", "pglint.toml", "pyproject.toml")  # precedence within one directory
OUTPUT_FORMATS = ("text", "json", "sarif", "github", "concise", "junit")
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
# parse and internal errors: no `select`, `ignore`, `per-file-ignores` or `severity` hides or lowers them
ALWAYS_REPORTED = UNSUPPRESSIBLE

KEYS = ("select", "ignore", "extend-select", "per-file-ignores", "exclude", "extend-exclude", "force-exclude",
        "test-files", "severity", "fail-on", "output-format", "rules", "resources")
# ``test-files``: what counts as test code (gitignore-style, relative to the configuration's
# directory) for the rules whose ``in-tests`` option is false (the advisory PG4xx rules)
DEFAULT_TEST_FILES = ("test/", "tests/", "__tests__/", "test_*.py", "*_test.py", "conftest.py",
                      "*.test.*", "*.spec.*")
IN_TESTS_OPTION = "in-tests"


class ConfigError(Exception):
    """A configuration mistake: ``str(exc)`` is one line naming the file (and key); the CLI exits 2."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line


# --------------------------------------------------------------------------- rule options


@dataclass(frozen=True, slots=True)
class RuleOption:
    """One option a rule accepts in ``[tool.pglint.rules.<name>]``.

    A rule class declares ``options: ClassVar[dict[str, RuleOption]]``; the
    shorthand ``(type, default, doc)`` with ``type`` one of ``bool``, ``int``,
    ``float``, ``str`` or ``list`` (a list of strings) is accepted too.
    """

    type: Literal["bool", "int", "float", "str", "list[str]"]
    default: Any
    doc: str

    def check(self, value: Any) -> str | None:
        """``None`` when ``value`` fits, else what was expected."""
        if self.type == "bool":
            ok = isinstance(value, bool)
        elif self.type == "int":
            ok = isinstance(value, int) and not isinstance(value, bool)
        elif self.type == "float":
            ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        elif self.type == "str":
            ok = isinstance(value, str)
        else:
            ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
        if ok:
            return None
        return {"bool": "true or false", "int": "an integer", "float": "a number", "str": "a string",
                "list[str]": "a list of strings"}[self.type]


_OPTION_TYPES: dict[Any, Literal["bool", "int", "float", "str", "list[str]"]] = {
    bool: "bool", int: "int", float: "float", str: "str", list: "list[str]", tuple: "list[str]",
}


def rule_options(rule: type["Rule"] | Any) -> dict[str, RuleOption]:
    """The options ``rule`` declares (its ``options`` class attribute), normalised to :class:`RuleOption`."""
    declared = getattr(rule, "options", None) or {}
    out: dict[str, RuleOption] = {}
    for name, spec in dict(declared).items():
        if isinstance(spec, RuleOption):
            out[name] = spec
        else:
            typ, default, doc = spec
            out[name] = RuleOption(_OPTION_TYPES.get(typ, "str"), default, doc)
    return out


# --------------------------------------------------------------------------- resources


@dataclass(frozen=True, slots=True)
class CallEffect:
    """What calling a function does to a resource passed as argument ``arg``.

    ``path`` is a dotted name (``app.db.put_conn``; JS ``src/db.putClient`` or
    ``@acme/db.putClient``) or a bare name (``withTransaction``) matching any
    function or method of that name. ``effect``: ``release`` (gives a pool
    client back), ``close`` (closes a connection), ``takes-ownership`` (the
    callee is now responsible: the caller's duty ends, like returning it) or
    ``borrows`` (the callee only uses it: the caller must still release it).
    """

    language: Literal["python", "javascript"]
    path: str
    effect: Literal["release", "close", "takes-ownership", "borrows"]
    arg: int = 0
    awaited: bool = False  # the call returns a promise/coroutine


@dataclass(frozen=True, slots=True)
class ProjectResources:
    """``[tool.pglint.resources]`` resolved: driver models for the registry, and free-function effects."""

    models: tuple["DriverModel", ...] = ()
    calls: tuple[CallEffect, ...] = ()
    entries: tuple[tuple[str, Mapping[str, Any]], ...] = ()  # (table, normalised entry), for show()

    def registry(self, base: "DriverRegistry | None" = None) -> "DriverRegistry":
        """``base`` (default: the built-in drivers) with the project's models added."""
        from .drivers import default_registry
        from .drivers.model import DriverRegistry

        base = base if base is not None else default_registry()
        return DriverRegistry([*base.models.values(), *self.models])

    def call(self, language: str, path: str) -> CallEffect | None:
        """The effect declared for a call of ``path`` (dotted or bare name), if any."""
        bare = _bare_name(path)
        found: CallEffect | None = None
        for c in self.calls:
            if c.language != language:
                continue
            if c.path == path:
                return c
            if "." not in c.path and "/" not in c.path and c.path == bare and found is None:
                found = c
        return found

    def __bool__(self) -> bool:
        return bool(self.models or self.calls)


def _bare_name(path: str) -> str:
    return path.rsplit(".", 1)[-1]


RESOURCE_TABLES = ("pool", "acquire", "release", "takes-ownership", "borrows")
_RESOURCE_KEYS: dict[str, tuple[str, ...]] = {
    "pool": ("function", "value", "type", "like", "kind", "awaited"),
    "acquire": ("function", "kind", "release", "release-arg", "release-method", "context-manager",
                "awaited", "language"),
    "release": ("function", "arg", "closes", "awaited", "language"),
    "takes-ownership": ("function", "arg", "language"),
    "borrows": ("function", "arg", "language"),
}
_LANGUAGES = {"python": ("python",), "javascript": ("javascript",), "typescript": ("javascript",),
              "js": ("javascript",), "ts": ("javascript",)}
_NAME = re.compile(r"^[A-Za-z0-9_$@./-]+$")
#: The largest argument position ``arg``/``release-arg`` accept (0 is the first argument).
MAX_ARG_POSITION = 255


# --------------------------------------------------------------------------- the config


@dataclass(frozen=True, slots=True)
class PerFileIgnore:
    pattern: str  # gitignore-style glob, relative to the config file's directory
    codes: frozenset[str]
    spec: "pathspec.GitIgnoreSpec" = field(compare=False, repr=False)

    def matches(self, rel: str) -> bool:
        return self.spec.match_file(rel)


@dataclass(frozen=True, slots=True)
class Config:
    """Resolved configuration. Rule lists hold codes; ``root`` is where globs are relative to."""

    source: str | None = None  # the file read, or None (defaults / --isolated)
    root: str = ""
    select: tuple[str, ...] | None = None  # None: every rule
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    per_file_ignores: tuple[PerFileIgnore, ...] = ()
    exclude: tuple[str, ...] | None = None  # None: the built-in list (DEFAULT_EXCLUDE)
    extend_exclude: tuple[str, ...] = ()
    force_exclude: bool = False
    test_files: tuple[str, ...] | None = None  # None: DEFAULT_TEST_FILES
    severity: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    fail_on: str = "error"
    output_format: str | None = None
    options: Mapping[str, Mapping[str, Any]] = field(default_factory=lambda: MappingProxyType({}))
    resources: ProjectResources = ProjectResources()
    unignored: frozenset[str] = frozenset()  # codes the command line selected explicitly
    # one line each, for stderr: choices that are valid but almost certainly not meant
    notes: tuple[str, ...] = field(default=(), compare=False)

    # ------------------------------------------------------------- selection

    def enabled_codes(self) -> frozenset[str]:
        """Codes of the rules this run reports (PG001 and PG002 always)."""
        from .suppression import known_rules

        everything = {m.code for m in known_rules()}
        base = set(self.select) if self.select is not None else everything
        base |= set(self.extend_select)
        base -= set(self.ignore) - self.unignored
        base |= ALWAYS_REPORTED & everything
        return frozenset(base)

    def warnings(self) -> list[str]:
        """What the CLI prints as ``pglint: warning: ...`` before a run: a rule both selected and
        ignored (``ignore`` wins), and a selection that leaves no rule at all."""
        out = list(self.notes)
        if self.nothing_selected():
            if self.select == () and not self.extend_select:
                where = f"{_display(self.source)}: [{_table_name(self.source)}] " if self.source else ""
                why = f"{where}'select' is empty: no rule is selected"
            else:
                why = "no rule is selected: ignore drops every selected rule"
            left = "only parse errors are reported" if "PG001" in self.enabled_codes() else "nothing is reported"
            out.append(f"{why}; {left}")
        return out

    def nothing_selected(self) -> bool:
        """Whether no rule is enabled but the parse and internal errors that are always reported."""
        from .suppression import known_rules

        return not (self.enabled_codes() & ({m.code for m in known_rules()} - ALWAYS_REPORTED))

    def enabled_codes_for(self, path: str) -> frozenset[str]:
        """:meth:`enabled_codes` less the ``per-file-ignores`` that match ``path`` and, in a test
        file, the rules whose ``in-tests`` option is false."""
        codes = self.enabled_codes()
        ignored = self.ignored_for(path)
        silent = {c for c in codes if not self.reports_in_tests(c)}
        if silent and self.is_test_file(path):
            ignored = ignored | silent
        return codes - ignored if ignored else codes

    def ignored_for(self, path: str) -> frozenset[str]:
        if not self.per_file_ignores:
            return frozenset()
        rel = self.relative(path)
        out: set[str] = set()
        for pfi in self.per_file_ignores:
            if pfi.matches(rel):
                out |= pfi.codes
        return frozenset(out - ALWAYS_REPORTED)

    def relative(self, path: str) -> str:
        """``path`` relative to :attr:`root`, with ``/``; outside the root, the absolute path."""
        ap = os.path.abspath(path)
        root = self.root or os.getcwd()
        try:
            rel = os.path.relpath(ap, root)
        except ValueError:
            rel = ap
        if rel == os.pardir or rel.startswith(os.pardir + os.sep):
            rel = ap
        return rel.replace(os.sep, "/").lstrip("/")

    def apply(self, diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
        """Keep the findings of enabled rules (per file), with ``severity`` overrides applied.

        Parse and internal errors (:data:`ALWAYS_REPORTED`) are kept as they are, at the engine's
        severity (error, or warning for a file analysed in part): no setting lowers or hides them.
        """
        enabled = self.enabled_codes()
        cache: dict[str, frozenset[str]] = {}
        tests: dict[str, bool] = {}
        out: list[Diagnostic] = []
        for d in diagnostics:
            if d.code in ALWAYS_REPORTED:
                out.append(d)
                continue
            if d.code not in enabled:
                continue
            if not self.reports_in_tests(d.code):
                test = tests.get(d.path)
                if test is None:
                    test = tests[d.path] = self.is_test_file(d.path)
                if test:
                    continue
            if self.per_file_ignores:
                ignored = cache.get(d.path)
                if ignored is None:
                    ignored = cache[d.path] = self.ignored_for(d.path)
                if d.code in ignored:
                    continue
            sev = self.severity.get(d.code)
            out.append(d.with_severity(sev) if sev is not None and sev != d.severity else d)
        return out

    def reports_in_tests(self, code: str) -> bool:
        """Whether rule ``code`` reports in test files: its ``in-tests`` option (configured, else
        declared default); rules without that option always do."""
        configured = self.options.get(code)
        if configured is not None and IN_TESTS_OPTION in configured:
            return bool(configured[IN_TESTS_OPTION])
        return _in_tests_defaults().get(code, True)

    @property
    def effective_test_files(self) -> tuple[str, ...]:
        return self.test_files if self.test_files is not None else DEFAULT_TEST_FILES

    def is_test_file(self, path: str) -> bool:
        """Whether ``test-files`` (gitignore-style, relative to :attr:`root`) names ``path``. Outside
        the root only the file's name is matched: the folders above the project say nothing."""
        patterns = self.effective_test_files
        if not patterns:
            return False
        root = os.path.abspath(self.root or os.getcwd())
        ap = os.path.abspath(path)
        inside = ap == root or ap.startswith(root.rstrip(os.sep) + os.sep)
        rel = self.relative(path) if inside else os.path.basename(ap)
        return bool(_spec(patterns).match_file(rel))

    def fails(self, diagnostics: Iterable[Diagnostic]) -> bool:
        """Whether a finding at or above ``fail-on`` is present (exit status 1); findings that are not
        ``gating`` never count."""
        floor = SEVERITY_RANK[self.fail_on]
        return any(d.gating and SEVERITY_RANK.get(d.severity, 2) >= floor for d in diagnostics)

    def engine_options(self, gate: bool = True) -> "Options":
        """What the engine needs of this configuration: enabled rules, rule options, exclusions."""
        from .engine import Options

        return Options(select=self.enabled_codes(), gate=gate,
                       rule_options={code: dict(values) for code, values in self.options.items()},
                       exclude=self.excluder(), force_exclude=self.force_exclude)

    def options_for(self, rule: str) -> Mapping[str, Any]:
        """The options of rule ``rule`` (code): declared defaults with configured values over them."""
        return self.options.get(rule, MappingProxyType({}))

    # ------------------------------------------------------------- files

    @property
    def effective_exclude(self) -> tuple[str, ...]:
        return (self.exclude if self.exclude is not None else default_exclude()) + self.extend_exclude

    def is_excluded(self, path: str, is_dir: bool = False) -> bool:
        """Whether ``exclude``/``extend-exclude`` (gitignore-style, relative to :attr:`root`) exclude ``path``."""
        patterns = self.effective_exclude
        if not patterns:
            return False
        spec = _spec(patterns)
        rel = self.relative(path) + ("/" if is_dir else "")
        return bool(spec.match_file(rel))

    def excluder(self) -> "ExcludePatterns":
        """``exclude``/``extend-exclude`` as the plain data discovery applies while walking."""
        from .discovery import ExcludePatterns

        root = self.root or os.getcwd()
        if self.exclude is None:
            return ExcludePatterns(root, self.extend_exclude, builtin=True)
        return ExcludePatterns(root, self.exclude + self.extend_exclude, builtin=False)

    def unmatched_per_file_ignores(self, files: Iterable[str]) -> list[str]:
        """Warnings for ``per-file-ignores`` globs that match none of ``files``.

        Only meaningful when ``files`` is the whole project (the CLI calls it when
        it was given directories, not a list of files as pre-commit passes).
        """
        if not self.per_file_ignores:
            return []
        rels = [self.relative(f) for f in files]
        where = _display(self.source) if self.source else "configuration"
        table = _table_name(self.source, "per-file-ignores")
        return [f"{where}: [{table}] '{p.pattern}' matches no file" for p in self.per_file_ignores
                if not any(p.matches(r) for r in rels)]

    # ------------------------------------------------------------- command line

    def override(self, *, select: Iterable[str] | None = None, ignore: Iterable[str] | None = None,
                 extend_select: Iterable[str] | None = None, fail_on: str | None = None,
                 output_format: str | None = None) -> "Config":
        """This configuration with command-line options on top.

        ``select`` replaces the configured ``select`` and wins over the configured
        ``ignore`` for the rules it names; ``ignore`` and ``extend_select`` add to
        the configured lists. Rules may be codes, names, prefixes (``PG1``) or ``ALL``.
        """
        from .suppression import known_rules

        metas = known_rules()
        changes: dict[str, Any] = {}
        if select is not None:
            codes = _resolve_rules(list(select), metas, "--select")
            changes["select"] = codes
            changes["unignored"] = frozenset(codes)
        if ignore is not None:
            cli_ignore = _resolve_rules(list(ignore), metas, "--ignore")
            _refuse_always_reported(list(ignore), metas, "--ignore")
            if select is not None:
                changes["notes"] = self.notes + tuple(
                    f"--select '{item}': every rule it names is also in --ignore, which wins: not reported"
                    for item in _shadowed(list(select), cli_ignore, metas))
            changes["ignore"] = tuple(dict.fromkeys(self.ignore + cli_ignore))
            # on the command line itself, --ignore wins over --select (ruff's rule)
            changes["unignored"] = changes.get("unignored", self.unignored) - frozenset(cli_ignore)
        if extend_select is not None:
            extra = _resolve_rules(list(extend_select), metas, "--extend-select")
            changes["extend_select"] = tuple(dict.fromkeys(self.extend_select + extra))
        if fail_on is not None:
            if fail_on not in SEVERITY_RANK:
                raise ConfigError(f"--fail-on: must be one of {', '.join(SEVERITIES)}, not '{fail_on}'")
            changes["fail_on"] = fail_on
        if output_format is not None:
            changes["output_format"] = output_format
        return replace(self, **changes)

    # ------------------------------------------------------------- display

    def show(self) -> str:
        """The resolved configuration as TOML (for ``--show-config``)."""
        lines = ["# pglint configuration",
                 f"# source: {self.source if self.source else '(none: built-in defaults)'}",
                 f"# root: {self.root or os.getcwd()}",
                 f"# enabled rules: {', '.join(sorted(self.enabled_codes()))}"]
        from .suppression import known_rules

        all_codes = [m.code for m in sorted(known_rules(), key=lambda m: m.code)]
        lines.append(f"select = {toml_value(list(self.select) if self.select is not None else all_codes)}")
        lines.append(f"ignore = {toml_value(list(self.ignore))}")
        lines.append(f"extend-select = {toml_value(list(self.extend_select))}")
        lines.append(f"exclude = {toml_value(list(self.exclude if self.exclude is not None else default_exclude()))}")
        lines.append(f"extend-exclude = {toml_value(list(self.extend_exclude))}")
        lines.append(f"force-exclude = {toml_value(self.force_exclude)}")
        lines.append(f"test-files = {toml_value(list(self.effective_test_files))}")
        lines.append(f"fail-on = {toml_value(self.fail_on)}")
        lines.append(f"output-format = {toml_value(self.output_format or 'text')}")
        lines += ["", "[per-file-ignores]"]
        lines += [f"{toml_key(p.pattern)} = {toml_value(sorted(p.codes))}" for p in self.per_file_ignores]
        lines += ["", "[severity]"]
        lines += [f"{toml_key(code)} = {toml_value(sev)}" for code, sev in sorted(self.severity.items())]
        for code in sorted(self.options):
            lines += ["", f"[rules.{code}]"]
            lines += [f"{toml_key(k)} = {toml_value(v)}" for k, v in sorted(self.options[code].items())]
        for table, entry in self.resources.entries:
            lines += ["", f"[[resources.{table}]]"]
            lines += [f"{toml_key(k)} = {toml_value(v)}" for k, v in entry.items()]
        return "\n".join(lines) + "\n"


def default_exclude() -> tuple[str, ...]:
    """The built-in ``exclude`` list: discovery's skipped directories, as gitignore-style patterns."""
    from .discovery import SKIP_DIRS

    return tuple(f"{name}/" for name in sorted(SKIP_DIRS))


def _in_tests_defaults() -> dict[str, bool]:
    """The declared default of ``in-tests`` of every registered rule that has the option."""
    global _IN_TESTS_DEFAULTS
    if _IN_TESTS_DEFAULTS is None:
        found: dict[str, bool] = {}
        for cls in _registered_rules():
            spec = rule_options(cls).get(IN_TESTS_OPTION)
            if spec is not None:
                found[cls.meta.code] = bool(spec.default)
        _IN_TESTS_DEFAULTS = found
    return _IN_TESTS_DEFAULTS


_IN_TESTS_DEFAULTS: dict[str, bool] | None = None
_SPECS: dict[tuple[str, ...], Any] = {}


def _spec(patterns: tuple[str, ...]) -> "pathspec.GitIgnoreSpec":
    spec = _SPECS.get(patterns)
    if spec is None:
        import pathspec

        spec = _SPECS[patterns] = pathspec.GitIgnoreSpec.from_lines(list(patterns))
    return spec


# --------------------------------------------------------------------------- TOML output


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, Mapping):
        return "{ " + ", ".join(f"{toml_key(k)} = {toml_value(v)}" for k, v in value.items()) + " }"
    return json.dumps(str(value))


def toml_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else json.dumps(key, ensure_ascii=False)


# --------------------------------------------------------------------------- finding the file


def _display(path: str) -> str:
    """``path`` relative to the current directory when it lies inside it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return path
    return path if rel == os.pardir or rel.startswith(os.pardir + os.sep) else rel


def _is_pyproject(path: str) -> bool:
    return os.path.basename(path) == "pyproject.toml"


def _table_name(source: str | None, *parts: str) -> str:
    prefix = ["tool", "pglint"] if source is not None and _is_pyproject(source) else []
    return ".".join(prefix + [p for p in parts if p])


#: A configuration file larger than this is not read (a mistake: a log or a data file named by --config).
MAX_CONFIG_BYTES = 10_000_000


def _read_toml(path: str) -> dict[str, Any]:
    from .discovery import FileTooLargeError, NotRegularFileError, read_regular_file

    shown = _display(path)
    try:
        data, _ = read_regular_file(path, MAX_CONFIG_BYTES)
    except FileNotFoundError:
        raise ConfigError(f"{shown}: no such file", path) from None
    except (IsADirectoryError, NotRegularFileError) as exc:
        kind = exc.kind if isinstance(exc, NotRegularFileError) else "a directory"
        raise ConfigError(f"{shown}: is {kind}, not a configuration file", path) from None
    except FileTooLargeError as exc:
        raise ConfigError(f"{shown}: too large for a configuration file ({exc.size} bytes)", path) from None
    except OSError as exc:
        raise ConfigError(f"{shown}: cannot read: {exc.strerror or exc}", path) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{shown}: not valid UTF-8 (byte {exc.start})", path) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        m = re.search(r"\s*\(at line (\d+), column (\d+)\)$", msg)
        if m:
            line = int(m.group(1))
            raise ConfigError(f"{shown}:{line}:{m.group(2)}: invalid TOML: {msg[:m.start()]}", path,
                              line) from None
        m = re.search(r"\s*\(at end of document\)$", msg)
        if m:
            line = text.count("\n") + 1
            raise ConfigError(f"{shown}:{line}: invalid TOML: {msg[:m.start()]} at end of file", path,
                              line) from None
        raise ConfigError(f"{shown}: invalid TOML: {msg}", path) from None


def find_config_file(paths: Sequence[str]) -> str | None:
    """The configuration file for ``paths``: walking up from their common directory, the first found.

    In each directory: ``.pglint.toml``, ``pglint.toml``, then ``pyproject.toml``
    if it has a ``[tool.pglint]`` table. A ``pyproject.toml`` that is not valid
    TOML is an error (it may be the one meant).
    """
    start = _start_dir(paths)
    d = start
    while True:
        for name in CONFIG_FILES:
            candidate = os.path.join(d, name)
            if not os.path.isfile(candidate):
                continue
            if name != "pyproject.toml":
                return candidate
            data = _read_toml(candidate)
            tool = data.get("tool")
            if isinstance(tool, dict) and "pglint" in tool:
                return candidate
        parent = os.path.dirname(d)
        if parent == d:
            return None
        d = parent


def _start_dir(paths: Sequence[str]) -> str:
    dirs = []
    for p in paths or ["."]:
        ap = os.path.abspath(p)
        while not os.path.exists(ap) and os.path.dirname(ap) != ap:
            ap = os.path.dirname(ap)
        dirs.append(ap if os.path.isdir(ap) else os.path.dirname(ap))
    try:
        return os.path.commonpath(dirs)
    except ValueError:  # different drives
        return dirs[0]


def load_config(paths: Sequence[str] = (), config_file: str | None = None, isolated: bool = False,
                *, rules: Sequence[type["Rule"]] | None = None) -> Config:
    """The configuration for checking ``paths``.

    ``config_file`` (``--config``) is read instead of searching; ``isolated``
    (``--isolated``) returns the defaults without reading anything. ``rules``
    (default: the registry) is where per-rule option schemas come from.
    Raises :class:`ConfigError`.
    """
    if isolated:
        return Config(root=os.getcwd())
    if config_file is not None:
        path = os.path.abspath(config_file)
        data = _read_toml(path)
        if _is_pyproject(path):
            tool = data.get("tool")
            if not isinstance(tool, dict) or "pglint" not in tool:
                raise ConfigError(f"{_display(path)}: has no [tool.pglint] table", path)
    else:
        found = find_config_file(paths)
        if found is None:
            return Config(root=os.getcwd())
        path = found
        data = _read_toml(path)
    table = data["tool"]["pglint"] if _is_pyproject(path) else data
    if not isinstance(table, dict):
        raise ConfigError(f"{_display(path)}: [tool.pglint] must be a table, not {_describe(table)}", path)
    return parse_config(table, path, rules=rules)


# --------------------------------------------------------------------------- validation


class _Checker:
    """Validation helpers that word every error the same way: ``<file>: [<table>] <what>``."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.shown = _display(source)

    def fail(self, table: str, message: str) -> ConfigError:
        where = f"[{table}] " if table else ""
        return ConfigError(f"{self.shown}: {where}{message}", self.source)

    def table(self, *parts: str) -> str:
        return _table_name(self.source, *parts)

    def unknown_keys(self, data: Mapping[str, Any], allowed: Sequence[str], table: str,
                     hint: str = "") -> None:
        for key in data:
            if key not in allowed:
                close = difflib.get_close_matches(str(key), list(allowed), n=1, cutoff=0.6)
                suggestion = f" (did you mean '{close[0]}'?)" if close else hint
                raise self.fail(table, f"unknown key '{key}'{suggestion}")

    def str_list(self, value: Any, table: str, key: str) -> list[str]:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(table, f"'{key}' must be a list of strings, not {_describe(value)}")
        return list(value)

    def globs(self, value: Any, table: str, key: str) -> tuple[str, ...]:
        """A list of gitignore-style globs, each one checked to compile."""
        patterns = self.str_list(value, table, key)
        for pattern in patterns:
            self.glob(pattern, table, key)
        return tuple(patterns)

    def glob(self, pattern: str, table: str, key: str) -> None:
        from .discovery import pattern_error

        reason = pattern_error(pattern)
        if reason is not None:
            where = f"'{key}': " if key != pattern else ""
            raise self.fail(table, f"{where}'{pattern}' is not a valid glob ({reason})")

    def string(self, value: Any, table: str, key: str) -> str:
        if not isinstance(value, str):
            raise self.fail(table, f"'{key}' must be a string, not {_describe(value)}")
        return value

    def boolean(self, value: Any, table: str, key: str) -> bool:
        if not isinstance(value, bool):
            raise self.fail(table, f"'{key}' must be true or false, not {_describe(value)}")
        return value

    def mapping(self, value: Any, table: str, key: str) -> Mapping[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(table, f"'{key}' must be a table, not {_describe(value)}")
        return value

    def choice(self, value: Any, table: str, key: str, choices: Sequence[str]) -> str:
        if not isinstance(value, str) or value not in choices:
            shown = f"'{value}'" if isinstance(value, str) else _describe(value)
            raise self.fail(table, f"'{key}' must be one of {', '.join(choices)}, not {shown}")
        return value


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"a boolean ({'true' if value else 'false'})"
    if isinstance(value, int):
        return f"an integer ({value})"
    if isinstance(value, float):
        return f"a number ({value})"
    if isinstance(value, str):
        return f"a string ('{value}')"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


def _resolve_rules(keys: Sequence[str], metas: Sequence["RuleMeta"], where: str,
                   fail: Any = None) -> tuple[str, ...]:
    """Codes for rule codes, names, code prefixes (``PG1``) and ``ALL``, in order, without repeats."""
    out: list[str] = []
    for raw in keys:
        for item in raw.split(","):
            key = item.strip()
            if not key:
                message = f"{where}: an empty rule name" + (f" in '{raw}'" if raw.strip() else "")
                if fail is not None:
                    raise fail(message)
                raise ConfigError(message)
            codes = _rule_codes(key, metas)
            if not codes:
                names = [m.name for m in metas] + [m.code for m in metas]
                close = difflib.get_close_matches(key, names, n=1, cutoff=0.7)
                hint = f" (did you mean '{close[0]}'?)" if close else " (run `pglint rules` to list them)"
                message = f"{where}: unknown rule '{key}'{hint}"
                if fail is not None:
                    raise fail(message)
                raise ConfigError(message)
            out.extend(c for c in codes if c not in out)
    return tuple(out)


def _named_rule(key: str, metas: Sequence["RuleMeta"]) -> "RuleMeta | None":
    """The rule ``key`` names by its code or name (not by a prefix or ``ALL``)."""
    key = key.strip()
    return next((m for m in metas if key.upper() == m.code or key.lower() == m.name), None)


def _refuse_always_reported(keys: Sequence[str], metas: Sequence["RuleMeta"], where: str,
                            fail: Any = None) -> None:
    """Refuse a list of rules to turn off that names PG001 or PG002 (by code or name).

    A prefix (``PG0``) or ``ALL`` that covers them is fine: it turns off the rest.
    """
    for raw in keys:
        for item in raw.split(","):
            meta = _named_rule(item, metas)
            if meta is not None and meta.code in ALWAYS_REPORTED:
                message = (f"{where}: {meta.code} ({meta.name}) cannot be turned off: a file pglint cannot "
                           "analyse is always reported (exclude the file with extend-exclude instead)")
                raise fail(message) if fail is not None else ConfigError(message)


def _shadowed(selected: Sequence[str], ignored: Iterable[str], metas: Sequence["RuleMeta"]) -> list[str]:
    """The entries of ``selected`` (already validated) every rule of which ``ignored`` drops again."""
    dropped = set(ignored)
    out = []
    for raw in selected:
        for item in raw.split(","):
            codes = _rule_codes(item.strip(), metas)
            if codes and dropped.issuperset(codes) and item.strip() not in out:
                out.append(item.strip())
    return out


def _rule_codes(key: str, metas: Sequence["RuleMeta"]) -> list[str]:
    if key.upper() == "ALL":
        return sorted(m.code for m in metas)
    for m in metas:
        if key.upper() == m.code or key.lower() == m.name:
            return [m.code]
    if re.fullmatch(r"PG[0-9]{0,2}", key, re.IGNORECASE):
        return sorted(m.code for m in metas if m.code.startswith(key.upper()))
    return []


def parse_config(table: Mapping[str, Any], source: str, *,
                 rules: Sequence[type["Rule"]] | None = None) -> Config:
    """Validate the keys of a ``[tool.pglint]`` table (or a ``pglint.toml``) read from ``source``."""
    from .suppression import known_rules

    chk = _Checker(source)
    top = chk.table()
    metas = known_rules()
    if rules is not None:
        known_codes = {m.code for m in metas}
        metas = metas + [r.meta for r in rules if r.meta.code not in known_codes]
    rule_classes = list(rules) if rules is not None else _registered_rules()
    hint = ""
    if "tool" in table and not _is_pyproject(source):
        hint = f" ({os.path.basename(source)} takes the keys at the top level, without [tool.pglint])"
    chk.unknown_keys(table, KEYS, top, hint)

    def rule_list(key: str) -> tuple[str, ...]:
        values = chk.str_list(table[key], top, key)
        codes = _resolve_rules(values, metas, key, fail=lambda m: chk.fail(top, m))
        if key == "ignore":
            _refuse_always_reported(values, metas, key, fail=lambda m: chk.fail(top, m))
        return codes

    kwargs: dict[str, Any] = {"source": source, "root": os.path.dirname(source)}
    if "select" in table:
        kwargs["select"] = rule_list("select")
    if "ignore" in table:
        kwargs["ignore"] = rule_list("ignore")
    if "extend-select" in table:
        kwargs["extend_select"] = rule_list("extend-select")
    notes: list[str] = []
    for key in ("select", "extend-select"):
        if key in table and "ignore" in table:
            notes += [chk.fail(top, f"'{item}' is in both {key} and ignore: ignore wins, it is not reported").message
                      for item in _shadowed(table[key], kwargs["ignore"], metas)]
    kwargs["notes"] = tuple(notes)
    if "exclude" in table:
        kwargs["exclude"] = chk.globs(table["exclude"], top, "exclude")
    if "extend-exclude" in table:
        kwargs["extend_exclude"] = chk.globs(table["extend-exclude"], top, "extend-exclude")
    if "force-exclude" in table:
        kwargs["force_exclude"] = chk.boolean(table["force-exclude"], top, "force-exclude")
    if "test-files" in table:
        patterns = tuple(chk.str_list(table["test-files"], top, "test-files"))
        if any(not p.strip() for p in patterns):
            raise chk.fail(top, "'test-files' holds an empty pattern")
        try:
            _spec(patterns)
        except Exception as exc:  # pathspec's errors for a malformed pattern
            raise chk.fail(top, f"'test-files': {exc}") from None
        kwargs["test_files"] = patterns
    if "fail-on" in table:
        kwargs["fail_on"] = chk.choice(table["fail-on"], top, "fail-on", SEVERITIES)
    if "output-format" in table:
        kwargs["output_format"] = chk.choice(table["output-format"], top, "output-format", OUTPUT_FORMATS)
    if "per-file-ignores" in table:
        kwargs["per_file_ignores"] = _per_file_ignores(chk, table["per-file-ignores"], metas)
    if "severity" in table:
        kwargs["severity"] = _severity(chk, table["severity"], metas)
    kwargs["options"] = _options(chk, table.get("rules", {}), metas, rule_classes)
    if "resources" in table:
        kwargs["resources"] = parse_resources(table["resources"], source)
    return Config(**kwargs)


def _registered_rules() -> list[type["Rule"]]:
    from .rules import all_rules

    return list(all_rules())


def _per_file_ignores(chk: _Checker, value: Any, metas: Sequence["RuleMeta"]) -> tuple[PerFileIgnore, ...]:
    table = chk.table("per-file-ignores")
    data = chk.mapping(value, chk.table(), "per-file-ignores")
    out = []
    for pattern, codes in data.items():
        if not pattern.strip():
            raise chk.fail(table, "an empty glob")
        chk.glob(pattern, table, pattern)
        values = chk.str_list(codes, table, pattern)
        resolved = _resolve_rules(values, metas, f"'{pattern}'", fail=lambda m: chk.fail(table, m))
        _refuse_always_reported(values, metas, f"'{pattern}'", fail=lambda m: chk.fail(table, m))
        out.append(PerFileIgnore(pattern, frozenset(resolved) - ALWAYS_REPORTED, _spec((pattern,))))
    return tuple(out)


def _severity(chk: _Checker, value: Any, metas: Sequence["RuleMeta"]) -> Mapping[str, str]:
    table = chk.table("severity")
    data = chk.mapping(value, chk.table(), "severity")
    out: dict[str, str] = {}
    for key, sev in data.items():
        codes = _resolve_rules([key], metas, "severity", fail=lambda m: chk.fail(table, m))
        level = chk.choice(sev, table, key, SEVERITIES)
        named = _named_rule(key, metas)
        if named is not None and named.code in ALWAYS_REPORTED and level != "error":
            raise chk.fail(table, f"{named.code} ({named.name}) is always an error: a file pglint cannot "
                                  "analyse fails the run (exclude the file with extend-exclude instead)")
        for code in codes:
            if code not in ALWAYS_REPORTED:  # `PG0 = "info"`, `ALL = …` leave them at error
                out[code] = level
    return MappingProxyType(out)


def _options(chk: _Checker, value: Any, metas: Sequence["RuleMeta"],
             rule_classes: Sequence[type["Rule"]]) -> Mapping[str, Mapping[str, Any]]:
    data = chk.mapping(value, chk.table(), "rules")
    by_code = {cls.meta.code: cls for cls in rule_classes}
    out: dict[str, Mapping[str, Any]] = {}
    for cls in rule_classes:  # defaults for every rule that has options
        declared = rule_options(cls)
        if declared:
            out[cls.meta.code] = MappingProxyType({k: o.default for k, o in declared.items()})
    for key, settings in data.items():
        table = chk.table("rules", key)
        meta = next((m for m in metas if key.upper() == m.code or key.lower() == m.name), None)
        if meta is None:
            _resolve_rules([key], metas, "rules", fail=lambda m: chk.fail(chk.table("rules"), m))
            raise chk.fail(chk.table("rules"), f"'{key}' must name one rule")
        settings = chk.mapping(settings, chk.table("rules"), key)
        rule_cls = by_code.get(meta.code)
        declared = rule_options(rule_cls) if rule_cls is not None else {}
        if not declared:
            if settings:
                raise chk.fail(table, f"rule '{meta.name}' ({meta.code}) has no options")
            continue
        merged = dict(out.get(meta.code, {}))
        for opt, val in settings.items():
            spec = declared.get(opt)
            if spec is None:
                close = difflib.get_close_matches(opt, list(declared), n=1, cutoff=0.6)
                hint = f" (did you mean '{close[0]}'?)" if close else f" (options: {', '.join(sorted(declared))})"
                raise chk.fail(table, f"unknown option '{opt}'{hint}")
            expected = spec.check(val)
            if expected is not None:
                raise chk.fail(table, f"'{opt}' must be {expected}, not {_describe(val)}")
            merged[opt] = val
        out[meta.code] = MappingProxyType(merged)
    return MappingProxyType(out)


# --------------------------------------------------------------------------- resources


def parse_resources(value: Any, source: str) -> ProjectResources:
    """``[tool.pglint.resources]``: validate its entries and build the driver models and call effects."""
    from .drivers import builtin_models
    from .drivers.model import DriverModel, Factory, Function, KindInfo, Method

    chk = _Checker(source)
    top = chk.table("resources")
    data = chk.mapping(value, chk.table(), "resources")
    chk.unknown_keys(data, RESOURCE_TABLES, top)
    builtin = {m.name: m for m in builtin_models() if not m.selective_imports}  # drivers, not ORMs
    entries: list[tuple[str, Mapping[str, Any]]] = []
    calls: list[CallEffect] = []
    # per language: kinds, factories, methods, modules of the project's own model
    kinds: dict[str, dict[str, Any]] = {"python": {}, "javascript": {}}
    factories: dict[str, list[Any]] = {"python": [], "javascript": []}
    methods: dict[str, list[Any]] = {"python": [], "javascript": []}
    modules: dict[str, list[str]] = {"python": [], "javascript": []}
    pools: dict[str, dict[str, Any]] = {}  # like -> {factories, values, types, modules}
    # (language, function) -> (what it was declared to do, where): one function, one role
    roles: dict[tuple[str, str], tuple[str, str]] = {}

    def declare(ent: _Entry, languages: Iterable[str], function: str, role: str) -> None:
        for lang in languages:
            earlier = roles.setdefault((lang, function), (role, ent.where))
            if earlier[0] != role:
                raise ent.fail(f"'{function}' {role}, but {earlier[1]} declares that it {earlier[0]}")

    for name in RESOURCE_TABLES:
        if name not in data:
            continue
        items = data[name]
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            raise chk.fail(top, f"'{name}' must be an array of tables ([[{chk.table('resources', name)}]]), "
                                f"not {_describe(items)}")
        for number, item in enumerate(items, 1):
            where = f"[{chk.table('resources', name)}] #{number}"
            ent = _Entry(chk, where, item)
            ent.check_keys(_RESOURCE_KEYS[name])
            if name == "pool":
                like = ent.required("like")
                base = builtin.get(like)
                if base is None:
                    raise ent.fail(f"'like' must name a driver ({', '.join(sorted(builtin))}), not '{like}'")
                kind = ent.get_str("kind", "pool")
                pool_kinds = sorted(k for k, info in base.kinds.items() if info.category == "pool")
                if kind not in pool_kinds:
                    raise ent.fail(f"'kind' must be one of {', '.join(pool_kinds)} for {like}, not '{kind}'")
                functions = ent.names("function")
                values = ent.names("value")
                types = ent.names("type")
                if not (functions or values or types):
                    raise ent.fail("needs 'function', 'value' or 'type'")
                awaited = ent.get_bool("awaited", False)
                for f in functions:
                    declare(ent, (base.language,), f, f"creates a {like} pool")
                slot = pools.setdefault(like, {"factories": [], "values": {}, "types": {}, "modules": []})
                slot["factories"] += [Factory(f, kind, awaited=awaited) for f in functions]
                slot["values"].update({v: kind for v in values})
                slot["types"].update({t: kind for t in types})
                slot["modules"] += [_module(p) for p in functions + values + types if _module(p)]
                entries.append((name, _clean({"like": like, "kind": kind, "function": functions, "value": values,
                                              "type": types, "awaited": awaited})))
                continue
            function = ent.required("function")
            ent.check_name(function, "function")
            languages = ent.languages()
            if name == "acquire":
                kind = ent.get_str("kind", "pool-client")
                if kind not in ("pool-client", "connection"):
                    raise ent.fail(f"'kind' must be one of pool-client, connection, not '{kind}'")
                releases = ent.names("release")
                release_arg = ent.get_int("release-arg", 0)
                release_methods = ent.names("release-method", dotted=False)
                context = ent.get_bool("context-manager", False)
                awaited = ent.get_bool("awaited", False)
                effect: Literal["release", "close"] = "release" if kind == "pool-client" else "close"
                declare(ent, languages, function, f"acquires a {kind}")
                for r in releases:
                    declare(ent, languages, r, _effect_role(effect, release_arg))
                for lang in languages:
                    noun = "client" if lang == "javascript" else "conn"
                    kind_id = f"{kind}:{function}"
                    if releases:
                        hint = f"{_bare_name(releases[0])}({noun})"
                    elif release_methods:
                        hint = f"{noun}.{release_methods[0]}()"
                    elif context:
                        hint = f"`with {_bare_name(function)}() as {noun}`"
                    else:
                        hint = "its release"
                    category: Literal["pool-client", "connection"] = \
                        "pool-client" if kind == "pool-client" else "connection"
                    kinds[lang][kind_id] = KindInfo(category, "client" if lang == "javascript" else "connection",
                                                    hint)
                    factories[lang].append(Factory(function, kind_id, awaited=awaited,
                                                   context="releases" if context else "none"))
                    methods[lang] += [Method(kind_id, m, effect) for m in release_methods]
                    calls.extend(CallEffect(lang, r, effect, release_arg) for r in releases)
                    modules[lang] += [_module(p) for p in [function, *releases] if _module(p)]
                entries.append((name, _clean({"function": function, "kind": kind, "release": releases,
                                              "release-arg": release_arg if releases else None,
                                              "release-method": release_methods, "context-manager": context,
                                              "awaited": awaited, "language": ent.language_text()})))
                continue
            arg = ent.get_int("arg", 0)
            if name == "release":
                closes = ent.get_bool("closes", False)
                awaited = ent.get_bool("awaited", False)
                declare(ent, languages, function, _effect_role("close" if closes else "release", arg))
                calls.extend(CallEffect(lang, function, "close" if closes else "release", arg, awaited)
                             for lang in languages)
                entries.append((name, _clean({"function": function, "arg": arg, "closes": closes,
                                              "awaited": awaited, "language": ent.language_text()})))
            else:
                eff: Literal["takes-ownership", "borrows"] = "takes-ownership" if name == "takes-ownership" \
                    else "borrows"
                declare(ent, languages, function, _effect_role(eff, arg))
                calls.extend(CallEffect(lang, function, eff, arg) for lang in languages)
                entries.append((name, _clean({"function": function, "arg": arg, "language": ent.language_text()})))

    for kinds_lang, lang_kinds in kinds.items():  # an acquire helper whose release is declared on its own
        releases_of = [c for c in calls if c.language == kinds_lang and c.effect in ("release", "close")]
        noun = "client" if kinds_lang == "javascript" else "conn"
        for kind_id, info in list(lang_kinds.items()):
            if info.release_hint != "its release" or not releases_of:
                continue
            module = _module(kind_id.split(":", 1)[1])
            pick = next((c for c in releases_of if module and _module(c.path) == module), releases_of[0])
            lang_kinds[kind_id] = replace(info, release_hint=f"{_bare_name(pick.path)}({noun})")

    models: list[DriverModel] = []
    for lang in ("python", "javascript"):
        declared = tuple(Function(c.path, c.effect, c.arg, c.awaited) for c in calls if c.language == lang)
        if kinds[lang] or declared:
            models.append(DriverModel(
                name=f"project:{lang}", language=lang,  # type: ignore[arg-type]
                modules=tuple(dict.fromkeys(modules[lang])), kinds=dict(kinds[lang]),
                factories=tuple(factories[lang]), methods=tuple(methods[lang]), functions=declared,
                docs=f"[{chk.table('resources')}] in {chk.shown}",
            ))
    for like, slot in pools.items():
        base = builtin[like]
        models.append(replace(
            base, name=f"project:{like}", modules=tuple(dict.fromkeys(slot["modules"])),
            factories=tuple(slot["factories"]), values=dict(slot["values"]), types=dict(slot["types"]),
            docs=f"project pools like {like} ([{chk.table('resources', 'pool')}] in {chk.shown})",
        ))
    return ProjectResources(tuple(models), tuple(calls), tuple(entries))


def _effect_role(effect: str, arg: int) -> str:
    """How a declared call effect is described when two declarations of one function disagree."""
    verb = {"release": "releases", "close": "closes", "takes-ownership": "takes ownership of",
            "borrows": "borrows"}[effect]
    return f"{verb} argument {arg}"


def _module(path: str) -> str:
    return path.rsplit(".", 1)[0] if "." in path.strip(".") else ""


def _clean(entry: Mapping[str, Any]) -> Mapping[str, Any]:
    return MappingProxyType({k: v for k, v in entry.items() if v not in (None, [], "")})


class _Entry:
    def __init__(self, chk: _Checker, where: str, data: Mapping[str, Any]) -> None:
        self.chk = chk
        self.where = where
        self.data = data

    def fail(self, message: str) -> ConfigError:
        return ConfigError(f"{self.chk.shown}: {self.where}: {message}", self.chk.source)

    def check_keys(self, allowed: Sequence[str]) -> None:
        for key in self.data:
            if key not in allowed:
                close = difflib.get_close_matches(key, list(allowed), n=1, cutoff=0.6)
                hint = f" (did you mean '{close[0]}'?)" if close else f" (keys: {', '.join(allowed)})"
                raise self.fail(f"unknown key '{key}'{hint}")

    def required(self, key: str) -> str:
        if key not in self.data:
            raise self.fail(f"'{key}' is required")
        return self.get_str(key, "")

    def get_str(self, key: str, default: str) -> str:
        value = self.data.get(key, default)
        if not isinstance(value, str) or (key in self.data and not value.strip()):
            raise self.fail(f"'{key}' must be a non-empty string, not {_describe(value)}")
        return value.strip()

    def get_bool(self, key: str, default: bool) -> bool:
        value = self.data.get(key, default)
        if not isinstance(value, bool):
            raise self.fail(f"'{key}' must be true or false, not {_describe(value)}")
        return value

    def get_int(self, key: str, default: int) -> int:
        value = self.data.get(key, default)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise self.fail(f"'{key}' must be an argument position (0, 1, ...), not {_describe(value)}")
        if value > MAX_ARG_POSITION:
            raise self.fail(f"'{key}' must be an argument position (0, 1, ...), not {_describe(value)}: "
                            f"no call has that many arguments (the limit is {MAX_ARG_POSITION})")
        return value

    def names(self, key: str, dotted: bool = True) -> list[str]:
        if key not in self.data:
            return []
        value = self.data[key]
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not items or not all(isinstance(v, str) for v in items):
            raise self.fail(f"'{key}' must be a string or a list of strings, not {_describe(value)}")
        out = []
        for item in items:
            item = item.strip()
            if dotted:
                self.check_name(item, key)
            elif not re.fullmatch(r"[A-Za-z_$][A-Za-z0-9_$]*", item):
                raise self.fail(f"'{key}' must be a method name, not '{item}'")
            out.append(item)
        return out

    def check_name(self, name: str, key: str) -> None:
        if not name or not _NAME.match(name) or name.endswith("."):
            raise self.fail(f"'{key}' must be a dotted name like 'app.db.get_conn' or a bare function name, "
                            f"not '{name}'")

    def languages(self) -> tuple[Literal["python", "javascript"], ...]:
        if "language" not in self.data:
            return ("python", "javascript")
        lang = self.data["language"]
        if not isinstance(lang, str) or lang.lower() not in _LANGUAGES:
            shown = f"'{lang}'" if isinstance(lang, str) else _describe(lang)
            raise self.fail(f"'language' must be one of python, javascript, typescript, not {shown}")
        return _LANGUAGES[lang.lower()]  # type: ignore[return-value]

    def language_text(self) -> str | None:
        lang = self.data.get("language")
        return str(lang).lower() if lang is not None else None


__all__ = ["CONFIG_FILES", "OUTPUT_FORMATS", "CallEffect", "Config", "ConfigError", "PerFileIgnore",
           "ProjectResources", "RuleOption", "default_exclude", "find_config_file", "load_config",
           "parse_config", "parse_resources", "rule_options"]
