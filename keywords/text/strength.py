"""Whether an article is *about* a topic or merely *mentions* it, and how much (the one
definition of "about": tags use `strength`, search orders its results by `about_score`).

The rule, from reading the seeds (tests/keywords/gold/strengths.json) and the issue's
cases; an article is about a topic when it belongs to the site's field and
- the topic is in its title, or
- a line of the body holds nothing but topics' names, this one among them (a section
  headed by it), or
- the topic is in its lead (the first `LEAD_CHARS` characters of the body) and named
  again in the body (`LEAD_AND_AGAIN`: one mention is a passing reference however early
  it comes; a court case that describes a party as running a 跨境电商平台 is about the
  case, not about cross-border e-commerce), the lead
  not counting in a text of numbered articles (a law or regulation, `is_articled`), or
- the body names it at least `MIN_DENSE` times, at least `DENSITY` times per 1,000
  characters;
counting only mentions outside list sentences. Otherwise it mentions the topic.

- A *list sentence* names `LIST_TOPICS` or more distinct topics, or enumerates
  more than `LIST_ITEMS` items (as many separators) with 、 or ；: 推动移动互联网、云计算、大数据、物联网等 says
  nothing about 大数据 in particular, and a meeting that lists e-commerce among twenty
  tasks lists it.
- A law's or regulation's first article states its purpose and legal basis, naming the
  frameworks it serves (形成与自由贸易试验区建设的联动机制 in a shipping law); its subject
  is its title. So in a text of `ARTICLED_MIN` or more numbered articles (第…条) the lead
  rule does not apply; the title, a heading and density still do.
- One mention never makes a short item about a topic by density (one line in 300
  characters is 3.3 per 1,000): a one-line mention must not outrank twelve.
- The *field test* keeps a political meeting, a crime report or a sports page from ever
  being about a topic however its words fall: in the site's field, the words of
  `FIELD_WORDS` (general words of B2B trade, not the topics' names) make at least `FIELD_SHARE` of an article's
  words of two or more characters. On the seeds every item has 5 % or more (the
  lowest are the State Council's plan against counterfeit goods, 5.4 %, and its meeting
  on consumer-goods imports, 6.7 %; the highest 37 %); a city committee's meeting on ten
  tasks, one of them 跨境电商, has 1.4 %
  (tests/keywords/text/test_strength.py).

Chosen on the seeds (benchmarks/bench_tag_strength.py): a density of 2.5 made four
reports on online trade and a six-point survey *about* what they mention in passing;
4.0 keeps them apart from the items that are about the topic (4.4 and up), and a
digest's one-line sections (线上线下结合、产业带) are about their topic by the heading rule.
"""
from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Iterable

from chinese_text.numerals import NUMERAL_CHARS

ABOUT = "about"
MENTIONS = "mentions"

LEAD_CHARS = 120
MIN_DENSE = 2
DENSITY = 4.0  # mentions per 1,000 characters of body
LIST_TOPICS = 3
LIST_ITEMS = 3
LEAD_AND_AGAIN = 2  # a lead mention counts when the body names the topic at least this often
ARTICLED_MIN = 3  # lines opening with 第…条 that make a text one of numbered articles
FIELD_SHARE = 0.04

# The site's field: B2B trade, e-commerce and the internet economy. Words of two or more
# characters, as jieba cuts them; a topic's own names count as well.
FIELD_WORDS = frozenset(
    """
    电商 电子商务 B2B B2C C2C C2M O2O P2P 网购 网店 网商 微商 网络 互联网 在线 线上 线下 平台 网站
    交易 采购 供应 供应链 供应商 批发 零售 分销 渠道 经销商 代理商 商家 卖家 买家 客户 用户 会员
    营销 推广 广告 品牌 流量 搜索 支付 结算 物流 快递 仓储 配送 外贸 贸易 出口 进口 进出口 跨境
    订单 商品 产品 品类 市场 行业 产业 企业 中小企业 公司 商业 商务 服务商 服务 运营 模式 数据
    金融 融资 信贷 贷款 小贷 征信 信用 数字化 信息化 移动 移动互联网 APP 云计算 物联网 大数据
    电子 网络科技 工业品 MRO 成交 询盘 报价 展会 集群 园区 转型 升级 创业 投资 估值 上市
    """.split()
)

