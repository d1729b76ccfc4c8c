"""The spec's documented examples, as Python data.

The fake must not need `openapi.yaml` or a YAML parser at run time, so the named examples of
`POST /wan/tasks` are copied here; a test keeps them equal to the spec's. They seed the fake
(`FakeWanTasks.add_example`), and the error examples give the fake its error messages.
"""

from __future__ import annotations

import copy
from typing import Any, Final, Literal, TypeAlias, get_args

__all__ = [
    "API_ID",
    "APPLICATION_ID",
    "CREDENTIAL_ID",
    "ERROR_EXAMPLES",
    "EXAMPLE_NAMES",
    "REQUEST_EXAMPLES",
    "RESPONSE_EXAMPLES",
    "TASK_EXAMPLES",
    "USER_ID",
    "ExampleName",
    "example_task",
]

#: The account every documented example belongs to; the fake's default token is this user's.
USER_ID: Final = "ad7afe47-cea9-4cda-980f-2ad8810e51cf"
APPLICATION_ID: Final = "52933893-8e8b-4cd6-b9e5-2354eedea000"
API_ID: Final = "6a4ecdbf-b219-4505-8277-5ec4b1ac14f8"
CREDENTIAL_ID: Final = "c7173d71-d234-413e-ab72-7bfa6715d12f"

#: The names of the documented task records (the 200 examples that are one task).
ExampleName: TypeAlias = Literal[
    "completed_task",
    "pending_task",
    "failed_task",
    "completed_task_newer_shape",
]

#: The same names, in the spec's order.
EXAMPLE_NAMES: Final[tuple[ExampleName, ...]] = get_args(ExampleName)

_COMPLETED_TASK: Final[dict[str, Any]] = {
    "_id": "6974ce81ff2676299c399252",
    "id": "a4bca552-d964-46a1-8ff7-fd922f916582",
    "api_id": API_ID,
    "application_id": APPLICATION_ID,
    "created_at": 1769262721.763,
    "credential_id": CREDENTIAL_ID,
    "request": {
        "action": "text2video",
        "model": "wan2.6-t2v",
        "prompt": "Astronauts shuttle from space to volcano",
        "duration": 5,
    },
    "trace_id": "b9cf9569-4010-46b1-80ec-efc881126eac",
    "type": "videos",
    "user_id": USER_ID,
    "job_id": "0d2042f9-ba8d-496d-8ab5-182617e28f9e",
    "response": {
        "success": True,
        "video_url": (
            "https://dashscope-result-sh.oss-accelerate.aliyuncs.com/1d/db/20260124/da477ba2/"
            "0d2042f9-ba8d-496d-8ab5-182617e28f9e.mp4?Expires=1769349278"
            "&OSSAccessKeyId=LTAI5tKPD3TMqf2Lna1fASuh"
            "&Signature=SjBa4wRcDVx3SSYu%2Fx7BYCFQk0s%3D"
        ),
        "state": "completed",
        "task_id": "a4bca552-d964-46a1-8ff7-fd922f916582",
    },
    "duration": 787.3310000896454,
    "finished_at": 1769263509.094,
}

_PENDING_TASK: Final[dict[str, Any]] = {
    "_id": "6974d01aff2676299c3992a8",
    "id": "7f1c2e9a-3b4d-4e5f-8a6b-9c0d1e2f3a4b",
    "api_id": API_ID,
    "application_id": APPLICATION_ID,
    "created_at": 1769263130.412,
    "started_at": 1769263130.9,
    "credential_id": CREDENTIAL_ID,
    "request": {
        "action": "text2video",
        "model": "wan2.6-t2v",
        "prompt": "A paper boat drifting down a rainy street",
        "duration": 5,
    },
    "trace_id": "1e6b9d0c-5a7f-4c2e-9b8a-3d4f5e6a7b8c",
    "type": "videos",
    "user_id": USER_ID,
    "job_id": "5c6d7e8f-9a0b-4c1d-8e2f-3a4b5c6d7e8f",
    "response": {
        "success": True,
        "state": "processing",
        "task_id": "7f1c2e9a-3b4d-4e5f-8a6b-9c0d1e2f3a4b",
    },
    "finished_at": None,
}

