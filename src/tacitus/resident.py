"""The resident coder: one long-running process of the user's that holds the
loaded pipeline, so that ``tacitus code`` starts coding at once.

Importing spaCy and loading the model take most of a second in a fresh
process; ``tacitus coder start`` pays that once. While the coder runs,
``tacitus code`` (writing to stdout: JSON Lines or a table) is a thin client:
it does not import spaCy, it sends its arguments, working directory, the few
environment variables the command reads and, for ``-``, its standard input,
and writes back exactly what the coder's run of the same command writes
(events, messages naming the file and line, exit code). Nothing else changes
for the user: without a coder, or when it cannot serve the run, the command
codes in its own process as before.

Safety:

- the socket lives in the user's runtime directory (``$XDG_RUNTIME_DIR``,
  else ``/tmp/tacitus-UID``), a directory that must be the user's own and
  closed to others (0700); the socket itself is 0600, and the coder also
  checks each caller's user id (``SO_PEERCRED``). There is no network port.
- a coder serves only runs with the settings it was started with: the model
  (and its installed files), ``--triggers``, ``--actors`` and
  ``--event-filter`` (their paths and contents), the three coding options,
  and the installed tacitus code and data. A run with other settings is
  coded in its own process (with a note saying why); ``tacitus coder start``
  with other settings restarts the coder.
- a socket left by a coder that died is removed by the next client, which
  codes in its own process.

Runs are served one at a time, in the order they arrive (the pipeline is one
and not thread-safe); other clients wait their turn.

This module imports no spaCy; only :func:`serve` loads the coder.
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import socket
import stat
import struct
import sys
import time
from pathlib import Path

from .errors import TacitusError

#: set to "off" (or "0", "no") to never use the resident coder
ENV_SWITCH = "TACITUS_CODER"
#: environment variables of the client that a run of ``tacitus code`` reads
FORWARDED_ENV = ("TACITUS_MODEL", "TZ", "TERM", "COLORTERM", "NO_COLOR", "FORCE_COLOR",
                 "COLUMNS", "LINES")
SOCKET_NAME = "coder.sock"
LOG_NAME = "coder.log"
CONNECT_TIMEOUT = 5.0
_HEADER = struct.Struct("!cI")  # frame kind, payload length
_MAX_FRAME = 1 << 30

#: the options of ``tacitus code`` that decide how a coder is built
SETTING_KEYS = ("model", "include_negated", "include_incomplete", "all_sentences",
                "triggers", "actors", "event_filter")


class CoderUnavailable(Exception):
    """The resident coder cannot serve this run (the caller codes in its own process)."""


class CoderRefused(CoderUnavailable):
    """A resident coder runs, but with other settings than this run's."""


# --------------------------------------------------------------- where it lives

def runtime_dir(create: bool = False) -> Path:
    """The user's private directory for the socket and the log.

    ``$XDG_RUNTIME_DIR/tacitus`` when the user has a runtime directory, else
    ``/tmp/tacitus-UID``; it must be a real directory (not a link) owned by
    the user with no access for anyone else, or nothing is put there."""
    uid = os.getuid()
    base = os.environ.get("XDG_RUNTIME_DIR")
    if base and _private_dir(Path(base), uid):
        path = Path(base) / "tacitus"
    else:
        path = Path("/tmp") / f"tacitus-{uid}"
    if create:
        try:
            path.mkdir(mode=0o700)
        except FileExistsError:
            pass
    if not _private_dir(path, uid):
        if create or path.exists() or path.is_symlink():
            raise TacitusError(f"{path} is not a private directory of this user (it must be owned "
                               f"by uid {uid}, not a link, mode 0700): the resident coder will not use it")
    return path


def _private_dir(path: Path, uid: int) -> bool:
    try:
        info = os.lstat(path)
    except OSError:
        return False
    return stat.S_ISDIR(info.st_mode) and info.st_uid == uid and not info.st_mode & 0o077


def socket_path() -> Path:
    return runtime_dir() / SOCKET_NAME


# ------------------------------------------------------------------- settings

def settings(model: str | None = None, include_negated: bool = False, include_incomplete: bool = False,
             all_sentences: bool = False, triggers: str | None = None, actors: str | None = None,
             event_filter: str | None = None) -> dict:
    """The settings a coder is built with, as ``tacitus code`` names them
    (paths made absolute; the model resolved as the command resolves it)."""
    from .modelname import model_name

    def absolute(path):
        return os.path.abspath(path) if path else None

    return {"model": model_name(model), "include_negated": bool(include_negated),
            "include_incomplete": bool(include_incomplete), "all_sentences": bool(all_sentences),
            "triggers": absolute(triggers), "actors": absolute(actors),
            "event_filter": absolute(event_filter)}


