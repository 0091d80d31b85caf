"""Page weight and time to interactive of Today and the player, cold and from the
service worker, in headless Chromium against a real ``backcoach serve``.

- cold: a new browser context (empty HTTP cache, no service worker);
- sw: the same page again once the service worker controls it (static files from its
  cache, the page itself from the network first);
- offline: the browser offline, everything from the service worker's cache.

Weight is what the page and everything it loaded decode to (KiB) and what came over
the network (transferred KiB, 0 for what the worker served). "Interactive" is the end
of DOMContentLoaded, when the page's deferred scripts have run and its controls
answer (the pages load nothing after that but the player's session, which the person
starts). Medians of --runs navigations. It also counts requests for the camera's
model and WebAssembly, which the player must not make unless the camera coach is on.

    .venv/bin/python bench/bench_pwa.py [--runs 5]

Prints ``name: value`` lines.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench_camera_ws import free_port, start_server
from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from backcoach.core.safety import RED_FLAG_IDS

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
PAGES = (("today", "/"), ("player", "/session/new"))
MEASURE = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const all = [nav, ...performance.getEntriesByType('resource')];
  return {
    interactive: nav.domContentLoadedEventEnd,
    decoded: all.reduce((sum, e) => sum + e.decodedBodySize, 0),
    transferred: all.reduce((sum, e) => sum + e.transferSize, 0),
  };
}"""


def onboard(page: Any) -> None:
    page.goto("/")
    for flag in RED_FLAG_IDS:
        page.check(f"input[name='{flag}'][value='no']")
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/welcome/profile")
    page.fill("#minutes", "10")
    page.locator("form button[type=submit]").click()
    page.wait_for_url("**/")


def load(page: Any, path: str) -> dict[str, float]:
    page.goto(path, wait_until="load")
    measured: dict[str, float] = page.evaluate(MEASURE)
    return measured


def summary(name: str, samples: list[dict[str, float]]) -> None:
    interactive = statistics.median(s["interactive"] for s in samples)
    decoded = statistics.median(s["decoded"] for s in samples) / 1024
    transferred = statistics.median(s["transferred"] for s in samples) / 1024
    print(f"{name}_interactive_ms: {interactive:.0f}")
    print(f"{name}_weight_kib: {decoded:.1f}")
    print(f"{name}_transferred_kib: {transferred:.1f}")


def measure(browser: Any, url: str, path: str, runs: int) -> dict[str, list[dict[str, float]]]:
    found: dict[str, list[dict[str, float]]] = {"cold": [], "sw": [], "offline": []}
    for _ in range(runs):
        context = browser.new_context(base_url=url)
        page = context.new_page()
        found["cold"].append(load(page, path))
        page.wait_for_function("() => navigator.serviceWorker.controller")
        found["sw"].append(load(page, path))
        context.set_offline(True)
        found["offline"].append(load(page, path))
        context.close()
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as data_dir, sync_playwright() as playwright:
        server = start_server(port, data_dir)
        try:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            context = browser.new_context(base_url=url)
            onboard(context.new_page())
            context.close()
            camera_requests: list[str] = []
            for name, path in PAGES:
                found = measure(browser, url, path, args.runs)
                for mode, samples in found.items():
                    summary(f"{name}_{mode}", samples)
            context = browser.new_context(base_url=url)
            context.on(
                "request",
                lambda r: (
                    camera_requests.append(r.url) if r.url.endswith((".task", ".wasm")) else None
                ),
            )
            load(context.new_page(), "/session/new")
            context.close()
            print(f"player_camera_model_requests: {len(camera_requests)}")
            browser.close()
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
