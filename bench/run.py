"""`make bench`: what the SDK costs over raw httpx, measured side by side in one run.

Each comparison interleaves rounds of its sides, rotating their order, and takes the median CPU
time per call of this thread (`time.thread_time`): the other processes of a shared machine then
slow neither side more than the other, and ratios hold where absolute times drift. The targets
are the standing ones of issue 8; a line marked OVER misses its target, and the run exits 1.

1. `retrieve()` against `httpx.Client.post(url, json=...).json()` on the same canned transport,
   with the stdlib's JSON decoder (the default) and with orjson (`pip install ...[fast]`).
   Beside them, for information, the raw side on a client that keeps no cookies, as the SDK's
   own does: the SDK's cost beyond the saving that brings.
2. A 50-task `retrieve_batch` against the same raw post + json.
3. `import wan_tasks_sdk` against `import httpx`: CPU time (user + system) of whole fresh
   interpreters, medians; and import + client + first call, beside the httpx equivalent.
4. `wait()` on 5,000 and 100,000 tasks of the fake service, on a fake clock: requests per
   polling round, CPU per round and memory per tracked task, beside a loop that polls the same
   batches with raw httpx and keeps the decoded dicts, one of its rounds after each of wait()'s.
"""

from __future__ import annotations

import gc
import math
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import httpx

from wan_tasks_sdk import WanTasks, _client, _core
from wan_tasks_sdk.testing import FakeClock, FakeWanTasks

TOKEN = "bench-token"
URL = "https://api.acedata.cloud/wan/tasks"
BATCH = 50
POLL_INTERVAL = 15.0
IMPORT_SAMPLES = 31
WAIT_SIZES = (5_000, 100_000)
TERMINAL_STATES = frozenset({"completed", "succeeded", "failed"})

Side = Callable[[int], None]
"""Makes `n` calls of one side of a comparison."""


class Report:
    """Prints result lines and remembers the targets they miss."""

    def __init__(self) -> None:
        self.over: list[str] = []

    def verdict(self, what: str, value: float, target: float) -> str:
        if value <= target:
            return "PASS"
        self.over.append(f"{what}: {value:.3f}x > {target:.2f}x")
        return "OVER"


def interleaved(sides: dict[str, Side], calls: int, rounds: int) -> dict[str, float]:
    """Median CPU seconds per call of each side, over rounds that rotate the sides' order."""
    names = list(sides)
    for name in names:  # warm-up: caches, lazily built httpx state, the allocator
        sides[name](calls * 20)
    times: dict[str, list[float]] = {name: [] for name in names}
    for number in range(rounds):
        shift = number % len(names)
        for name in names[shift:] + names[:shift]:
            start = time.thread_time()
            sides[name](calls)
            times[name].append((time.thread_time() - start) / calls)
    return {name: statistics.median(values) for name, values in times.items()}


def repeat(call: Callable[[], object], *, fast_json: bool | None = None) -> Side:
    """A side that makes `call`; `fast_json` picks the SDK's decoder for its rounds."""
    fast_loads = _core._fast_loads

    def side(calls: int) -> None:
        if fast_json is not None:
            _core._fast_loads = fast_loads if fast_json else None
        try:
            for _ in range(calls):
                call()
        finally:
            _core._fast_loads = fast_loads

    return side


def canned(body: bytes) -> httpx.MockTransport:
    """A transport that answers every request with `body`, at next to no cost of its own."""
    return httpx.MockTransport(
        lambda request: httpx.Response(
            200, content=body, headers={"content-type": "application/json"}
        )
    )


def finished_fake(count: int) -> tuple[FakeWanTasks, list[str]]:
    """A fake service holding `count` finished tasks, a tenth of them failed."""
    fake, clock, ids = seeded_fake(count)
    clock.advance(3600)
    return fake, ids


def seeded_fake(count: int) -> tuple[FakeWanTasks, FakeClock, list[str]]:
    """`count` tasks that finish at spread-out times over about a minute, a tenth failing."""
    clock = FakeClock()
    fake = FakeWanTasks(clock=clock, token=TOKEN, video_size=0)
    ids = [
        fake.create_task(
            f"task {index}",
            outcome="failed" if index % 10 == 9 else "succeeded",
            queued_for=1.0 + index % 7,
            processing_for=5.0 + (index * 13) % 50,
        )
        for index in range(count)
    ]
    return fake, clock, ids


