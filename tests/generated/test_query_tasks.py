"""The generated wire layer against every documented exchange of `POST /wan/tasks`.

Each exchange runs through the four generated entry points (`sync_detailed`, `sync`,
`asyncio_detailed`, `asyncio`) over a respx mock, which answers with a named example of
openapi.yaml. The test checks the request exactly as sent (method, URL, JSON body, headers) and the
parsed answer field by field.
"""

from __future__ import annotations

import dataclasses
import functools
import json
from collections.abc import Callable
from http import HTTPStatus
from typing import Any, Literal, TypeAlias

import pytest
import respx

from tests.spec import spec_document as doc
from wan_tasks_sdk.generated import AuthenticatedClient
from wan_tasks_sdk.generated.api.tasks import query_tasks
from wan_tasks_sdk.generated.models import (
    ErrorDetail,
    ErrorResponse,
    GenerationResponse,
    GenerationResponseData,
    RetrieveBatchRequest,
    RetrieveRequest,
    Task,
    TaskBatch,
    TaskUsage,
    UnknownTask,
)
from wan_tasks_sdk.generated.types import UNSET, Response

TOKEN = "sk-test-0123456789abcdef"
BASE_URL = "https://api.acedata.cloud"
URL = "https://api.acedata.cloud/wan/tasks"

PUBLISHED_ID = "a4bca552-d964-46a1-8ff7-fd922f916582"
PENDING_ID = "7f1c2e9a-3b4d-4e5f-8a6b-9c0d1e2f3a4b"
FAILED_ID = "0b8e4c6a-2d1f-4a3b-9c5e-7f8a9b0c1d2e"
NEWER_ID = "3d9f1b7e-6c5a-4e8d-b2f4-0a1c3e5d7f9b"
QUEUED_ID = "5e7a9c1b-3d5f-4a7b-9c1d-3e5f7a9b1c3d"
RUNNING_ID = "6f8b0d2c-4e6a-4b8c-8d0e-4f6a8b0c2d4e"
PUBLISHED_TRACE_ID = "b9cf9569-4010-46b1-80ec-efc881126eac"
UNKNOWN_ID = "00000000-0000-4000-8000-000000000000"
USER_ID = "ad7afe47-cea9-4cda-980f-2ad8810e51cf"

Body: TypeAlias = RetrieveBatchRequest | RetrieveRequest
Parsed: TypeAlias = ErrorResponse | Task | TaskBatch | UnknownTask | None
Detailed: TypeAlias = Response[ErrorResponse | Task | TaskBatch | UnknownTask]
Mode = Literal["sync_detailed", "sync", "asyncio_detailed", "asyncio"]
MODES: list[Mode] = ["sync_detailed", "sync", "asyncio_detailed", "asyncio"]


async def call(mode: Mode, body: Body) -> tuple[Detailed | None, Parsed]:
    """Send `body` through one generated entry point: (the detailed response if any, parsed)."""
    client = AuthenticatedClient(base_url=BASE_URL, token=TOKEN)
    if mode == "sync_detailed":
        with client:
            detailed = query_tasks.sync_detailed(client=client, body=body)
        return detailed, detailed.parsed
    if mode == "sync":
        with client:
            return None, query_tasks.sync(client=client, body=body)
    async with client:
        if mode == "asyncio_detailed":
            detailed = await query_tasks.asyncio_detailed(client=client, body=body)
            return detailed, detailed.parsed
        return None, await query_tasks.asyncio(client=client, body=body)


def assert_sent(route: respx.Route, expected_json: dict[str, Any]) -> None:
    assert route.call_count == 1
    request = route.calls.last.request
    assert request.method == "POST"
    assert str(request.url) == URL
    assert json.loads(request.content) == expected_json
    assert request.headers["authorization"] == f"Bearer {TOKEN}"
    assert request.headers["content-type"] == "application/json"


# --- what the parsed answers must hold --------------------------------------------------------


def _task(parsed: Parsed) -> Task:
    assert isinstance(parsed, Task)
    return parsed


def _response(task: Task) -> GenerationResponse:
    assert isinstance(task.response, GenerationResponse)
    return task.response


def check_published_task(parsed: Parsed) -> None:
    task = _task(parsed)
    assert task.id == PUBLISHED_ID
    assert task.field_id == "6974ce81ff2676299c399252"
    assert task.type_ == "videos"
    assert task.api_id == "6a4ecdbf-b219-4505-8277-5ec4b1ac14f8"
    assert task.application_id == "52933893-8e8b-4cd6-b9e5-2354eedea000"
    assert task.user_id == USER_ID
    assert task.credential_id == "c7173d71-d234-413e-ab72-7bfa6715d12f"
    assert task.job_id == "0d2042f9-ba8d-496d-8ab5-182617e28f9e"
    assert task.trace_id == "b9cf9569-4010-46b1-80ec-efc881126eac"
    assert task.created_at == 1769262721.763
    assert task.finished_at == 1769263509.094
    assert task.started_at is UNSET
    assert task.duration == 787.3310000896454  # processing time, not the video's length
    assert task.elapsed is UNSET
    assert task.request.action == "text2video"
    assert task.request.model == "wan2.6-t2v"
    assert task.request.prompt == "Astronauts shuttle from space to volcano"
    assert task.request.duration == 5
    response = _response(task)
    assert response.success is True
    assert response.state == "completed"
    assert response.task_id == PUBLISHED_ID
    assert isinstance(response.video_url, str)
    assert response.video_url.startswith(
        "https://dashscope-result-sh.oss-accelerate.aliyuncs.com/1d/db/20260124/da477ba2/"
        "0d2042f9-ba8d-496d-8ab5-182617e28f9e.mp4?Expires=1769349278&"
    )
    assert response.data is UNSET
    assert response.error is UNSET
    assert task.additional_properties == {}
    assert response.additional_properties == {}


