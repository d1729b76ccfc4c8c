"""`make test-live`: the real Wan Tasks service, checked against openapi.yaml and the SDK.

For maintainers, run by hand: it needs the network and a real token, so it is never part of
`make test` or CI. It reads:

- `ACEDATACLOUD_API_TOKEN` (required): a token of the account that owns the task below;
- `WAN_TASKS_LIVE_TASK_ID` (required): the id of one of that account's tasks, in any state;
- `WAN_TASKS_LIVE_BASE_URL` (optional): the service, `https://api.acedata.cloud` by default.

It only reads (retrieve, retrieve_batch, a short listing, one call with a wrong token), so it
costs no credits. Every answer is checked twice: against the spec's schema for its status (is
the spec still right about the service?) and against what the SDK made of it (does the SDK
still understand the service?). Exit 0 when everything holds, 1 listing what did not, 2 when
the token or the task id is missing.
"""

from __future__ import annotations

import json
import os
import sys
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Final, TextIO

import httpx

from tests.spec import spec_document
from wan_tasks_sdk import (
    AuthenticationError,
    Task,
    TaskNotFoundError,
    TaskStatus,
    WanTasks,
    WanTasksError,
)
from wan_tasks_sdk._client import TOKEN_ENV_VAR
from wan_tasks_sdk._core import DEFAULT_BASE_URL

TASK_ID_ENV_VAR: Final = "WAN_TASKS_LIVE_TASK_ID"
BASE_URL_ENV_VAR: Final = "WAN_TASKS_LIVE_BASE_URL"
EXIT_OK: Final = 0
EXIT_FAILED: Final = 1
EXIT_NOT_CONFIGURED: Final = 2
#: A token no account has: the service must refuse it with a documented 401.
WRONG_TOKEN: Final = "wan-tasks-sdk-live-check-not-a-token"


@dataclass(frozen=True)
class Exchange:
    """One request the SDK sent and the answer it got, as it came over the wire."""

    action: str
    status: int
    content_type: str
    body: bytes


class RecordingTransport(httpx.BaseTransport):
    """Passes requests on to `inner` and keeps every answer for the spec check."""

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner = inner
        self.exchanges: list[Exchange] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        body = response.read()
        try:
            action = str(json.loads(request.content).get("action", "?"))
        except (ValueError, AttributeError):
            action = "?"
        content_type = response.headers.get("content-type", "")
        self.exchanges.append(Exchange(action, response.status_code, content_type, body))
        return response

    def close(self) -> None:
        self.inner.close()


def spec_problems(exchange: Exchange) -> list[str]:
    """What openapi.yaml says is wrong with an answer (nothing: `[]`)."""
    if exchange.status not in spec_document.documented_statuses():
        return [f"HTTP {exchange.status} is not a documented status"]
    if not exchange.content_type.startswith(spec_document.JSON):
        return [f"HTTP {exchange.status} is {exchange.content_type or 'untyped'}, not JSON"]
    try:
        body = json.loads(exchange.body)
    except ValueError as error:
        return [f"HTTP {exchange.status} body is not JSON: {error}"]
    pointer = spec_document.response_schema_pointer(exchange.status)
    validator = spec_document.validator_for(pointer)
    return [
        f"HTTP {exchange.status} at /{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in validator.iter_errors(body)
    ]


def sdk_problems(exchange: Exchange) -> list[str]:
    """Task records the SDK does not read back as they came: a field lost or changed."""
    if exchange.status != 200 or exchange.action not in ("retrieve", "retrieve_batch"):
        return []
    try:
        body = json.loads(exchange.body)
    except ValueError:
        return []  # the spec check says so already
    records = body.get("items", []) if exchange.action == "retrieve_batch" else [body]
    problems = []
    for record in records:
        if isinstance(record, dict) and record:  # `{}` is an unknown id
            try:
                same = Task.from_dict(record).to_dict() == record
            except (TypeError, ValueError, KeyError, AttributeError) as error:
                problems.append(f"task {record.get('id')}: not readable: {error!r}")
                continue
            if not same:
                problems.append(f"task {record.get('id')}: does not read back as it came")
    return problems


@dataclass
class Settings:
    token: str
    task_id: str
    base_url: str
    #: Where requests go; the network unless a test passes the fake's transport.
    transport: Callable[[], httpx.BaseTransport] = httpx.HTTPTransport


