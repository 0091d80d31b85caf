"""The browser front end: FastAPI app factory, routes, templates and vendored assets."""

import os

# The camera socket judges small batches of frames on the event loop. After each
# call OpenBLAS keeps extra threads spinning on the same two cores the server and
# its clients share (measured: 60% more server CPU under 100 cameras). One thread
# suffices for these sizes. Only takes effect when set before numpy loads, as it
# is under `backcoach serve`; an explicit setting wins.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
