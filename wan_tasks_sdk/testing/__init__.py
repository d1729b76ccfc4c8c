"""A faithful, in-memory fake of the Wan Tasks service, for tests, demos and the CLI.

One implementation of the service (`FakeWanTasks.handle`) reached three ways: httpx transports
(`fake.transport()`, `fake.async_transport()`), a WSGI app (`fake.wsgi_app`), and a real HTTP
server on 127.0.0.1 (`FakeWanTasksServer`, `serve`). It keeps the behaviours of `openapi.yaml`
that the published page leaves out: an unknown id answers 200 `{}`; a batch leaves unknown ids
out, repeats repeated ones, is ordered newest first (not as `ids`) and counts every match;
tasks move from no `response` to `processing` to a video or an error on a clock the test
controls (`FakeClock`); records come in the older and the newer shape; errors carry the
service's JSON body. Faults (`inject`) script rate limits, 5xx, HTML from a proxy, slow
answers, dropped connections and cut-short downloads; `requests` records every call with the
token redacted. Its documented tasks, its error messages and the rules of a request body come
from the spec the package carries (`wan_tasks_sdk.spec`), never from a copy; every video and
thumbnail link it makes is its own, so nothing it seeds leads off the machine.

    fake = FakeWanTasks(clock=FakeClock())
    task_id = fake.create_task(prompt="a cat", queued_for=2, processing_for=10)
    client = httpx.Client(transport=fake.transport(), base_url="https://api.acedata.cloud")
    fake.clock.advance(12)   # the task has its video now

With pytest, the fixtures `wan_tasks_fake`, `wan_tasks_client`, `wan_tasks_async_client` and
`wan_tasks_server` come with the package (`wan_tasks_sdk.testing.pytest_plugin`).
Importing this module is cheap: what needs httpx or the HTTP server loads on first use.
"""

from __future__ import annotations

import importlib
import warnings
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._clock import Clock, FakeClock, SystemClock
    from ._faults import (
        Disconnect,
        ErrorReply,
        Fault,
        FaultTarget,
        ProxyError,
        RateLimited,
        ServerFault,
        Slow,
        TruncatedBody,
    )
    from ._server import FakeWanTasksServer, serve
    from ._service import (
        DEFAULT_BASE_URL,
        DEFAULT_TOKEN,
        DEFAULT_VIDEO_SIZE,
        Answer,
        FakeWanTasks,
        Outcome,
        RecordedRequest,
        Shape,
    )
    from ._spec import ExampleName

__all__ = [
    "DEFAULT_BASE_URL",
    "DEFAULT_TOKEN",
    "DEFAULT_VIDEO_SIZE",
    "Answer",
    "Clock",
    "Disconnect",
    "ErrorReply",
    "ExampleName",
    "FakeClock",
    "FakeWanTasks",
    "FakeWanTasksServer",
    "Fault",
    "FaultTarget",
    "Outcome",
    "ProxyError",
    "RateLimited",
    "RecordedRequest",
    "ServerFault",
    "Shape",
    "Slow",
    "SystemClock",
    "TruncatedBody",
    "serve",
]

_HOMES = {
    "Clock": "_clock",
    "FakeClock": "_clock",
    "SystemClock": "_clock",
    "ExampleName": "_spec",
    "Disconnect": "_faults",
    "ErrorReply": "_faults",
    "Fault": "_faults",
    "FaultTarget": "_faults",
    "ProxyError": "_faults",
    "RateLimited": "_faults",
    "ServerFault": "_faults",
    "Slow": "_faults",
    "TruncatedBody": "_faults",
    "FakeWanTasksServer": "_server",
    "serve": "_server",
    "DEFAULT_BASE_URL": "_service",
    "DEFAULT_TOKEN": "_service",
    "DEFAULT_VIDEO_SIZE": "_service",
    "Answer": "_service",
    "FakeWanTasks": "_service",
    "Outcome": "_service",
    "RecordedRequest": "_service",
    "Shape": "_service",
}


# Old names that still work, with a DeprecationWarning: {old: new}.
_RENAMED = {"ServerError": "ServerFault"}


def __getattr__(name: str) -> Any:
    # Lazy: pytest imports this package for its plugin in every run, fixtures used or not.
    if name in _RENAMED:
        new = _RENAMED[name]
        warnings.warn(
            f"wan_tasks_sdk.testing.{name} is deprecated: use {new} (renamed in 0.2.0 so that it"
            f" no longer clashes with the exception wan_tasks_sdk.{name})",
            DeprecationWarning,
            stacklevel=2,
        )
        return __getattr__(new)
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
