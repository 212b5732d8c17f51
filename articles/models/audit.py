"""The audit trail: who did what to which object, and when."""
from django.conf import settings
from django.db import models


class AuditTrailIsAppendOnly(Exception):
    """An audit row was about to be changed or deleted: the trail only grows."""


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AuditTrailIsAppendOnly("审计记录不能修改。")

    def delete(self):
        raise AuditTrailIsAppendOnly("审计记录不能删除。")


class AuditEvent(models.Model):
    """One act of an editor, written by `articles.audit.audit_record` in the same
    transaction as the change it records, so the trail never lists what did not happen
    nor misses what did.

    Rows are never changed or deleted, here or in the admin (superusers included). The
    user is kept by id without a database constraint and by name, so deleting an account
    leaves its trail as it was.
    """

    class Action(models.TextChoices):
        UPLOAD = "upload", "上传"
        RENAME = "rename", "改标题"
        MERGE = "merge", "合并"
        SPLIT = "split", "拆分"
        DROP = "drop", "删除条目"
        UNDO = "undo", "撤销审核操作"
        METADATA = "metadata", "修改出版物信息"
        PUBLISH = "publish", "发布"
        UNPUBLISH = "unpublish", "撤下"
        ADD = "add", "新增"
        CHANGE = "change", "修改"
        DELETE = "delete", "删除"
        PROMOTE = "promote", "加入年度榜单"
        ORGANISATION_REVIEW = "organisation_review", "审核机构"
        JOB_START = "job_start", "开始任务"
        JOB_RETRY = "job_retry", "重试任务"

    created_at = models.DateTimeField("时间", auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="操作人", null=True, on_delete=models.DO_NOTHING,
        db_constraint=False, related_name="+",
    )
    username = models.CharField("用户名", max_length=150)
    action = models.CharField("操作", max_length=30, choices=Action.choices, db_index=True)
    object_type = models.CharField("对象类型", max_length=100, blank=True, db_index=True,
                                   help_text="模型，如 articles.publication")
    object_id = models.CharField("对象编号", max_length=64, blank=True, db_index=True)
    object_label = models.CharField("对象", max_length=300, blank=True)
    summary = models.CharField("说明", max_length=400, blank=True)
    details = models.JSONField("详情", default=dict, blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = "操作记录"
        verbose_name_plural = "操作记录（审计）"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.username} {self.get_action_display()} {self.object_label}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AuditTrailIsAppendOnly("审计记录不能修改。")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditTrailIsAppendOnly("审计记录不能删除。")
