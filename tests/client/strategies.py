"""Hypothesis strategies shared by the property tests: JSON values, and mutations of the spec's
own 200 examples that reach every rule of the response schemas."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import strategies as st

from tests.client import spec

# Every property name the response schemas know, so mutations hit the rules, not just the gaps.
KNOWN_FIELDS = sorted(
    {
        *("_id", "id", "type", "api_id", "application_id", "user_id", "actor_user_id"),
        *("credential_id", "authorization_id", "job_id", "trace_id", "created_at"),
        *("started_at", "finished_at", "duration", "elapsed", "request", "response"),
        *("action", "model", "prompt", "negative_prompt", "image_url", "resolution"),
        *("ratio", "seed", "callback_url", "success", "state", "task_id", "video_url"),
        *("thumbnail_url", "data", "usage", "cost", "error", "seconds", "fps", "code"),
        *("message", "items", "count"),
    }
)
EXAMPLES = spec.ok_examples()

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.sampled_from([0, 1, 2, -1, 5.0, 0.5, -0.5, -1e-9, 1769262721.763, 2**63]),
    st.integers(-5, 5),
    st.floats(-10, 10, allow_nan=False),
    st.sampled_from(["", "x", "videos", "completed", "retrieve"]),
)
json_values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.sampled_from(KNOWN_FIELDS) | st.text(max_size=3), inner, max_size=3),
    ),
    max_leaves=6,
)


def _objects(node: Any, path: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    """Paths of every JSON object in `node`, itself included."""
    found: list[tuple[str | int, ...]] = []
    if isinstance(node, dict):
        found.append(path)
        children: Any = node.items()
    elif isinstance(node, list):
        children = enumerate(node)
    else:
        return found
    for key, child in children:
        found.extend(_objects(child, (*path, key)))
    return found


def _at(node: Any, path: tuple[str | int, ...]) -> Any:
    for key in path:
        node = node[key]
    return node


@st.composite
def mutated_bodies(draw: st.DrawFn) -> object:
    body: Any = copy.deepcopy(EXAMPLES[draw(st.sampled_from(sorted(EXAMPLES)))])
    for _ in range(draw(st.integers(1, 3))):
        if draw(st.integers(0, 30)) == 0:
            return draw(json_values)  # not an object at all, now and then
        target = _at(body, draw(st.sampled_from(_objects(body))))
        operation = draw(st.sampled_from(["set", "drop", "below", "null", "add"]))
        name = draw(st.sampled_from(KNOWN_FIELDS))
        if operation == "drop" and target:
            del target[draw(st.sampled_from(sorted(target)))]
        elif operation == "below":
            target[name] = draw(st.sampled_from([-1, -0.5, -1e-6, -(2**40)]))
        elif operation == "null":
            target[name] = None
        elif operation == "add":
            target[draw(st.text(min_size=1, max_size=8))] = draw(json_values)
        else:
            target[name] = draw(json_values)
    return body