def fingerprint(setting: dict) -> str:
    """A digest of the settings, of the contents of the files they name, of the
    installed model and of the installed tacitus (code and data): two runs
    with the same fingerprint build the same coder."""
    digest = hashlib.sha256(json.dumps(setting, sort_keys=True).encode())
    for key in ("triggers", "actors", "event_filter"):
        if setting.get(key):
            _hash_path(digest, Path(setting[key]), contents=True)
    digest.update(sys.executable.encode() + sys.version.encode())
    _hash_path(digest, Path(__file__).resolve().parent, contents=False)
    _hash_path(digest, _model_files(setting["model"]), contents=False)
    return digest.hexdigest()


def _model_files(name: str) -> Path:
    """Where an installed model's files are (found without importing it or spaCy)."""
    if os.path.isdir(name):
        return Path(name)
    from importlib.util import find_spec

    try:
        spec = find_spec(name)
    except (ImportError, ValueError):
        spec = None
    if spec is None or not spec.submodule_search_locations:
        return Path(name)  # not installed: both sides fail alike
    return Path(list(spec.submodule_search_locations)[0])


def _hash_path(digest, path: Path, contents: bool) -> None:
    """Add a file or a directory tree: names, sizes, modification times, and
    with ``contents`` the bytes of each file."""
    try:
        entries = [path] if path.is_file() else sorted(
            p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    except OSError:
        entries = []
    if not entries:
        digest.update(f"missing:{path}".encode())
    for entry in entries:
        try:
            info = entry.stat()
        except OSError:
            continue
        digest.update(f"{entry}:{info.st_size}:{info.st_mtime_ns}".encode())
        if contents:
            digest.update(entry.read_bytes())


def describe(setting: dict) -> str:
    parts = [f"model {setting['model']}"]
    parts += [f"--{k.replace('_', '-')}" for k in ("include_negated", "include_incomplete", "all_sentences")
              if setting.get(k)]
    parts += [f"--{k.replace('_', '-')} {setting[k]}" for k in ("triggers", "actors", "event_filter")
              if setting.get(k)]
    return ", ".join(parts)


# ------------------------------------------------------------------- protocol

def _send(sock: socket.socket, kind: bytes, payload: bytes = b"") -> None:
    sock.sendall(_HEADER.pack(kind, len(payload)) + payload)


def _recv_exact(sock: socket.socket, n: int) -> bytes:
    chunks, left = [], n
    while left:
        chunk = sock.recv(min(left, 1 << 20))
        if not chunk:
            raise EOFError("connection closed")
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _recv(sock: socket.socket) -> tuple[bytes, bytes]:
    kind, size = _HEADER.unpack(_recv_exact(sock, _HEADER.size))
    if size > _MAX_FRAME:
        raise EOFError("frame too large")
    return kind, _recv_exact(sock, size)


def _connect(path: Path | None = None) -> socket.socket:
    """A connection to the running coder; CoderUnavailable when there is none
    (a socket left by a dead coder is removed)."""
    if not supported():
        raise CoderUnavailable("no Unix sockets here")
    try:
        path = path or socket_path()
    except TacitusError as error:
        raise CoderUnavailable(str(error)) from None
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.settimeout(CONNECT_TIMEOUT)
    try:
        sock.connect(str(path))
    except FileNotFoundError:
        sock.close()
        raise CoderUnavailable("no resident coder is running") from None
    except (ConnectionRefusedError, socket.timeout, OSError) as error:
        sock.close()
        if isinstance(error, ConnectionRefusedError):
            _remove_stale(path)
            raise CoderUnavailable("the resident coder's socket was stale (removed)") from None
        raise CoderUnavailable(f"the resident coder does not answer ({error})") from None
    sock.settimeout(None)
    return sock


def _remove_stale(path: Path) -> None:
    try:
        info = os.lstat(path)
        if stat.S_ISSOCK(info.st_mode) and info.st_uid == os.getuid():
            os.unlink(path)
    except OSError:
        pass


def request(message: dict, path: Path | None = None, timeout: float | None = 30.0) -> dict:
    """Send a control message (status, stop) and return the coder's answer."""
    sock = _connect(path)
    try:
        sock.settimeout(timeout)
        _send(sock, b"q", json.dumps(message).encode())
        kind, payload = _recv(sock)
        return json.loads(payload)
    except (OSError, EOFError, ValueError) as error:
        raise CoderUnavailable(f"the resident coder did not answer ({error})") from None
    finally:
        sock.close()


def status(path: Path | None = None) -> dict | None:
    """The running coder's pid, settings and fingerprint, or None when none runs."""
    try:
        return request({"op": "status"}, path)
    except CoderUnavailable:
        return None


# --------------------------------------------------------------------- client

def supported() -> bool:
    """Unix sockets and user ids: not on Windows, where every run codes itself."""
    return hasattr(socket, "AF_UNIX") and hasattr(os, "getuid")


def enabled() -> bool:
    return supported() and os.environ.get(ENV_SWITCH, "").lower() not in ("off", "0", "no", "false")


def run_code(args: list[str], setting: dict, prog_name: str = "tacitus") -> int:
    """Run ``tacitus code ARGS`` in the resident coder, writing its output to
    this process's stdout and stderr; returns the exit code. Raises
    CoderUnavailable (before anything was written) when the coder is absent,
    stale, or built with other settings: the caller then codes itself."""
    sock = _connect()
    stdin, stdin_encoding = b"", getattr(sys.stdin, "encoding", None) or "utf-8"
    if "-" in args:  # the coder reads this process's standard input
        stdin = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read().encode()
    header = {
        "op": "code", "args": list(args), "prog_name": prog_name, "cwd": os.getcwd(),
        "fingerprint": fingerprint(setting), "setting": setting,
        "env": {k: os.environ[k] for k in FORWARDED_ENV if k in os.environ},
        "stdout": _stream_info(sys.stdout), "stderr": _stream_info(sys.stderr),
        "stdin_encoding": stdin_encoding,
    }
    try:
        return _exchange(sock, header, stdin)
    except CoderUnavailable:
        if "-" in args:  # the caller codes from the same input
            sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding=stdin_encoding)
        raise
    finally:
        sock.close()


