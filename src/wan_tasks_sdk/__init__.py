"""Python SDK for the AceData Cloud Wan Tasks API."""

__all__: list[str] = []
