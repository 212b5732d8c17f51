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
