"""What the crash drills (tests/test_drills.py) are made of: a drill database of their own (a copy of a migrated
template with the test world in it), gunicorn and the task worker as real processes to kill -9, a phone check-in
sent over HTTP, and a TCP proxy that can cut PostgreSQL off. Everything runs on 127.0.0.1 and stops by itself."""

import http.client
import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from contextlib import suppress
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

import dj_database_url
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(condition, timeout: float, step: float = 0.1, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(step)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


def jpeg() -> bytes:
    out = BytesIO()
    Image.new("RGB", (64, 64), (200, 160, 120)).save(out, "JPEG")
    return out.getvalue()


# -- the drill database -------------------------------------------------------------------------------------------


@dataclass
class DrillDatabase:
    """One drill's database: a SQLite file or a PostgreSQL database, copied from the migrated template."""

    url: str
    data_dir: Path
    sessions: list[str]

    @property
    def is_sqlite(self) -> bool:
        return self.url.startswith("sqlite")

    @property
    def sqlite_path(self) -> str:
        return dj_database_url.parse(self.url)["NAME"]

    def env(self, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST_"))}
        env |= {
            "DJANGO_SETTINGS_MODULE": "tests.drills.settings",
            "DATABASE_URL": self.url,
            "SQJZ_DATA_DIR": str(self.data_dir),
            "PYTHONPATH": str(ROOT),
        }
        return env | extra

    def query(self, sql: str) -> list[tuple]:
        if self.is_sqlite:
            with sqlite3.connect(self.sqlite_path, timeout=10) as c:
                return c.execute(sql).fetchall()
        import psycopg

        with psycopg.connect(self.url.replace("postgres://", "postgresql://"), connect_timeout=5) as c:
            return c.execute(sql).fetchall()


def manage(db_env: dict[str, str], *args: str, timeout: float = 120) -> str:
    done = subprocess.run(  # noqa: S603 - our own manage.py, arguments from the test
        [sys.executable, str(ROOT / "manage.py"), *args],
        cwd=ROOT,
        env=db_env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert done.returncode == 0, f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def _pg(url: str, name: str) -> str:
    parts = dj_database_url.parse(url)
    user, host, port = parts["USER"] or "postgres", parts["HOST"] or "127.0.0.1", parts["PORT"] or 5432
    return f"postgres://{user}@{host}:{port}/{name}"


def _pg_admin(url: str, *statements: str) -> None:
    import psycopg

    with psycopg.connect(_pg(url, "postgres").replace("postgres://", "postgresql://"), autocommit=True) as c:
        for statement in statements:
            c.execute(statement)


@dataclass
class Template:
    """The migrated drill database with the test world, made once per test session and copied for each drill."""

    url: str
    data_dir: Path
    sessions: list[str] = field(default_factory=list)
    copies: int = 0

    @classmethod
    def build(cls, base: Path, database_url: str | None) -> "Template":
        data_dir = base / "template-data"
        data_dir.mkdir(parents=True)
        if database_url and database_url.startswith("postgres"):
            name = f"{dj_database_url.parse(database_url)['NAME']}_drill_tpl"
            _pg_admin(database_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'CREATE DATABASE "{name}"')
            url = _pg(database_url, name)
        else:
            url = f"sqlite:///{base / 'template.sqlite3'}"
        template = cls(url=url, data_dir=data_dir)
        env = DrillDatabase(url, data_dir, []).env()
        manage(env, "migrate", "--noinput", "-v0", timeout=300)
        out = subprocess.run(  # noqa: S603
            [sys.executable, str(Path(__file__).with_name("setup_data.py"))],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        ).stdout
        template.sessions = json.loads(out.strip().splitlines()[-1])["sessions"]
        return template

    def copy(self, base: Path) -> DrillDatabase:
        self.copies += 1
        data_dir = base / f"drill-{self.copies}"
        shutil.copytree(self.data_dir, data_dir)
        if self.url.startswith("sqlite"):
            path = base / f"drill-{self.copies}.sqlite3"
            shutil.copyfile(dj_database_url.parse(self.url)["NAME"], path)
            url = f"sqlite:///{path}"
        else:
            template, name = dj_database_url.parse(self.url)["NAME"], f"{self.name_prefix}_{self.copies}"
            _pg_admin(self.url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            _pg_admin(self.url, f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
            url = _pg(self.url, name)
        return DrillDatabase(url, data_dir, list(self.sessions))

    @property
    def name_prefix(self) -> str:
        return dj_database_url.parse(self.url)["NAME"].removesuffix("_tpl")

    def drop(self) -> None:
        if self.url.startswith("postgres"):
            names = [f"{self.name_prefix}_{i}" for i in range(1, self.copies + 1)]
            names.append(dj_database_url.parse(self.url)["NAME"])
            _pg_admin(self.url, *(f'DROP DATABASE IF EXISTS "{n}" WITH (FORCE)' for n in names))


# -- processes ----------------------------------------------------------------------------------------------------


class Process:
    """A process group the drill started (and only that one is ever signalled)."""

    def __init__(self, args: list[str], env: dict[str, str], log: Path) -> None:
        self.log = log
        with open(log, "ab") as out:
            self.popen = subprocess.Popen(  # noqa: S603 - our own programs
                args, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
            )

    @property
    def pid(self) -> int:
        return self.popen.pid

    def children(self) -> list[int]:
        with suppress(FileNotFoundError):
            return [int(p) for p in Path(f"/proc/{self.pid}/task/{self.pid}/children").read_text().split()]
        return []

    def kill_group(self) -> None:
        """kill -9 of the process and everything it started."""
        with suppress(ProcessLookupError):
            os.killpg(self.pid, signal.SIGKILL)
        with suppress(subprocess.TimeoutExpired):
            self.popen.wait(timeout=10)

    def output(self) -> str:
        return self.log.read_text(errors="replace")[-4000:]


class Server(Process):
    """gunicorn serving sqjz.wsgi on a free port of 127.0.0.1."""

    def __init__(self, db: DrillDatabase, log: Path, workers: int = 2, **env: str) -> None:
        self.port = free_port()
        super().__init__(
            [
                str(BIN / "gunicorn"),
                "sqjz.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(workers),
                "--threads",
                "4",
                "--timeout",
                "30",
                "--graceful-timeout",
                "2",
            ],
            db.env(**env),
            log,
        )
        self.workers = workers
        self.wait_ready()

    def wait_ready(self, timeout: float = 40) -> None:
        def ready():
            assert self.popen.poll() is None, f"gunicorn exited:\n{self.output()}"
            if len(self.children()) < self.workers:
                return False
            with suppress(OSError):
                return self.request("GET", "/healthz", timeout=5)[0] == 200
            return False

        wait_until(ready, timeout, step=0.3, what=f"gunicorn on port {self.port}")

    def request(self, method: str, path: str, body: bytes | None = None, headers=None, timeout: float = 15):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            response = conn.getresponse()
            return response.status, dict(response.getheaders()), response.read()
        finally:
            conn.close()

    def checkin(self, session: str, key: str, photo: bytes, timeout: float = 15, page: bool = False):
        """The phone's check-in (POST /api/app/checkins, multipart), signed in with `session`; with `page`, the
        phone page's form (POST /app/checkin/), which answers with a page."""
        boundary = uuid.uuid4().hex
        parts = []
        fields = [("latitude", "24.352"), ("longitude", "102.541"), ("accuracy", "12")]
        for name, value in fields + ([("idempotency_key", key)] if page else []):
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="photo"; filename="p.jpg"\r\n'
            "Content-Type: image/jpeg\r\n\r\n".encode()
            + photo
            + b"\r\n"
        )
        parts.append(f"--{boundary}--\r\n".encode())
        csrf = uuid.uuid4().hex
        headers = {
            "Content-Type": f"multipart/form-data; boundary={boundary}",
            "Cookie": f"sessionid={session}; csrftoken={csrf}",
            "X-CSRFToken": csrf,
            "Idempotency-Key": key,
        }
        path = "/app/checkin/" if page else "/api/app/checkins"
        return self.request("POST", path, b"".join(parts), headers, timeout=timeout)

    def get(self, session: str, path: str, timeout: float = 15):
        return self.request("GET", path, headers={"Cookie": f"sessionid={session}"}, timeout=timeout)


class TaskWorker(Process):
    def __init__(self, db: DrillDatabase, log: Path, worker_id: str) -> None:
        args = [sys.executable, str(ROOT / "manage.py"), "task_worker", "--no-startup-delay", "--interval", "0.2"]
        super().__init__([*args, "--worker-id", worker_id, "--no-reload"], db.env(), log)


# -- a TCP proxy in front of PostgreSQL ---------------------------------------------------------------------------


class Proxy:
    """Forwards 127.0.0.1:<port> to the database server. `cut()` drops every connection and refuses new ones (as a
    restarting server does); `restore()` listens again on the same port."""

    def __init__(self, target_host: str, target_port: int) -> None:
        self.target = (target_host, target_port)
        self.port = free_port()
        self.up = threading.Event()
        self.stopped = False
        self.lock = threading.Lock()
        self.sockets: set[socket.socket] = set()
        self.listener: socket.socket | None = None
        self.restore()

    def restore(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        listener.settimeout(0.2)
        self.listener = listener
        self.up.set()
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def cut(self) -> None:
        self.up.clear()
        with self.lock:
            self.listener.close()
            for s in list(self.sockets):
                with suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)
                s.close()
            self.sockets.clear()

    def stop(self) -> None:
        self.stopped = True
        self.cut()

    def _accept(self, listener: socket.socket) -> None:
        while self.up.is_set() and not self.stopped:
            try:
                client, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            try:
                server = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            server.settimeout(None)
            client.settimeout(None)
            with self.lock:
                self.sockets |= {client, server}
            for a, b in ((client, server), (server, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    def _pipe(self, source: socket.socket, sink: socket.socket) -> None:
        with suppress(OSError):
            while data := source.recv(65536):
                sink.sendall(data)
        for s in (source, sink):
            with suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)