def answer_of(transport: httpx.BaseTransport, payload: dict[str, Any]) -> bytes:
    with httpx.Client(transport=transport, headers={"authorization": f"Bearer {TOKEN}"}) as http:
        return http.post(URL, json=payload).content


def compare_calls(
    report: Report,
    *,
    what: str,
    body: bytes,
    raw_payload: dict[str, Any],
    sdk_call: Callable[[WanTasks], object],
    targets: tuple[float, float],
    calls: int,
    rounds: int,
) -> None:
    """One raw side and the SDK with each decoder, on one transport that answers `body`."""
    transport = canned(body)
    headers = {"authorization": f"Bearer {TOKEN}"}
    raw = httpx.Client(transport=transport, headers=headers)
    # The SDK's own client keeps no cookies, which spares it httpx's reading of every answer's
    # `Set-Cookie` headers: this side shows what the SDK costs beyond that saving.
    cookieless = _client._ApiClient(transport=transport, headers=headers)
    sdk = WanTasks(TOKEN, transport=transport)
    sides = {
        "raw": repeat(lambda: raw.post(URL, json=raw_payload).json()),
        "cookieless": repeat(lambda: cookieless.post(URL, json=raw_payload).json()),
        "stdlib": repeat(lambda: sdk_call(sdk), fast_json=False),
    }
    if _core._fast_loads is not None:
        sides["fast"] = repeat(lambda: sdk_call(sdk), fast_json=True)
    median = interleaved(sides, calls, rounds)
    raw.close()
    cookieless.close()
    sdk.close()
    print(f"   CPU per call, median of {rounds} interleaved rounds of {calls} calls")
    print(f"   {'raw post(...).json()':<42} {median['raw'] * 1e6:8.1f} us")
    label = "  the same, on a client keeping no cookies"
    print(
        f"   {label:<42} {median['cookieless'] * 1e6:8.1f} us"
        f"  {median['cookieless'] / median['raw']:6.3f}x   (informative: the SDK's own client"
        " keeps none)"
    )
    for side, label, target in (
        ("stdlib", f"{what}, stdlib json (default)", targets[0]),
        ("fast", f"{what}, [fast] orjson", targets[1]),
    ):
        if side not in median:
            print(f"   {label:<42} not measured: orjson is not installed ([fast] extra)")
            continue
        ratio = median[side] / median["raw"]
        mark = report.verdict(label, ratio, target)
        print(
            f"   {label:<42} {median[side] * 1e6:8.1f} us  {ratio:6.3f}x"
            f"   target <= {target:.2f}x  {mark}"
            f"   ({median[side] / median['cookieless']:.3f}x the cookieless side)"
        )


# --- 3. imports --------------------------------------------------------------------------------

# httpx imports its command-line client's packages (click, rich, pygments) when they are
# installed, as the dev tools install them here; a user's install does not have them.
# Both sides hide them alike, so neither baseline carries ~100 ms that users never pay.
_AS_INSTALLED = "import sys; sys.modules.update(dict.fromkeys(('click', 'rich', 'pygments')))\n"
_WITHOUT_FAST = "sys.modules['orjson'] = None\n"


