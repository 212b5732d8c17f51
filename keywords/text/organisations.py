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
    reason: str  # "nt" (jieba's organisation tag) or the ending that suggested it


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


_ENDINGS = ("公司", "集团", "协会", "商会", "联盟", "银行", "研究院", "研究中心", "网", "部", "委", "局", "署")
_NOT_NAMES = {"互联网", "物联网", "局域网", "内部", "外部", "全部", "东部", "西部", "中部", "部", "网", "局",
              "格局", "布局", "结局", "开局", "公司", "集团", "协会", "银行", "子公司", "母公司", "总部", "干部",
              "大部", "局部", "有限公司", "行业协会", "广告公司", "股份公司",
              "上网", "触网", "电网", "管网", "联网", "全网", "本网", "该公司", "其公司"}


def suggest_organisations(
    docs_tokens_with_pos: Iterable[list[tuple[str, str]]],
    known: Iterable[OrgForms] = (),
    *,
    min_count: int = 2,
    top: int = 50,
) -> list[OrgCandidate]:
    """New organisation names across a corpus of `jieba.posseg` (word, flag) lists.

    A word is a candidate when jieba tags it `nt` (organisation) or it is 3+ characters
    ending in 公司/集团/协会/网/部/委/局/银行…; known forms and common words are left out.
    """
    known_forms = {f.lower() for org in known for f in org.forms}
    count: Counter[str] = Counter()
    docs: Counter[str] = Counter()
    reason: dict[str, str] = {}
    for doc in docs_tokens_with_pos:
        seen = set()
        for word, flag in doc:
            word = word.strip()
            if not word or word.lower() in known_forms or word in _NOT_NAMES:
                continue
            why = "nt" if flag == "nt" else next(
                (e for e in _ENDINGS if len(word) >= len(e) + 2 and word.endswith(e)), None)
            if why is None:
                continue
            count[word] += 1
            reason.setdefault(word, why)
            if word not in seen:
                docs[word] += 1
                seen.add(word)
    ranked = sorted((w for w, n in count.items() if n >= min_count), key=lambda w: (-count[w], -docs[w], w))
    return [OrgCandidate(w, count[w], docs[w], reason[w]) for w in ranked[:top]]
