"""A throwaway PostgreSQL server for the tests: its own cluster in a temporary folder, on loopback.

Found from the server binaries (Debian's ``postgresql`` package puts them under
/usr/lib/postgresql/<version>/bin; ``HOTLINE_DESK_PG_BIN`` names another folder). As root
the cluster is run by the ``postgres`` account, since PostgreSQL refuses to run as root.
Tests that get a database from it are skipped, with the reason, only when no binary exists.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

NO_SERVER = ("no PostgreSQL server binaries (initdb, pg_ctl) found: install Debian's postgresql package "
             "or set HOTLINE_DESK_PG_BIN; scripts/test.sh installs it")


def find_bin() -> Path | None:
    given = os.environ.get("HOTLINE_DESK_PG_BIN")
    candidates = [given] if given else []
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    found = shutil.which("initdb")
    if found:
        candidates.append(str(Path(found).resolve().parent))
    for folder in candidates:
        if folder and (Path(folder) / "initdb").exists() and (Path(folder) / "pg_ctl").exists():
            return Path(folder)
    return None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class PgServer:
    """initdb + pg_ctl start; ``url(name)`` for a database on it; ``stop()`` removes everything."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin = bin_dir
        self.port = _free_port()
        self.root = Path(tempfile.mkdtemp(prefix="hotline-pg-"))
        self.data = self.root / "data"
        self.as_postgres = os.geteuid() == 0 if hasattr(os, "geteuid") else False
        if self.as_postgres:
            shutil.chown(self.root, "postgres")
            os.chmod(self.root, 0o700)
        self._run("initdb", "-D", str(self.data), "-U", "hotline", "--auth=trust", "-E", "UTF8",
                  "--locale=C.UTF-8", "--no-sync")
        options = f"-h 127.0.0.1 -p {self.port} -k {self.root} -F -c fsync=off -c full_page_writes=off"
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.root / "log"), "-w", "start")

    def _run(self, tool: str, *args: str) -> None:
        command = [str(self.bin / tool), *args]
        if self.as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            log = self.root / "log"
            raise RuntimeError(f"{tool} failed: {done.stderr.strip()} {log.read_text() if log.exists() else ''}")

    def url(self, name: str = "postgres") -> str:
        return f"postgresql+psycopg://hotline@127.0.0.1:{self.port}/{name}"

    def execute(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=hotline dbname=postgres",
                             autocommit=True) as connection:
            connection.execute(sql)

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)