# Bytecode caches on, as `pip install` writes them: without, every start compiles the sources.
_WITH_BYTECODE = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def process_cpu(program: str) -> float:
    """CPU seconds (user + system) of a fresh interpreter that runs `program`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, "-c", program], check=True, env=_WITH_BYTECODE)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def import_programs(body: bytes, task_id: str) -> dict[str, str]:
    answer = (
        f"transport = httpx.MockTransport(lambda request: httpx.Response(200, content={body!r}))\n"
    )
    return {
        "python -c pass": _AS_INSTALLED,
        "import httpx": _AS_INSTALLED + "import httpx\n",
        "import wan_tasks_sdk": _AS_INSTALLED + _WITHOUT_FAST + "import wan_tasks_sdk\n",
        "import wan_tasks_sdk, [fast]": _AS_INSTALLED + "import wan_tasks_sdk\n",
        "httpx: import, client, post().json()": (
            _AS_INSTALLED
            + "import httpx\n"
            + answer
            + f"httpx.Client(transport=transport).post({URL!r}, json={{'action': 'retrieve',"
            f" 'id': {task_id!r}}}, headers={{'authorization': 'Bearer {TOKEN}'}}).json()\n"
        ),
        "sdk: import, client, retrieve()": (
            _AS_INSTALLED
            + _WITHOUT_FAST
            + "import httpx\nfrom wan_tasks_sdk import WanTasks\n"
            + answer
            + f"WanTasks({TOKEN!r}, transport=transport).retrieve({task_id!r})\n"
        ),
    }


def compare_imports(report: Report, body: bytes, task_id: str) -> None:
    programs = import_programs(body, task_id)
    for program in programs.values():  # warm-up: bytecode caches, the page cache
        process_cpu(program)
    samples: dict[str, list[float]] = {name: [] for name in programs}
    names = list(programs)
    for number in range(IMPORT_SAMPLES):
        shift = number % len(names)
        for name in names[shift:] + names[:shift]:
            samples[name].append(process_cpu(programs[name]))
    median = {name: statistics.median(values) for name, values in samples.items()}
    print(f"   median of {IMPORT_SAMPLES} runs of each, interleaved in rotating order")
    print("   (httpx's optional CLI packages hidden on both sides, as in a user's install)")
    for name, baseline, target in (
        ("python -c pass", None, None),
        ("import httpx", None, None),
        ("import wan_tasks_sdk", "import httpx", 1.35),
        ("import wan_tasks_sdk, [fast]", "import httpx", None),
        ("httpx: import, client, post().json()", None, None),
        ("sdk: import, client, retrieve()", "httpx: import, client, post().json()", None),
    ):
        line = f"   {name:<38} {median[name] * 1e3:7.1f} ms"
        if baseline is not None:
            ratio = median[name] / median[baseline]
            line += f"  {ratio:6.3f}x"
            if target is not None:
                line += f"   target <= {target:.2f}x  {report.verdict(name, ratio, target)}"
        print(line)


# --- 4. wait() on many tasks -------------------------------------------------------------------


class TimedTransport(httpx.BaseTransport):
    """The fake's transport, counting its requests and the CPU time it spends answering."""

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner = inner
        self.requests = 0
        self.cpu = 0.0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        start = time.thread_time()
        try:
            return self.inner.handle_request(request)
        finally:
            self.cpu += time.thread_time() - start
            self.requests += 1


class RoundMeter:
    """Requests and client-side CPU (the fake's answering taken out) of each polling round."""

    def __init__(self, transport: TimedTransport) -> None:
        self.transport = transport
        self.requests: list[int] = []
        self.cpu: list[float] = []
        self.start_round()

    def start_round(self) -> None:
        self._mark = (time.thread_time(), self.transport.cpu, self.transport.requests)

    def end_round(self) -> None:
        now, fake_cpu, requests = time.thread_time(), self.transport.cpu, self.transport.requests
        started, fake_started, requests_before = self._mark
        self.cpu.append((now - started) - (fake_cpu - fake_started))
        self.requests.append(requests - requests_before)

    def full_round_cpu(self, requests: int) -> float:
        """CPU seconds of a round of `requests` requests, from the mean over every round."""
        return sum(self.cpu) / sum(self.requests) * requests


def chunks(ids: Sequence[str], size: int) -> Iterator[Sequence[str]]:
    return (ids[start : start + size] for start in range(0, len(ids), size))


def waits(count: int) -> tuple[RoundMeter, float, RoundMeter, float]:
    """`wait()` on `count` tasks, and after each of its rounds the same round with raw httpx,
    against one fake at the same moment of its clock: the rounds, and bytes per task held."""
    fake, clock, ids = seeded_fake(count)
    sdk = RoundMeter(TimedTransport(fake.transport()))
    raw = RoundMeter(TimedTransport(fake.transport()))
    latest: dict[str, Any] = {}
    unfinished: list[str] = ids

    def after_sdk_round(_: object) -> None:
        nonlocal unfinished
        sdk.end_round()
        if unfinished:
            raw.start_round()
            unfinished = raw_poll(http, unfinished, latest)
            raw.end_round()
        sdk.start_round()

    headers = {"authorization": f"Bearer {TOKEN}"}
    with (
        httpx.Client(transport=raw.transport, headers=headers) as http,
        WanTasks(TOKEN, transport=sdk.transport, clock=clock) as client,
    ):
        sdk.start_round()
        tasks = client.wait(
            ids,
            timeout=3600,
            poll_interval=POLL_INTERVAL,
            raise_on_failure=False,
            on_progress=after_sdk_round,
        )
    assert not unfinished, "both sides see the same fake at the same times"
    return sdk, deep_size({task.id: task for task in tasks}) / count, raw, deep_size(latest) / count


