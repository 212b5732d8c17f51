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
    class Meta:
        model = Publication
        fields = ["title", "source", "issue_label", "published_on"]
        widgets = {"published_on": forms.DateInput(attrs={"type": "date"})}
