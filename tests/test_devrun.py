"""`make run`'s runner: web server, worker and beat come up together, and Ctrl-C stops all three."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.workers import database_url

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def health(port: int) -> dict | None:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/health/", timeout=2) as response:
            return json.loads(response.read())
    except OSError:
        return None


def children_of(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(stat[1]) == pid:
                found.append(int(entry.name))
    return found


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_devrun_starts_web_worker_and_beat_and_ctrl_c_stops_them(tmp_path):
    port = free_port()
    env = {**os.environ, "PORT": str(port), "DATABASE_URL": database_url(), "VAR_DIR": str(tmp_path), "DEBUG": "1"}
    runner = subprocess.Popen(
        [sys.executable, "manage.py", "devrun"], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        text=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        state = None
        while time.monotonic() < deadline:
            state = health(port)
            if state and state["worker_last_seen"]:
                break
            assert runner.poll() is None, runner.stdout.read()
            time.sleep(0.5)
        assert state, "the web server did not answer"
        assert state["database"] == "ok"
        assert state["worker_last_seen"], "the worker did not record its heartbeat"
        children = children_of(runner.pid)
        assert len(children) == 3, children
        runner.send_signal(signal.SIGINT)
        output, _ = runner.communicate(timeout=40)
        assert "Stopped web server, worker and beat." in output
        assert f"http://127.0.0.1:{port}/admin/" in output
        for pid in children:
            assert not Path(f"/proc/{pid}").exists() or "Z" in Path(f"/proc/{pid}/stat").read_text().split()[2]
    finally:
        if runner.poll() is None:
            runner.kill()


def test_find_python_explains_when_there_is_none(tmp_path):
    env = {"PATH": str(tmp_path), "PYENV_ROOT": str(tmp_path), "HOME": str(tmp_path)}
    result = subprocess.run(["/bin/sh", str(ROOT / "bin" / "find-python")], env=env, capture_output=True, text=True,
                            check=False)  # fmt: skip
    assert result.returncode == 1
    assert "needs Python 3.12 or newer" in result.stderr


def test_find_python_finds_a_recent_one():
    result = subprocess.run([str(ROOT / "bin" / "find-python")], capture_output=True, text=True, check=True)
    version = subprocess.run([result.stdout.strip(), "-c", "import sys; print(sys.version_info >= (3, 12))"],
                             capture_output=True, text=True, check=True)  # fmt: skip
    assert version.stdout.strip() == "True"