@dataclass
class Report:
    out: TextIO
    failures: list[str] = field(default_factory=list)

    def run(
        self, name: str, settings: Settings, step: Callable[[WanTasks], None], token: str = ""
    ) -> None:
        """Run `step` on a fresh client; then check every answer it got against the spec."""
        recorder = RecordingTransport(settings.transport())
        problems: list[str] = []
        try:
            with WanTasks(
                token or settings.token, base_url=settings.base_url, transport=recorder
            ) as client:
                step(client)
        except AssertionError as error:
            problems.append(f"SDK: {error}")
        except WanTasksError as error:
            problems.append(f"SDK: {type(error).__name__}: {error}")
        if not recorder.exchanges:
            problems.append("no request reached the service")
        for exchange in recorder.exchanges:
            problems += [
                f"SDK ({exchange.action}): {problem}" for problem in sdk_problems(exchange)
            ]
            problems += [
                f"spec ({exchange.action}): {problem}" for problem in spec_problems(exchange)
            ]
        for problem in problems:
            self.failures.append(f"{name}: {problem}")
            print(f"FAIL {name}: {problem}", file=self.out)
        if not problems:
            print(f"ok   {name}", file=self.out)


def check_service(settings: Settings, out: TextIO) -> list[str]:
    """Every check, in order; what failed (nothing: `[]`)."""
    report = Report(out)
    unknown = str(uuid.uuid4())

    def retrieve(client: WanTasks) -> None:
        task = client.retrieve(settings.task_id)
        assert task.id == settings.task_id, f"asked for {settings.task_id}, got {task.id}"
        assert task.status is not TaskStatus.UNKNOWN, f"a state the SDK does not know: {task}"
        if task.status is TaskStatus.SUCCEEDED:
            assert task.video_url, "succeeded without a video URL"

    def retrieve_batch(client: WanTasks) -> None:
        result = client.retrieve_batch([settings.task_id, unknown])
        assert [task.id for task in result] == [settings.task_id], list(result)
        assert list(result.missing) == [unknown], f"missing: {result.missing}"

    def unknown_task(client: WanTasks) -> None:
        try:
            client.retrieve(unknown)
        except TaskNotFoundError:
            return
        raise AssertionError("an unknown id did not raise TaskNotFoundError")

    def listing(client: WanTasks) -> None:
        tasks = list(client.list_tasks(limit=3, page_size=2))  # two pages
        assert 1 <= len(tasks) <= 3, f"{len(tasks)} tasks listed"
        created = [task.created_at for task in tasks]
        assert created == sorted(created, reverse=True), f"not newest first: {created}"

    def wrong_token(client: WanTasks) -> None:
        try:
            client.retrieve(settings.task_id)
        except AuthenticationError:
            return
        raise AssertionError("a wrong token did not raise AuthenticationError")

    report.run("retrieve the task", settings, retrieve)
    report.run("retrieve_batch with an unknown id", settings, retrieve_batch)
    report.run("retrieve an unknown id", settings, unknown_task)
    report.run("list_tasks, two pages", settings, listing)
    report.run("a wrong token", settings, wrong_token, token=WRONG_TOKEN)
    return report.failures


def settings_from(environ: Mapping[str, str]) -> Settings | str:
    """The settings, or why they cannot be had."""
    token = environ.get(TOKEN_ENV_VAR, "").strip()
    task_id = environ.get(TASK_ID_ENV_VAR, "").strip()
    if not token:
        return (
            f"make test-live calls the real service and needs a token: set {TOKEN_ENV_VAR} "
            f"(and {TASK_ID_ENV_VAR}, one of that account's tasks). Nothing was sent."
        )
    if not task_id:
        return (
            f"make test-live needs the id of one of the token's tasks: set {TASK_ID_ENV_VAR}. "
            "Nothing was sent."
        )
    base_url = environ.get(BASE_URL_ENV_VAR, "").strip() or DEFAULT_BASE_URL
    return Settings(token=token, task_id=task_id, base_url=base_url)


def main(
    environ: Mapping[str, str] | None = None,
    *,
    transport: Callable[[], httpx.BaseTransport] | None = None,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    out = out or sys.stdout
    settings = settings_from(os.environ if environ is None else environ)
    if isinstance(settings, str):
        print(f"test-live: {settings}", file=err or sys.stderr)
        return EXIT_NOT_CONFIGURED
    if transport is not None:
        settings.transport = transport
    print(f"test-live: {settings.base_url}, task {settings.task_id}", file=out)
    failures = check_service(settings, out)
    print(f"test-live: {len(failures) or 'no'} problem(s)", file=out)
    return EXIT_FAILED if failures else EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())
