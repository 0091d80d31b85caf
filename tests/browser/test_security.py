"""In real Chromium: a page on another site cannot act for the person, and the app's own
pages break none of their Content-Security-Policy."""

from __future__ import annotations

import contextlib
import http.server
import threading
import urllib.request
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from .conftest import free_port
from .flows import PHONE, Server, first_run, start_session

pytestmark = pytest.mark.browser

ATTACK_PAGE = """<!doctype html>
<html><body>
<form id="delete" method="post" action="{app}/settings/delete">
  <input name="confirm" value="yes">
</form>
<script>
  // The no-cors fetch a page elsewhere can always send; then the auto-submitting form.
  fetch("{app}/screen", {{method: "POST", mode: "no-cors",
    body: new URLSearchParams({{"saddle-numbness": "yes"}})}})
    .finally(() => document.getElementById("delete").submit());
</script>
</body></html>
"""


@contextlib.contextmanager
def attacker_site(directory: Path, app_url: str) -> Iterator[str]:
    """A web site on another origin (another port) serving the attack page."""
    (directory / "index.html").write_text(ATTACK_PAGE.format(app=app_url))
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(directory))
    site = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
    thread = threading.Thread(target=site.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{site.server_port}/"
    finally:
        site.shutdown()


def profile_count(server: Server) -> int:
    with urllib.request.urlopen(server.url + "/settings/export") as response:
        import json

        return len(json.loads(response.read())["profiles"])


def test_a_page_on_another_site_cannot_delete_or_flag_anything(
    browser: Any, page: Any, server: Server, tmp_path: Path
) -> None:
    first_run(page)
    assert profile_count(server) == 1
    attacker_dir = tmp_path / "attacker"
    attacker_dir.mkdir()
    context = browser.new_context(viewport=PHONE)
    answers: list[int] = []
    context.on(
        "response",
        lambda response: (
            answers.append(response.status) if response.url.startswith(server.url) else None
        ),
    )
    try:
        with attacker_site(attacker_dir, server.url) as attack_url:
            victim = context.new_page()
            victim.goto(attack_url)
            # The form navigates the tab to the app, which refuses it.
            victim.wait_for_url(f"{server.url}/settings/delete")
    finally:
        context.close()
    assert 403 in answers
    assert profile_count(server) == 1
    # No red flag was recorded: the person can still start a session.
    page.goto("/")
    start_session(page)
    page.wait_for_url("**/session/*")


CSP_WATCH = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) =>
  window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
"""


def test_the_apps_own_pages_keep_their_content_security_policy(page: Any, server: Server) -> None:
    page.add_init_script(CSP_WATCH)
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    first_run(page)
    violations: dict[str, list[str]] = {}
    paths = [
        "/",
        "/exercises",
        "/exercises/cat-cow",
        "/history",
        "/settings",
        "/reminders",
        "/handout",
        "/camera",
        "/docs",
    ]
    for path in paths:
        page.goto(path)
        page.wait_for_load_state("load")
        found = page.evaluate("window.__cspViolations")
        if found:
            violations[path] = found
    page.goto("/")
    start_session(page)
    page.wait_for_url("**/session/*")
    page.wait_for_function("window.backcoach && window.backcoach.player.state().index >= 1")
    if page.evaluate("window.__cspViolations"):
        violations["session"] = page.evaluate("window.__cspViolations")
    assert violations == {}
    assert not [line for line in console if "Content Security Policy" in line]
