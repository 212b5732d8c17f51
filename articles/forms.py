from django import forms

from .models import Document, Publication, Source


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file field that takes several files at once (Django's documented pattern).

    An empty file passes: the upload judges each file on its own and names the bad one,
    instead of the whole batch being refused for it.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("allow_empty_file", True)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)]


class UploadForm(forms.Form):
    files = MultipleFileField(label="文件", help_text="PDF、DOCX、TXT（UTF-8 或 GBK）、HTML；可一次选择多个文件。")
    structure = forms.ChoiceField(label="结构", choices=Document.Structure.choices, required=False)
    source = forms.ModelChoiceField(
        label="来源（协会/出版方）", queryset=Source.objects.order_by("name"), required=False,
        help_text="留空则从文档中识别。",
    )


class PublicationMetadataForm(forms.ModelForm):
    """The issue's details on the review page. The date box is an `<input type=date>`,
    which takes and gives `YYYY-MM-DD` only: rendered in the locale's format (2013/01/01)
    the browser shows it empty and the next save would store no date."""

    class Meta:
        model = Publication
        fields = ["title", "source", "issue_label", "published_on", "date_precision"]
        widgets = {
            "published_on": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
            "issue_label": forms.TextInput(attrs={"size": 40}),
            "title": forms.TextInput(attrs={"size": 40}),
        }
        help_texts = {"date_precision": "只知道年月（如 2013年1月）时选“月”，日期取该月 1 日。"}


class SourceCreateForm(forms.Form):
    """A source new to the site, created without leaving the review page."""

    name = forms.CharField(label="新来源名称", max_length=200)
    kind = forms.ChoiceField(label="类型", choices=Source.Kind.choices, initial=Source.Kind.ASSOCIATION)


class SearchExportForm(forms.Form):
    """A search to export, with the filters of the search page; the page can be opened
    with a search's own query string (`?q=…&year=…`) to export what it shows."""

    q = forms.CharField(label="搜索词", max_length=200, error_messages={"required": "请输入搜索词。"},
                        help_text="与站内搜索相同：词都要出现，\"…\"为短语，-词 排除，A OR B 任选其一。")
    year = forms.IntegerField(label="年份", required=False, min_value=1990, max_value=2100)
    topic = forms.ModelChoiceField(label="关键词", queryset=None, to_field_name="slug", required=False)
    source = forms.ModelChoiceField(label="来源", queryset=Source.objects.order_by("name"), to_field_name="slug",
                                    required=False)
    kind = forms.ChoiceField(label="类型", required=False)
    order = forms.ChoiceField(label="排序", choices=[("relevance", "相关度"), ("newest", "最新")], initial="relevance")
    format = forms.ChoiceField(label="格式", initial="csv")

    def __init__(self, *args, **kwargs):
        from keywords.models import Topic

        from .export_format import FORMATS
        from .search import KINDS

        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = Topic.objects.order_by("term")
        self.fields["kind"].choices = [("", "全部"), *KINDS.items()]
        self.fields["format"].choices = [(key, form.label) for key, form in FORMATS.items()]

    def search(self) -> dict:
        """The search as an export job's parameters (plain values, stored as JSON)."""
        data = self.cleaned_data
        return {
            "q": data["q"], "year": data["year"], "topic": data["topic"].slug if data["topic"] else "",
            "source": data["source"].slug if data["source"] else "", "kind": data["kind"], "order": data["order"],
        }
