"""`thidua db upgrade` on a fresh checkout: the SQLite folder does not exist yet."""

import os
import subprocess
import sys
from pathlib import Path


def test_db_upgrade_creates_the_sqlite_folder_and_the_catalogue(tmp_path: Path) -> None:
    database = tmp_path / "var" / "thidua.db"  # var/ is not in the repository
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "DEMO_MODE": "true"}
    env.pop("SECRET_KEY", None)
    done = subprocess.run(
        [sys.executable, "-m", "app.cli", "db", "upgrade"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert database.exists()
    assert "THADS definitions added" in done.stdout