def _exchange(sock: socket.socket, header: dict, stdin: bytes) -> int:
    out = getattr(sys.stdout, "buffer", None)
    err = getattr(sys.stderr, "buffer", None)
    wrote = False
    try:
        _send(sock, b"q", json.dumps(header).encode())
        _send(sock, b"i", stdin)
    except OSError:
        raise CoderUnavailable("the resident coder closed the connection") from None
    while True:
        try:
            kind, payload = _recv(sock)
        except (EOFError, OSError):
            if not wrote:
                raise CoderUnavailable("the resident coder stopped before answering") from None
            sys.stderr.write("error: the resident coder stopped during the run; "
                             "the output above is incomplete\n")
            return 1
        if kind == b"r":  # refused: other settings
            raise CoderRefused(payload.decode())
        if kind == b"x":
            return int(payload)
        wrote = True
        stream, binary = (sys.stdout, out) if kind == b"o" else (sys.stderr, err)
        if binary is not None:
            stream.flush()
            binary.write(payload)
            binary.flush()
        else:
            stream.write(payload.decode(_stream_info(stream)["encoding"], "replace"))
            stream.flush()


def _stream_info(stream) -> dict:
    try:
        tty = stream.isatty()
    except (AttributeError, ValueError):
        tty = False
    info = {"encoding": getattr(stream, "encoding", None) or "utf-8",
            "errors": getattr(stream, "errors", None) or "strict", "tty": tty}
    if tty:  # the width tables and the progress bar take in a cold run
        try:
            info["columns"] = os.get_terminal_size(stream.fileno()).columns
        except (AttributeError, OSError, ValueError):
            pass
    return info


# --------------------------------------------------------------------- server

#: the coder of the running server (None in any other process)
_SERVING = None


def serving_coder():
    """In the resident coder's process, its loaded coder; else None."""
    return _SERVING


class _FrameWriter(io.RawIOBase):
    """A binary stream whose writes go to the client as frames of one kind."""

    def __init__(self, sock: socket.socket, kind: bytes, tty: bool):
        super().__init__()
        self.sock, self.kind, self.tty, self.broken = sock, kind, tty, False

    def writable(self):
        return True

    def isatty(self):
        return self.tty

    def write(self, data) -> int:
        data = bytes(data)
        if data and not self.broken:
            try:
                _send(self.sock, self.kind, data)
            except OSError:
                self.broken = True
                raise _ClientGone() from None  # (its output closed, or Ctrl-C): stop this run
        return len(data)


