"""The camera coach's judge: pure code that turns pose landmarks into verdicts.

Video never reaches this package: callers (the browser over a WebSocket, the
MediaPipe adapter for the CLI) send 33 MediaPipe pose landmarks per frame with a
timestamp, and get back what the person is doing and what to say.

Public API (numpy arrays; no I/O, no clock, no randomness of its own)::

    from backcoach.core.pose.model import PoseModel, Snapshot, Judgement, Check, NOT_VISIBLE_CUE
    from backcoach.core.pose.coach import Coach, Verdict

    # Built once per process from the catalogue and the camera specs; the file
    # reading lives in adapters.pose_specs:
    #   shipped_pose_model() -> PoseModel          (cached; about 0.3 s to build)
    #   build_pose_model(catalogue, folder=None) -> PoseModel
    PoseModel.build(catalogue, specs: Mapping[str, CameraSpec], negatives: Sequence[Keyframe])

    # Stateless, vectorised; landmarks (33, 4) or (N, 33, 4) = x, y, z, visibility in
    # MediaPipe's normalised image coordinates; aspect = image width / height.
    model.judge(landmarks, aspect=1.0, target=None) -> Judgement
        # lists/arrays of length N: exercise (id or None), confidence, visible, focus,
        # in_position, checks (tuple[Check, ...] per frame), rep_value
    model.classify(landmarks_33x4, aspect=1.0) -> Snapshot   # one photo
        # Snapshot.as_dict() -> {"exercise", "confidence", "visible", "checks": [{"id", "ok", "cue"}]}
    model.knows(exercise_id) -> bool
    model.main_exercise({exercise_id: seconds_seen}) -> str | None

    # Stateful, one per live session: hold timer, rep counter, cue scheduler.
    coach = Coach(model, target="glute-bridge" or None, grace_seconds=1.0, cue_gap_seconds=4.0)
    coach.update(landmarks_33x4, t_seconds, aspect=1.0) -> Verdict
    coach.update_many(landmarks_Nx33x4, t_seconds_N, aspect=1.0) -> list[Verdict]   # fast path

    Verdict fields: t, exercise (id or None), confidence (0..1), visible (bool),
    checks (tuple of Check(id, ok, cue)), holding (bool), hold_seconds (float),
    reps (int), cue (str or None: the one sentence to speak now, if any).
    Verdict.as_dict() gives the JSON shape used by the WebSocket and the CLI.

When ``visible`` is False the verdict carries no checks, the hold timer pauses, the
cue is NOT_VISIBLE_CUE (spaced like any cue) and the caller falls back to the plain
timer. Modules: landmarks (indices, input checks), normalise (segment language, 8
readings), synth (bodies generated from skeleton angles), recognise (templates),
measures (rule vocabulary), spec (camera YAML schema), model, coach.
"""
