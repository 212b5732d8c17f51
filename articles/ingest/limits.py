"""Limits on what one upload may cost: its size and the time its parse may take.

The time limit runs the parse in a forked child process and kills it when time is up.
A thread cannot do this: Python cannot stop a thread, and a runaway parse usually sits
inside C code (PDFium, libxml2, zlib) where no signal handler or flag is looked at; the
thread would go on burning a core after the caller had given up. A process can be killed
at any instruction, and a crash in C code (a malformed PDF that segfaults PDFium) kills
only the child. `os.fork` is used rather than `multiprocessing` because Celery's prefork
workers are daemonic and `multiprocessing` refuses to start children from them, and
because a fork costs milliseconds while a fresh interpreter costs a second of imports.

The child leaves with `os._exit`: it must not run atexit handlers or close the parent's
database connections and sockets, which it shares. A fork copies only the calling thread;
the child runs only pure parsing code, which takes no lock another thread could hold.
"""
from __future__ import annotations

import os
import pickle
import select
import signal
import time
from collections.abc import Callable
from typing import TypeVar

from .errors import IngestError

T = TypeVar("T")
MAX_BYTES = 50 * 1024 * 1024
TIME_LIMIT = 60.0  # seconds: a 500-page PDF takes a few; more means something is wrong


def check_size(data: bytes, max_bytes: int = MAX_BYTES) -> None:
    if len(data) > max_bytes:
        raise IngestError(
            f"文件太大：{len(data) / 1024 / 1024:.1f} MB，上限为 {max_bytes / 1024 / 1024:.0f} MB。请拆分后再上传。"
        )


def run_with_time_limit(func: Callable[..., T], *args, seconds: float = TIME_LIMIT, **kwargs) -> T:
    """Call `func(*args, **kwargs)` in a child process; stop it after `seconds`.

    Returns what `func` returned and raises what it raised (both travel back pickled).
    Raises `IngestError` when time runs out or the child dies without an answer.
    Where there is no fork (Windows), the call runs in-process with no limit.
    """
    if not hasattr(os, "fork"):
        return func(*args, **kwargs)
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(read_fd)
        _child(write_fd, func, args, kwargs)
    os.close(write_fd)
    try:
        payload = _read_until(read_fd, time.monotonic() + seconds)
    except TimeoutError:
        _kill(pid)
        raise IngestError(f"解析超过 {seconds:g} 秒仍未完成，已停止。文件可能过于复杂或已损坏。") from None
    finally:
        os.close(read_fd)
    _, status = os.waitpid(pid, 0)
    if not payload:
        how = f"信号 {os.WTERMSIG(status)}" if os.WIFSIGNALED(status) else f"退出码 {os.WEXITSTATUS(status)}"
        raise IngestError(f"解析程序意外退出（{how}），文件可能已损坏。")
    ok, value = pickle.loads(payload)
    if ok:
        return value
    raise value


def _child(write_fd: int, func, args, kwargs) -> None:
    status = 0
    try:
        try:
            payload = pickle.dumps((True, func(*args, **kwargs)))
        except BaseException as exc:  # noqa: BLE001 - everything goes back to the parent
            try:
                payload = pickle.dumps((False, exc))
            except Exception:
                payload = pickle.dumps((False, RuntimeError(f"{type(exc).__name__}: {exc}")))
        view = memoryview(payload)
        while view:
            view = view[os.write(write_fd, view):]
    except BaseException:  # noqa: BLE001 - the parent reports a child that said nothing
        status = 1
    finally:
        os._exit(status)


def _read_until(fd: int, deadline: float) -> bytes:
    """Read the pipe to its end, concurrently with the child writing (a pipe holds only 64 KiB)."""
    chunks = []
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError
        ready, _, _ = select.select([fd], [], [], remaining)
        if not ready:
            raise TimeoutError
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    os.waitpid(pid, 0)
