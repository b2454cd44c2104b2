"""Build step of the `mesopop` wheel: the Swift library and the Swift runtime it links.

`pip install ./python` (or `pip wheel ./python`) runs `swift build -c release --product MesoPopC`
in the repository (reusing its `.build` when present), copies `libMesoPopC.so` into
`mesopop/_native/` together with every Swift runtime library it loads, and sets its run path to
`$ORIGIN` only, so that the wheel works on a machine of the same platform without Swift (it needs
only libgsl from the system). Environment: `MESOPOP_SWIFT_ROOT` names the Swift package (default:
the parent folder of this file); `MESOPOP_SWIFT_BUILD_PATH` a build folder (`swift build --build-path`).
"""

import json
import os
import platform
import re
import shutil
import subprocess
from pathlib import Path

from setuptools import Distribution, setup
from setuptools.command.bdist_wheel import bdist_wheel
from setuptools.command.build_py import build_py

PRODUCT = "MesoPopC"
LIBRARY = f"lib{PRODUCT}.so"


def swift_root():
    root = Path(os.environ.get("MESOPOP_SWIFT_ROOT", Path(__file__).resolve().parent.parent))
    if not (root / "Package.swift").is_file():
        raise SystemExit(f"mesopop: no Package.swift in {root}; set MESOPOP_SWIFT_ROOT to the MesoPop checkout")
    return root


def swift(*arguments, root):
    command = ["swift", *arguments]
    if os.environ.get("MESOPOP_SWIFT_BUILD_PATH"):
        command[2:2] = ["--build-path", os.environ["MESOPOP_SWIFT_BUILD_PATH"]]
    try:
        return subprocess.run(command, cwd=root, check=True, stdout=subprocess.PIPE, text=True).stdout
    except FileNotFoundError:
        raise SystemExit("mesopop: building from source needs Swift 6 (swift.org) and libgsl-dev; "
                         "or install a prebuilt wheel (`pip wheel ./python` on a machine with Swift)")


def runtime_directories():
    """Where the Swift toolchain keeps its runtime libraries."""
    info = json.loads(subprocess.run(["swift", "-print-target-info"], check=True, stdout=subprocess.PIPE, text=True).stdout)
    return [Path(p).resolve() for p in info["paths"]["runtimeLibraryPaths"]]


def swift_dependencies(library, runtimes):
    """The shared libraries `library` loads (transitively, per ldd) from the Swift runtime folders."""
    found = []
    for line in subprocess.run(["ldd", str(library)], check=True, stdout=subprocess.PIPE, text=True).stdout.splitlines():
        match = re.search(r"=>\s+(\S+)", line)
        if match and any(Path(match.group(1)).resolve().parent == r for r in runtimes):
            found.append(Path(match.group(1)))
    return found


def set_origin_runpath(library):
    """Rewrites the run path of `library` in place to `$ORIGIN` (as chrpath does: the new string is
    shorter and padded with NULs), so that only the bundled Swift runtime is ever loaded."""
    dynamic = subprocess.run(["readelf", "-d", str(library)], check=True, stdout=subprocess.PIPE, text=True).stdout
    match = re.search(r"\((?:RUNPATH|RPATH)\)\s+Library (?:runpath|rpath): \[(.*)\]", dynamic)
    if not match or match.group(1) == "$ORIGIN":
        return
    old = match.group(1).encode() + b"\0"
    data = library.read_bytes()
    if data.count(old) != 1:
        raise SystemExit(f"mesopop: cannot find the run path {old!r} of {library} exactly once")
    new = b"$ORIGIN".ljust(len(old), b"\0")
    library.write_bytes(data.replace(old, new))


class BuildSwift(build_py):
    """build_py, then the Swift library and its runtime into mesopop/_native/."""

    def run(self):
        super().run()
        root = swift_root()
        swift("build", "-c", "release", "--product", PRODUCT, root=root)
        built = Path(swift("build", "-c", "release", "--show-bin-path", root=root).strip()) / LIBRARY
        target = Path(self.build_lib) / "mesopop" / "_native"
        if target.exists():
            shutil.rmtree(target)
        target.mkdir(parents=True)
        shutil.copy2(built, target / LIBRARY)
        for dependency in swift_dependencies(built, runtime_directories()):
            shutil.copy2(dependency, target / dependency.name)
        set_origin_runpath(target / LIBRARY)


class PlatformWheel(bdist_wheel):
    """A wheel for this platform (it holds native code) and any Python 3 (loaded with ctypes)."""

    def finalize_options(self):
        super().finalize_options()
        self.root_is_pure = False

    def get_tag(self):
        _, _, plat = super().get_tag()
        return "py3", "none", plat


class NativeDistribution(Distribution):
    """A distribution with native code: installed to platlib."""

    def has_ext_modules(self):
        return True


setup(distclass=NativeDistribution, cmdclass={"build_py": BuildSwift, "bdist_wheel": PlatformWheel})
