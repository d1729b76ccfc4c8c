"""The fake Wan Tasks service: its state, and the one function that answers a request.

`FakeWanTasks.handle(method, path, headers, body)` is the whole service logic; the httpx
transports, the WSGI app and the HTTP server only carry requests to it and its `Answer` back,
so every way of reaching the fake behaves the same. An `Answer` also says how it is to be
delivered (after a delay, cut short, or not at all) when a fault was injected; carrying that
out is the job of each front end, since only it knows how to wait or drop a connection.

What the service does is what `openapi.yaml` and the provider's public material describe: see
the package docstring for the behaviours this fake keeps.
"""

from __future__ import annotations

import copy
import json
import random
import threading
import uuid
from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Final, Literal, TypeAlias, TypeVar
from urllib.parse import parse_qs, quote, unquote

from ..generated.models import RetrieveBatchRequest, RetrieveRequest
from ..generated.types import Unset
from . import _spec
from ._clock import Clock, FakeClock, SystemClock
from ._faults import (
    Disconnect,
    ErrorReply,
    Fault,
    FaultTarget,
    Injected,
    ProxyError,
    RateLimited,
    ServerFault,
    Slow,
    TruncatedBody,
    default_target,
)
from ._spec import ExampleName, Refused, parse_json, read_query
from ._video import parse_range, thumbnail_bytes, video_bytes
from ._wsgi import call_wsgi, reason_phrase

if TYPE_CHECKING:
    from wsgiref.types import StartResponse, WSGIEnvironment

    import httpx

    from .._client import AsyncWanTasks, WanTasks

__all__ = [
    "API_PATH",
    "DEFAULT_BASE_URL",
    "DEFAULT_TOKEN",
    "DEFAULT_VIDEO_SIZE",
    "REQUEST_LOG_SIZE",
    "Answer",
    "FakeWanTasks",
    "Outcome",
    "RecordedRequest",
    "Shape",
]

#: The one path of the API.
API_PATH: Final = "/wan/tasks"
#: The token a fake accepts unless told otherwise; it belongs to the examples' user.
DEFAULT_TOKEN: Final = "fake-wan-tasks-token"
#: Where video links point when the fake is reached through an httpx transport, and the API
#: address of `client()` (`.test` is a reserved top-level domain, so such a link can never reach
#: a real host by mistake; https, as the service's own, so no client warns of cleartext).
DEFAULT_BASE_URL: Final = "https://fake-wan-tasks.test"
#: The size of a fake video: a few hundred KiB, enough to arrive in several chunks.
DEFAULT_VIDEO_SIZE: Final = 256 * 1024
#: How long the older records' signed video links stay valid after the task finished.
LINK_LIFETIME: Final = 24 * 3600
#: How many requests `FakeWanTasks.requests` keeps (the most recent), so a long-running fake
#: under load does not grow without bound.
REQUEST_LOG_SIZE: Final = 1000

#: How a created task ends.
Outcome: TypeAlias = Literal["succeeded", "failed"]
#: Which form of record a created task has: "newer" keeps the video at `response.data`, with
#: `usage`, `cost` and `elapsed`; "older" keeps it at `response.video_url` (a signed link that
#: expires), with a top-level `duration`.
Shape: TypeAlias = Literal["newer", "older"]

_T = TypeVar("_T")

_DEFAULT_FAILURE: Final = ("DataInspectionFailed", "Input data may contain inappropriate content.")
_REDACTED: Final = "[REDACTED]"
_SECRET_HEADERS: Final = frozenset({"authorization", "proxy-authorization", "cookie"})
_JSON: Final = "application/json"
_RESOLUTIONS: Final = {"480P": "832*480", "720P": "1280*720", "1080P": "1920*1080"}
_STATIC_MESSAGES: Final = {
    "not_found": "There is nothing at this path.",
    "method_not_allowed": "This method is not allowed here.",
}


@dataclass(frozen=True, slots=True)
class Answer:
    """What the fake answers to one request, and how to deliver it.

    `body` is the whole body; `headers` include `content-length`. A front end waits `delay`
    seconds first (on the fake's clock, or wall-clock time when `real_delay`), drops the
    connection without answering when `disconnect`, and sends only `truncate_after` bytes of
    the body, then closes the connection, when that is set.
    """

    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes
    delay: float = 0.0
    real_delay: bool = False
    disconnect: bool = False
    truncate_after: int | None = None

    def header(self, name: str) -> str | None:
        """The value of header `name` (any case), or None."""
        wanted = name.lower()
        return next((value for key, value in self.headers if key.lower() == wanted), None)

    def json(self) -> Any:
        """The body, parsed as JSON."""
        return json.loads(self.body)


