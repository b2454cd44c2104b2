"""Loading libMesoPopC (the C interface of the Swift library) and declaring its functions."""

import ctypes
import os
from pathlib import Path

_c_str_p = ctypes.POINTER(ctypes.c_char)
_error_p = ctypes.POINTER(_c_str_p)
_double_p = ctypes.POINTER(ctypes.c_double)
_handle = ctypes.c_void_p

# name: (result type, argument types)
_SIGNATURES = {
    "mesopop_version": (ctypes.c_char_p, []),
    "mesopop_string_free": (None, [_c_str_p]),
    "mesopop_config_from_text": (_handle, [ctypes.c_char_p, ctypes.c_int64, ctypes.c_char_p,
                                           ctypes.POINTER(ctypes.c_char_p), ctypes.c_int64, _error_p]),
    "mesopop_config_from_file": (_handle, [ctypes.c_char_p, ctypes.POINTER(ctypes.c_char_p), ctypes.c_int64, _error_p]),
    "mesopop_config_free": (None, [_handle]),
    "mesopop_check": (_c_str_p, [_handle, ctypes.c_char_p, ctypes.c_int64, _error_p]),
    "mesopop_control_new": (_handle, []),
    "mesopop_control_cancel": (None, [_handle]),
    "mesopop_control_fraction": (ctypes.c_double, [_handle]),
    "mesopop_control_free": (None, [_handle]),
    "mesopop_run": (_handle, [_handle, ctypes.c_char_p, ctypes.c_uint64, ctypes.c_int32, ctypes.c_int64, _handle, _error_p]),
    "mesopop_compare": (_handle, [_handle, ctypes.c_int64, ctypes.c_uint64, ctypes.c_int32, ctypes.c_int64, _handle, _error_p]),
    "mesopop_result_count": (ctypes.c_int64, [_handle]),
    "mesopop_result_name": (ctypes.c_char_p, [_handle, ctypes.c_int64]),
    "mesopop_result_dtype": (ctypes.c_char_p, [_handle, ctypes.c_int64]),
    "mesopop_result_ndim": (ctypes.c_int64, [_handle, ctypes.c_int64]),
    "mesopop_result_shape": (ctypes.c_int32, [_handle, ctypes.c_int64, ctypes.POINTER(ctypes.c_int64)]),
    "mesopop_result_nbytes": (ctypes.c_int64, [_handle, ctypes.c_int64]),
    "mesopop_result_copy": (ctypes.c_int32, [_handle, ctypes.c_int64, ctypes.c_void_p, ctypes.c_int64]),
    "mesopop_result_meta": (ctypes.c_char_p, [_handle]),
    "mesopop_result_free": (None, [_handle]),
    "mesopop_rebin": (_handle, [_double_p, ctypes.c_int64, ctypes.c_double, ctypes.c_double, ctypes.c_double, _error_p]),
    "mesopop_psd": (_handle, [_double_p, ctypes.c_int64, ctypes.c_double, ctypes.c_double, ctypes.c_int64, _error_p]),
    "mesopop_up_down": (_handle, [_double_p, ctypes.c_int64, ctypes.c_double, ctypes.c_double, ctypes.c_double,
                                  ctypes.c_double, ctypes.c_double, _error_p]),
    "mesopop_population_spikes": (_handle, [_double_p, ctypes.c_int64, ctypes.c_double, ctypes.c_double,
                                            ctypes.c_double, ctypes.c_double, _error_p]),
    "mesopop_ks_test": (_handle, [_double_p, ctypes.c_int64, _double_p, ctypes.c_int64, _error_p]),
    "mesopop_sweep_open": (_c_str_p, [_handle, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_int64, _error_p]),
    "mesopop_sweep_run_point": (ctypes.c_int32, [ctypes.c_char_p, ctypes.c_int64, ctypes.c_int32, ctypes.c_int64, _handle,
                                                 _error_p]),
    "mesopop_sweep_summary": (_handle, [ctypes.c_char_p, _error_p]),
}


def _load():
    """The library: $MESOPOP_LIBRARY if set, else the copy installed with the package.
    ctypes.CDLL releases the GIL during every call."""
    path = os.environ.get("MESOPOP_LIBRARY") or str(Path(__file__).resolve().parent / "_native" / "libMesoPopC.so")
    try:
        library = ctypes.CDLL(path)
    except OSError as error:
        raise ImportError(
            f"mesopop: cannot load its Swift library {path} ({error}); it needs libgsl (apt-get install libgsl27, "
            "or libgsl-dev) and a wheel built for this platform (see the README)") from error
    for name, (restype, argtypes) in _SIGNATURES.items():
        function = getattr(library, name)
        function.restype = restype
        function.argtypes = argtypes
    return library


lib = _load()


def take_string(pointer):
    """The text of a string the library allocated, which is then freed."""
    if not pointer:
        return None
    try:
        return ctypes.string_at(pointer).decode("utf-8", "replace")
    finally:
        lib.mesopop_string_free(pointer)
