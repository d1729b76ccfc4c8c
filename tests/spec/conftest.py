from __future__ import annotations

import pytest
import schemathesis

from tests.spec import spec_document as doc
from tests.spec.spec_document import Operation


@pytest.fixture(scope="session")
def operation() -> Operation:
    """`POST /wan/tasks` as schemathesis reads it from openapi.yaml."""
    schema = schemathesis.openapi.from_path(doc.SPEC_PATH)
    return schema[doc.OPERATION_PATH][doc.OPERATION_METHOD.upper()]
