"""Pinned files out of an npm package, from its tarball or an unpacked folder, checked by
sha256: shared by the scripts that vendor or rebuild assets from npm packages."""

from __future__ import annotations

import hashlib
import tarfile
from collections.abc import Mapping
from pathlib import Path


class PackageError(Exception):
    """The package is not the pinned one, or lacks a file; the message says which."""


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_package_files(source: Path, expected: Mapping[str, str], pinned: str) -> dict[str, bytes]:
    """Each file named in ``expected`` (name -> sha256) from ``source``; ``pinned`` names the
    package version to use when a digest differs."""
    files: dict[str, bytes] = {}
    if source.is_dir():
        for name in expected:
            path = next(
                (p for p in (source / name, source / "package" / name) if p.is_file()), None
            )
            if path is None:
                raise PackageError(
                    f"{source}: {name} not found (expected the unpacked npm package)"
                )
            files[name] = path.read_bytes()
    elif tarfile.is_tarfile(source):
        with tarfile.open(source) as tar:
            for name in expected:
                try:
                    member = tar.extractfile(f"package/{name}")
                except KeyError:
                    member = None
                if member is None:
                    raise PackageError(f"{source}: package/{name} not in the tarball")
                files[name] = member.read()
    else:
        raise PackageError(f"{source}: expected the npm tarball (.tgz) or a folder")
    for name, data in files.items():
        if sha256(data) != expected[name]:
            raise PackageError(
                f"{source}: {name} has sha256 {sha256(data)}, expected {expected[name]}"
                f" (use {pinned})"
            )
    return files
