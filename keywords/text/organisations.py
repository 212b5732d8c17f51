"""Organisations mentioned in articles: a seed list with aliases, and suggestions.

A topic page shows who is involved, so every spelling of one organisation (阿里/阿里巴巴/
1688) must count for one canonical name. Mentions are counted on tokens, like topics in
`tagging.py`: the segmenter's user dictionary includes every form, so 慧聪网 is one token
and 慧聪 inside 慧聪网 is not counted twice. Latin forms are matched in the raw text.
New names come from jieba's part-of-speech tags and typical endings, counted across the
corpus, for editors to review; nothing is added without them.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from chinese_text.sentences import split_sentences

from .tagging import is_latin

KINDS = ("company", "platform", "association", "government", "bank", "media", "research")


@dataclass(frozen=True)
class OrgForms:
    name: str  # canonical
    kind: str
    forms: tuple[str, ...]  # every spelling, the canonical name included


@dataclass(frozen=True)
class OrgMention:
    name: str
    kind: str
    mentions: int


@dataclass(frozen=True)
class OrgCandidate:
    name: str
    count: int  # occurrences across the corpus
    documents: int
    reason: str  # "nt" (jieba's organisation tag), "全称" (a registered company name) or the ending
    example: str = ""  # the first sentence that mentions it, for the editor to judge

    @property
    def kind(self) -> str:
        return guess_kind(self.name)


def _org(name: str, kind: str, *aliases: str) -> OrgForms:
    return OrgForms(name, kind, (name, *aliases))


SEED_ORGANISATIONS: list[OrgForms] = [
    _org("阿里巴巴", "platform", "阿里", "阿里巴巴集团", "1688", "阿里巴巴国际站", "Alibaba"),
    _org("慧聪网", "platform", "慧聪", "慧聪集团"),
    _org("敦煌网", "platform", "DHgate"),
    _org("环球资源", "platform", "环球资源网", "Global Sources"),
    _org("中国制造网", "platform", "Made-in-China"),
    _org("生意宝", "platform", "网盛生意宝", "网盛科技"),
    _org("马可波罗网", "platform", "马可波罗"),
    _org("上海钢联", "platform", "我的钢铁网", "Mysteel"),
    _org("找钢网", "platform"),
    _org("中国网库", "platform"),
    _org("京东", "company", "京东集团", "京东商城"),
    _org("腾讯", "company", "腾讯公司"),
    _org("一达通", "company", "深圳一达通"),
    _org("支付宝", "company", "Alipay"),
    _org("亿邦动力网", "media", "亿邦动力"),
    _org("中国电子商务研究中心", "research", "电子商务研究中心"),
    _org("贝恩公司", "research", "贝恩", "Bain"),
    _org("商务部", "government", "中华人民共和国商务部"),
    _org("国务院", "government", "国务院办公厅"),
    _org("海关总署", "government"),
    _org("国家发改委", "government", "国家发展改革委", "国家发展和改革委员会", "发改委"),
    _org("工信部", "government", "工业和信息化部"),
    _org("国家外汇管理局", "government", "外汇局"),
    _org("质检总局", "government", "国家质检总局"),
    _org("上海市电子商务行业协会", "association", "上海电子商务行业协会"),
    _org("民生银行", "bank", "中国民生银行"),
    _org("招商银行", "bank", "招行"),
]


def dictionary_words(known: Iterable[OrgForms]) -> set[str]:
    """Forms the segmenter must keep whole (Latin forms are matched in the text)."""
    return {f for org in known for f in org.forms if not is_latin(f) or f.isdigit()}


def find_organisations(tokens: list[str], text: str, known: list[OrgForms]) -> list[OrgMention]:
    """Mentions per canonical organisation, most mentioned first."""
    by_form: dict[str, OrgForms] = {}
    latin: list[tuple[re.Pattern, OrgForms]] = []
    for org in known:
        for form in org.forms:
            if is_latin(form) and not form.isdigit():
                latin.append((re.compile(rf"(?<![A-Za-z0-9]){re.escape(form)}(?![A-Za-z0-9])", re.I), org))
            else:
                by_form[form.lower()] = org
    counts: Counter[str] = Counter()
    orgs = {org.name: org for org in known}
    for token in tokens:
        org = by_form.get(token.lower())
        if org:
            counts[org.name] += 1
    for pattern, org in latin:
        counts[org.name] += len(pattern.findall(text))
    return sorted(
        (OrgMention(name, orgs[name].kind, n) for name, n in counts.items() if n),
        key=lambda m: (-m.mentions, m.name),
    )


# Endings of organisation names. A word jieba tags `nt` must also end in one of them:
# the tag alone also lands on 商品信息 or 新兴产业.
_ENDINGS = ("公司", "集团", "协会", "商会", "联盟", "银行", "研究院", "研究中心", "中心", "交易所", "网",
            "部", "委", "局", "署", "办", "院", "厅", "会", "政府")
_KIND_BY_ENDING = [
    ("银行", "bank"), ("研究院", "research"), ("研究中心", "research"), ("协会", "association"),
    ("商会", "association"), ("联盟", "association"), ("网", "platform"), ("政府", "government"),
    ("部", "government"), ("委", "government"), ("局", "government"), ("署", "government"),
    ("办", "government"), ("厅", "government"),
]
_NOT_NAMES = {"互联网", "物联网", "局域网", "内部", "外部", "全部", "东部", "西部", "中部", "部", "网", "局",
              "格局", "布局", "结局", "开局", "公司", "集团", "协会", "银行", "子公司", "母公司", "总部", "干部",
              "大部", "局部", "有限公司", "行业协会", "广告公司", "股份公司", "外贸公司", "人民政府", "中国政府",
              "地方政府", "各级政府", "委员会", "学会", "上网", "触网", "电网", "管网", "联网", "全网", "本网",
              "该公司", "其公司", "学院", "医院", "法院", "服务中心", "控制中心", "数据中心", "中心",
              "办公厅", "办公室"}
# Names of meetings and bodies of a company, not organisations: 四中全会, 董事会, 见面会.
_NOT_ENDINGS = ("全会", "董事会", "监事会", "社会", "大会", "峰会", "年会", "会议", "机会", "博览会", "展览会",
                "交易会", "研讨会", "座谈会", "发布会", "见面会", "论坛会", "常务会", "办公会", "推介会", "洽谈会")
# A company's registered name, which jieba cuts into pieces: 上海义天网络科技有限公司.
_FULL_COMPANY = re.compile(r"[\u4e00-\u9fff（）()]{2,24}?(?:股份有限公司|有限责任公司|有限公司)")
# What a sentence puts before a company's name (收购…, 隶属于…, …是…); the name starts after it.
_BEFORE_NAME = re.compile(r".*(?:隶属于|属于|旗下|收购|[是与及由被把的在、，])")


def guess_kind(name: str) -> str:
    """A first guess at the kind from the name's ending; the editor confirms it."""
    return next((kind for ending, kind in _KIND_BY_ENDING if name.endswith(ending)), "company")


