"""docs/rules is generated from the rules: the checked-in pages are current, and --check notices when they are not."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import ClassVar

import pytest

import pglint.rules
from pglint import docgen
from pglint.config import RuleOption
from pglint.rules import all_rules
from pglint.rules.base import Rule, RuleMeta

REPO = Path(__file__).resolve().parents[2]
DOCS = REPO / "docs" / "rules"


def test_checked_in_rule_docs_are_up_to_date(capsys: pytest.CaptureFixture[str]) -> None:
    code = docgen.main(["--check", "--out", str(DOCS)])
    err = capsys.readouterr().err
    assert code == 0, f"{err}\nRun `python -m pglint.docgen` and commit docs/rules."


def test_every_registered_rule_has_a_page_and_an_index_row() -> None:
    index = (DOCS / "README.md").read_text()
    for cls in all_rules():
        meta = cls.meta
        page = DOCS / f"{meta.code}-{meta.name}.md"
        assert page.is_file(), page
        assert f"[{meta.code}]({meta.code}-{meta.name}.md)" in index
    for code in ("PG001", "PG002", "PG003"):
        assert any(p.name.startswith(code + "-") for p in DOCS.iterdir())


def test_page_layout() -> None:
    page = (DOCS / "PG101-no-missing-client-release.md").read_text()
    assert page.startswith("# no-missing-client-release (PG101)\n")
    for line in ("| Code | `PG101` |", "| Status | stable |", "| Languages | Python, JavaScript/TypeScript |",
                 "| Default severity | error |",
                 "| CWE | [CWE-772](https://cwe.mitre.org/data/definitions/772.html) |"):
        assert line in page
    headings = [line for line in page.splitlines() if line.startswith("## ")]
    assert headings == ["## What it does", "## Why is this bad?", "## Example", "## Use instead", "## Options",
                        "## Known problems", "## Differences from eslint-plugin-pg", "## Proven at run time",
                        "## References", "## Suppressing it"]
    assert "```python" in page and "```js" in page


def test_check_reports_out_of_date_missing_and_stale_pages(tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "rules"
    assert docgen.main(["--out", str(out)]) == 0
    assert docgen.main(["--check", "--out", str(out)]) == 0
    page = out / "PG102-prevent-double-release.md"
    page.write_text(page.read_text() + "edited by hand\n")
    (out / "PG103-no-unclosed-connection.md").unlink()
    (out / "PG999-old-rule.md").write_text("# gone\n")
    (out / "notes.md").write_text("not a rule page: left alone\n")
    capsys.readouterr()
    assert docgen.main(["--check", "--out", str(out)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [f"{out / 'PG102-prevent-double-release.md'}: out of date",
                   f"{out / 'PG103-no-unclosed-connection.md'}: missing",
                   f"{out / 'PG999-old-rule.md'}: stale (no such rule)",
                   "rule docs are out of date: run `python -m pglint.docgen`"]
    assert docgen.main(["--out", str(out)]) == 0
    assert not (out / "PG999-old-rule.md").exists() and (out / "notes.md").exists()
    assert docgen.main(["--check", "--out", str(out)]) == 0


class _NewRule(Rule):
    """PG499 brand-new-rule: a rule registered after the docs were written.

    ## What it does
    Finds new things.

    ## Why is this bad?
    Because.

    ## Example
    ```python
    bad()
    ```

    ## Use instead
    ```python
    good()
    ```

    ## Known problems
    None.

    ## References
    - [nothing](https://example.com)
    """

    meta = RuleMeta("PG499", "brand-new-rule", "warning", "new things", "do the good thing", cwe="CWE-400",
                    languages=("python",), kind="pattern")
    options: ClassVar[dict[str, RuleOption]] = {"limit": RuleOption("int", 5, "how many are fine")}


def test_new_rules_are_picked_up(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(pglint.rules, "all_rules", lambda: (*all_rules(), _NewRule))
    pages = docgen.generate()
    page = pages["PG499-brand-new-rule.md"]
    assert "| Languages | Python |" in page
    assert "| CWE | [CWE-400](https://cwe.mitre.org/data/definitions/400.html) |" in page
    assert ("## Options\nSet in `[tool.pglint.rules.brand-new-rule]` (or `[rules.brand-new-rule]` in "
            "`pglint.toml`).\n\n| option | type | default | description |\n|---|---|---|---|\n"
            "| `limit` | int | `5` | how many are fine |\n\n## Known problems\nNone.") in page
    assert "| [PG499](PG499-brand-new-rule.md) | brand-new-rule | Python | warning | CWE-400 | new things |" \
        in pages["README.md"]
    out = tmp_path / "rules"
    shutil.copytree(DOCS, out)
    assert docgen.main(["--check", "--out", str(out)]) == 1


def test_unsuppressible_findings_say_so() -> None:
    page = (DOCS / "PG001-parse-error.md").read_text()
    assert "Nothing hides this finding: not a comment, `ignore`, `per-file-ignores`, `severity`" in page
    assert "# noqa" not in page and '["PG001"]' not in page


def test_configuration_docs_cover_every_key() -> None:
    from pglint.config import KEYS, RESOURCE_TABLES, _RESOURCE_KEYS

    text = (REPO / "docs" / "configuration.md").read_text()
    for key in KEYS:
        heading = "### `[tool.pglint.rules.<rule>]`" if key == "rules" else (
            "## `[tool.pglint.resources]`" if key == "resources" else f"### `{key}`")
        assert heading in text, f"docs/configuration.md does not document '{key}'"
    for table in RESOURCE_TABLES:
        assert f"### `[[tool.pglint.resources.{table}]]`" in text
        for key in _RESOURCE_KEYS[table]:
            assert f"`{key}`" in text, f"resources.{table}.{key} is not documented"
    assert "github/codeql-action/upload-sarif" in text
