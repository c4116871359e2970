"""The resident coder (`tacitus coder start|stop|status`), with real processes:
a coder started in a private runtime directory, `tacitus code` runs sent to
it, compared byte for byte with the same runs coded in their own process."""
from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from conftest import VOA_STORIES, shared_data
from tacitus import resident


def _env(runtime: Path, **extra) -> dict:
    env = dict(os.environ, XDG_RUNTIME_DIR=str(runtime), **extra)
    env.pop("TACITUS_CODER", None)  # conftest turns it off for the rest of the suite
    return env


def _tacitus(env: dict, *args, stdin: bytes | None = None, cwd: Path | None = None):
    return subprocess.run([sys.executable, "-m", "tacitus", *args], env=env, input=stdin,
                          capture_output=True, cwd=cwd, timeout=300)


def _cold(env: dict, *args, **kwargs):
    return _tacitus(dict(env, TACITUS_CODER="off"), *args, **kwargs)


def _messages(stderr: bytes) -> list[str]:
    """stderr without the closing timing line (seconds differ from run to run)."""
    return [line for line in stderr.decode().splitlines() if not line.startswith("coded ")]


@pytest.fixture(scope="module")
def runtime(tmp_path_factory):
    path = tmp_path_factory.mktemp("runtime")
    path.chmod(0o700)
    return path


@pytest.fixture(scope="module")
def running(runtime):
    """A resident coder with the default settings, stopped after the module."""
    env = _env(runtime)
    started = _tacitus(env, "coder", "start")
    assert started.returncode == 0, started.stderr.decode()
    pid = resident.status(runtime / "tacitus" / "coder.sock")["pid"]
    yield env
    _tacitus(env, "coder", "stop")
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return
    os.kill(pid, 15)  # (only if stop failed: the test below says so)


