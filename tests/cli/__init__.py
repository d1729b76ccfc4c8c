"""End-to-end tests of the `wan-tasks` command against the fake service on a real socket."""
