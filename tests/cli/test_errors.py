"""Usage errors exit 2 and API errors exit 4, each explained in one line, never a traceback."""

from __future__ import annotations

import re
import socket
from collections.abc import Callable

import pytest

from tests.cli.conftest import WRONG_TOKEN, Cli, Sleeps, finished, run_main
from wan_tasks_sdk._client import BASE_URL_ENV_VAR, TOKEN_ENV_VAR
from wan_tasks_sdk.testing import ErrorReply, FakeWanTasks, ProxyError, ServerFault

TRACE = r"\(trace_id [0-9a-f-]{36}\)"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        ([], "the following arguments are required: COMMAND"),
        (["frobnicate"], "argument COMMAND: invalid choice: 'frobnicate'"),
        (["get"], "the following arguments are required: ID"),
        (["wait"], "the following arguments are required: ID"),
        (["download"], "the following arguments are required: ID"),
        (["download", "a", "b"], "unrecognized arguments: b"),
        (["wait", "a", "--timeout", "-1"], "argument --timeout: must be a positive number: '-1'"),
        (["wait", "a", "--timeout", "0"], "argument --timeout: must be a positive number: '0'"),
        (["wait", "a", "--timeout", "inf"], "argument --timeout: must be a positive number"),
        (["wait", "a", "--interval", "abc"], "argument --interval: not a number: 'abc'"),
        (["wait", "a", "--interval", "nan"], "argument --interval: must be a positive number"),
        (["get", "a", "--http-timeout", "0"], "argument --http-timeout: must be a positive"),
        (["list", "--since", "yesterday"], "argument --since: not unix seconds nor an ISO 8601"),
        (["list", "--until", "2025-13-01"], "argument --until: not unix seconds nor an ISO 8601"),
        (["list", "--limit", "0"], "argument --limit: must be a whole number >= 1: '0'"),
        (["list", "--limit", "2.5"], "argument --limit: must be a whole number >= 1: '2.5'"),
        (["list", "--page-size", "-3"], "argument --page-size: must be a whole number >= 1"),
        (["list", "--page-size", "101"], "argument --page-size: must be at most 100: '101'"),
        (["list", "--limit", "\u00b2"], "argument --limit: must be a whole number >= 1: '\u00b2'"),
        (["list", "--since", "-5"], "argument --since: must be 1970-01-01 or later: '-5'"),
        (["list", "--until", "1969-12-31"], "argument --until: must be 1970-01-01 or later"),
        (["get", "a", "--base-url", "api.acedata.cloud"], "argument --base-url: must be an http"),
        (["fake-server", "--port", "70000"], "argument --port: must be at most 65535: '70000'"),
        (["fake-server", "--port", "eighty"], "argument --port: must be a whole number >= 0"),
    ],
)
def test_usage_error_exits_2_with_the_usage_of_the_command(argv: list[str], message: str) -> None:
    result = run_main(argv)

    assert (result.code, result.out) == (2, "")
    lines = result.err.splitlines()
    command = argv[0] if argv and argv[0] != "frobnicate" else ""
    assert lines[0].startswith(f"usage: wan-tasks {command}".rstrip() + " ")
    assert lines[-1].startswith(f"wan-tasks: error: {message}")


#: How Python, not the command, would name things: none may reach a message of the command.
PYTHON_WORDS = re.compile(
    r"\b(created_after|created_before|page_size|poll_interval|max_retries|overwrite=|"
    r"invalid \w+ value|_count|_moment|_positive|_port)"
)


@pytest.mark.parametrize(
    "argv",
    [
        ["list", "--since", "-1"],
        ["list", "--until", "0001-01-01"],
        ["list", "--limit", "\u0663"],  # an Arabic-Indic digit: isdigit() yet not for int()
        ["list", "--page-size", "\u00b9"],
        ["wait", "a", "--interval", "0x10"],
        ["fake-server", "--port", "-1"],
        ["fake-server", "--new-task-seconds", "never"],
        ["get", "a", "--http-timeout", "\u00bd"],
    ],
)
def test_usage_errors_use_the_words_of_the_command(argv: list[str]) -> None:
    result = run_main(argv)

    assert result.code == 2
    assert result.error.startswith("wan-tasks: error: argument --"), result.err
    assert not PYTHON_WORDS.search(result.err), result.err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["get", ""], "a task id must be a non-empty string, got ''"),
        (["wait", "a", ""], "a task id must be a non-empty string, got ''"),
    ],
)
def test_arguments_the_client_refuses_exit_2(
    cli: Cli, fake: FakeWanTasks, argv: list[str], message: str
) -> None:
    result = cli(*argv)

    assert (result.code, result.out) == (2, "")
    assert result.err == f"wan-tasks: error: {message}\n"
    assert fake.requests == []


