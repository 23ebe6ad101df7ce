"""The vocabulary shared by every engine and face (pydantic v2 models). Imports nothing of ours."""

from catchall.model.reason import Reason

__all__ = ["Reason"]
