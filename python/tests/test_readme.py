"""Every Python code block of the READMEs that imports mesopop runs, from a folder with the examples."""

import os
import re

import pytest

from conftest import ROOT

DOCUMENTS = [ROOT / "README.md", ROOT / "python" / "README.md", ROOT / "Sources/MesoPop/MesoPop.docc/Python.md"]
BLOCKS = [(d.name, i, code) for d in DOCUMENTS if d.exists()
          for i, code in enumerate(re.findall(r"^```python\n(.*?)^```", d.read_text(), re.M | re.S))
          if "import mesopop" in code]


def test_there_are_blocks():
    assert len(BLOCKS) >= 4


@pytest.mark.parametrize("document,index,code", BLOCKS, ids=[f"{d}-{i}" for d, i, _ in BLOCKS])
def test_block_runs(tmp_path, monkeypatch, document, index, code):
    os.symlink(ROOT / "Examples", tmp_path / "Examples")
    monkeypatch.chdir(tmp_path)
    exec(compile(code, f"{document} block {index}", "exec"), {"__name__": "__readme__"})