@pytest.mark.parametrize(
    ("base_url", "message"),
    [
        ("ftp://h.example", "must be an http:// or https:// URL: 'ftp://h.example'"),
        ("http://[::1", "not a URL (Invalid port: ':1'): 'http://[::1'"),
        ("", "must be an http:// or https:// URL: ''"),
        (" https://h.example", "must be an http:// or https:// URL: ' https://h.example'"),
    ],
)
def test_a_base_url_the_client_would_refuse_exits_2_in_the_commands_words(
    base_url: str, message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(TOKEN_ENV_VAR, "sk-test")
    from_option = run_main(["get", "a", "--base-url", base_url])
    monkeypatch.setenv(BASE_URL_ENV_VAR, base_url or "mailto:x")
    from_environment = run_main(["get", "a"])

    assert (from_option.code, from_option.out) == (2, "")
    assert from_option.error == f"wan-tasks: error: argument --base-url: {message}"
    assert from_option.err.startswith("usage: wan-tasks get ")
    assert (from_environment.code, from_environment.out) == (2, "")
    assert from_environment.error.startswith(f"wan-tasks: error: ${BASE_URL_ENV_VAR}: ")
    assert "base_url" not in from_option.err + from_environment.err


@pytest.mark.parametrize(
    ("environment", "option"),
    [(None, []), (None, ["--token", ""]), ("   ", []), (None, ["--token", "  "])],
    ids=["nothing", "empty-option", "blank-variable", "blank-option"],
)
def test_no_token_exits_2_and_names_the_variable(
    cli: Cli,
    fake: FakeWanTasks,
    monkeypatch: pytest.MonkeyPatch,
    environment: str | None,
    option: list[str],
) -> None:
    if environment is None:
        monkeypatch.delenv(TOKEN_ENV_VAR)
    else:
        monkeypatch.setenv(TOKEN_ENV_VAR, environment)

    result = cli("get", finished(fake), *option)

    assert (result.code, result.out) == (2, "")
    assert len(result.err.splitlines()) == 1
    assert result.error.startswith("wan-tasks: error: no API token")
    assert TOKEN_ENV_VAR in result.error
    assert fake.requests == []  # nothing was sent without a token


@pytest.mark.parametrize(
    "argv",
    [["get", "{id}"], ["wait", "{id}"], ["list"], ["download", "{id}", "-o", "{tmp}"]],
    ids=lambda argv: argv[0],
)
def test_a_wrong_token_exits_4_with_the_trace_id(
    cli: Cli, fake: FakeWanTasks, tmp_path: object, argv: list[str]
) -> None:
    task_id = finished(fake)
    args = [arg.format(id=task_id, tmp=tmp_path) for arg in argv]

    result = cli(*args, "--token", WRONG_TOKEN)  # wins over the right one in the environment

    assert (result.code, result.out) == (4, "")
    assert len(result.err.splitlines()) == 1
    assert re.fullmatch(f"wan-tasks: error: HTTP 401 invalid_token: .+ {TRACE}", result.error)
    assert [request.status for request in fake.requests] == [401]  # no retry of a 401


def refused(fake: FakeWanTasks) -> None:
    fake.inject(ErrorReply(400, "bad_request", "The request was refused."))


def failing(fake: FakeWanTasks) -> None:
    fake.inject(ServerFault(), times=3)


def proxy_pages(fake: FakeWanTasks) -> None:
    fake.inject(ProxyError(502), times=3)


@pytest.mark.parametrize(
    ("spoil", "message", "attempts"),
    [
        (refused, f"HTTP 400 bad_request: The request was refused. {TRACE}", 1),
        (failing, f"HTTP 500 api_error: .+ {TRACE}", 3),
        (proxy_pages, r"HTTP 502 the body is not JSON \(text/html.+\)", 3),
    ],
    ids=["400", "500", "502-html"],
)
def test_an_api_error_exits_4(
    cli: Cli,
    fake: FakeWanTasks,
    no_sleep: Sleeps,
    spoil: Callable[[FakeWanTasks], None],
    message: str,
    attempts: int,
) -> None:
    task_id = finished(fake)
    spoil(fake)

    result = cli("get", task_id)

    assert (result.code, result.out) == (4, "")
    assert len(result.err.splitlines()) == 1
    assert re.fullmatch(f"wan-tasks: error: {message}", result.error)
    assert len(fake.api_requests) == attempts
    assert len(no_sleep.seconds) == attempts - 1  # backed off between the retries


def test_an_unreachable_service_exits_4(no_sleep: Sleeps, monkeypatch: pytest.MonkeyPatch) -> None:
    with socket.socket() as unused:  # a port nobody listens on
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    monkeypatch.setenv(TOKEN_ENV_VAR, WRONG_TOKEN)

    result = run_main(["get", "some-task", "--base-url", f"http://127.0.0.1:{port}"])

    assert (result.code, result.out) == (4, "")
    assert len(result.err.splitlines()) == 1
    assert result.error.startswith("wan-tasks: error: ")
    assert len(no_sleep.seconds) == 2


@pytest.mark.parametrize("command", ["get", "wait", "download"])
def test_an_unknown_task_exits_4(cli: Cli, command: str) -> None:
    result = cli(command, "no-such-task")

    assert (result.code, result.out) == (4, "")
    assert result.err == "wan-tasks: error: unknown task: no-such-task\n"


@pytest.mark.parametrize("moment", ["nan", "inf", "1e400"])
def test_a_time_that_is_not_finite_is_a_usage_error(cli: Cli, moment: str) -> None:
    result = cli("list", "--since", moment)

    assert result.code == 2
    assert result.error.startswith("wan-tasks: error: argument --since: ")


def test_fake_server_on_a_busy_port_is_a_one_line_error() -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()

        result = run_main(["fake-server", "--port", str(busy.getsockname()[1])])

    assert result.code in (2, 4)
    assert result.error.startswith("wan-tasks: error: ")
