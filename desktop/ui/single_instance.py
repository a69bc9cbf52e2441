"""One running copy per user: a second launch asks the first to come forward, then ends.

A local socket (a named pipe on Windows) named for the user: the first copy listens; a later one
connects, sends ``show`` and exits. A socket left behind by a crashed copy is removed and taken over.
"""

from __future__ import annotations

import getpass
import hashlib

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from desktop import APP_ID
from desktop.paths import config_dir

_MESSAGE = b"show\n"
_TIMEOUT_MS = 1000


def instance_name(suffix: str = "") -> str:
    """The socket's name: one per user and settings folder (a test run's own folder is its own "user")."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no user name in the environment
        user = "user"
    digest = hashlib.sha256(f"{APP_ID}:{user}:{config_dir()}:{suffix}".encode()).hexdigest()[:16]
    return f"hotline-desk-{digest}"


class SingleInstance(QObject):
    activated = Signal()  # another launch asked this copy to come forward

    def __init__(self, name: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name or instance_name()
        self.server: QLocalServer | None = None
        self._sockets: list[QLocalSocket] = []

    def notify_running(self) -> bool:
        """Tell a running copy to come forward; True if one answered (this launch should end)."""
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(_TIMEOUT_MS):
            return False
        socket.write(_MESSAGE)
        socket.flush()
        socket.waitForBytesWritten(_TIMEOUT_MS)
        socket.disconnectFromServer()
        return True

    def claim(self) -> bool:
        """Become the running copy: False if another one is running (it was told to come forward)."""
        if self.notify_running():
            return False
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            QLocalServer.removeServer(self.name)  # left behind by a copy that crashed
            if not server.listen(self.name):
                return True  # cannot listen: run anyway rather than refuse to start
        server.newConnection.connect(self._connection)
        self.server = server
        return True

    def release(self) -> None:
        for socket in self._sockets:
            socket.abort()
        self._sockets.clear()
        if self.server is not None:
            self.server.close()
            self.server = None

    def _connection(self) -> None:
        assert self.server is not None
        while (socket := self.server.nextPendingConnection()) is not None:
            self._sockets.append(socket)
            socket.readyRead.connect(self._ready)
            if socket.bytesAvailable():
                self._read(socket)

    def _ready(self) -> None:
        socket = self.sender()
        if isinstance(socket, QLocalSocket):
            self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        if bytes(socket.readAll().data()).startswith(_MESSAGE.strip()):
            self.activated.emit()
        self._sockets = [s for s in self._sockets if s.state() == QLocalSocket.LocalSocketState.ConnectedState]
