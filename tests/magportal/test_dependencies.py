"""Every runtime dependency has an upper bound: a new major version is adopted on purpose."""

import re
import tomllib
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"


def test_dependencies_runtime_ones_all_have_an_upper_bound():
    dependencies = tomllib.loads(PYPROJECT.read_text())["project"]["dependencies"]

    unbounded = [spec for spec in dependencies if not re.search(r"<\s*\d", spec)]

    assert dependencies
    assert unbounded == []