def raw_poll(http: httpx.Client, ids: Sequence[str], latest: dict[str, Any]) -> list[str]:
    """One round of the baseline: batches of 50, the decoded dicts kept by id; the unfinished."""
    for chunk in chunks(ids, BATCH):
        payload = {"action": "retrieve_batch", "ids": list(chunk)}
        for record in http.post(URL, json=payload).json()["items"]:
            latest[record["id"]] = record
    return [
        task_id
        for task_id in ids
        if ((latest.get(task_id) or {}).get("response") or {}).get("state") not in TERMINAL_STATES
    ]


def deep_size(root: object) -> int:
    """Bytes of `root` and of everything it references, each object once, classes left out."""
    seen: set[int] = set()
    stack = [root]
    total = 0
    while stack:
        obj = stack.pop()
        if id(obj) in seen or isinstance(obj, type):
            continue
        seen.add(id(obj))
        total += sys.getsizeof(obj)
        stack.extend(gc.get_referents(obj))
    return total


def compare_waits(report: Report) -> None:
    print(
        f"   {'N':>7} {'rounds':>6} {'requests/round':>14} {'target':>6}  "
        f"{'CPU/round: sdk':>14} {'raw':>8} {'ratio':>6}  "
        f"{'bytes/task: sdk':>15} {'raw':>6} {'ratio':>6}"
    )
    for count in WAIT_SIZES:
        sdk, sdk_bytes, raw, raw_bytes = waits(count)
        target = math.ceil(count / BATCH)
        worst = max(sdk.requests)
        if worst > target:
            report.over.append(f"wait() on {count}: {worst} requests in a round > {target}")
        sdk_cpu, raw_cpu = sdk.full_round_cpu(target), raw.full_round_cpu(target)
        print(
            f"   {count:>7} {len(sdk.requests):>6} {worst:>14} {target:>6}  "
            f"{sdk_cpu * 1e3:>11.1f} ms {raw_cpu * 1e3:>5.1f} ms {sdk_cpu / raw_cpu:>5.2f}x  "
            f"{sdk_bytes:>15,.0f} {raw_bytes:>6,.0f} {sdk_bytes / raw_bytes:>5.2f}x"
            f"   requests {'PASS' if worst <= target else 'OVER'}"
        )
    print(
        "   CPU/round: of a round that polls all N (CPU per request over the whole wait, times\n"
        "   N/50), the fake's answering taken out; raw: batches of 50 with httpx, the decoded\n"
        "   dicts kept by id. bytes/task: the finished tasks wait() returns, held by id, and the\n"
        "   raw dicts: every object each holds, sys.getsizeof, shared ones once."
    )


def main() -> int:
    report = Report()
    fake = FakeWanTasks(token=TOKEN)
    task_id = fake.add_example("completed_task")
    task_body = answer_of(fake.transport(), {"action": "retrieve", "id": task_id})
    batch_fake, batch_ids = finished_fake(BATCH)
    batch_body = answer_of(batch_fake.transport(), {"action": "retrieve_batch", "ids": batch_ids})
    started = time.monotonic()

    print(f"1. retrieve() against raw httpx, one canned answer of {len(task_body)} bytes")
    compare_calls(
        report,
        what="retrieve()",
        body=task_body,
        raw_payload={"action": "retrieve", "id": task_id},
        sdk_call=lambda sdk: sdk.retrieve(task_id),
        targets=(1.05, 1.00),
        calls=10,
        rounds=301,
    )

    print(f"\n2. retrieve_batch() of {BATCH} tasks against raw httpx ({len(batch_body)} bytes)")
    compare_calls(
        report,
        what=f"retrieve_batch({BATCH})",
        body=batch_body,
        raw_payload={"action": "retrieve_batch", "ids": batch_ids},
        sdk_call=lambda sdk: sdk.retrieve_batch(batch_ids),
        targets=(1.7, 1.5),
        calls=2,
        rounds=301,
    )

    print("\n3. Import: CPU time of a whole fresh interpreter")
    compare_imports(report, task_body, task_id)

    print(f"\n4. wait() on N tasks of the fake service (fake clock, {POLL_INTERVAL:g} s polls)")
    compare_waits(report)

    print(f"\n{time.monotonic() - started:.0f} s")
    if report.over:
        print("over target:", *report.over, sep="\n  ")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