@dataclass(frozen=True, slots=True)
class RecordedRequest:
    """One request the fake received, so that tests can count and inspect calls.

    `headers` have lower-case names, and secrets (`authorization`, `cookie`) are redacted:
    `authorization: Bearer [REDACTED]` keeps the scheme, never the token. `json` is the parsed
    body, or None when it is not JSON. `status` is the status answered, or None when the
    connection was dropped; `fault` is the fault injected into this request, if any.
    """

    method: str
    path: str
    query: str
    headers: Mapping[str, str]
    body: bytes
    json: Any
    at: float
    status: int | None
    fault: Fault | None

    @property
    def action(self) -> str | None:
        """The body's `action`, when the body is a JSON object with a string `action`."""
        action = self.json.get("action") if isinstance(self.json, dict) else None
        return action if isinstance(action, str) else None


@dataclass(frozen=True, slots=True)
class _Incoming:
    """A request on its way through `handle`: what was asked, when, and at which address."""

    method: str
    path: str  # decoded, without the query
    query: str
    headers: Mapping[str, str]  # lower-case names
    body: bytes
    now: float
    base_url: str


@dataclass(frozen=True, slots=True)
class _Plan:
    """How a created task unfolds over time, and what its finished record holds."""

    queued_for: float
    processing_for: float
    outcome: Outcome
    shape: Shape
    failure: tuple[str, str]


@dataclass(slots=True)
class _Task:
    id: str
    created_at: float
    user_id: str
    seq: int
    base: dict[str, Any]  # a static record, or the fields of a created task that never change
    plan: _Plan | None = None
    own_links: bool = False  # a static record whose video links are replaced by the fake's

    def sort_key(self) -> tuple[float, int]:
        return (self.created_at, self.seq)


def _round(value: float) -> float:
    return round(value, 3)


def _thumbnail_of(video_url: str) -> str:
    """The fake serves a task's thumbnail beside its video: `<id>.jpg` for `<id>.mp4`."""
    return video_url[: -len(".mp4")] + ".jpg"


def _point_links_home(record: dict[str, Any], video_url: str) -> None:
    """Make every video and thumbnail link in the record's `response` one the fake serves.

    The documented records' links point at storage on the internet, signed and long expired:
    handed out as they are, a download of a documented task would leave the machine, or fail.
    They are replaced by the fake's own, with no expiry. `request` is left as it is: its links
    are the creator's inputs.
    """
    links = {"video_url": video_url, "thumbnail_url": _thumbnail_of(video_url)}
    pending: list[object] = [record.get("response")]
    while pending:
        node = pending.pop()
        if isinstance(node, list):
            pending.extend(node)
        elif isinstance(node, dict):
            for key, value in node.items():
                if key in links and isinstance(value, str) and value:
                    node[key] = links[key]
                else:
                    pending.append(value)


def _video_url_of(record: Mapping[str, Any]) -> str | None:
    response = record.get("response")
    if not isinstance(response, dict):
        return None
    data = response.get("data")
    url = data.get("video_url") if isinstance(data, dict) else None
    url = url or response.get("video_url")
    return url if isinstance(url, str) and url else None