def check_published_batch(parsed: Parsed) -> None:
    assert isinstance(parsed, TaskBatch)
    assert parsed.count == 2
    assert len(parsed.items) == 2
    for item in parsed.items:
        check_published_task(item)
    assert parsed.items[0] == parsed.items[1]  # the repeated id gives a repeated item


def check_pending_task(parsed: Parsed) -> None:
    task = _task(parsed)
    assert task.id == PENDING_ID
    assert task.field_id == "6974d01aff2676299c3992a8"
    assert task.created_at == 1769263130.412
    assert task.started_at == 1769263130.9
    assert task.finished_at is None
    assert task.duration is UNSET
    assert task.request.prompt == "A paper boat drifting down a rainy street"
    assert task.request.duration == 5
    response = _response(task)
    assert response.success is True  # while still processing
    assert response.state == "processing"
    assert response.task_id == PENDING_ID
    assert response.video_url is UNSET
    assert response.data is UNSET


def check_failed_task(parsed: Parsed) -> None:
    task = _task(parsed)
    assert task.id == FAILED_ID
    assert task.created_at == 1769263556.201
    assert task.finished_at == 1769263598.251
    assert task.duration == 41.377
    assert task.request.action == "image2video"
    assert task.request.model == "wan2.6-i2v"
    assert task.request.image_url == "https://cdn.acedata.cloud/examples/statue.png"
    response = _response(task)
    assert response.success is False
    assert response.state == "failed"
    assert response.video_url is UNSET
    assert isinstance(response.error, ErrorDetail)
    assert response.error.code == "DataInspectionFailed"  # not a listed code: kept as a string
    assert response.error.message == "Input data may contain inappropriate content."


def check_newer_shape_task(parsed: Parsed) -> None:
    task = _task(parsed)
    assert task.id == NEWER_ID
    assert task.field_id == "6975a2e0ff2676299c39a410"
    assert task.created_at == 1769317088.52
    assert task.started_at == 1769317089.003
    assert task.finished_at == 1769317303.063
    assert task.elapsed == 214.06
    assert task.duration is UNSET
    assert task.credential_id is None
    assert task.actor_user_id is None
    assert task.authorization_id is None
    assert task.request.duration == 10
    assert task.request.resolution == "1080P"
    assert task.request.ratio == "16:9"
    assert task.request.seed == 42
    response = _response(task)
    assert response.success is True
    assert response.state == "succeeded"
    assert response.video_url is UNSET  # the newer shape keeps the video under `data`
    assert isinstance(response.data, GenerationResponseData)
    assert response.data.video_url == f"https://cdn.acedata.cloud/wan/{NEWER_ID}.mp4"
    assert response.data.thumbnail_url == f"https://cdn.acedata.cloud/wan/{NEWER_ID}.jpg"
    assert isinstance(response.usage, TaskUsage)
    assert response.usage.resolution == "1920*1080"
    assert response.usage.seconds == 10
    assert response.usage.fps == 24
    assert response.usage.ratio == "16:9"
    assert response.cost == 2.5


def check_queued_task(parsed: Parsed) -> None:
    task = _task(parsed)
    assert task.id == QUEUED_ID
    assert task.response is UNSET  # waiting to start: no response at all
    assert task.job_id is UNSET
    assert task.request.model == "wan3.0-video"


def check_running_task(parsed: Parsed) -> None:
    task = _task(parsed)
    assert task.id == RUNNING_ID
    response = _response(task)
    assert response.state is UNSET
    assert response.status == "RUNNING"  # the upstream word, upper case: an open enum keeps it
    assert response.progress == 45
    assert task.request.model == "wan2.6-i2v-flash"


def check_listing(parsed: Parsed) -> None:
    assert isinstance(parsed, TaskBatch)
    assert parsed.count == 7  # every match, not this page's length
    assert [task.id for task in parsed.items] == [QUEUED_ID]


def check_unknown_task(parsed: Parsed) -> None:
    assert isinstance(parsed, UnknownTask)


