"""A loopback TCP proxy that can freeze: connections stay open but nothing is relayed.

That is what a hung database looks like to a client: no reset, no answer, and (the proxy's
kernel still acknowledging) no help from TCP keepalives.
"""

import contextlib
import selectors
import socket
import threading


class FreezableProxy:
    """Relay 127.0.0.1:<port> to target_host:target_port in a thread until freeze() or close()."""

    def __init__(self, target_host: str, target_port: int):
        self.target = (target_host, target_port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.frozen = threading.Event()
        self.closed = threading.Event()
        self._sockets: list[socket.socket] = [self.listener]
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def freeze(self) -> None:
        self.frozen.set()

    def thaw(self) -> None:
        self.frozen.clear()

    def close(self) -> None:
        self.closed.set()
        self._thread.join(timeout=5)
        for sock in self._sockets:
            sock.close()

    def _run(self) -> None:
        selector = selectors.DefaultSelector()
        selector.register(self.listener, selectors.EVENT_READ, None)
        while not self.closed.is_set():
            if self.frozen.is_set():
                # Frozen: accept nothing, relay nothing, close nothing.
                self.closed.wait(0.05)
                continue
            for key, _ in selector.select(timeout=0.05):
                if key.data is None:
                    client, _ = self.listener.accept()
                    upstream = socket.create_connection(self.target)
                    self._sockets += [client, upstream]
                    selector.register(client, selectors.EVENT_READ, upstream)
                    selector.register(upstream, selectors.EVENT_READ, client)
                    continue
                try:
                    data = key.fileobj.recv(65536)
                except OSError:
                    data = b""
                if data:
                    try:
                        key.data.sendall(data)
                        continue
                    except OSError:
                        pass
                for sock in (key.fileobj, key.data):
                    with contextlib.suppress(KeyError, ValueError):
                        selector.unregister(sock)
                    sock.close()
        selector.close()
