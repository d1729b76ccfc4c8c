"""A scripted stand-in for `POST /wan/tasks`, and builders of the records it serves.

`FakeService` is an httpx handler: mount it with respx (`route.mock(side_effect=service)`) or as
`httpx.MockTransport(service)`, which serves the sync and the async client alike. It answers the
three request forms the way API-FACTS.md says the real service does (unknown id -> `{}`, batch
items in reverse order with repeats, list pages newest first) and records every request body.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import httpx

from tests.client import spec

JSON = dict[str, Any]
TOKEN = "sk-SECRET-should-never-leak-1234"
BASE_URL = "https://api.acedata.cloud"
URL = f"{BASE_URL}/wan/tasks"
CREATED_AT = 1769262721.763
VIDEO = "https://cdn.acedata.cloud/wan/video.mp4"


def completed(task_id: str = "x") -> JSON:
    return {"success": True, "state": "completed", "task_id": task_id, "video_url": VIDEO}


def processing(task_id: str = "x") -> JSON:
    return {"success": True, "state": "processing", "task_id": task_id}


def failed(task_id: str = "x") -> JSON:
    return {
        "success": False,
        "state": "failed",
        "task_id": task_id,
        "error": {"code": "DataInspectionFailed", "message": "inappropriate content"},
    }


def task(
    task_id: str,
    response: JSON | None = None,
    *,
    created_at: float = CREATED_AT,
    **fields: Any,
) -> JSON:
    """A task record built on the spec's `completed_task` example; `response=None` omits it."""
    record = spec.ok_example("completed_task")
    if response is None:
        for name in ("response", "finished_at", "duration"):
            del record[name]
    else:
        record["response"] = response
    record.update(id=task_id, created_at=created_at, **fields)
    return record


def json_response(status: int, body: object, **headers: str) -> httpx.Response:
    return httpx.Response(status, json=body, headers=headers)


def error_response(status: int, code: str = "x", **headers: str) -> httpx.Response:
    body = {"success": False, "error": {"code": code, "message": f"{code}!"}, "trace_id": "t-1"}
    return json_response(status, body, **headers)


class FakeService:
    """Answers from `tasks`; `script` (responses or exceptions) is served first, in order.

    `timeline[id]` is a list of records served one per request that includes the id (the last
    one sticks), for tasks that progress between polls.
    """

    def __init__(self, tasks: Iterable[JSON] = ()) -> None:
        self.tasks: dict[str, JSON] = {record["id"]: record for record in tasks}
        self.timeline: dict[str, list[JSON]] = {}
        self.script: list[httpx.Response | Exception] = []
        self.requests: list[httpx.Request] = []
        self.repeat_items = False
        self.route: Any = None
        """The respx route serving this service, when mounted by the `respx_service` fixture."""

    def add(self, *records: JSON) -> None:
        self.tasks.update((record["id"], record) for record in records)

    @property
    def calls(self) -> int:
        return len(self.requests)

    @property
    def bodies(self) -> list[JSON]:
        return [json.loads(request.content) for request in self.requests]

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if self.script:
            item = self.script.pop(0)
            if isinstance(item, Exception):
                raise item
            return item
        body = json.loads(request.content)
        if body["action"] == "retrieve":
            found = self._lookup(body["id"]) if "id" in body else self._traced(body["trace_id"])
            return json_response(200, found or {})
        if "ids" in body or "trace_ids" in body:
            # The real service keeps no promised order and repeats repeated ids.
            if "ids" in body:
                items = [found for i in reversed(body["ids"]) if (found := self._lookup(i))]
            else:
                items = [found for t in reversed(body["trace_ids"]) if (found := self._traced(t))]
            if self.repeat_items:
                items = items + items
            return json_response(200, {"items": items, "count": len(items)})
        return json_response(200, self._page(body))

    def _lookup(self, task_id: str) -> JSON | None:
        timeline = self.timeline.get(task_id)
        if timeline:
            return timeline.pop(0) if len(timeline) > 1 else timeline[0]
        return self.tasks.get(task_id)

    def _traced(self, trace_id: str) -> JSON | None:
        """The task created by the request with this trace id."""
        return next((r for r in self.tasks.values() if r["trace_id"] == trace_id), None)

    def _page(self, body: JSON) -> JSON:
        """Newest first, filtered like the provider's web app pages (created_at_max inclusive)."""
        matching = [
            record
            for record in sorted(self.tasks.values(), key=lambda r: -float(r["created_at"]))
            if body.get("type") in (None, record["type"])
            and record["created_at"] >= body.get("created_at_min", float("-inf"))
            and record["created_at"] <= body.get("created_at_max", float("inf"))
        ]
        offset, limit = body.get("offset", 0), body.get("limit", 20)
        return {"items": matching[offset : offset + limit], "count": len(matching)}
