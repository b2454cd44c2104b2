"""The exceptions of mesopop: the command line's error kinds and messages as Python types."""

import json
from typing import NamedTuple, Optional


class Problem(NamedTuple):
    """One problem of an invalid configuration: the value at key `path` must satisfy `requirement`."""

    path: str
    value: str
    requirement: str

    def __str__(self):
        return f"{self.value}: must {self.requirement}" if not self.path else f"{self.path} = {self.value}: must {self.requirement}"


class MesoPopError(Exception):
    """Base of every mesopop error; `str(error)` is the message of the command line."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class ConfigError(MesoPopError, ValueError):
    """An invalid configuration (exit 64 of the CLI); `problems` lists every problem found."""

    def __init__(self, message, problems):
        super().__init__(message)
        self.problems = list(problems)

    def __reduce__(self):  # picklable, for process pools
        return type(self), (self.message, self.problems)


class NumericalError(MesoPopError, ArithmeticError):
    """A numerical failure during a run (exit 65 of the CLI); `time` is the simulated time (s)."""

    def __init__(self, message, time: Optional[float]):
        super().__init__(message)
        self.time = time

    def __reduce__(self):  # picklable, for process pools
        return type(self), (self.message, self.time)


class UsageError(MesoPopError, ValueError):
    """A run that cannot be made as asked, e.g. a network configuration without a level."""


class AnalysisError(MesoPopError, ValueError):
    """An analysis that cannot be done on the data given (too few samples, a bad width, ...)."""


class _Cancelled(Exception):
    """A run stopped through its control (re-raised as the KeyboardInterrupt that caused it)."""


def from_json(text):
    """The exception of a JSON error of the library."""
    error = json.loads(text)
    kind, message = error["kind"], error["message"]
    problems = [Problem(p["path"], p["value"], p["requirement"]) for p in error.get("problems", [])]
    if kind == "config":
        return ConfigError(message, problems)
    if kind == "numerical":
        return NumericalError(message, error.get("time"))
    if kind == "usage":
        return UsageError(message)
    if kind == "analysis":
        return AnalysisError(message)
    if kind == "cancelled":
        return _Cancelled(message)
    return MesoPopError(message)


def config_error(path, value, requirement):
    """A ConfigError with one problem, worded as the library's."""
    problem = Problem(path, value, requirement)
    return ConfigError("invalid configuration:\n" + str(problem), [problem])