@pytest.fixture(scope="module")
def stories(tmp_path_factory):
    lines = shared_data("voa", "stories.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    folder = tmp_path_factory.mktemp("stories")
    (folder / "three.jsonl").write_text("".join(lines[:3]), encoding="utf-8")
    (folder / "bad.jsonl").write_text(lines[0] + "{not json\n" + lines[1], encoding="utf-8")
    return folder


def _served(env) -> int:
    return resident.status(Path(env["XDG_RUNTIME_DIR"]) / "tacitus" / "coder.sock")["served"]


def test_resident_socket_is_private(running, runtime):
    folder = runtime / "tacitus"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    sock = folder / "coder.sock"
    assert stat.S_ISSOCK(sock.lstat().st_mode)
    assert stat.S_IMODE(sock.lstat().st_mode) == 0o600
    status = _tacitus(running, "coder", "status")
    assert status.returncode == 0 and b"resident coder running" in status.stdout


def test_resident_output_is_the_cold_output(running, stories):
    before = _served(running)
    for args in (["three.jsonl"], ["three.jsonl", "--format", "table"], ["bad.jsonl"],
                 ["missing.jsonl", "three.jsonl"]):
        warm = _tacitus(running, "code", *args, "--quiet", cwd=stories)
        cold = _cold(running, "code", *args, "--quiet", cwd=stories)
        assert warm.stdout == cold.stdout, args
        assert warm.returncode == cold.returncode, args
        assert _messages(warm.stderr) == _messages(cold.stderr), args
    assert _served(running) == before + 4  # each run went to the coder
    bad = _tacitus(running, "code", "bad.jsonl", "--quiet", cwd=stories)
    assert bad.returncode == 1 and b"bad.jsonl:2" in bad.stderr  # the file and line, from the coder


def _on_terminal(env: dict, *args, cwd: Path, columns: int) -> tuple[bytes, bytes]:
    """A run whose stderr is a terminal (a pseudo-terminal `columns` wide, without
    COLUMNS in the environment): (stdout, what the terminal received)."""
    import fcntl
    import pty
    import struct
    import termios

    main_fd, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    env = {k: v for k, v in env.items() if k not in {"COLUMNS", "LINES"}}
    proc = subprocess.Popen([sys.executable, "-m", "tacitus", *args], env=dict(env, TERM="xterm"),
                            stdout=subprocess.PIPE, stderr=terminal, cwd=cwd)
    os.close(terminal)
    received = b""
    with ThreadPoolExecutor(1) as pool:
        out = pool.submit(proc.stdout.read)
        while True:
            try:
                chunk = os.read(main_fd, 4096)
            except OSError:  # the run closed the terminal
                break
            if not chunk:
                break
            received += chunk
        proc.wait(timeout=300)
        os.close(main_fd)
        return out.result(), received


def test_resident_draws_the_progress_bar_on_the_clients_terminal(running, stories):
    import re

    before = _served(running)
    stdout, terminal = _on_terminal(running, "code", "three.jsonl", cwd=stories, columns=60)
    cold_stdout, cold_terminal = _on_terminal(dict(running, TACITUS_CODER="off"), "code", "three.jsonl",
                                              cwd=stories, columns=60)
    assert _served(running) == before + 1  # the first run went to the coder
    assert stdout == cold_stdout
    for received in (terminal, cold_terminal):
        text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", received.decode(errors="replace"))
        bar = [line for line in re.split(r"[\r\n]+", text) if "3/3" in line]
        assert bar and "coding" in bar[-1], text
        assert len(bar[-1].rstrip()) <= 60, bar[-1]  # drawn to the terminal's width (60, not 80)


def test_resident_whole_voa_file_is_byte_identical(running):
    shared_data("voa", "stories.jsonl")
    warm = _tacitus(running, "code", str(VOA_STORIES), "--quiet")
    cold = _cold(running, "code", str(VOA_STORIES), "--quiet")
    assert warm.returncode == cold.returncode == 0
    assert warm.stdout == cold.stdout and warm.stdout.count(b"\n") > 300


def test_resident_reads_the_clients_stdin(running, stories):
    text = b"Russian troops attacked Kyiv on Monday, Ukrainian officials said.\n"
    before = _served(running)
    warm = _tacitus(running, "code", "-", "--date", "2024-03-05", "--quiet", stdin=text)
    cold = _cold(running, "code", "-", "--date", "2024-03-05", "--quiet", stdin=text)
    assert warm.stdout == cold.stdout and b'"ASSAULT"' in warm.stdout
    assert _served(running) == before + 1
    wrong = _tacitus(running, "code", "-", "--date", "2024-13-40", "--quiet", stdin=text)
    assert wrong.returncode == 1 and b"--date '2024-13-40'" in wrong.stderr


def test_resident_refuses_other_settings(running, stories, tmp_path):
    before = _served(running)
    warm = _tacitus(running, "code", "three.jsonl", "--include-negated", "--quiet", cwd=stories)
    cold = _cold(running, "code", "three.jsonl", "--include-negated", "--quiet", cwd=stories)
    assert warm.stdout == cold.stdout and warm.returncode == 0
    assert b"note: the resident coder" in warm.stderr and b"other settings" in warm.stderr
    assert _served(running) == before  # coded in the client's own process
    actors = tmp_path / "actors.tsv"
    actors.write_text("name\taliases\tkind\tcountry\tsector\tstart\tend\tnote\n", encoding="utf-8")
    with_actors = resident.settings(actors=str(actors))
    assert resident.fingerprint(with_actors) != resident.fingerprint(resident.settings())
    first = resident.fingerprint(with_actors)
    actors.write_text(actors.read_text() + "Jane Roe\t\tperson\tUSA\tGOV\t\t\t\n", encoding="utf-8")
    assert resident.fingerprint(with_actors) != first  # the file's contents count, not only its name


def test_resident_concurrent_clients(running, stories):
    cold = _cold(running, "code", "three.jsonl", "--quiet", cwd=stories).stdout
    before = _served(running)
    with ThreadPoolExecutor(4) as pool:
        runs = list(pool.map(lambda _: _tacitus(running, "code", "three.jsonl", "--quiet", cwd=stories),
                             range(4)))
    assert [r.stdout for r in runs] == [cold] * 4
    assert all(r.returncode == 0 for r in runs)
    assert _served(running) == before + 4


def test_resident_stale_socket_falls_back(tmp_path, stories):
    runtime = tmp_path / "rt"
    runtime.mkdir(mode=0o700)
    folder = runtime / "tacitus"
    folder.mkdir(mode=0o700)
    dead = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    dead.bind(str(folder / "coder.sock"))  # a socket nobody listens on: a coder that died
    dead.close()
    env = _env(runtime)
    run = _tacitus(env, "code", "three.jsonl", "--quiet", cwd=stories)
    assert run.returncode == 0
    assert run.stdout == _cold(env, "code", "three.jsonl", "--quiet", cwd=stories).stdout
    assert _messages(run.stderr) == []
    assert not (folder / "coder.sock").exists()  # removed by the client
    assert _tacitus(env, "coder", "status").returncode == 1


def test_resident_start_stop_restart(tmp_path, stories):
    runtime = tmp_path / "rt"
    runtime.mkdir(mode=0o700)
    env = _env(runtime)
    sock = runtime / "tacitus" / "coder.sock"
    try:
        assert _tacitus(env, "coder", "start").returncode == 0
        first = resident.status(sock)
        again = _tacitus(env, "coder", "start")
        assert b"runs already" in again.stdout and resident.status(sock)["pid"] == first["pid"]
        other = _tacitus(env, "coder", "start", "--include-negated")  # other settings: restarted
        assert other.returncode == 0, other.stderr.decode()
        second = resident.status(sock)
        assert second["pid"] != first["pid"] and second["setting"]["include_negated"] is True
        warm = _tacitus(env, "code", "three.jsonl", "--include-negated", "--quiet", cwd=stories)
        assert b"note:" not in warm.stderr and resident.status(sock)["served"] == 1
    finally:
        stopped = _tacitus(env, "coder", "stop")
    assert b"resident coder stopped" in stopped.stdout
    assert not sock.exists()
    assert _tacitus(env, "coder", "status").returncode == 1
    assert b"no resident coder" in _tacitus(env, "coder", "stop").stdout


def test_resident_runtime_dir_must_be_private(tmp_path, monkeypatch):
    open_dir = tmp_path / "open"
    open_dir.mkdir(mode=0o755)
    open_dir.chmod(0o755)
    assert not resident._private_dir(open_dir, os.getuid())
    private = tmp_path / "private"
    private.mkdir(mode=0o700)
    assert resident._private_dir(private, os.getuid())
    link = tmp_path / "link"
    link.symlink_to(private)
    assert not resident._private_dir(link, os.getuid())
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(private))
    assert resident.runtime_dir() == private / "tacitus"
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(open_dir))  # not private: not used
    assert resident.runtime_dir() != open_dir / "tacitus"


