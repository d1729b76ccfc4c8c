from http import HTTPStatus
from typing import Any, cast

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.retrieve_batch_request import RetrieveBatchRequest
from ...models.retrieve_request import RetrieveRequest
from ...models.task import Task
from ...models.task_batch import TaskBatch
from ...models.unknown_task import UnknownTask
from ...types import Response, parse_model_union, type_error


def _get_kwargs(
    *,
    body: RetrieveBatchRequest | RetrieveRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/wan/tasks",
    }

    if isinstance(body, RetrieveRequest):
        _kwargs["json"] = body.to_dict()
    else:
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | ErrorResponse | Task | TaskBatch | UnknownTask:
    if response.status_code == 200:

        def _parse_response_200(data: object) -> Task | TaskBatch | UnknownTask:
            if not isinstance(data, dict):
                raise type_error("object", data)
            return cast(
                Task | TaskBatch | UnknownTask,
                parse_model_union(
                    data,
                    (
                        Task,
                        TaskBatch,
                        UnknownTask,
                    ),
                    strict=True,
                    exclusive=True,
                ),
            )

        response_200 = _parse_response_200(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorResponse.from_dict(response.json())

        return response_401

    if response.status_code == 402:
        response_402 = ErrorResponse.from_dict(response.json())

        return response_402

    if response.status_code == 403:
        response_403 = ErrorResponse.from_dict(response.json())

        return response_403

    if response.status_code == 429:
        response_429 = ErrorResponse.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = ErrorResponse.from_dict(response.json())

        return response_500

    if response.status_code == 504:
        response_504 = ErrorResponse.from_dict(response.json())

        return response_504

    response_default = cast(Any, None)
    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Any | ErrorResponse | Task | TaskBatch | UnknownTask]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: RetrieveBatchRequest | RetrieveRequest,
) -> Response[Any | ErrorResponse | Task | TaskBatch | UnknownTask]:
    """Retrieve one task, several tasks, or a page of your tasks

     The body's `action` chooses the form of the answer: `retrieve` answers with a `Task`,
    or with `{}` when the id is unknown; `retrieve_batch` answers with a `TaskBatch`.

    **Retries.** Retrieval is read-only, so a client may safely repeat a request after a
    network error, a timeout, a 408, 409, 429 or a 5xx. The provider's own SDK does so, and
    waits up to 300 seconds for an answer.

    **Answers that do not come from the service.** A proxy or CDN in front of the service
    can answer instead of it, with an HTML page or an empty body rather than JSON, and with
    statuses the service itself does not use: 499 (the client closed the connection), 502
    (bad gateway), 503 (service unavailable) and the CDN's own 520 to 527 (the origin was
    unreachable, timed out or answered something unusable). Some of these numbers are not
    standard HTTP statuses. Treat any such answer as a temporary server error and repeat
    the request later; do not try to read it as an `ErrorResponse`.

    **Lookup by trace id.** `retrieve` with `trace_id` instead of `id`, and
    `retrieve_batch` with `trace_ids` instead of `ids`, are how the platform's other tasks
    endpoints (same request and answer shapes) look tasks up by the trace id of the request
    that created them. The provider's SDK sends them too; they are not confirmed for Wan.

    Args:
        body (RetrieveBatchRequest | RetrieveRequest): The body of `POST /wan/tasks`; its `action`
            says which form it is. `retrieve` looks up
            one task; `retrieve_batch` looks up several, or lists your tasks. Any other `action`
            is refused.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorResponse | Task | TaskBatch | UnknownTask]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: RetrieveBatchRequest | RetrieveRequest,
) -> Any | ErrorResponse | Task | TaskBatch | UnknownTask | None:
    """Retrieve one task, several tasks, or a page of your tasks

     The body's `action` chooses the form of the answer: `retrieve` answers with a `Task`,
    or with `{}` when the id is unknown; `retrieve_batch` answers with a `TaskBatch`.

    **Retries.** Retrieval is read-only, so a client may safely repeat a request after a
    network error, a timeout, a 408, 409, 429 or a 5xx. The provider's own SDK does so, and
    waits up to 300 seconds for an answer.

    **Answers that do not come from the service.** A proxy or CDN in front of the service
    can answer instead of it, with an HTML page or an empty body rather than JSON, and with
    statuses the service itself does not use: 499 (the client closed the connection), 502
    (bad gateway), 503 (service unavailable) and the CDN's own 520 to 527 (the origin was
    unreachable, timed out or answered something unusable). Some of these numbers are not
    standard HTTP statuses. Treat any such answer as a temporary server error and repeat
    the request later; do not try to read it as an `ErrorResponse`.

    **Lookup by trace id.** `retrieve` with `trace_id` instead of `id`, and
    `retrieve_batch` with `trace_ids` instead of `ids`, are how the platform's other tasks
    endpoints (same request and answer shapes) look tasks up by the trace id of the request
    that created them. The provider's SDK sends them too; they are not confirmed for Wan.

    Args:
        body (RetrieveBatchRequest | RetrieveRequest): The body of `POST /wan/tasks`; its `action`
            says which form it is. `retrieve` looks up
            one task; `retrieve_batch` looks up several, or lists your tasks. Any other `action`
            is refused.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ErrorResponse | Task | TaskBatch | UnknownTask
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: RetrieveBatchRequest | RetrieveRequest,
) -> Response[Any | ErrorResponse | Task | TaskBatch | UnknownTask]:
    """Retrieve one task, several tasks, or a page of your tasks

     The body's `action` chooses the form of the answer: `retrieve` answers with a `Task`,
    or with `{}` when the id is unknown; `retrieve_batch` answers with a `TaskBatch`.

    **Retries.** Retrieval is read-only, so a client may safely repeat a request after a
    network error, a timeout, a 408, 409, 429 or a 5xx. The provider's own SDK does so, and
    waits up to 300 seconds for an answer.

    **Answers that do not come from the service.** A proxy or CDN in front of the service
    can answer instead of it, with an HTML page or an empty body rather than JSON, and with
    statuses the service itself does not use: 499 (the client closed the connection), 502
    (bad gateway), 503 (service unavailable) and the CDN's own 520 to 527 (the origin was
    unreachable, timed out or answered something unusable). Some of these numbers are not
    standard HTTP statuses. Treat any such answer as a temporary server error and repeat
    the request later; do not try to read it as an `ErrorResponse`.

    **Lookup by trace id.** `retrieve` with `trace_id` instead of `id`, and
    `retrieve_batch` with `trace_ids` instead of `ids`, are how the platform's other tasks
    endpoints (same request and answer shapes) look tasks up by the trace id of the request
    that created them. The provider's SDK sends them too; they are not confirmed for Wan.

    Args:
        body (RetrieveBatchRequest | RetrieveRequest): The body of `POST /wan/tasks`; its `action`
            says which form it is. `retrieve` looks up
            one task; `retrieve_batch` looks up several, or lists your tasks. Any other `action`
            is refused.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorResponse | Task | TaskBatch | UnknownTask]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: RetrieveBatchRequest | RetrieveRequest,
) -> Any | ErrorResponse | Task | TaskBatch | UnknownTask | None:
    """Retrieve one task, several tasks, or a page of your tasks

     The body's `action` chooses the form of the answer: `retrieve` answers with a `Task`,
    or with `{}` when the id is unknown; `retrieve_batch` answers with a `TaskBatch`.

    **Retries.** Retrieval is read-only, so a client may safely repeat a request after a
    network error, a timeout, a 408, 409, 429 or a 5xx. The provider's own SDK does so, and
    waits up to 300 seconds for an answer.

    **Answers that do not come from the service.** A proxy or CDN in front of the service
    can answer instead of it, with an HTML page or an empty body rather than JSON, and with
    statuses the service itself does not use: 499 (the client closed the connection), 502
    (bad gateway), 503 (service unavailable) and the CDN's own 520 to 527 (the origin was
    unreachable, timed out or answered something unusable). Some of these numbers are not
    standard HTTP statuses. Treat any such answer as a temporary server error and repeat
    the request later; do not try to read it as an `ErrorResponse`.

    **Lookup by trace id.** `retrieve` with `trace_id` instead of `id`, and
    `retrieve_batch` with `trace_ids` instead of `ids`, are how the platform's other tasks
    endpoints (same request and answer shapes) look tasks up by the trace id of the request
    that created them. The provider's SDK sends them too; they are not confirmed for Wan.

    Args:
        body (RetrieveBatchRequest | RetrieveRequest): The body of `POST /wan/tasks`; its `action`
            says which form it is. `retrieve` looks up
            one task; `retrieve_batch` looks up several, or lists your tasks. Any other `action`
            is refused.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ErrorResponse | Task | TaskBatch | UnknownTask
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
