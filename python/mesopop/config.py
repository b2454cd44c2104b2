"""Configurations from Python: a file path, YAML or JSON text, or a dict of the same schema."""

import ctypes
import json
import math
import numbers
import os
from collections.abc import Mapping

import numpy as np

from . import errors
from ._native import lib, take_string

_EXTENSIONS = (".yaml", ".yml", ".json")


def _key_path(parent, key):
    if isinstance(key, int):
        return f"{parent}[{key}]"
    return f"{parent}.{key}" if parent else key


def to_yaml(value, path=""):
    """`value` as YAML flow text (JSON syntax plus `.nan`/`.inf`): mappings, lists, tuples and NumPy
    arrays, strings (units such as "20 ms"), numbers and NumPy scalars, booleans and None. Anything
    else is a ConfigError naming its key path."""
    if value is None:
        return "null"
    if isinstance(value, (bool, np.bool_)):
        return "true" if value else "false"
    if isinstance(value, (numbers.Integral, np.integer)):
        return str(int(value))
    if isinstance(value, (numbers.Real, np.floating)):
        x = float(value)
        if math.isnan(x):
            return ".nan"
        if math.isinf(x):
            return ".inf" if x > 0 else "-.inf"
        return repr(x)
    if isinstance(value, (str, np.str_)):
        return json.dumps(str(value), ensure_ascii=False)
    if isinstance(value, np.ndarray):
        return to_yaml(value.tolist(), path)
    if isinstance(value, Mapping):
        items = []
        for key, item in value.items():
            if not isinstance(key, str):
                raise errors.config_error(path, repr(key), "have string keys")
            items.append(json.dumps(key, ensure_ascii=False) + ": " + to_yaml(item, _key_path(path, key)))
        return "{" + ", ".join(items) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(to_yaml(item, _key_path(path, k)) for k, item in enumerate(value)) + "]"
    raise errors.config_error(path, f"{value!r} ({type(value).__name__})",
                              "be a number, a string, a boolean, a list or a mapping")


def _overrides(overrides):
    """`--set` assignments from a dict {key path: value} or a list of "KEY=VALUE" strings."""
    if overrides is None:
        return []
    if isinstance(overrides, Mapping):
        return [f"{key}={to_yaml(value, str(key))}" for key, value in overrides.items()]
    if isinstance(overrides, (list, tuple)) and all(isinstance(o, str) for o in overrides):
        return list(overrides)
    raise TypeError("overrides must be a dict {key path: value} or a list of 'KEY=VALUE' strings")


def _is_path(config):
    if isinstance(config, (bytes, os.PathLike)):
        return True
    return "\n" not in config and (config.lower().endswith(_EXTENSIONS) or os.path.exists(config))


def _call(function, *arguments):
    error = ctypes.POINTER(ctypes.c_char)()
    handle = function(*arguments, ctypes.byref(error))
    if not handle:
        raise errors.from_json(take_string(error))
    return handle


class Config:
    """A validated configuration, parsed once and run as often as wanted (from several threads at
    once). `Config(config, overrides)` takes what `mesopop.run` takes. `close()` (or a `with` block)
    frees it early; a closed configuration raises ValueError when used."""

    def __init__(self, config, overrides=None):
        assignments = [a.encode("utf-8", "surrogateescape") for a in _overrides(overrides)]
        array = (ctypes.c_char_p * max(len(assignments), 1))(*assignments)
        if isinstance(config, Config):
            config = config.source
        self.source = config
        if isinstance(config, Mapping):
            text = to_yaml(config).encode("utf-8", "surrogateescape")
            self._handle = _call(lib.mesopop_config_from_text, text, len(text), b"yaml", array, len(assignments))
        elif isinstance(config, (str, bytes, os.PathLike)):
            if _is_path(config):
                path = os.fsencode(config)
                if b"\0" in path:
                    raise errors.config_error("", repr(config), "be a readable file")
                self._handle = _call(lib.mesopop_config_from_file, path, array, len(assignments))
            else:
                text = config.encode("utf-8", "surrogateescape")
                self._handle = _call(lib.mesopop_config_from_text, text, len(text), _format(config), array, len(assignments))
        else:
            raise TypeError(f"config must be a path, YAML or JSON text, or a dict, not {type(config).__name__}")

    @property
    def handle(self):
        """The library's handle; ValueError once closed."""
        if self._handle is None:
            raise ValueError("this mesopop.Config was closed")
        return self._handle

    def close(self):
        """Frees the configuration (idempotent)."""
        handle, self._handle = getattr(self, "_handle", None), None
        if handle is not None and lib is not None:
            lib.mesopop_config_free(handle)

    def __enter__(self):
        return self

    def __exit__(self, *_):
        self.close()

    def __del__(self):
        try:
            self.close()
        except Exception:  # interpreter shutdown: the library may be gone already
            pass


def _format(text):
    """json for text that JSON reads, yaml otherwise (JSON is YAML too, but read strictly as JSON)."""
    if text.lstrip()[:1] in ("{", "["):
        try:
            json.loads(text)
            return b"json"
        except ValueError:
            pass
    return b"yaml"
