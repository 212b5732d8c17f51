from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "b2bwatch 编辑后台"
admin.site.site_title = "b2bwatch"
admin.site.index_title = "内容管理"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("keywords.urls")),
    path("", include("articles.urls")),
]
