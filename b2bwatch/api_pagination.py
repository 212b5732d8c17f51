"""Page-number pagination with bounds, so an absurd page number is a 422, not an
integer the database cannot hold; the total counted, or estimated past a size and said
to be (articles.counting)."""
from typing import Any

from ninja import Field, Schema
from ninja.pagination import PageNumberPagination

from articles.counting import total

MAX_PAGE = 100_000


class Pages(PageNumberPagination):
    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE)
        page_size: int | None = Field(None, ge=1, le=100)

    class Output(Schema):
        items: list[Any]
        count: int
        count_estimated: bool = Field(
            False, description="true 时 count 是数据库的估计（列表有几十万条以上时），末页可能为空"
        )

    def paginate_queryset(self, queryset, pagination: Input, request, **params):
        size = self._get_page_size(pagination.page_size)
        offset = (pagination.page - 1) * size
        found = total(queryset)
        return {"items": queryset[offset:offset + size], "count": found.value, "count_estimated": found.estimated}