def test_resident_client_does_not_import_spacy(running, stories):
    probe = ("import sys, runpy; sys.argv = ['tacitus', 'code', 'three.jsonl', '--quiet']\n"
             "try:\n    runpy.run_module('tacitus', run_name='__main__')\n"
             "except SystemExit as e:\n    code = e.code\n"
             "print('SPACY' if 'spacy' in sys.modules else 'NO-SPACY', code, file=sys.stderr)\n")
    run = subprocess.run([sys.executable, "-c", probe], env=running, capture_output=True, cwd=stories,
                         timeout=300)
    assert run.stderr.decode().strip().endswith("NO-SPACY 0"), run.stderr.decode()
    assert run.stdout == _cold(running, "code", "three.jsonl", "--quiet", cwd=stories).stdout


def test_resident_client_that_goes_away_stops_its_run(running, stories):
    shared_data("voa", "stories.jsonl")
    before = _served(running)
    client = subprocess.Popen([sys.executable, "-m", "tacitus", "code", str(VOA_STORIES), "--quiet"],
                              env=running, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert client.stdout.readline().startswith(b'{"id"')
    client.stdout.close()  # as `| head -1` does
    client.wait(timeout=300)
    after = _tacitus(running, "code", "three.jsonl", "--quiet", cwd=stories)  # the coder serves on
    assert after.returncode == 0
    assert after.stdout == _cold(running, "code", "three.jsonl", "--quiet", cwd=stories).stdout
    assert _served(running) == before + 2


def test_resident_switched_off_or_unsupported_codes_in_process(running, stories, monkeypatch):
    before = _served(running)
    off = _cold(running, "code", "three.jsonl", "--quiet", cwd=stories)
    assert off.returncode == 0 and off.stdout.count(b"\n") > 3
    assert _served(running) == before  # TACITUS_CODER=off: the coder was not asked
    monkeypatch.setenv("XDG_RUNTIME_DIR", running["XDG_RUNTIME_DIR"])
    monkeypatch.delenv("TACITUS_CODER", raising=False)
    assert resident.enabled()
    monkeypatch.delattr(socket, "AF_UNIX")  # as on Windows
    assert not resident.enabled()
    with pytest.raises(resident.CoderUnavailable):
        resident.run_code(["three.jsonl"], resident.settings())
