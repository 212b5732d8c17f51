"""The read-only JSON API, its OpenAPI schema at /api/openapi.json and docs at /api/docs."""
from ninja import NinjaAPI

from articles.api import router as articles_router
from keywords.api import router as keywords_router

api = NinjaAPI(
    title="b2bwatch API",
    version="1",
    description="B2B行业观察的只读数据接口：关键词、年度榜单、文章、出版物与搜索。",
    urls_namespace="api",
)
api.add_router("/", keywords_router)
api.add_router("/", articles_router)