class FakeWanTasks:
    """An in-memory Wan Tasks service, faithful to `openapi.yaml`.

    Reach it through `transport()` / `async_transport()` (httpx), `wsgi_app` (WSGI), or a
    `FakeWanTasksServer` (real HTTP on 127.0.0.1). Seed it with `add_example`, `create_task`
    or `add_record`; script failures with `inject`; read what it received in `requests`.
    Thread-safe: a server answers from several threads.

    `clock`: what "now" is, for task progress and link expiry (default: real time; tests
    usually pass a `FakeClock`). `token`: the token it accepts, owned by the examples' user.
    `base_url`: where video links point; by default the address the request came to (so a
    server's links point at the server) or `DEFAULT_BASE_URL` for the httpx transports.
    `video_size`: bytes per video. `seed`: seeds the ids it makes up, so runs repeat exactly.
    """

    def __init__(
        self,
        *,
        clock: Clock | None = None,
        token: str = DEFAULT_TOKEN,
        base_url: str | None = None,
        video_size: int = DEFAULT_VIDEO_SIZE,
        seed: int = 0,
    ) -> None:
        if video_size < 0:
            raise ValueError(f"video_size must be >= 0: {video_size!r}")
        self.clock: Clock = clock if clock is not None else SystemClock()
        self.token: str = token
        self.base_url: str | None = base_url.rstrip("/") if base_url else None
        self.video_size: int = video_size
        self._lock = threading.RLock()
        self._rng = random.Random(seed)
        self._tokens: dict[str, str] = {token: _spec.documented_owner().user_id}
        self._tasks: dict[str, _Task] = {}
        self._seq = 0
        self._faults: list[Injected] = []
        self._requests: deque[RecordedRequest] = deque(maxlen=REQUEST_LOG_SIZE)

    def __repr__(self) -> str:
        return f"<FakeWanTasks tasks={len(self._tasks)} requests={len(self._requests)}>"

    def advance(self, seconds: float) -> float:
        """Move the fake's `FakeClock` forward by `seconds` (tasks progress); the new time.

        A shortcut for `fake.clock.advance` that type-checks, as `clock` is any `Clock`.
        `TypeError` when the fake runs on another clock (real time cannot be moved).
        """
        if not isinstance(self.clock, FakeClock):
            raise TypeError(f"only a FakeClock can be moved forward, not {self.clock!r}")
        return self.clock.advance(seconds)

    # -- accounts ------------------------------------------------------------------------------

    @property
    def user_id(self) -> str:
        """The id of the user that owns `token` (the documented examples' user)."""
        return self._tokens[self.token]

    def add_token(self, token: str, *, user_id: str | None = None) -> str:
        """Accept `token` too, as the token of `user_id` (a new user by default); the user id."""
        if not token:
            raise ValueError("a token cannot be empty")
        with self._lock:
            owner = user_id if user_id is not None else self._new_uuid()
            self._tokens[token] = owner
            return owner

    # -- tasks ---------------------------------------------------------------------------------

    def add_example(self, name: ExampleName, **overrides: Any) -> str:
        """Add the spec's documented task `name` as it is (top-level `overrides` replace its
        fields, e.g. `id=` for a second copy); its id.

        The names (`ExampleName`) are those of the spec's `200` examples that are one task
        (`x-branch: Task`): `completed_task`, `failed_task`, `queued_task`... A documented
        record never changes with the clock. Its video and thumbnail links point at the fake,
        which serves them whatever their recorded expiry, so downloads stay offline.
        """
        record = _spec.example_task(name)
        record.update(copy.deepcopy(overrides))
        return self._add_static(record, own_links=True)

    def add_examples(self) -> list[str]:
        """Add every documented task, in the spec's order; their ids."""
        return [self._add_static(record, own_links=True) for record in _spec.example_tasks()]

    def add_record(self, record: Mapping[str, Any]) -> str:
        """Add a task record exactly as given, to be answered as it is; its `id`.

        For records the other helpers do not make: odd upstream states (`SUCCEEDED`), a bare
        string `error`, unknown fields... It needs a string `id` and a number `created_at`;
        it belongs to its `user_id` (the default user when it has none). Its links are kept
        too: a test that gives a video link to another host (a hostile one, say) means it.
        """
        return self._add_static(record, own_links=False)

    def _add_static(self, record: Mapping[str, Any], *, own_links: bool) -> str:
        task_id, created_at = record.get("id"), record.get("created_at")
        if not isinstance(task_id, str) or not task_id:
            raise ValueError("a record needs a non-empty string `id`")
        if not isinstance(created_at, int | float) or isinstance(created_at, bool):
            raise ValueError("a record needs a number `created_at`")
        user_id = record.get("user_id")
        owner = user_id if isinstance(user_id, str) else _spec.documented_owner().user_id
        base = dict(copy.deepcopy(record))
        self._store(task_id, float(created_at), owner, base, None, own_links=own_links)
        return task_id

    def create_task(
        self,
        prompt: str = "A red panda rowing a paper boat across a lake at dawn",
        *,
        model: str = "wan2.6-t2v",
        duration: int = 5,
        outcome: Outcome = "succeeded",
        queued_for: float = 2.0,
        processing_for: float = 10.0,
        shape: Shape = "newer",
        task_id: str | None = None,
        created_at: float | None = None,
        failure: tuple[str, str] = _DEFAULT_FAILURE,
        user_id: str | None = None,
        request: Mapping[str, Any] | None = None,
    ) -> str:
        """Add a task that runs on the clock, as `POST /wan/videos` would have; its id.

        It waits `queued_for` seconds from `created_at` (default: now) with no `response`,
        is `processing` for `processing_for` seconds, then has `outcome`: a video (in the
        record form `shape`) or the error `failure` (`(code, message)`). `math.inf` makes a
        phase last forever. `request` adds fields to the record's `request` (`resolution`,
        `ratio`, `image_url`, `seed`, ...). `user_id` defaults to the token's user.
        """
        if outcome not in ("succeeded", "failed"):
            raise ValueError(f"outcome must be 'succeeded' or 'failed': {outcome!r}")
        if shape not in ("newer", "older"):
            raise ValueError(f"shape must be 'newer' or 'older': {shape!r}")
        if not (queued_for >= 0 and processing_for >= 0):
            raise ValueError("queued_for and processing_for must be >= 0")
        if duration <= 0:
            raise ValueError(f"duration must be > 0: {duration!r}")
        with self._lock:
            task_id = task_id if task_id is not None else self._new_uuid()
            created = float(created_at) if created_at is not None else self.clock.now()
            owner = user_id if user_id is not None else self.user_id
            documented = _spec.documented_owner()
            body: dict[str, Any] = {
                "action": "image2video" if request and "image_url" in request else "text2video",
                "model": model,
                "prompt": prompt,
                "duration": duration,
                **(request or {}),
            }
            base: dict[str, Any] = {
                "_id": f"{int(created) & 0xFFFFFFFF:08x}{self._rng.getrandbits(64):016x}",
                "id": task_id,
                "api_id": documented.api_id,
                "application_id": documented.application_id,
                "created_at": _round(created),
                "credential_id": documented.credential_id if shape == "older" else None,
                "request": body,
                "trace_id": self._new_uuid(),
                "type": "videos",
                "user_id": owner,
                "job_id": self._new_uuid(),
            }
            if shape == "newer":
                base["actor_user_id"] = None
                base["authorization_id"] = None
            plan = _Plan(queued_for, processing_for, outcome, shape, failure)
            self._store(task_id, created, owner, base, plan)
            return task_id

    def _store(
        self,
        task_id: str,
        created_at: float,
        owner: str,
        base: dict[str, Any],
        plan: _Plan | None,
        *,
        own_links: bool = False,
    ) -> None:
        with self._lock:
            if task_id in self._tasks:
                raise ValueError(f"there is a task {task_id!r} already")
            self._seq += 1
            task = _Task(task_id, created_at, owner, self._seq, base, plan, own_links)
            self._tasks[task_id] = task

    @property
    def task_ids(self) -> list[str]:
        """The ids of every task, newest first."""
        with self._lock:
            tasks = sorted(self._tasks.values(), key=_Task.sort_key, reverse=True)
            return [task.id for task in tasks]

    def get_task(self, task_id: str, *, base_url: str | None = None) -> dict[str, Any] | None:
        """The record of `task_id` as the service would answer it now, or None."""
        with self._lock:
            task = self._tasks.get(task_id)
            if task is None:
                return None
            return self._record(task, self.clock.now(), self._base(base_url))

    def video_bytes(self, task_id: str) -> bytes:
        """The bytes the fake serves as the video of `task_id` (to compare downloads with)."""
        return video_bytes(task_id, self.video_size)

    def video_url(self, task_id: str, *, base_url: str | None = None) -> str:
        """Where the fake serves the video of `task_id` (without an `Expires=` parameter)."""
        return f"{self._base(base_url)}/videos/{quote(task_id, safe='')}.mp4"

    def _base(self, base_url: str | None) -> str:
        return self.base_url or (base_url or DEFAULT_BASE_URL).rstrip("/")

    def _record(self, task: _Task, now: float, base_url: str) -> dict[str, Any]:
        """The task's record at time `now`."""
        plan = task.plan
        if plan is None:
            recorded = copy.deepcopy(task.base)
            if task.own_links:
                _point_links_home(recorded, self.video_url(task.id, base_url=base_url))
            return recorded
        base = task.base
        started = task.created_at + plan.queued_for
        finished = started + plan.processing_for
        record: dict[str, Any] = {key: base[key] for key in ("_id", "id", "api_id")}
        record["application_id"] = base["application_id"]
        record["created_at"] = base["created_at"]
        if now >= started:
            record["started_at"] = _round(started)
        for key in ("credential_id", "actor_user_id", "authorization_id"):
            if key in base:
                record[key] = base[key]
        record["request"] = copy.deepcopy(base["request"])
        for key in ("trace_id", "type", "user_id", "job_id"):
            record[key] = base[key]
        response: dict[str, Any] = {"success": True, "state": "processing", "task_id": task.id}
        if now >= started:  # no response at all while queued
            record["response"] = response
        if now < finished:
            record["finished_at"] = None
            if plan.shape == "newer":
                record["elapsed"] = None
            return record
        took = _round(finished - task.created_at)
        video = self.video_url(task.id, base_url=base_url)
        if plan.outcome == "failed":
            code, message = plan.failure
            response.update(success=False, state="failed", error={"code": code, "message": message})
        elif plan.shape == "older":
            expires = int(finished) + LINK_LIFETIME
            record["response"] = {
                "success": True,
                "video_url": f"{video}?Expires={expires}",
                "state": "completed",
                "task_id": task.id,
            }
        else:
            request = base["request"]
            seconds = request.get("duration")
            response.update(
                state="succeeded",
                data={"video_url": video, "thumbnail_url": _thumbnail_of(video)},
                usage={
                    "resolution": _RESOLUTIONS.get(str(request.get("resolution")), "1280*720"),
                    "seconds": seconds,
                    "fps": 24,
                    "ratio": request.get("ratio", "16:9"),
                },
                cost=_round(0.25 * seconds) if isinstance(seconds, int | float) else 1.25,
            )
        record["duration" if plan.shape == "older" else "elapsed"] = took
        record["finished_at"] = _round(finished)
        return record

    # -- faults --------------------------------------------------------------------------------

    def inject(self, fault: Fault, times: int | None = 1, *, on: FaultTarget | None = None) -> None:
        """Spoil the next `times` requests (None: every request until `clear_faults`) with `fault`.

        `on` chooses the requests: "api" (the default; any request that is not a video),
        "videos" (the default for `TruncatedBody`) or "any". Faults queue up in the order they
        were injected: `inject(ServerFault(), 2); inject(RateLimited(retry_after=1))` fails two
        requests with 500, the third with 429, and lets the fourth through.
        """
        if times is not None and times < 1:
            raise ValueError(f"times must be >= 1 (or None for always): {times!r}")
        target = on if on is not None else default_target(fault)
        if target not in ("api", "videos", "any"):
            raise ValueError(f"on must be 'api', 'videos' or 'any': {target!r}")
        with self._lock:
            self._faults.append(Injected(fault, -1 if times is None else times, target))

    def clear_faults(self) -> None:
        """Forget every fault still waiting."""
        with self._lock:
            self._faults.clear()

    @property
    def pending_faults(self) -> list[tuple[Fault, int | None]]:
        """The faults still waiting, each with how many requests it will still spoil."""
        with self._lock:
            return [(i.fault, None if i.remaining < 0 else i.remaining) for i in self._faults]

    def _take_fault(self, is_video: bool) -> Fault | None:
        for index, injected in enumerate(self._faults):
            if injected.target == "any" or (injected.target == "videos") == is_video:
                if injected.remaining > 0:
                    injected.remaining -= 1
                    if injected.remaining == 0:
                        del self._faults[index]
                return injected.fault
        return None

    # -- recorded requests ---------------------------------------------------------------------

    @property
    def requests(self) -> list[RecordedRequest]:
        """The requests received so far, oldest first (a copy): the last `REQUEST_LOG_SIZE`."""
        with self._lock:
            return list(self._requests)

    @property
    def api_requests(self) -> list[RecordedRequest]:
        """The requests to the API (`/wan/tasks`), oldest first: what a poller cost."""
        return [r for r in self.requests if r.path == API_PATH]

    def clear_requests(self) -> None:
        """Forget the requests received so far."""
        with self._lock:
            self._requests.clear()

    # -- the service ---------------------------------------------------------------------------

    def handle(
        self,
        method: str,
        path: str,
        headers: Mapping[str, str] | Iterable[tuple[str, str]] = (),
        body: bytes = b"",
        *,
        base_url: str | None = None,
    ) -> Answer:
        """Answer one HTTP request: the whole service, with no I/O.

        `path` may carry a query (`/videos/x.mp4?Expires=...`); `base_url` is the address the
        request came to, used in video links when the fake has no `base_url` of its own.
        """
        raw_path, _, query = path.partition("?")
        with self._lock:
            incoming = _Incoming(
                method=method.upper(),
                path=unquote(raw_path),
                query=query,
                headers=_header_map(headers),
                body=body,
                now=self.clock.now(),
                base_url=self._base(base_url),
            )
            fault = self._take_fault(incoming.path.startswith("/videos/"))
            answer = self._answer(incoming, fault)
            self._record_request(incoming, answer, fault)
        return answer

    def _answer(self, incoming: _Incoming, fault: Fault | None) -> Answer:
        if isinstance(fault, Disconnect):
            return Answer(0, (), b"", disconnect=True)
        if isinstance(fault, ErrorReply | RateLimited | ServerFault | ProxyError):
            return self._fault_answer(fault)
        answer = self._route(incoming)
        if isinstance(fault, Slow):
            return replace(answer, delay=fault.seconds, real_delay=fault.real)
        if isinstance(fault, TruncatedBody):
            return replace(answer, truncate_after=min(fault.after_bytes, len(answer.body)))
        return answer

    def _route(self, incoming: _Incoming) -> Answer:
        method, path = incoming.method, incoming.path
        if path == API_PATH:
            if method != "POST":
                return self._error(405, "method_not_allowed", extra_headers=(("allow", "POST"),))
            return self._api(incoming)
        if path.startswith("/videos/") and path.endswith((".mp4", ".jpg")):
            if method not in ("GET", "HEAD"):
                allow = (("allow", "GET, HEAD"),)
                return self._error(405, "method_not_allowed", extra_headers=allow)
            return self._video(incoming)
        return self._error(404, "not_found")

    def _api(self, incoming: _Incoming) -> Answer:
        owner, refusal = self._authenticate(incoming.headers.get("authorization"))
        if refusal is not None:
            return refusal
        try:
            query = read_query(incoming.body)
        except Refused as exc:
            return self._error(400, "bad_request", exc.message)
        now, base_url = incoming.now, incoming.base_url
        if isinstance(query, RetrieveRequest):
            task = self._find(query, owner)
            if task is None:
                return _json_answer(200, {})
            return _json_answer(200, self._record(task, now, base_url))
        return _json_answer(200, self._batch(query, owner, now, base_url))

    def _authenticate(self, value: str | None) -> tuple[str, Answer | None]:
        """The user the `authorization` header's token belongs to, or the 401 to answer."""
        scheme, _, token = (value or "").strip().partition(" ")
        token = token.strip()
        if not scheme or (scheme.lower() == "bearer" and not token):
            return "", self._error(401, "no_token")
        owner = self._tokens.get(token) if scheme.lower() == "bearer" else None
        if owner is None:
            return "", self._error(401, "invalid_token")
        return owner, None

    def _find(self, query: RetrieveRequest, owner: str) -> _Task | None:
        """The owner's task that `retrieve` asks for: by `id`, which wins when both keys are
        sent, or else by the trace id of the request that created it."""
        if not isinstance(query.id, Unset):
            found = self._tasks.get(query.id)
            return found if found is not None and found.user_id == owner else None
        return next(
            (
                task
                for task in self._tasks.values()
                if task.user_id == owner and task.base.get("trace_id") == query.trace_id
            ),
            None,
        )

    def _batch(
        self, query: RetrieveBatchRequest, owner: str, now: float, base_url: str
    ) -> dict[str, Any]:
        ids, trace_ids = _given(query.ids), _given(query.trace_ids)
        if ids is not None or trace_ids is not None:
            # Unknown ids are left out and a repeated id gives a repeated item; the order is the
            # storage's (newest first), never the order of `ids`. Both keys: either may match.
            found = [self._tasks[i] for i in ids or () if i in self._tasks]
            if trace_ids:
                # Indexed only when asked for: scanning every task on every request made a
                # wait() on many tasks quadratic.
                by_trace: dict[object, list[_Task]] = {}
                for task in self._tasks.values():
                    by_trace.setdefault(task.base.get("trace_id"), []).append(task)
                found += [task for t in trace_ids for task in by_trace.get(t, ())]
            default_limit: int | None = None  # a batch answers every id asked for
        else:
            found = list(self._tasks.values())
            default_limit = 20
        found.sort(key=_Task.sort_key, reverse=True)
        # The filters read fields a record takes unchanged from its task's `base`, so only the
        # page asked for is rendered (rendering every task made listing quadratic).
        matching = [task for task in found if task.user_id == owner and _matches(task.base, query)]
        limit, offset = _given(query.limit), _given(query.offset) or 0
        if limit is None:
            limit = default_limit
        end = None if limit is None else offset + limit
        page = [self._record(task, now, base_url) for task in matching[offset:end]]
        return {"items": page, "count": len(matching)}

    def _video(self, incoming: _Incoming) -> Answer:
        now = incoming.now
        name = incoming.path[len("/videos/") :]
        task_id, is_thumbnail = name[: -len(".mp4")], name.endswith(".jpg")
        task = self._tasks.get(task_id)
        if task is None or _video_url_of(self._record(task, now, incoming.base_url)) is None:
            return _storage_error(404, "NoSuchKey", "The specified key does not exist.")
        expires = parse_qs(incoming.query).get("Expires", [""])[0]
        if expires.isdigit() and now > int(expires):
            return _storage_error(403, "AccessDenied", "Request has expired.")
        if is_thumbnail:
            content, media_type = thumbnail_bytes(task_id), "image/jpeg"
        else:
            content, media_type = self.video_bytes(task_id), "video/mp4"
        size = len(content)
        common = (("content-type", media_type), ("accept-ranges", "bytes"))
        wanted = parse_range(incoming.headers.get("range"), size)
        if wanted is False:
            out = (*common, ("content-range", f"bytes */{size}"), ("content-length", "0"))
            return Answer(416, out, b"")
        status, extra = 200, ""
        if isinstance(wanted, tuple):
            first, last = wanted
            content = content[first : last + 1]
            status, extra = 206, f"bytes {first}-{last}/{size}"
        ranged = (("content-range", extra),) if extra else ()
        out_headers = (*common, *ranged, ("content-length", str(len(content))))
        return Answer(status, out_headers, b"" if incoming.method == "HEAD" else content)

    def _error(
        self,
        status: int,
        code: str,
        message: str | None = None,
        *,
        extra_headers: tuple[tuple[str, str], ...] = (),
    ) -> Answer:
        """The service's error answer, with the spec's message for `code` unless given one."""
        if message is None:
            message = _spec.error_message(code) or _STATIC_MESSAGES.get(code, code)
        body = {
            "success": False,
            "error": {"code": code, "message": message},
            "trace_id": self._new_uuid(),
        }
        return _json_answer(status, body, extra_headers)

    def _fault_answer(self, fault: ErrorReply | RateLimited | ServerFault | ProxyError) -> Answer:
        if isinstance(fault, ErrorReply):
            return self._error(fault.status, fault.code, fault.message, extra_headers=fault.headers)
        if isinstance(fault, RateLimited):
            retry_after = fault.retry_after_header()
            retry = (("retry-after", retry_after),) if retry_after is not None else ()
            return self._error(429, "too_many_requests", extra_headers=retry)
        if isinstance(fault, ServerFault):
            code = fault.code or ("timeout" if fault.status == 504 else "api_error")
            return self._error(fault.status, code, fault.message)
        title = f"{fault.status} {reason_phrase(fault.status)}".strip()
        page = fault.body
        if page is None:
            page = (
                f"<html>\r\n<head><title>{title}</title></head>\r\n<body>\r\n"
                f"<center><h1>{title}</h1></center>\r\n<hr><center>nginx</center>\r\n"
                "</body>\r\n</html>\r\n"
            )
        content = page.encode("utf-8")
        headers = (
            ("content-type", "text/html; charset=utf-8"),
            ("content-length", str(len(content))),
        )
        return Answer(fault.status, headers, content)

    def _record_request(self, incoming: _Incoming, answer: Answer, fault: Fault | None) -> None:
        try:
            parsed = parse_json(incoming.body) if incoming.body else None
        except ValueError:
            parsed = None
        headers = incoming.headers
        self._requests.append(
            RecordedRequest(
                method=incoming.method,
                path=incoming.path,
                query=incoming.query,
                headers={name: _redact(name, value) for name, value in headers.items()},
                body=incoming.body,
                json=parsed,
                at=incoming.now,
                status=None if answer.disconnect else answer.status,
                fault=fault,
            )
        )

    def _new_uuid(self) -> str:
        return str(uuid.UUID(int=self._rng.getrandbits(128), version=4))

    # -- front ends ----------------------------------------------------------------------------

    def transport(self) -> httpx.BaseTransport:
        """An httpx transport that sends every request to this fake (sync clients)."""
        from ._transport import FakeTransport  # noqa: PLC0415 - httpx loads on first use

        return FakeTransport(self)

    def async_transport(self) -> httpx.AsyncBaseTransport:
        """An httpx transport that sends every request to this fake (async clients)."""
        from ._transport import AsyncFakeTransport  # noqa: PLC0415 - httpx loads on first use

        return AsyncFakeTransport(self)

    def client(self, **options: Any) -> WanTasks:
        """A `WanTasks` wired to this fake: its token, an in-process transport, and its clock.

        On a `FakeClock` the client sleeps by moving that clock, so `wait()` runs through
        minutes of polling at once. `options` are the client's other arguments (`max_retries=`,
        `batch_size=`...), and may replace the token, base URL or clock (a `token=` the fake
        refuses tests the 401 path). Close it, or use it in a `with` block.
        """
        from .._client import WanTasks  # noqa: PLC0415 - the client loads on first use

        defaults = {"token": self.token, "base_url": self._base(None), "clock": self.clock}
        return WanTasks(transport=self.transport(), **{**defaults, **options})

    def async_client(self, **options: Any) -> AsyncWanTasks:
        """An `AsyncWanTasks` wired to this fake, as `client()` is."""
        from .._client import AsyncWanTasks  # noqa: PLC0415 - the client loads on first use

        defaults = {"token": self.token, "base_url": self._base(None), "clock": self.clock}
        return AsyncWanTasks(transport=self.async_transport(), **{**defaults, **options})

    def wsgi_app(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        """This fake as a WSGI application (what `FakeWanTasksServer` runs)."""
        return call_wsgi(self, environ, start_response)


def _header_map(headers: Mapping[str, str] | Iterable[tuple[str, str]]) -> dict[str, str]:
    """Lower-case names; repeated headers joined with ", ", as HTTP allows."""
    pairs = headers.items() if isinstance(headers, Mapping) else headers
    result: dict[str, str] = {}
    for name, value in pairs:
        key = name.lower()
        result[key] = f"{result[key]}, {value}" if key in result else value
    return result


def _redact(name: str, value: str) -> str:
    if name not in _SECRET_HEADERS:
        return value
    scheme, space, _ = value.strip().partition(" ")
    return f"{scheme} {_REDACTED}" if space and name.endswith("authorization") else _REDACTED


def _given(value: _T | Unset) -> _T | None:
    """A request field's value, or None when the body leaves it out."""
    return None if isinstance(value, Unset) else value


def _matches(record: Mapping[str, Any], query: RetrieveBatchRequest) -> bool:
    filters = (
        ("type", query.type_),
        ("application_id", query.application_id),
        ("user_id", query.user_id),
    )
    for name, wanted in filters:
        if not isinstance(wanted, Unset) and record.get(name) != wanted:
            return False
    low, high = _given(query.created_at_min), _given(query.created_at_max)
    created = record.get("created_at")
    if not isinstance(created, int | float):
        return low is None and high is None
    return (low is None or created >= low) and (high is None or created <= high)


def _json_answer(
    status: int, body: object, extra_headers: tuple[tuple[str, str], ...] = ()
) -> Answer:
    content = json.dumps(body, allow_nan=False).encode("utf-8")
    headers = (("content-type", _JSON), ("content-length", str(len(content))), *extra_headers)
    return Answer(status, headers, content)


def _storage_error(status: int, code: str, message: str) -> Answer:
    """An error of the storage or CDN that serves videos: XML, as object stores answer."""
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"<Error><Code>{code}</Code><Message>{message}</Message></Error>\n"
    ).encode()
    headers = (("content-type", "application/xml"), ("content-length", str(len(content))))
    return Answer(status, headers, content)
