"""Contains all the data models used in inputs/outputs"""

from .error_code import ErrorCode
from .error_detail import ErrorDetail
from .error_response import ErrorResponse
from .generation_action import GenerationAction
from .generation_request import GenerationRequest
from .generation_response import GenerationResponse
from .generation_response_data import GenerationResponseData
from .retrieve_batch_request import RetrieveBatchRequest
from .retrieve_request import RetrieveRequest
from .task import Task
from .task_batch import TaskBatch
from .task_state import TaskState
from .task_usage import TaskUsage
from .unknown_task import UnknownTask
from .wan_model import WanModel

__all__ = (
    "ErrorCode",
    "ErrorDetail",
    "ErrorResponse",
    "GenerationAction",
    "GenerationRequest",
    "GenerationResponse",
    "GenerationResponseData",
    "RetrieveBatchRequest",
    "RetrieveRequest",
    "Task",
    "TaskBatch",
    "TaskState",
    "TaskUsage",
    "UnknownTask",
    "WanModel",
)