_ENUMERATION = re.compile(r"[、；;]")
_ARTICLE = re.compile(rf"^[ \t\u3000]*第[{NUMERAL_CHARS}0-9]+条", re.MULTILINE)
_NOT_WORD = re.compile(r"[\W\d_一二三四五六七八九十]+")


def is_list_sentence(sentence: str, topics_named: int) -> bool:
    return topics_named >= LIST_TOPICS or len(_ENUMERATION.findall(sentence)) >= LIST_ITEMS


def in_field(tokens: Iterable[str]) -> bool:
    """At least FIELD_SHARE of the text's words of two or more characters are the field's.

    The topics' own names do not count: the words around them show the field."""
    words = [t for t in tokens if len(t) >= 2]
    if not words:
        return False
    return sum(t in FIELD_WORDS or t.upper() in FIELD_WORDS for t in words) / len(words) >= FIELD_SHARE


def is_articled(body: str) -> bool:
    """The body is a law's or a regulation's numbered articles (第一条 …, 第二条 …)."""
    return len(_ARTICLE.findall(body, 0, 200_000)) >= ARTICLED_MIN


def sentence_at(starts: list[int], offset: int) -> int:
    """Index of the sentence holding `offset`, given the sentences' start offsets in order."""
    return max(bisect_right(starts, offset) - 1, 0)


def is_heading(sentence: str, forms: Iterable[str]) -> bool:
    """The line is topics' names alone (线上线下结合、产业带; perhaps numbered): a section
    of the article is on each of them."""
    rest = sentence.lower()
    for form in sorted(set(forms), key=len, reverse=True):
        rest = rest.replace(form.lower(), "")
    return not _NOT_WORD.sub("", rest)


def _counted(body_offsets: list[int], listed: list[bool]) -> list[int]:
    """The body's mentions that count: those outside list sentences."""
    return [at for at, in_list in zip(body_offsets, listed, strict=True) if not in_list]


def _in_lead(counted: list[int]) -> int:
    return sum(at < LEAD_CHARS for at in counted)


def strength(*, title_mentions: int, body_offsets: list[int], listed: list[bool], body_chars: int,
             field: bool, heading: bool = False, articled: bool = False) -> str:
    """ABOUT or MENTIONS for one topic; `listed[i]` tells whether body_offsets[i] is in a list sentence."""
    if not field:
        return MENTIONS
    if title_mentions or heading:
        return ABOUT
    counted = _counted(body_offsets, listed)
    if _in_lead(counted) and len(counted) >= LEAD_AND_AGAIN and not articled:
        return ABOUT
    if len(counted) >= MIN_DENSE and len(counted) * 1000 / max(body_chars, 1) >= DENSITY:
        return ABOUT
    return MENTIONS


# How much each sign weighs when articles are put in order of how much they are about a
# word (search).
TITLE_WEIGHT = 3.0
LEAD_WEIGHT = 1.0
DENSITY_WEIGHT = 1.0
MIN_BODY_CHARS = 1000


def about_score(*, title_mentions: int, body_offsets: list[int], listed: list[bool], body_chars: int) -> float:
    """How much an article is about a topic or a searched word, for putting articles in
    order (search): the signs `strength` reads, graded instead of decided.

    A mention in the title; one or two in the lead (the first LEAD_CHARS characters);
    the density, as the log of mentions per 1,000 characters with a short body counted as
    MIN_BODY_CHARS long, so that one line in a short item does not outrank an article
    that keeps coming back to the word and a long digest does not outrank the story.
    Mentions in list sentences count for neither.
    """
    counted = _counted(body_offsets, listed)
    per_thousand = 1000 * len(counted) / max(body_chars, MIN_BODY_CHARS)
    return (
        TITLE_WEIGHT * min(title_mentions, 1)
        + LEAD_WEIGHT * min(_in_lead(counted), 2) / 2
        + DENSITY_WEIGHT * math.log1p(per_thousand)
    )
