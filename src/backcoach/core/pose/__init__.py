"""The camera coach's judge: pure code that turns pose landmarks into verdicts.

Video never reaches this package: callers (the browser over a WebSocket, the
MediaPipe adapter for the CLI) send 33 MediaPipe pose landmarks per frame with a
timestamp, and get back what the person is doing and what to say.

Public API (numpy arrays; no I/O, no clock, no randomness of its own)::

    from backcoach.core.pose import PoseModel, Coach, Verdict, CameraSpec

    # Built once per process from the catalogue and the camera specs
    # (adapters.pose_specs.load_pose_model() does the file reading):
    model = PoseModel.build(catalogue, specs: Mapping[str, CameraSpec], negatives: Sequence[Keyframe])

    # Stateless, vectorised: N frames of landmarks (N, 33, 4) = x, y, z, visibility
    # in MediaPipe's normalised image coordinates; aspect = image width / height.
    model.judge(landmarks, aspect=1.0, target=None) -> Judgement (arrays: exercise index,
        confidence, visible, per-check ok flags, measures)
    model.classify(landmarks_33x4, aspect=1.0) -> Snapshot  # one frame, for photos

    # Stateful, one per live session: hold timer, rep counter, cue scheduler.
    coach = Coach(model, target="glute-bridge" | None, grace_seconds=1.0, cue_gap_seconds=4.0)
    coach.update(landmarks_33x4, t_seconds, aspect=1.0) -> Verdict
    coach.update_many(landmarks_Nx33x4, t_seconds_N, aspect=1.0) -> list[Verdict]

    Verdict fields: t, exercise (id or None), confidence (0..1), visible (bool),
    checks (tuple of Check(id, ok, cue)), holding (bool), hold_seconds (float),
    reps (int), cue (str or None: the one sentence to speak now, if any).
    Verdict.as_dict() gives the JSON shape used by the WebSocket and the CLI.

When ``visible`` is False the verdict carries NOT_VISIBLE_CUE and the caller
falls back to the plain timer.
"""