_FAILED_TASK: Final[dict[str, Any]] = {
    "_id": "6974d1c4ff2676299c3992f3",
    "id": "0b8e4c6a-2d1f-4a3b-9c5e-7f8a9b0c1d2e",
    "api_id": API_ID,
    "application_id": APPLICATION_ID,
    "created_at": 1769263556.201,
    "started_at": 1769263556.874,
    "credential_id": CREDENTIAL_ID,
    "request": {
        "action": "image2video",
        "model": "wan2.6-i2v",
        "prompt": "The statue turns its head and smiles",
        "image_url": "https://cdn.acedata.cloud/examples/statue.png",
        "duration": 5,
    },
    "trace_id": "6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d",
    "type": "videos",
    "user_id": USER_ID,
    "job_id": "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b",
    "response": {
        "success": False,
        "state": "failed",
        "task_id": "0b8e4c6a-2d1f-4a3b-9c5e-7f8a9b0c1d2e",
        "error": {
            "code": "DataInspectionFailed",
            "message": "Input data may contain inappropriate content.",
        },
    },
    "duration": 41.377,
    "finished_at": 1769263598.251,
}

_COMPLETED_TASK_NEWER_SHAPE: Final[dict[str, Any]] = {
    "_id": "6975a2e0ff2676299c39a410",
    "id": "3d9f1b7e-6c5a-4e8d-b2f4-0a1c3e5d7f9b",
    "api_id": API_ID,
    "application_id": APPLICATION_ID,
    "created_at": 1769317088.52,
    "started_at": 1769317089.003,
    "credential_id": None,
    "actor_user_id": None,
    "authorization_id": None,
    "request": {
        "action": "text2video",
        "model": "wan2.6-t2v",
        "prompt": "A hummingbird hovering over a red flower, slow motion",
        "duration": 10,
        "resolution": "1080P",
        "ratio": "16:9",
        "seed": 42,
    },
    "trace_id": "8b2e4d6f-1a3c-4e5b-9d7f-2c4e6a8b0d1f",
    "type": "videos",
    "user_id": USER_ID,
    "job_id": "4f6a8c0e-2b4d-4f6a-8c0e-2b4d6f8a0c2e",
    "response": {
        "success": True,
        "state": "succeeded",
        "task_id": "3d9f1b7e-6c5a-4e8d-b2f4-0a1c3e5d7f9b",
        "data": {
            "video_url": "https://cdn.acedata.cloud/wan/3d9f1b7e-6c5a-4e8d-b2f4-0a1c3e5d7f9b.mp4",
            "thumbnail_url": (
                "https://cdn.acedata.cloud/wan/3d9f1b7e-6c5a-4e8d-b2f4-0a1c3e5d7f9b.jpg"
            ),
        },
        "usage": {"resolution": "1920*1080", "seconds": 10, "fps": 24, "ratio": "16:9"},
        "cost": 2.5,
    },
    "elapsed": 214.06,
    "finished_at": 1769317303.063,
}

# Two more task records, in shapes the fake does not seed (no response yet; the upstream
# provider's words under `status`). Created after the listing example's time range.
_QUEUED_TASK: Final[dict[str, Any]] = {
    "_id": "6975b0c2ff2676299c39a5d1",
    "id": "5e7a9c1b-3d5f-4a7b-9c1d-3e5f7a9b1c3d",
    "api_id": API_ID,
    "application_id": APPLICATION_ID,
    "created_at": 1769320642.118,
    "credential_id": CREDENTIAL_ID,
    "request": {
        "action": "text2video",
        "model": "wan3.0-video",
        "prompt": "Lanterns rising over a night market",
        "duration": 10,
    },
    "trace_id": "2d4f6a8c-0e2a-4c4e-8a6c-0e2a4c6e8a0c",
    "type": "videos",
    "user_id": USER_ID,
    "finished_at": None,
}

_RUNNING_TASK_UPSTREAM_WORDS: Final[dict[str, Any]] = {
    "_id": "6975b1d7ff2676299c39a5e8",
    "id": "6f8b0d2c-4e6a-4b8c-8d0e-4f6a8b0c2d4e",
    "api_id": API_ID,
    "application_id": APPLICATION_ID,
    "created_at": 1769320919.506,
    "started_at": 1769320920.031,
    "credential_id": CREDENTIAL_ID,
    "request": {
        "action": "image2video",
        "model": "wan2.6-i2v-flash",
        "prompt": "The kite climbs into the clouds",
        "image_url": "https://cdn.acedata.cloud/examples/kite.png",
        "duration": 5,
    },
    "trace_id": "3e5a7c9e-1b3d-4f5a-9c7e-1b3d5f7a9c1e",
    "type": "videos",
    "user_id": USER_ID,
    "job_id": "7a9c1e3b-5d7f-4a9c-8e1b-5d7f9a1c3e5b",
    "response": {
        "success": True,
        "status": "RUNNING",
        "progress": 45,
        "task_id": "6f8b0d2c-4e6a-4b8c-8d0e-4f6a8b0c2d4e",
    },
    "finished_at": None,
    "elapsed": None,
}

