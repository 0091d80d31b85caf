"""Other sites and other machines: cross-site requests, DNS rebinding, sizes, headers, types.

The app has no accounts in personal mode, so whoever reaches it is "the person":
these tests play the page on another site that tries to act as them.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from starlette.testclient import WebSocketDenialResponse

from backcoach.core.options import MAX_SEED
from backcoach.web.security import MAX_BODY_BYTES

OWN_ORIGIN = "http://testserver"
EVIL_ORIGIN = "http://evil.example"
CROSS_SITE_HEADERS = [
    {"origin": EVIL_ORIGIN},
    {"sec-fetch-site": "cross-site"},
    {"sec-fetch-site": "same-site", "origin": "http://testserver:8001"},
    {"origin": "null"},  # a sandboxed frame or a file:// page
    {"origin": EVIL_ORIGIN, "sec-fetch-site": "cross-site"},
]


def profiles(client: TestClient) -> int:
    exported = client.get("/settings/export").json()
    return len(exported["profiles"])


@pytest.mark.parametrize("headers", CROSS_SITE_HEADERS)
def test_a_form_from_another_site_cannot_delete_everything(
    onboarded: TestClient, headers: dict[str, str]
) -> None:
    response = onboarded.post(
        "/settings/delete", data={"confirm": "yes"}, headers=headers, follow_redirects=False
    )
    assert response.status_code == 403
    assert "another site" in response.json()["message"] or "cannot change" in response.text
    assert profiles(onboarded) == 1


def test_the_apps_own_form_still_deletes(onboarded: TestClient) -> None:
    response = onboarded.post(
        "/settings/delete",
        data={"confirm": "yes"},
        headers={"origin": OWN_ORIGIN, "sec-fetch-site": "same-origin"},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert profiles(onboarded) == 0


def test_a_no_cors_fetch_from_another_site_cannot_answer_the_red_flag_screen(
    onboarded: TestClient,
) -> None:
    from backcoach.core.safety import RED_FLAGS

    answers = {flag.id: "yes" for flag in RED_FLAGS}
    refused = onboarded.post(
        "/screen", data=answers, headers={"sec-fetch-site": "cross-site", "origin": EVIL_ORIGIN}
    )
    assert refused.status_code == 403
    # The person can still start a session: no red flag was recorded for them.
    assert onboarded.get("/session/new", follow_redirects=False).status_code == 200


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("POST", "/api/plan", {}),
        ("PUT", "/api/profile", {"minutes": 20}),
        ("POST", "/api/sessions", {"pain_before": 2}),
        ("POST", "/api/history/peg", {"pain": 1, "enjoyment": 1, "activity": 1}),
        ("POST", "/settings", {}),
        ("POST", "/welcome/profile", {}),
    ],
)
def test_every_state_changing_route_refuses_other_sites(
    onboarded: TestClient, method: str, path: str, body: dict[str, object]
) -> None:
    response = onboarded.request(method, path, json=body, headers={"origin": EVIL_ORIGIN})
    assert response.status_code == 403


def test_a_rebound_host_name_cannot_read_the_export(onboarded: TestClient) -> None:
    # DNS rebinding: evil.example now resolves to 127.0.0.1, and the browser sends its name.
    response = onboarded.get("/settings/export", headers={"host": "evil.example"})
    assert response.status_code == 400
    assert "profiles" not in response.text


def test_a_configured_host_is_answered(tmp_path: object) -> None:
    from pathlib import Path

    from backcoach.config import load_settings
    from backcoach.web.app import create_app

    assert isinstance(tmp_path, Path)
    settings = load_settings(
        {"BACKCOACH_ALLOWED_HOSTS": "coach.example.org, other.example"},
        data_dir=tmp_path,
        database_url=f"sqlite:///{tmp_path / 'b.db'}",
    )
    assert settings.allowed_hosts == ("coach.example.org", "other.example")
    with TestClient(create_app(settings), base_url="http://coach.example.org") as client:
        assert client.get("/api/exercises").status_code == 200
        assert client.get("/api/exercises", headers={"host": "evil.example"}).status_code == 400
        assert client.get("/api/exercises", headers={"host": "127.0.0.1:8000"}).status_code == 200


def test_a_wildcard_host_setting_is_refused() -> None:
    from backcoach.config import SettingsError, load_settings

    with pytest.raises(SettingsError, match="BACKCOACH_ALLOWED_HOSTS"):
        load_settings({"BACKCOACH_ALLOWED_HOSTS": "*"})


def test_the_camera_socket_refuses_another_sites_page(client: TestClient) -> None:
    with (
        pytest.raises(WebSocketDenialResponse) as refused,
        client.websocket_connect("/ws/pose", headers={"origin": EVIL_ORIGIN}),
    ):
        pass
    assert refused.value.status_code == 403


def test_the_camera_socket_accepts_its_own_page(client: TestClient) -> None:
    with client.websocket_connect("/ws/pose", headers={"origin": OWN_ORIGIN}) as socket:
        socket.send_text("{}")
        assert socket.receive_json()["type"] in {"error", "verdict", "ready"}


@pytest.mark.parametrize(
    "path", ["/", "/welcome", "/exercises", "/static/app.css", "/api/exercises", "/nowhere"]
)
def test_every_response_carries_security_headers(client: TestClient, path: str) -> None:
    headers = client.get(path, headers={"accept": "text/html"}).headers
    csp = headers["content-security-policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "'unsafe-inline'" not in csp
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    assert headers["referrer-policy"] == "same-origin"


def test_refusals_carry_security_headers_too(client: TestClient) -> None:
    refused = client.post("/api/plan", json={}, headers={"origin": EVIL_ORIGIN})
    assert refused.status_code == 403
    assert "content-security-policy" in refused.headers


@pytest.mark.parametrize("path", ["/api/plan", "/api/sessions", "/settings", "/screen"])
def test_a_body_over_the_limit_is_413_before_it_is_read(client: TestClient, path: str) -> None:
    too_big = b"[" + b"1," * (MAX_BODY_BYTES // 2) + b"1]"
    response = client.post(path, content=too_big, headers={"content-type": "application/json"})
    assert response.status_code == 413
    assert "at most 1024 KiB" in response.json()["message"]


def test_a_chunked_body_over_the_limit_is_cut_off(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"pain": 1, "padding": "'
        for _ in range(MAX_BODY_BYTES // 65536 + 2):
            yield b"x" * 65536
        yield b'"}'

    response = client.post(
        "/api/plan", content=chunks(), headers={"content-type": "application/json"}
    )
    assert response.status_code == 413


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"pain_before": True}, "pain_before"),
        ({"pain_before": "3"}, "pain_before"),
        ({"pain_before": 3.5}, "pain_before"),
        ({"pain_before": 3, "minutes": "10"}, "minutes"),
        ({"pain_before": 3, "seed": -1}, "seed"),
        ({"pain_before": 3, "seed": MAX_SEED + 1}, "seed"),
        ({"pain_before": 3, "seed": True}, "seed"),
    ],
)
def test_session_start_takes_json_numbers_only(
    onboarded: TestClient, body: dict[str, object], field: str
) -> None:
    response = onboarded.post("/api/sessions", json=body)
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == field


@pytest.mark.parametrize("seed", [-1, MAX_SEED + 1, True, "7"])
def test_plan_validates_seed_like_sessions(onboarded: TestClient, seed: object) -> None:
    response = onboarded.post("/api/plan", json={"seed": seed})
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "seed"
    assert onboarded.post("/api/plan", json={"seed": MAX_SEED}).status_code == 200


def test_a_step_index_must_be_a_number(onboarded: TestClient) -> None:
    session = onboarded.post("/api/sessions", json={"pain_before": 2, "seed": 1}).json()
    url = f"/api/sessions/{session['id']}/steps"
    for index in ["0", True, 0.5]:
        response = onboarded.post(url, json={"index": index})
        assert response.status_code == 422, index
    assert onboarded.post(url, json={"index": 0}).status_code == 200


def test_the_player_page_passes_query_numbers_as_numbers(onboarded: TestClient) -> None:
    page = onboarded.get("/session/new?minutes=10&seed=5").text
    assert "&#34;minutes&#34;: 10" in page
    assert "&#34;seed&#34;: 5" in page


@pytest.mark.parametrize(
    ("method", "path", "allow"),
    [
        ("PATCH", "/api/profile", "GET, PUT"),
        ("DELETE", "/settings", "GET, POST"),
        ("GET", "/api/sessions/1/skip", "POST"),
        ("POST", "/static/app.css", "GET, HEAD"),
    ],
)
def test_405_names_every_method_the_path_takes(
    client: TestClient, method: str, path: str, allow: str
) -> None:
    response = client.request(method, path)
    assert response.status_code == 405
    assert response.headers["allow"] == allow


def test_the_api_document_lists_the_errors_it_returns(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    steps = paths["/api/sessions/{session_id}/steps"]["post"]["responses"]
    assert {"200", "400", "403", "404", "409", "413", "422", "503"} <= set(steps)
    assert "409" in paths["/api/plan"]["post"]["responses"]
    assert "404" in paths["/api/exercises/{exercise_id}"]["get"]["responses"]
