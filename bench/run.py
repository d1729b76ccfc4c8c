"""`make bench`: the SDK's costs, measured side by side in one run (ratios, not seconds).

1. `retrieve()` against a persistent raw `httpx.Client.post(...).json()` on the same in-process
   transport, in interleaved rounds so that machine noise hits both alike. Two transports: a
   canned answer (the SDK's whole overhead laid bare) and the fake service (a realistic server
   answer). Target: at most 1.10x the raw time.
2. HTTP requests that `wait()` needs to see N tasks through to the end, against polling each
   task on its own; on the fake service with a fake clock, so it takes no real time.
   Target: at most ceil(N / 50) requests per polling round.
"""

from __future__ import annotations

import math
import statistics
import sys
import time
from collections.abc import Callable

import httpx

from wan_tasks_sdk import WanTasks
from wan_tasks_sdk.testing import FakeClock, FakeWanTasks

TOKEN = "bench-token"
URL = "https://api.acedata.cloud/wan/tasks"
ROUNDS = 15
CALLS_PER_ROUND = 400
BATCH = 50


def _per_call(function: Callable[[], object], calls: int) -> float:
    start = time.perf_counter()
    for _ in range(calls):
        function()
    return (time.perf_counter() - start) / calls


def compare(transport: httpx.BaseTransport, task_id: str) -> tuple[float, float]:
    """Median per-call seconds of (raw httpx, SDK), measured in alternating rounds."""
    raw = httpx.Client(transport=transport, headers={"authorization": f"Bearer {TOKEN}"})
    sdk = WanTasks(TOKEN, transport=transport)
    payload = {"action": "retrieve", "id": task_id}

    def raw_call() -> object:
        return raw.post(URL, json=payload).json()

    def sdk_call() -> object:
        return sdk.retrieve(task_id)

    assert raw_call() == sdk.retrieve(task_id).to_dict(), "both must fetch the same record"
    raw_times: list[float] = []
    sdk_times: list[float] = []
    for _ in range(3):  # warm-up
        _per_call(raw_call, 50)
        _per_call(sdk_call, 50)
    for round_number in range(ROUNDS):
        pair = [(raw_call, raw_times), (sdk_call, sdk_times)]
        for function, times in pair if round_number % 2 else reversed(pair):
            times.append(_per_call(function, CALLS_PER_ROUND))
    raw.close()
    sdk.close()
    return statistics.median(raw_times), statistics.median(sdk_times)


def canned_transport(body: bytes) -> httpx.BaseTransport:
    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=body, headers={"content-type": "application/json"})

    return httpx.MockTransport(answer)


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


def wait_requests(count: int) -> tuple[list[int], list[int]]:
    """Requests per polling round: (wait() with batches, each task polled on its own)."""
    fake, clock, ids = seeded_fake(count)
    per_round: list[int] = []
    seen = [0]

    def on_round(_: object) -> None:
        total = len(fake.api_requests)
        per_round.append(total - seen[0])
        seen[0] = total

    with WanTasks(TOKEN, transport=fake.transport(), clock=clock) as client:
        client.wait(
            ids, timeout=3600, poll_interval=5, raise_on_failure=False, on_progress=on_round
        )

    fake, clock, ids = seeded_fake(count)
    naive_rounds: list[int] = []
    with WanTasks(TOKEN, transport=fake.transport(), clock=clock) as client:
        unfinished = list(ids)
        while unfinished:
            naive_rounds.append(len(unfinished))
            unfinished = [i for i in unfinished if not client.retrieve(i).is_terminal]
            if unfinished:
                clock.sleep(5)
    return per_round, naive_rounds


def main() -> int:
    failures = []
    print("1. retrieve() against raw httpx.Client.post(...).json(), same transport")
    print(f"   median of {ROUNDS} interleaved rounds of {CALLS_PER_ROUND} calls each")
    fake = FakeWanTasks(token=TOKEN)
    task_id = fake.add_example("completed_task")
    body = (
        httpx.Client(transport=fake.transport())
        .post(
            URL,
            json={"action": "retrieve", "id": task_id},
            headers={"authorization": f"Bearer {TOKEN}"},
        )
        .content
    )
    for name, transport in (
        ("canned answer", canned_transport(body)),
        ("fake service", fake.transport()),
    ):
        raw, sdk = compare(transport, task_id)
        ratio = sdk / raw
        verdict = "ok" if ratio <= 1.10 else "OVER TARGET"
        print(
            f"   {name:<14} raw {raw * 1e6:7.1f} us   sdk {sdk * 1e6:7.1f} us"
            f"   ratio {ratio:.3f}  (target <= 1.10: {verdict})"
        )
        if ratio > 1.10:
            failures.append(f"retrieve() on {name}: {ratio:.3f}x")

    print("\n2. HTTP requests to see N tasks through to the end (poll every 5 s)")
    print(f"   {'N':>5} {'rounds':>6} {'wait() max/round':>16} {'target':>6}"
          f" {'wait() total':>12} {'one by one':>10} {'saved':>7}")  # fmt: skip
    for count in (1, 50, 500, 5000):
        batched, naive = wait_requests(count)
        target = math.ceil(count / BATCH)
        worst = max(batched)
        saved = 1 - sum(batched) / sum(naive)
        print(
            f"   {count:>5} {len(batched):>6} {worst:>16} {target:>6}"
            f" {sum(batched):>12} {sum(naive):>10} {saved:>6.0%}"
        )
        if worst > target:
            failures.append(f"wait() with N={count}: {worst} requests in a round > {target}")

    if failures:
        print("\nover target:", *failures, sep="\n  ")
    return 0


if __name__ == "__main__":
    sys.exit(main())
