"""The browser front end: FastAPI app factory, routes, templates and vendored assets."""
