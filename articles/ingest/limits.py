"""Limits on what one document may cost: its size, and the time and memory its parse may take.

The time limit runs the parse in a forked child process and kills it when time is up.
A thread cannot do this: Python cannot stop a thread, and a runaway parse usually sits
inside C code (PDFium, libxml2, zlib) where no signal handler or flag is looked at; the
thread would go on burning a core after the caller had given up. A process can be killed
at any instruction, and a crash in C code (a malformed PDF that segfaults PDFium) kills
only the child. `os.fork` is used rather than `multiprocessing` because Celery's prefork
workers are daemonic and `multiprocessing` refuses to start children from them, and
because a fork costs milliseconds while a fresh interpreter costs a second of imports.

The memory limit is an address-space limit (`RLIMIT_AS`) set in the child only, on top
of what the worker already holds when it forks: a worker that has loaded its libraries
and dictionaries starts at several hundred MB of address space, and the limit is about
what one document adds. Python turns a refused allocation into `MemoryError`, which
comes back as an `IngestError` the editor can read; the worker itself is untouched.

The child leaves with `os._exit`: it must not run atexit handlers or close the parent's
database connections and sockets, which it shares. A fork copies only the calling thread;
the child runs only pure parsing code, which takes no lock another thread could hold.
"""
from __future__ import annotations

import logging
import os
import pickle
import select
import signal
import time
from collections.abc import Callable
from typing import TypeVar

from chinese_text.sentences import SENTENCE_END

from .errors import IngestError
from .types import ParsedDocument

T = TypeVar("T")
log = logging.getLogger(__name__)
MAX_BYTES = 50 * 1024 * 1024
TIME_LIMIT = 60.0  # seconds: a 500-page PDF takes a few; more means something is wrong
MEMORY_LIMIT_MB = 2048  # what one document may add to the worker's address space
MAX_ARTICLE_CHARS = 200_000  # a long feature is 20,000; a whole book chapter about 100,000


def check_size(data: bytes, max_bytes: int = MAX_BYTES) -> None:
    if len(data) > max_bytes:
        raise IngestError(
            f"文件太大：{len(data) / 1024 / 1024:.1f} MB，上限为 {max_bytes / 1024 / 1024:.0f} MB。请拆分后再上传。"
        )


def cap_article_length(parsed: ParsedDocument, max_chars: int = MAX_ARTICLE_CHARS) -> ParsedDocument:
    """Cut every article longer than `max_chars` at a paragraph end, with a warning.

    Cut rather than refused: an article this long is nearly always a split the parser
    missed or a dump glued to a page, and refusing would throw away the document's other
    articles too; the original file is kept, and the warning tells the editor where to
    look. The cut also bounds what analysis and every page and API answer must carry.
    """
    for number, item in enumerate(parsed.items, start=1):
        if len(item.body) <= max_chars:
            continue
        length, item.body = len(item.body), _cut(item.body, max_chars)
        parsed.warnings.append(
            f"第 {number} 篇《{item.title[:40]}》正文 {length:,} 字，超过上限 {max_chars:,} 字，"
            f"只保留了前 {len(item.body):,} 字（截在段落或句子末尾）。原始文件已保留；如是拆分有误，请检查原文。"
        )
    return parsed


def _cut(text: str, limit: int) -> str:
    """`text` up to `limit` characters, ended at the last paragraph, else sentence, in its second half."""
    end = text.rfind("\n", 0, limit + 1)
    if end < limit // 2:
        end = max(text.rfind(mark, 0, limit) for mark in SENTENCE_END + ".") + 1
    if end < limit // 2:
        end = limit
    return text[:end].rstrip()


def run_with_time_limit(
    func: Callable[..., T],
    *args,
    seconds: float = TIME_LIMIT,
    memory_mb: int | None = MEMORY_LIMIT_MB,
    **kwargs,
) -> T:
    """Call `func(*args, **kwargs)` in a child process; stop it after `seconds`.

    Returns what `func` returned and raises what it raised (both travel back pickled).
    Raises `IngestError` when time runs out, when the child needs more than `memory_mb`
    MB of address space beyond what it inherited (None: no memory limit), or when it
    dies without an answer. Where there is no fork (Windows), the call runs in-process
    with no limit.
    """
    if not hasattr(os, "fork"):
        return func(*args, **kwargs)
    address_limit = _address_space_limit(memory_mb)
    started = time.monotonic()
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(read_fd)
        _child(write_fd, address_limit, func, args, kwargs)
    os.close(write_fd)
    try:
        payload = _read_until(read_fd, time.monotonic() + seconds)
    except TimeoutError:
        _kill(pid)
        raise IngestError(f"解析超过 {seconds:g} 秒仍未完成，已停止。文件可能过于复杂或已损坏。") from None
    finally:
        os.close(read_fd)
    _, status, rusage = os.wait4(pid, 0)
    elapsed = time.monotonic() - started
    log.debug("child %s: %.2f s, peak resident %.0f MB", pid, elapsed, rusage.ru_maxrss / 1024)
    if not payload:
        how = f"信号 {os.WTERMSIG(status)}" if os.WIFSIGNALED(status) else f"退出码 {os.WEXITSTATUS(status)}"
        raise IngestError(f"解析程序意外退出（{how}），文件可能已损坏，或所需内存超过上限。")
    ok, value = pickle.loads(payload)
    if ok:
        return value
    if isinstance(value, MemoryError):
        raise IngestError(
            f"解析所需内存超过上限（{memory_mb} MB），已停止。文件可能过大或结构异常，请拆分后再上传。"
        )
    raise value


def _address_space_limit(memory_mb: int | None) -> int | None:
    """This process's address space now, plus `memory_mb`: the child's RLIMIT_AS."""
    if memory_mb is None:
        return None
    try:
        with open("/proc/self/statm") as statm:
            current = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):  # no /proc: count the limit from zero
        current = 0
    return current + memory_mb * 1024 * 1024


def _child(write_fd: int, address_limit: int | None, func, args, kwargs) -> None:
    status = 0
    out_of_memory = pickle.dumps((False, MemoryError()))  # made now: there may be no memory later
    try:
        try:
            if address_limit is not None:
                _limit_address_space(address_limit)
            payload = pickle.dumps((True, func(*args, **kwargs)))
        except MemoryError:
            payload = out_of_memory
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


def _limit_address_space(limit: int) -> None:
    import resource

    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


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
