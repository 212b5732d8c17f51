import os
import time

import pytest

from articles.ingest import IngestError
from articles.ingest.limits import check_size, run_with_time_limit


def _record_pid_then_hang(path):
    with open(path, "w") as f:
        f.write(str(os.getpid()))
    while True:
        time.sleep(0.01)


def _fail():
    raise IngestError("读者自己的消息")


def _crash():
    os.kill(os.getpid(), 9)


def test_result_comes_back_from_the_child():
    assert run_with_time_limit(sorted, [3, 1, 2], seconds=10) == [1, 2, 3]


def test_a_result_larger_than_a_pipe_buffer_comes_back_whole():
    assert run_with_time_limit(str.__mul__, "字", 1_000_000, seconds=30) == "字" * 1_000_000


def test_a_readers_error_reaches_the_caller_unchanged():
    with pytest.raises(IngestError, match="读者自己的消息"):
        run_with_time_limit(_fail, seconds=10)


def test_runaway_parse_is_stopped_and_its_process_is_gone(tmp_path):
    pid_file = tmp_path / "pid"
    with pytest.raises(IngestError, match="解析超过 0.5 秒"):
        run_with_time_limit(_record_pid_then_hang, pid_file, seconds=0.5)
    with pytest.raises(ProcessLookupError):
        os.kill(int(pid_file.read_text()), 0)


def test_a_crash_in_the_parser_is_an_error_not_a_crash_of_the_caller():
    with pytest.raises(IngestError, match="意外退出"):
        run_with_time_limit(_crash, seconds=10)


def test_file_over_the_size_limit_gets_its_own_message():
    with pytest.raises(IngestError, match="文件太大"):
        check_size(b"x" * 2049, max_bytes=2048)


def _allocate(megabytes):
    block = bytearray(megabytes * 1024 * 1024)
    return len(block)


def test_a_child_needing_more_memory_than_allowed_is_stopped_with_a_message():
    with pytest.raises(IngestError, match="内存超过上限（100 MB）"):
        run_with_time_limit(_allocate, 400, seconds=30, memory_mb=100)


def test_the_memory_limit_counts_from_what_the_worker_already_holds():
    assert run_with_time_limit(_allocate, 50, seconds=30, memory_mb=100) == 50 * 1024 * 1024


def test_the_callers_memory_is_not_limited_after_the_child_is_stopped():
    with pytest.raises(IngestError):
        run_with_time_limit(_allocate, 400, seconds=30, memory_mb=100)
    assert _allocate(400) == 400 * 1024 * 1024
