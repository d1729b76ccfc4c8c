"""`python -m wan_tasks_sdk` runs the `wan-tasks` command."""

from ._cli import main

raise SystemExit(main())
