"""Vendor `@mediapipe/tasks-vision` into the web app, with its usage logging removed.

Every task the bundle creates starts a logger that posts usage records (task type,
running mode, platform, timings) to `https://odml.pa.googleapis.com/v1/log` every
60 seconds. The library has no option to turn it off (it is created unconditionally
in the task factory), and backcoach promises that nothing leaves the device, so this
script patches the bundle as it copies it: the factory no longer creates the logger,
and the logger's timer and network send are removed as a second guard. Every patch
must match exactly once, and the result must name no log host, so a new version of
the library fails here loudly instead of shipping the logger again.

Usage (from the repository root):
    cd /tmp && npm pack @mediapipe/tasks-vision@1.1.0
    .venv/bin/python scripts/vendor_tasks_vision.py /tmp/mediapipe-tasks-vision-1.1.0.tgz
The input may be the npm tarball or a folder holding the unpacked package files.
Writes src/backcoach/web/static/vendor/tasks-vision/ and prints the files' sha256.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from npm_package import PackageError, read_package_files, sha256

REPO = Path(__file__).resolve().parents[1]
DEFAULT_OUT = REPO / "src" / "backcoach" / "web" / "static" / "vendor" / "tasks-vision"
BUNDLE = "vision_bundle.mjs"
COPIED = ("wasm/vision_wasm_internal.js", "wasm/vision_wasm_internal.wasm")

# sha256 of the files in @mediapipe/tasks-vision@1.1.0, so a wrong input fails loudly.
EXPECTED_SHA256 = {
    BUNDLE: "9d5fc9ef74b22329cf9aa88dc543956d192b8c254210b187271614713eb5b10c",
    "wasm/vision_wasm_internal.js": "7c652617b5bef832f42878ce8c5f752b0724bca6054e4bc1013a37d4b1949723",
    "wasm/vision_wasm_internal.wasm": "782eda3ec1f414fdb4f1d66a8b59093eb4d5ab437e06117796abf05962d68eef",
}
# Text that must not survive patching: the log host, and the logger's construction.
FORBIDDEN = ("odml.pa.googleapis.com", "new Uh(", "setInterval(()=>{this.flush()}")


@dataclass(frozen=True)
class Patch:
    why: str
    old: str
    new: str


PATCHES = (
    Patch(
        why="the task factory creates no usage logger (every use of it is guarded by `this.o?.`)",
        old='function(t,e){e=e.runningMode??"";var r=t.h.Ta();t.o=new Uh(t.D(),e,r)}(t,n),',
        new="",
    ),
    Patch(
        why="the logger starts no 60-second flush timer",
        old='this.l=t??"",this.h=setInterval(()=>{this.flush()},6e4)}',
        new='this.l=t??"",this.h=void 0}',
    ),
    Patch(
        why="a flush drops the records instead of posting them to odml.pa.googleapis.com",
        old=(
            "else{var r=this.i;this.i=[],r=function(t){var e=new Ch;return Cr(e=ar(e,2,ee(1786)),3,t)}"
            '(r),r=Nh(r),this.o.send({url:"https://odml.pa.googleapis.com/v1/log",cb:"POST",ma:1e4,'
            'body:r,ib:2,bb:{"Content-Type":"application/x-protobuf","x-goog-api-key":this.l},'
            "withCredentials:!1},()=>{t?.()},t=>{this.error=Error(`Logging failed with HTTP error: "
            "${t}`),this.i=[],void 0!==this.h&&(clearInterval(this.h),this.h=void 0),"
            'e?.("net-send-failed",t)})}}'
        ),
        new="else{this.i=[],t?.()}}",
    ),
)


VendorError = PackageError


def patched_bundle(text: str) -> str:
    """The bundle with every patch applied; VendorError if one does not match exactly once."""
    for patch in PATCHES:
        count = text.count(patch.old)
        if count != 1:
            raise VendorError(
                f"{BUNDLE}: the code to patch ({patch.why}) was found {count} times, expected once;"
                " read the new version's logger and update PATCHES"
            )
        text = text.replace(patch.old, patch.new)
    left = [marker for marker in FORBIDDEN if marker in text]
    if left:
        raise VendorError(f"{BUNDLE}: still holds {left} after patching; the logger is not gone")
    return text


def read_sources(source: Path) -> dict[str, bytes]:
    """The package's files from the npm tarball or an unpacked folder, checked by sha256."""
    return read_package_files(
        source,
        EXPECTED_SHA256,
        "@mediapipe/tasks-vision@1.1.0, or review PATCHES for a new version",
    )


def vendor(source: Path, out: Path) -> dict[str, str]:
    files = read_sources(source)
    files[BUNDLE] = patched_bundle(files[BUNDLE].decode("utf-8")).encode("utf-8")
    digests = {}
    for name in (BUNDLE, *COPIED):
        target = out / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(files[name])
        digests[name] = sha256(files[name])
    return digests


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path, help="mediapipe-tasks-vision-1.1.0.tgz or its folder")
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help=f"output folder (default {DEFAULT_OUT})"
    )
    args = parser.parse_args(argv)
    if not args.source.exists():
        print(f"error: {args.source}: no such file or folder", file=sys.stderr)
        return 2
    try:
        digests = vendor(args.source, args.out)
    except VendorError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for name, digest in digests.items():
        print(f"{digest}  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
