"""Contains all the data models used in inputs/outputs"""

from .error_code import ErrorCode
from .error_detail import ErrorDetail
from .error_response import ErrorResponse
from .generation_action import GenerationAction
from .list_tasks_request import ListTasksRequest
from .retrieve_batch_request import RetrieveBatchRequest
from .retrieve_request import RetrieveRequest
from .task import Task
from .task_batch import TaskBatch
from .task_request import TaskRequest
from .task_response import TaskResponse
from .task_response_data import TaskResponseData
from .task_state import TaskState
from .task_usage import TaskUsage
from .unknown_task import UnknownTask
from .wan_model import WanModel

__all__ = (
    "ErrorCode",
    "ErrorDetail",
    "ErrorResponse",
    "GenerationAction",
    "ListTasksRequest",
    "RetrieveBatchRequest",
    "RetrieveRequest",
    "Task",
    "TaskBatch",
    "TaskRequest",
    "TaskResponse",
    "TaskResponseData",
    "TaskState",
    "TaskUsage",
    "UnknownTask",
    "WanModel",
)