def suggest_organisations(
    docs: Iterable[tuple[str, list[tuple[str, str]]]],
    known: Iterable[str] = (),
    *,
    min_count: int = 2,
    top: int = 50,
) -> list[OrgCandidate]:
    """New organisation names across a corpus of (text, `jieba.posseg` (word, flag) list) pairs.

    A word is a candidate when it is 3+ characters ending like an organisation (公司, 协会,
    网, 部, 局 …), whether or not jieba tagged it `nt`; a registered company name
    (…有限公司) is found in the text itself. Names in `known` (every form of every
    organisation the site has, rejected ones included) and common words are left out. A
    registered name counts once in a document even when jieba's pieces repeat it.
    """
    known_forms = {f.lower() for f in known}
    count: Counter[str] = Counter()
    docs_with: Counter[str] = Counter()
    reason: dict[str, str] = {}
    example: dict[str, str] = {}
    for text, tagged in docs:
        sentences: list[str] | None = None  # split once, and only if a new name needs an example
        found: Counter[str] = Counter()
        for m in _FULL_COMPANY.finditer(text):
            name = _BEFORE_NAME.sub("", m.group()).lstrip("（(）)")
            if len(name) < 6:  # nothing left but the legal form
                continue
            found[name] += 1
            reason.setdefault(name, "全称")
        for word, flag in tagged:
            word = word.strip()
            ending = next((e for e in _ENDINGS if len(word) >= len(e) + 2 and word.endswith(e)), None)
            if ending is None:
                continue
            found[word] += 1
            reason.setdefault(word, "nt" if flag == "nt" else ending)
        for word, n in found.items():
            if word.lower() in known_forms or word in _NOT_NAMES or word.endswith(_NOT_ENDINGS):
                continue
            count[word] += n
            docs_with[word] += 1
            if word not in example:
                sentences = sentences if sentences is not None else [s.text for s in split_sentences(text)]
                example[word] = next((s.strip() for s in sentences if word in s), "")[:120]
    ranked = sorted((w for w, n in count.items() if n >= min_count or (reason[w] == "全称" and n >= 1)),
                    key=lambda w: (-count[w], -docs_with[w], w))
    return [OrgCandidate(w, count[w], docs_with[w], reason[w], example[w]) for w in ranked[:top]]
