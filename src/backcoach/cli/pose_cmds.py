"""``backcoach pose``: the camera coach on photos and recorded videos (extra ``backcoach[camera]``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from backcoach.cli.errors import UserError

if TYPE_CHECKING:
    from backcoach.core.pose.coach import Verdict
    from backcoach.core.pose.model import PoseModel

pose_app = typer.Typer(
    help="Camera coach: recognise stretches in photos and videos (video stays on this machine).",
    no_args_is_help=True,
)

JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON.")]
ModelOption = Annotated[str, typer.Option("--model", help="Pose model bundle: lite or full.")]


def _model() -> PoseModel:
    from backcoach.adapters.pose_specs import shipped_pose_model

    return shipped_pose_model()


def _detector(model: str, *, video: bool) -> Any:
    from backcoach.adapters.pose_mediapipe import CameraExtraMissing, PoseDetector

    if model not in ("lite", "full"):
        raise UserError(f"--model: got {model!r}; expected lite or full")
    try:
        return PoseDetector(model, video=video)  # type: ignore[arg-type]
    except (CameraExtraMissing, FileNotFoundError) as error:
        raise UserError(str(error)) from None


def _existing(path: Path) -> Path:
    if not path.is_file():
        raise UserError(f"{path}: no such file")
    return path


@pose_app.command("classify")
def classify(
    images: Annotated[list[Path], typer.Argument(metavar="IMAGE...", help="Photos to judge.")],
    model: ModelOption = "full",
    as_json: JsonFlag = False,
) -> None:
    """Say which catalogue exercise each photo shows (or none) and check the form."""
    from backcoach.adapters.pose_mediapipe import MediaError

    files = [_existing(path) for path in images]
    judge = _model()
    results: list[dict[str, Any]] = []
    with _detector(model, video=False) as detector:
        for path in files:
            try:
                found = detector.image(path)
            except MediaError as error:
                raise UserError(str(error)) from None
            if found.landmarks is None:
                result: dict[str, Any] = {
                    "exercise": None,
                    "confidence": 0.0,
                    "visible": False,
                    "checks": [],
                }
            else:
                result = judge.classify(found.landmarks, found.aspect).as_dict()
            results.append({"file": str(path), **result})
    if as_json:
        typer.echo(json.dumps(results, indent=2))
        return
    for result in results:
        name = result["exercise"] or ("not visible" if not result["visible"] else "none")
        typer.echo(f"{result['file']}: {name} ({result['confidence']:.0%})")
        for check in result["checks"]:
            # A range not reached is a tip, not a fault: nobody should push to pass it.
            mark = "ok " if check["ok"] else "tip" if check["advice"] else "fix"
            typer.echo(f"  {mark} {check['id']}: {check['cue']}")


def timeline(verdicts: list[Verdict], min_seconds: float = 0.7) -> list[dict[str, Any]]:
    """Runs of the same recognised exercise; runs shorter than ``min_seconds`` are
    folded into their neighbour so flicker does not split the story."""
    runs: list[dict[str, Any]] = []
    for verdict in verdicts:
        if runs and runs[-1]["exercise"] == verdict.exercise:
            runs[-1]["end"] = verdict.t
            continue
        runs.append({"exercise": verdict.exercise, "start": verdict.t, "end": verdict.t})
    merged: list[dict[str, Any]] = []
    for run in runs:
        short = run["end"] - run["start"] < min_seconds
        if merged and (short or merged[-1]["exercise"] == run["exercise"]):
            merged[-1]["end"] = run["end"]
        else:
            merged.append(dict(run))
    return [{**r, "start": round(r["start"], 2), "end": round(r["end"], 2)} for r in merged]


def _seconds_seen(runs: list[dict[str, Any]]) -> dict[str, float]:
    totals: dict[str, float] = {}
    for run in runs:
        if run["exercise"]:
            totals[run["exercise"]] = totals.get(run["exercise"], 0.0) + run["end"] - run["start"]
    return totals


def detect_video(
    path: Path, model: str = "full", fps: float = 15.0
) -> tuple[Any, list[float], float]:
    """Landmarks (N, 33, 4), timestamps and aspect of a video, sampled at about ``fps``."""
    import numpy as np

    from backcoach.adapters.pose_mediapipe import MediaError

    frames, times, aspect = [], [], 1.0
    blank = np.zeros((33, 4))  # no person found: judged as not visible
    with _detector(model, video=True) as detector:
        try:
            step = max(1, round(detector.frame_rate(path) / fps))
            for seconds, found in detector.video(path, every=step):
                aspect = found.aspect
                frames.append(blank if found.landmarks is None else found.landmarks)
                times.append(seconds)
        except MediaError as error:
            raise UserError(str(error)) from None
    if not frames:
        raise UserError(f"{path}: the video has no frames")
    return np.stack(frames), times, aspect


def analyse_frames(
    frames: Any, times: list[float], aspect: float, exercise: str | None
) -> dict[str, Any]:
    """Timeline, hold, reps and cues of a recording's landmarks."""
    from backcoach.core.pose.coach import Coach

    judge = _model()
    verdicts = Coach(judge).update_many(frames, times, aspect)
    runs = timeline(verdicts)
    # Reps and holds are counted against one exercise: the one asked for, or else
    # the one that explains most of the recording (a bridge passes through the
    # pelvic-tilt position between reps).
    target = exercise or judge.main_exercise(_seconds_seen(runs))
    if target is not None:
        verdicts = Coach(judge, target).update_many(frames, times, aspect)
    last = verdicts[-1]
    return {
        "exercise": target,
        "timeline": runs,
        "hold_seconds": round(last.hold_seconds, 2) if target else 0.0,
        "reps": last.reps if target else 0,
        "cues": [{"t": round(v.t, 2), "cue": v.cue} for v in verdicts if v.cue],
        "frames": len(verdicts),
    }


def analyse_video(
    path: Path, exercise: str | None, model: str = "full", fps: float = 15.0
) -> dict[str, Any]:
    if exercise is not None and not _model().knows(exercise):
        raise UserError(f"--exercise: no camera templates for {exercise!r}")
    frames, times, aspect = detect_video(path, model, fps)
    return {"file": str(path), **analyse_frames(frames, times, aspect, exercise)}


@pose_app.command("analyze")
def analyze(
    video: Annotated[Path, typer.Argument(metavar="VIDEO", help="A recorded video file.")],
    exercise: Annotated[
        str | None, typer.Option("--exercise", help="The exercise being done (default: recognise).")
    ] = None,
    model: ModelOption = "full",
    fps: Annotated[float, typer.Option(help="Frames per second to judge.", min=1, max=60)] = 15.0,
    as_json: JsonFlag = False,
) -> None:
    """Timeline of recognised exercises, seconds held in position, repetitions and cues."""
    report = analyse_video(_existing(video), exercise, model, fps)
    if as_json:
        typer.echo(json.dumps(report, indent=2))
        return
    typer.echo(f"{report['file']}: {report['frames']} frames judged")
    for run in report["timeline"]:
        typer.echo(f"  {run['start']:6.1f}-{run['end']:6.1f} s  {run['exercise'] or 'none'}")
    if report["exercise"]:
        typer.echo(
            f"{report['exercise']}: held {report['hold_seconds']:.1f} s in position, "
            f"{report['reps']} repetitions"
        )
    for cue in report["cues"]:
        typer.echo(f"  [{cue['t']:6.1f} s] {cue['cue']}")
