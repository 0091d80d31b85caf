"""The vendored MediaPipe bundle carries no usage logger, and the script that vendors it
refuses a bundle its patches no longer fit (issue 13's privacy defect)."""

from __future__ import annotations

import hashlib
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[1]
VENDORED = REPO / "src" / "backcoach" / "web" / "static" / "vendor" / "tasks-vision"


def load_script() -> ModuleType:
    path = REPO / "scripts" / "vendor_tasks_vision.py"
    spec = importlib.util.spec_from_file_location("vendor_tasks_vision", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


script = load_script()


def test_the_shipped_bundle_names_no_log_host_and_starts_no_logger() -> None:
    text = (VENDORED / "vision_bundle.mjs").read_text(encoding="utf-8")
    assert [marker for marker in script.FORBIDDEN if marker in text] == []
    # The one URL the published bundle held was the log's; protobuf type names such as
    # type.googleapis.com/... are identifiers, never fetched.
    assert "http://" not in text and "https://" not in text


def test_the_shipped_bundle_is_what_the_script_records() -> None:
    digest = hashlib.sha256((VENDORED / "vision_bundle.mjs").read_bytes()).hexdigest()
    assert f"{digest}  vision_bundle.mjs (patched" in (VENDORED / "VERSION.txt").read_text()


def test_a_bundle_whose_logger_changed_is_refused_by_name() -> None:
    changed = "\n".join(patch.old for patch in script.PATCHES[1:])  # the factory call is gone
    with pytest.raises(script.VendorError, match="found 0 times, expected once"):
        script.patched_bundle(changed)


def test_a_logger_the_patches_miss_is_refused() -> None:
    # Every patch fits, yet another copy of the log host is left: the check after patching.
    bundle = "\n".join(patch.old for patch in script.PATCHES) + '"https://odml.pa.googleapis.com"'
    with pytest.raises(script.VendorError, match="the logger is not gone"):
        script.patched_bundle(bundle)


def test_the_patches_remove_the_logger_and_keep_the_rest() -> None:
    bundle = "before;" + ";".join(patch.old for patch in script.PATCHES) + ";after"
    patched = script.patched_bundle(bundle)
    assert patched.startswith("before;") and patched.endswith(";after")
    assert "odml.pa.googleapis.com" not in patched and "new Uh(" not in patched


def test_a_wrong_input_is_refused_with_its_sha256(tmp_path: Path) -> None:
    for name in script.EXPECTED_SHA256:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("not the package")
    with pytest.raises(script.VendorError, match="has sha256"):
        script.read_sources(tmp_path)
