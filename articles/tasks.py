from celery import shared_task

from . import services


@shared_task
def document_parse(document_id: int) -> None:
    services.document_parse(document_id=document_id)


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
