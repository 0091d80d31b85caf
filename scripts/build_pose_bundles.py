"""Build the MediaPipe PoseLandmarker `.task` bundles that backcoach ships.

The browser's `@mediapipe/tasks-vision` and Python's `mediapipe` Tasks API both need a
`.task` bundle (a zip holding `pose_detector.tflite` and `pose_landmarks_detector.tflite`)
whose models carry image-input metadata. Google publishes such bundles only on a download
host; the npm package `@mediapipe/pose@0.5.1675469404` ships the same models without
metadata, under Apache-2.0. This script adds the metadata and zips them, reproducibly:
the same input gives byte-identical bundles (fixed zip timestamps, fixed order).

Needs `mediapipe==0.10.21` (its metadata writers and `create_model_asset_bundle`; they are
broken in 1.2.x):  .venv/bin/pip install 'mediapipe==0.10.21'

Usage (from the repository root):
    cd /tmp && npm pack @mediapipe/pose@0.5.1675469404
    .venv/bin/python scripts/build_pose_bundles.py /tmp/mediapipe-pose-0.5.1675469404.tgz
The input may be the npm tarball or a folder holding the unpacked package files.
Writes src/backcoach/models/pose_landmarker_{lite,full}.task and prints their sha256.
"""

from __future__ import annotations

import argparse
import sys
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from npm_package import PackageError, read_package_files, sha256

REPO = Path(__file__).resolve().parents[1]
DEFAULT_OUT = REPO / "src" / "backcoach" / "models"

# The detector is the first file packed into the solution's asset blob.
DETECTOR_BYTES = 2_962_288
DETECTOR_SOURCE = "pose_solution_packed_assets.data"
LANDMARK_SOURCES = {"lite": "pose_landmark_lite.tflite", "full": "pose_landmark_full.tflite"}

# sha256 of the files in @mediapipe/pose@0.5.1675469404, so a wrong input fails loudly.
EXPECTED_SHA256 = {
    "pose_landmark_lite.tflite": "f17bfbecadb61c3be1baa8b8d851cc6619c870a87167b32848ad20db306b9d61",
    "pose_landmark_full.tflite": "e9a5c5cb17f736fafd4c2ec1da3b3d331d6edbe8a0d32395855aeb2cdfd64b9f",
    DETECTOR_SOURCE: "a63c614bef30d35947f13be361820b1e4e3bec9cfeebf4d11216a18373108e85",
}

# Normalisation the two models were trained with: detector in [-1, 1], landmarks in [0, 1].
DETECTOR_NORM = (127.5, 127.5)
LANDMARK_NORM = (0.0, 255.0)
# The earliest date a zip can hold; pinning it makes the bundle byte-reproducible.
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def read_sources(source: Path) -> dict[str, bytes]:
    """Read the needed files from the npm tarball or an unpacked folder."""
    wanted = {name: EXPECTED_SHA256[name] for name in [DETECTOR_SOURCE, *LANDMARK_SOURCES.values()]}
    try:
        return read_package_files(source, wanted, "@mediapipe/pose@0.5.1675469404")
    except PackageError as error:
        raise SystemExit(f"error: {error}") from None


def with_image_metadata(model: bytes, name: str, mean: float, std: float) -> bytes:
    from mediapipe.tasks.python.metadata.metadata_writers import metadata_writer, writer_utils

    writer = metadata_writer.MetadataWriter.create(bytearray(model))
    writer.add_general_info(name, "From @mediapipe/pose@0.5.1675469404 (Apache-2.0)")
    writer.add_image_input(norm_mean=[mean], norm_std=[std])
    for _ in writer_utils.get_output_tensor_names(bytearray(model)):
        writer.add_feature_output()
    content, _json = writer.populate()
    return bytes(content)


def write_bundle(models: dict[str, bytes], out: Path) -> None:
    from mediapipe.tasks.python.metadata.metadata_writers import model_asset_bundle_utils

    # ZipInfo keys (instead of names) keep the fixed timestamp: writestr accepts either.
    entries: dict[zipfile.ZipInfo | str, bytes] = {}
    for name, data in models.items():
        info = zipfile.ZipInfo(name, date_time=ZIP_EPOCH)
        info.external_attr = 0o644 << 16
        entries[info] = data
    model_asset_bundle_utils.create_model_asset_bundle(entries, str(out))


def build(source: Path, out_dir: Path) -> dict[str, str]:
    files = read_sources(source)
    detector = with_image_metadata(
        files[DETECTOR_SOURCE][:DETECTOR_BYTES], "pose_detector", *DETECTOR_NORM
    )
    out_dir.mkdir(parents=True, exist_ok=True)
    digests = {}
    for variant, filename in LANDMARK_SOURCES.items():
        landmarks = with_image_metadata(
            files[filename], f"pose_landmarks_detector_{variant}", *LANDMARK_NORM
        )
        out = out_dir / f"pose_landmarker_{variant}.task"
        write_bundle(
            {"pose_detector.tflite": detector, "pose_landmarks_detector.tflite": landmarks}, out
        )
        digests[out.name] = sha256(out.read_bytes())
    return digests


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "source", type=Path, help="mediapipe-pose-0.5.1675469404.tgz or its unpacked folder"
    )
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help=f"output folder (default {DEFAULT_OUT})"
    )
    args = parser.parse_args(argv)
    if not args.source.exists():
        print(f"error: {args.source}: no such file or folder", file=sys.stderr)
        return 2
    for name, digest in build(args.source, args.out).items():
        print(f"{digest}  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
