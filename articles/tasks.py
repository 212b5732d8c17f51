from celery import shared_task
from django.conf import settings

from b2bwatch.celery import retry_on_database_errors

from . import jobs, pipeline, recovery


@shared_task(
    **retry_on_database_errors(),
    time_limit=settings.PARSE_TASK_TIME_LIMIT_SECONDS,
    soft_time_limit=max(1, settings.PARSE_TASK_TIME_LIMIT_SECONDS - 10),
)
def document_parse(document_id: int) -> None:
    pipeline.document_process(document_id=document_id)


# The name messages already in the queue carry (the task lived in keywords before the pipeline).
@shared_task(name="keywords.tasks.article_analyse", **retry_on_database_errors())
def article_process(article_id: int) -> None:
    pipeline.article_process(article_id=article_id)


@shared_task(**retry_on_database_errors())
def articles_process(article_ids: list[int]) -> None:
    from . import pipeline_batch

    pipeline_batch.articles_process(article_ids=article_ids)


@shared_task(**retry_on_database_errors())
def job_run(job_id: int) -> None:
    jobs.job_run(job_id=job_id)


@shared_task(**retry_on_database_errors())
def job_chunk_run(job_id: int, first: int) -> None:
    from . import job_chunks

    job_chunks.chunk_run(job_id=job_id, first=first)


@shared_task(**retry_on_database_errors())
def recovery_sweep() -> dict:
    return vars(recovery.recovery_sweep())


@shared_task
def channels_poll_due() -> int:
    from . import polling

    return polling.channels_poll_due()


@shared_task
def channel_poll(channel_id: int) -> None:
    from . import polling

    polling.channel_poll(channel_id=channel_id)


@shared_task
def channel_fetch_page(channel_id: int, url: str, hints: dict) -> None:
    from . import polling

    polling.channel_fetch_page(channel_id=channel_id, url=url, hints=hints)


@shared_task
def exports_expire() -> int:
    from . import exports

    return exports.exports_expire()
