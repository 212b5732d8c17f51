from celery import shared_task

from b2bwatch.celery import retry_on_database_errors

from . import services


@shared_task(**retry_on_database_errors())
def article_analyse(article_id: int) -> None:
    services.article_analyse(article_id=article_id)
