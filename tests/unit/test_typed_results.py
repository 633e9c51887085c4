"""Results are typed per provider: mypy (strict, the project's settings) sees each model.

Runs mypy on tests/typing/typed_results.py (assert_type on every provider's result, typed
keyword options) and on a snippet with a mistake on a result, which must be reported.
"""

from __future__ import annotations

from pathlib import Path

import pytest

api = pytest.importorskip("mypy.api")

ROOT = Path(__file__).resolve().parents[2]


def run_mypy(target: Path, cache: Path) -> tuple[str, int]:
    config = str(ROOT / "pyproject.toml")
    out, err, code = api.run(["--config-file", config, "--cache-dir", str(cache), str(target)])
    return out + err, code


def test_each_provider_result_is_its_generated_model(tmp_path: Path) -> None:
    output, code = run_mypy(ROOT / "tests" / "typing" / "typed_results.py", tmp_path)
    assert code == 0, output


def test_a_mistake_on_a_result_fails_the_type_check(tmp_path: Path) -> None:
    snippet = tmp_path / "mistake.py"
    snippet.write_text(
        "from scrapejobs import Jobs, JobRef\n"
        "jobs = Jobs('scrapio', 'token')\n"
        "reveal_type(jobs)\n"
        "jobs.result(JobRef('scrapio', '1')).no_such_field\n"
    )
    output, code = run_mypy(snippet, tmp_path / "cache")
    assert code == 1, output
    assert (
        'Revealed type is "scrapejobs.client.Jobs[scrapio_client.models.job_result.JobResult]"'
        in output
    )
    assert '"JobResult" has no attribute "no_such_field"' in output