def check_error(parsed: Parsed, *, status: int, name: str) -> None:
    assert isinstance(parsed, ErrorResponse)
    example = doc.response_examples(status)[name]
    assert parsed.success is False
    assert parsed.trace_id == example["trace_id"]
    if isinstance(example["error"], str):  # the other shape an error may have
        assert parsed.error == example["error"]
        return
    assert isinstance(parsed.error, ErrorDetail)
    assert parsed.error.code == name  # each error example is named after its code
    assert parsed.error.message == example["error"]["message"]
    assert parsed.trace_id == example["trace_id"]
    if name == "api_error":  # the published page's example
        assert parsed.error.message == "fetch failed"
        assert parsed.trace_id == "2cf86e86-22a4-46e1-ac2f-032c0f2a4e89"


# --- the exchanges ----------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Exchange:
    body: Body  # what the caller passes
    sent: dict[str, Any]  # the JSON body that must go out
    status: int  # the answer: a named example of openapi.yaml for this status
    answer: str
    check: Callable[[Parsed], None]


def _retrieve(task_id: str) -> tuple[RetrieveRequest, dict[str, Any]]:
    return RetrieveRequest(action="retrieve", id=task_id), {"action": "retrieve", "id": task_id}


REQUESTS = doc.request_examples()
RETRIEVE = RetrieveRequest(action="retrieve", id=PUBLISHED_ID)
RETRIEVE_BATCH = RetrieveBatchRequest(action="retrieve_batch", ids=[PUBLISHED_ID, PUBLISHED_ID])
RETRIEVE_BY_TRACE_ID = RetrieveRequest(action="retrieve", trace_id=PUBLISHED_TRACE_ID)
RETRIEVE_BATCH_BY_TRACE_IDS = RetrieveBatchRequest(
    action="retrieve_batch", trace_ids=[PUBLISHED_TRACE_ID]
)
LIST_RECENT = RetrieveBatchRequest(
    action="retrieve_batch",
    type_="videos",
    created_at_min=1769200000,
    created_at_max=1769300000,
    limit=20,
    offset=0,
)

EXCHANGES: dict[str, Exchange] = {
    "retrieve-published": Exchange(
        RETRIEVE, REQUESTS["retrieve"], 200, "completed_task", check_published_task
    ),
    "batch-published": Exchange(
        RETRIEVE_BATCH, REQUESTS["retrieve_batch"], 200, "batch", check_published_batch
    ),
    "retrieve-by-trace-id": Exchange(
        RETRIEVE_BY_TRACE_ID,
        REQUESTS["retrieve_by_trace_id"],
        200,
        "completed_task",
        check_published_task,
    ),
    "batch-by-trace-ids": Exchange(
        RETRIEVE_BATCH_BY_TRACE_IDS,
        REQUESTS["retrieve_batch_by_trace_ids"],
        200,
        "batch",
        check_published_batch,
    ),
    "list-with-filters": Exchange(
        LIST_RECENT, REQUESTS["list_recent_videos"], 200, "listing", check_listing
    ),
    "queued": Exchange(*_retrieve(QUEUED_ID), 200, "queued_task", check_queued_task),
    "running": Exchange(
        *_retrieve(RUNNING_ID), 200, "running_task_upstream_words", check_running_task
    ),
    "unknown-id": Exchange(*_retrieve(UNKNOWN_ID), 200, "unknown_id", check_unknown_task),
    "pending": Exchange(*_retrieve(PENDING_ID), 200, "pending_task", check_pending_task),
    "failed": Exchange(*_retrieve(FAILED_ID), 200, "failed_task", check_failed_task),
    "newer-shape": Exchange(
        *_retrieve(NEWER_ID), 200, "completed_task_newer_shape", check_newer_shape_task
    ),
    **{
        f"{status}-{name}": Exchange(
            RETRIEVE,
            REQUESTS["retrieve"],
            status,
            name,
            functools.partial(check_error, status=status, name=name),
        )
        for status, name, _ in doc.all_response_examples()
        if status != 200
    },
}


def test_every_documented_answer_is_exercised() -> None:
    exercised = {(exchange.status, exchange.answer) for exchange in EXCHANGES.values()}
    documented = {(status, name) for status, name, _ in doc.all_response_examples()}
    assert exercised == documented
    assert {status for status, _ in exercised} == {200, 400, 401, 402, 403, 429, 500, 504}


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("exchange", list(EXCHANGES.values()), ids=list(EXCHANGES))
async def test_exchange(mode: Mode, exchange: Exchange) -> None:
    answer = doc.response_examples(exchange.status)[exchange.answer]
    headers = doc.response_example_headers(exchange.status)
    with respx.mock(assert_all_called=True, assert_all_mocked=True) as router:
        route = router.post(URL).respond(exchange.status, json=answer, headers=headers)
        detailed, parsed = await call(mode, exchange.body)

    assert_sent(route, exchange.sent)
    exchange.check(parsed)
    assert parsed is not None
    assert parsed.to_dict() == answer  # nothing lost or added on the way in
    if detailed is not None:
        assert detailed.parsed is parsed
        assert detailed.status_code == HTTPStatus(exchange.status)
        assert json.loads(detailed.content) == answer
        for name, value in headers.items():
            assert detailed.headers[name] == value
        if exchange.status == 429:
            assert detailed.headers["retry-after"] == "2"