def _text_stream(sock, kind: bytes, info: dict, tty: bool):
    buffered = io.BufferedWriter(_FrameWriter(sock, kind, tty), buffer_size=1 << 16)
    return io.TextIOWrapper(buffered, encoding=info.get("encoding") or "utf-8",
                            errors=info.get("errors") or "strict", line_buffering=True)


class _ClientGone(BaseException):
    """The client of the run went away: the run stops."""


class _Stop(BaseException):
    """SIGTERM or SIGHUP: the coder stops (even in the middle of a run)."""


class Server:
    """The resident coder's process: a loaded coder behind a Unix socket."""

    def __init__(self, setting: dict, path: Path | None = None):
        self.setting = setting
        self.path = path or runtime_dir(create=True) / SOCKET_NAME
        self.fingerprint = fingerprint(setting)
        self.started = time.time()
        self.served = 0
        self._stop = False
        self._sock = None
        self._inode = None

    def load(self) -> None:
        """Build the coder (as ``tacitus code`` would with these settings) and warm it up."""
        global _SERVING
        from .coder import load

        s = self.setting
        coder = load(s["model"], include_negated=s["include_negated"], skip_eventless=not s["all_sentences"],
                     triggers=s["triggers"], include_incomplete=s["include_incomplete"],
                     actors=s["actors"], event_filter=s["event_filter"])
        coder.warm_up()
        _SERVING = coder

    def bind(self) -> None:
        """Listen on the socket (0600); fails when a live coder already listens there."""
        if self.path.exists() or self.path.is_symlink():
            if status(self.path) is not None:
                raise TacitusError(f"a resident coder already listens on {self.path}")
            _remove_stale(self.path)
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        old = os.umask(0o177)
        try:
            sock.bind(str(self.path))
        finally:
            os.umask(old)
        os.chmod(self.path, 0o600)
        sock.listen(64)
        self._sock = sock
        self._inode = os.lstat(self.path).st_ino

    def serve_forever(self) -> None:
        import signal

        def stop(signum, frame):
            raise _Stop()

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGHUP, stop)
        try:
            while not self._stop:
                conn, _ = self._sock.accept()
                with conn:
                    try:
                        self._handle(conn)
                    except (OSError, EOFError, ValueError):
                        pass  # a client that went away or spoke nonsense: next one
        except _Stop:
            pass
        finally:
            self.close()

    def close(self) -> None:
        if self._sock is not None:
            self._sock.close()
            self._sock = None
        try:  # remove the socket only if it is still this coder's
            if os.lstat(self.path).st_ino == self._inode:
                os.unlink(self.path)
        except OSError:
            pass

    def _peer_is_user(self, conn: socket.socket) -> bool:
        option = getattr(socket, "SO_PEERCRED", None)
        if option is None:
            return True  # the directory (0700) and the socket (0600) keep others out
        _pid, uid, _gid = struct.unpack("3i", conn.getsockopt(socket.SOL_SOCKET, option, 12))
        return uid == os.getuid()

    def _handle(self, conn: socket.socket) -> None:
        if not self._peer_is_user(conn):
            return
        conn.settimeout(30.0)  # the request arrives at once, or never
        kind, payload = _recv(conn)
        message = json.loads(payload)
        op = message.get("op")
        if op == "status":
            _send(conn, b"s", json.dumps(self.info()).encode())
        elif op == "stop":
            self._stop = True
            _send(conn, b"s", json.dumps(self.info()).encode())
        elif op == "code":
            _kind, stdin = _recv(conn)
            conn.settimeout(None)
            if message.get("fingerprint") != self.fingerprint:
                _send(conn, b"r", self._refusal(message.get("setting") or {}).encode())
                return
            code = self._code(conn, message, stdin)
            self.served += 1
            _send(conn, b"x", str(code).encode())

    def info(self) -> dict:
        return {"pid": os.getpid(), "socket": str(self.path), "setting": self.setting,
                "fingerprint": self.fingerprint, "started": self.started, "served": self.served}

    def _refusal(self, setting: dict) -> str:
        if setting == self.setting:
            why = "the installed tacitus, its model or the files it was started with changed since"
        else:
            why = f"it was started with other settings ({describe(self.setting)})"
        return f"the resident coder (pid {os.getpid()}) cannot code this run: {why}"

    def _code(self, conn: socket.socket, message: dict, stdin: bytes) -> int:
        """Run ``tacitus code ARGS`` here as the client's process would, its
        streams going to the client."""
        import traceback

        from .cli import main

        saved = (sys.stdin, sys.stdout, sys.stderr, os.getcwd(), dict(os.environ))
        out = _text_stream(conn, b"o", message["stdout"], message["stdout"].get("tty", False))
        # the progress bar draws when the client's stderr is a terminal, as in a cold run
        err = _text_stream(conn, b"e", message["stderr"], message["stderr"].get("tty", False))
        sys.stdout, sys.stderr = out, err
        sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding=message.get("stdin_encoding") or "utf-8")
        for name in FORWARDED_ENV:
            os.environ.pop(name, None)
        os.environ.update(message.get("env") or {})
        width = next((info["columns"] for info in (message["stdout"], message["stderr"])
                      if info.get("tty") and info.get("columns")), None)
        if width and "COLUMNS" not in os.environ:  # (the coder has no terminal to ask)
            os.environ["COLUMNS"] = str(width)
        _tzset()
        code = 0
        try:
            os.chdir(message["cwd"])
            main.main(args=["code", *message["args"]], prog_name=message.get("prog_name") or "tacitus",
                      standalone_mode=True)
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
            if exit_.code is not None and not isinstance(exit_.code, int):
                print(exit_.code, file=sys.stderr)
        except _Stop:
            raise
        except _ClientGone:
            code = 1
        except BaseException:  # noqa: BLE001 - what a cold run would print, then the next run
            traceback.print_exc()
            code = 1
        finally:
            for stream in (out, err):
                try:
                    stream.flush()
                except (OSError, ValueError, _ClientGone):
                    pass
            sys.stdin, sys.stdout, sys.stderr = saved[:3]
            os.environ.clear()
            os.environ.update(saved[4])
            _tzset()
            os.chdir(saved[3])
        return code


