"""Whether a topic's form is part of the proper name of a public body or an agreement.

Chinese names of bodies and agreements are built as remit + generic name (通名): 大数据
发展管理局, 自由贸易试验区人民法院, 自由贸易区协定. There the form names an office's remit or an
agreement's subject; the text mentions the office, not the thing (a law that makes the
大数据管理部门 responsible for parking data says nothing about big data). The same holds
for an item of a list of bodies (公安、民政、大数据等部门): each item is a short name of an
office.

The generic names are those of public bodies (局, 厅, 委员会, 部门, 法院 …) and of
agreements (协定, 协议, 条约, 公约), as Chinese naming uses them. Not included: 中心 and
平台, which as often name a facility or a system (大数据中心 as a data centre, 大数据管理平台)
as an office; 机构, which names firms as often as offices (互联网金融机构 are lenders); and
企业, 公司 or 产业, for a company or industry named for its trade is the thing itself
(大数据企业). A list of bodies still ends in 等部门和机构.
"""
from __future__ import annotations

from .boundaries import part_of_speech

BODY_HEADS = frozenset(
    """
    局 厅 委 办 处 署 办事处 委员会 管委会 管理委员会 工作委员会 领导小组 办公室 管理局 监督管理局
    部门 主管部门 管理部门 行政主管部门 法院 人民法院 检察院 人民检察院 仲裁委员会
    """.split()
)
AGREEMENT_HEADS = frozenset("协定 协议 条约 公约".split())
# Words between the form and the generic name, at most this many: remit and place words
# (发展/管理/局, 珠海/横琴/新区/片区/管理委员会).
MAX_NAME_WORDS = 5
# How far a list of bodies may run, in words, from the form to its 等 … 部门.
MAX_LIST_WORDS = 24
_LIST_SEPARATORS = frozenset("、 和 及 以及".split())
_LIST_CLOSERS = frozenset("等".split())
_QUALIFIERS = frozenset("有关 相关 其他 参与 各 各级".split())  # 等有关部门, 等相关机构
_CLAUSE_END = frozenset("，。；：！？,;:!?\n（）()")


def _name_word(word: str) -> bool:
    """A word that can stand inside a name: a noun, a verbal noun, or a word jieba does not
    know (place names mostly), never a verb or punctuation."""
    tag = part_of_speech(word)
    return word not in _CLAUSE_END and word not in _LIST_SEPARATORS and word not in _LIST_CLOSERS and (
        tag == "" or tag.startswith("n") or tag == "vn" or tag == "j"
    )


def is_head(word: str) -> bool:
    return word in BODY_HEADS or word in AGREEMENT_HEADS


def names_a_body(following: list[str]) -> bool:
    """The words right after a form (`following`, in order) make it part of the name of a
    body or an agreement, or an item of a list of bodies."""
    i = 0
    while i < len(following) and i <= MAX_NAME_WORDS:
        if is_head(following[i]):
            return True
        if not _name_word(following[i]):
            break
        i += 1
    if i >= len(following) or (following[i] not in _LIST_SEPARATORS and following[i] not in _LIST_CLOSERS):
        return False
    return _list_of_bodies(following[i:])


def _list_of_bodies(rest: list[str]) -> bool:
    """`rest` goes on with a list (、 … 、 …) that ends in 等 (有关) + a body's generic name."""
    for at, word in enumerate(rest[:MAX_LIST_WORDS]):
        if word in _CLAUSE_END:
            return False
        if word in _LIST_CLOSERS:
            after = [w for w in rest[at + 1:at + 4] if w not in _QUALIFIERS]
            return bool(after) and after[0] in BODY_HEADS
    return False
