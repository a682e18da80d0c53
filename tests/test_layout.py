"""The package shows the pipeline: no stage uses a later one, and the command starts light."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
PACKAGE = TESTS.parent / "src" / "letter_i18n"
STAGES = ["source", "catalog", "drafts", "review", "editions"]  # in the order data flows


def imported(path: Path) -> set[str]:
    """Modules of the package a file imports, anywhere in it (lazy imports included)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return {name for name in names if name.startswith("letter_i18n.")}


def stage_of(module: str) -> int | None:
    part = module.split(".")[1]
    return STAGES.index(part) if part in STAGES else None


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")),
                         ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_uses_a_later_stage(path):
    relative = path.relative_to(PACKAGE)
    if relative.name in ("cli.py", "__main__.py"):
        return  # the command layer may call every stage
    own = STAGES.index(relative.parts[0]) if relative.parts[0] in STAGES else -1
    later = sorted(name for name in imported(path)
                   if (stage := stage_of(name)) is not None and stage > own)
    assert not later, f"{relative} (stage {own}) imports {later}"


def test_every_stage_is_a_subpackage():
    for stage in STAGES:
        assert (PACKAGE / stage / "__init__.py").is_file()
    flat = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert flat == ["__init__.py", "__main__.py", "cli.py", "clock.py", "errors.py", "files.py",
                    "locales.py", "localetable.py", "markup.py", "parallel.py", "project.py",
                    "recall.py", "rules.py",
                    "settings.py", "templating.py"]


def mirror(module: Path) -> Path:
    """The test file of a module: tests/<stage>/test_<module>.py, or tests/test_<module>.py."""
    relative = module.relative_to(PACKAGE)
    return TESTS.joinpath(*relative.parts[:-1], f"test_{relative.name}")


def test_mirror_names_the_test_file_of_a_module():
    assert mirror(PACKAGE / "catalog" / "merge.py") == TESTS / "catalog" / "test_merge.py"
    assert mirror(PACKAGE / "cli.py") == TESTS / "test_cli.py"


def test_every_module_has_its_own_test_file():
    modules = [path for path in sorted(PACKAGE.rglob("*.py"))
               if path.name not in ("__init__.py", "__main__.py")]
    assert len(modules) > 40  # the package was found
    missing = [f"{path.relative_to(PACKAGE.parent.parent)} has no "
               f"{mirror(path).relative_to(TESTS.parent)}"
               for path in modules if not mirror(path).is_file()]
    assert not missing, "every module needs its own test file:\n" + "\n".join(missing)


def test_the_command_does_not_import_engines_or_renderers_until_used():
    """`check` and the pre-commit hook should not pay for HTTP and template machinery."""
    code = ("import sys, letter_i18n.cli; "
            "print(sorted(m for m in ('requests', 'deep_translator', 'weasyprint', 'icu', "
            "'pythainlp', 'letter_i18n.drafts.wire', 'letter_i18n.editions.render') "
            "if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "[]"