#: The documented task records, by the spec's example name.
TASK_EXAMPLES: Final[dict[str, dict[str, Any]]] = {
    "completed_task": _COMPLETED_TASK,
    "pending_task": _PENDING_TASK,
    "failed_task": _FAILED_TASK,
    "completed_task_newer_shape": _COMPLETED_TASK_NEWER_SHAPE,
}

#: Every named example of the 200 answer, as in the spec.
RESPONSE_EXAMPLES: Final[dict[str, dict[str, Any]]] = {
    **TASK_EXAMPLES,
    "batch": {"items": [_COMPLETED_TASK, _COMPLETED_TASK], "count": 2},
    "queued_task": _QUEUED_TASK,
    "running_task_upstream_words": _RUNNING_TASK_UPSTREAM_WORDS,
    "listing": {"items": [_QUEUED_TASK], "count": 7},
    "unknown_id": {},
}

#: Every named example of the request body, as in the spec.
REQUEST_EXAMPLES: Final[dict[str, dict[str, Any]]] = {
    "retrieve": {"id": "a4bca552-d964-46a1-8ff7-fd922f916582", "action": "retrieve"},
    "retrieve_by_trace_id": {
        "trace_id": "b9cf9569-4010-46b1-80ec-efc881126eac",
        "action": "retrieve",
    },
    "retrieve_batch": {
        "ids": ["a4bca552-d964-46a1-8ff7-fd922f916582", "a4bca552-d964-46a1-8ff7-fd922f916582"],
        "action": "retrieve_batch",
    },
    "retrieve_batch_by_trace_ids": {
        "trace_ids": ["b9cf9569-4010-46b1-80ec-efc881126eac"],
        "action": "retrieve_batch",
    },
    "list_recent_videos": {
        "action": "retrieve_batch",
        "type": "videos",
        "created_at_min": 1769200000,
        "created_at_max": 1769300000,
        "limit": 20,
        "offset": 0,
    },
}


def _error(code: str, message: str, trace_id: str) -> dict[str, Any]:
    return {"success": False, "error": {"code": code, "message": message}, "trace_id": trace_id}


#: Every named example of an error answer, by error code (the example's name), as in the spec.
#: The 402 example gives its error as a bare message, the other shape the spec allows.
ERROR_EXAMPLES: Final[dict[str, dict[str, Any]]] = {
    "token_mismatched": _error(
        "token_mismatched",
        "The token does not match this API.",
        "3f1a2b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b",
    ),
    "api_not_implemented": _error(
        "api_not_implemented",
        "The action is not implemented.",
        "4a5b6c7d-8e9f-4a0b-9c1d-2e3f4a5b6c7d",
    ),
    "bad_request": _error(
        "bad_request",
        "id is required for action retrieve",
        "5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e",
    ),
    "used_up": _error(
        "used_up", "Your balance is used up.", "6c7d8e9f-0a1b-4c2d-9e3f-4a5b6c7d8e9f"
    ),
    "invalid_token": _error(
        "invalid_token", "The token is invalid.", "7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a"
    ),
    "no_token": _error(
        "no_token", "An API token is required.", "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f"
    ),
    "token_expired": _error(
        "token_expired", "The token has expired.", "2e4a6c8e-0b2d-4f6a-8c0e-2b4d6f8a0c2e"
    ),
    "payment_required": {
        "success": False,
        "error": "Payment is required for this request.",
        "trace_id": "4c6e8a0c-2e4a-4c6e-9a0c-2e4a6c8e0a2c",
    },
    "forbidden": _error(
        "forbidden",
        "You are not allowed to access this API.",
        "8e9f0a1b-2c3d-4e4f-9a5b-6c7d8e9f0a1b",
    ),
    "disabled": _error(
        "disabled", "This resource is disabled.", "5d7f9b1d-3f5b-4d7f-8b1d-3f5b7d9f1b3d"
    ),
    "too_many_requests": _error(
        "too_many_requests",
        "Too many requests, please slow down.",
        "9f0a1b2c-3d4e-4f5a-8b6c-7d8e9f0a1b2c",
    ),
    "api_error": _error("api_error", "fetch failed", "2cf86e86-22a4-46e1-ac2f-032c0f2a4e89"),
    "timeout": _error("timeout", "The request timed out.", "0a1b2c3d-4e5f-4a6b-9c7d-8e9f0a1b2c3d"),
}


def example_task(name: ExampleName) -> dict[str, Any]:
    """A fresh deep copy of the documented task record `name`."""
    try:
        return copy.deepcopy(TASK_EXAMPLES[name])
    except KeyError:
        raise ValueError(
            f"no documented task example {name!r}; known: {', '.join(TASK_EXAMPLES)}"
        ) from None
