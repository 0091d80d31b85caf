"""Recognition on the real pose-dev photos (measuring only; nothing here is learned from them).

Landmarks come from MediaPipe (full model) and are cached in .cache/pose-landmarks/.
Prints per-exercise precision and recall, the confusion of the misses, then one
line: top1 (on photos labelled with a catalogue exercise), none_as_none (share of
`none` photos reported as none), and how many photos had no person detected.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pose_cache import cached_landmarks, manifest_images

from backcoach.adapters.pose_specs import shipped_pose_model


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default="full", choices=["lite", "full"])
    parser.add_argument("--confusion", action="store_true")
    args = parser.parse_args()
    cache = cached_landmarks(args.model)
    model = shipped_pose_model()
    truth: list[str] = []
    guess: list[str] = []
    rule_results: dict[str, list[bool]] = {}
    undetected = 0
    for row in manifest_images():
        label = row["exercise"] or ""
        if not label:
            continue
        entry = cache[row["sha256"]]
        if entry["landmarks"] is None:
            undetected += 1
            predicted = "none"
        else:
            judged = model.classify(np.asarray(entry["landmarks"]), float(entry["aspect"]))  # type: ignore[arg-type]
            predicted = judged.exercise or "none"
            if predicted == label:
                for check in judged.checks:
                    rule_results.setdefault(f"{label}/{check.id}", []).append(check.ok)
        truth.append(label)
        guess.append(predicted)
    labels = sorted(set(truth) | set(guess))
    print(f"{'exercise':24} {'n':>4} {'precision':>9} {'recall':>7}")
    for label in labels:
        hits = sum(t == g == label for t, g in zip(truth, guess, strict=True))
        said = guess.count(label)
        real = truth.count(label)
        precision = hits / said if said else float("nan")
        recall = hits / real if real else float("nan")
        print(f"{label:24} {real:4d} {precision:9.2f} {recall:7.2f}")
        if args.confusion and real:
            wrong = Counter(
                g for t, g in zip(truth, guess, strict=True) if t == label and g != label
            )
            print("    missed as:", dict(wrong.most_common(6)))
    print("form rules passing on correctly recognised photos (a rule that fails on most")
    print("real photos of its exercise would nag people doing it right):")
    for rule, results in sorted(rule_results.items()):
        print(f"  {rule:48} {sum(results) / len(results):5.2f} of {len(results)}")
    passing = [ok for results in rule_results.values() for ok in results]
    pairs = list(zip(truth, guess, strict=True))
    exercise_pairs = [(t, g) for t, g in pairs if t != "none"]
    none_pairs = [(t, g) for t, g in pairs if t == "none"]
    top1 = sum(t == g for t, g in exercise_pairs) / len(exercise_pairs)
    none_rate = sum(g == "none" for _, g in none_pairs) / len(none_pairs)
    print(
        f"top1: {top1:.3f} none_as_none: {none_rate:.3f} exercise_images: {len(exercise_pairs)} "
        f"none_images: {len(none_pairs)} undetected: {undetected} "
        f"rule_pass_rate: {sum(passing) / max(len(passing), 1):.3f} model: {args.model}"
    )


if __name__ == "__main__":
    main()
