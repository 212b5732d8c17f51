from celery import shared_task

from b2bwatch.celery import retry_on_database_errors

from . import discovery, services


@shared_task(**retry_on_database_errors())
def article_analyse(article_id: int) -> None:
    services.article_analyse(article_id=article_id)


@shared_task(**retry_on_database_errors())
def topics_retag_chunk(job_id: int, after_id: int) -> None:
    services.topics_retag_chunk(job_id=job_id, after_id=after_id)


@shared_task
def organisations_discover() -> int:
    return len(discovery.organisations_discover())