def _tzset() -> None:
    if hasattr(time, "tzset"):
        time.tzset()


def serve(setting: dict, path: Path | None = None) -> None:
    """Load the coder, then serve runs until stopped (``tacitus coder stop``, SIGTERM)."""
    if not supported():
        raise TacitusError("the resident coder needs Unix sockets (Linux, macOS, BSD)")
    os.environ[ENV_SWITCH] = "off"  # the runs it serves are coded here, never sent on
    server = Server(setting, path)
    server.load()
    server.bind()
    print(f"resident coder pid {os.getpid()} on {server.path} ({describe(setting)})", flush=True)
    server.serve_forever()


def start(setting: dict, timeout: float = 120.0) -> dict:
    """Start a coder in the background with these settings (restarting one
    that runs with others) and wait until it answers; returns its status."""
    import subprocess

    if not supported():
        raise TacitusError("the resident coder needs Unix sockets (Linux, macOS, BSD)")
    wanted = fingerprint(setting)
    running = status()
    if running is not None:
        if running.get("fingerprint") == wanted:
            return running
        stop()
    folder = runtime_dir(create=True)
    log = open(folder / LOG_NAME, "ab")
    try:
        proc = subprocess.Popen([sys.executable, "-m", "tacitus.resident", json.dumps(setting)],
                                stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                                start_new_session=True, close_fds=True)
    finally:
        log.close()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise TacitusError(f"the resident coder did not start (exit {proc.returncode}): "
                               f"{_log_tail(folder / LOG_NAME)}")
        found = status()
        if found is not None and found.get("pid") == proc.pid:
            return found
        time.sleep(0.05)
    proc.terminate()
    raise TacitusError(f"the resident coder did not answer within {timeout:.0f} s; see {folder / LOG_NAME}")


def _log_tail(path: Path) -> str:
    try:
        lines = path.read_text(errors="replace").strip().splitlines()
    except OSError:
        return "no log"
    return lines[-1] if lines else "no log"


def stop(timeout: float = 30.0) -> dict | None:
    """Stop the running coder; returns what it said of itself, or None when none ran."""
    try:
        found = request({"op": "stop"})
    except CoderUnavailable:
        return None
    deadline = time.monotonic() + timeout
    path = Path(found["socket"])
    while time.monotonic() < deadline and _alive(found["pid"]):
        time.sleep(0.02)
    if path.exists() and status(path) is None:
        _remove_stale(path)
    return found


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _main(argv: list[str]) -> None:
    """``python -m tacitus.resident SETTINGS_JSON``: the coder's process (see start)."""
    try:
        serve(json.loads(argv[0]))
    except TacitusError as error:
        print(f"error: {error}", file=sys.stderr, flush=True)
        sys.exit(1)


if __name__ == "__main__":  # the module proper, not this copy run as __main__, holds the coder
    from tacitus.resident import _main as main_

    main_(sys.argv[1:])
