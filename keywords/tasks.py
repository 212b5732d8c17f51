from celery import shared_task

from . import services


@shared_task
def article_analyse(article_id: int) -> None:
    services.article_analyse(article_id=article_id)
