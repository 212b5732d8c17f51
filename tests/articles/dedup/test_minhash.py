"""Reprint grouping: measured on the labelled set built from the seeds."""
import pytest

from articles.dedup.minhash import THRESHOLD, ReprintIndex, group_reprints, signature_values

from .labelled import SEEDS_DIR, labelled_set, pair_scores

pytestmark = pytest.mark.skipif(not SEEDS_DIR.exists(), reason=f"sample documents not in {SEEDS_DIR}")

BRIEF = (
    "商务部办公厅印发《2015年电子商务工作要点》，提出推动跨境电子商务发展，"
    "支持企业建设海外仓，完善跨境电商通关服务。"
)


def test_reprint_grouping_precision_and_recall_on_the_labelled_set():
    docs = labelled_set()
    groups = group_reprints([(d.key, d.text) for d in docs])
    precision, recall, true_pairs, grouped_pairs = pair_scores(docs, groups)
    originals = len({d.original for d in docs})
    print(
        f"\nreprints: {len(docs)} texts, {originals} originals, {true_pairs} reprint pairs; threshold {THRESHOLD}: "
        f"precision {precision:.4f}, recall {recall:.4f} ({grouped_pairs} pairs grouped)"
    )
    assert precision >= 0.95
    assert recall >= 0.95


def test_threshold_sweep_is_reported():
    """How the threshold was chosen: the highest recall where precision stays at 1."""
    docs = labelled_set(seed=2)
    lines = []
    for threshold in (0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7):
        precision, recall, *_ = pair_scores(docs, group_reprints([(d.key, d.text) for d in docs], threshold=threshold))
        lines.append(f"  {threshold:.2f}: precision {precision:.4f} recall {recall:.4f}")
    print("\nthreshold sweep (labelled set, draw 2):\n" + "\n".join(lines))
    precision, recall, *_ = pair_scores(docs, group_reprints([(d.key, d.text) for d in docs]))
    assert precision == 1.0 and recall >= 0.95


def test_verbatim_copy_with_byline_is_an_exact_match():
    index = ReprintIndex()
    index.add("a", BRIEF)
    assert index.query("【亿邦动力网讯】" + BRIEF.replace("，", ",")) == [("a", 1.0)]


def test_short_brief_with_small_edits_is_found():
    index = ReprintIndex()
    index.add("a", BRIEF)
    edited = BRIEF.replace("完善", "优化").replace("支持", "鼓励") + "（来源：中国电子商务研究中心）"
    (key, score), = index.query(edited)
    assert key == "a" and THRESHOLD <= score < 1


def test_same_topic_different_text_is_not_a_reprint():
    index = ReprintIndex()
    index.add("a", BRIEF)
    other = "国务院常务会议部署完善消费品进出口相关政策，丰富国内消费者购物选择，推动跨境电子商务等新业态发展。"
    assert index.query(other) == []


def test_stored_signature_values_rebuild_the_index():
    index = ReprintIndex()
    index.add("a", "", values=signature_values(BRIEF))
    assert [key for key, _ in index.query(BRIEF + "。")] == ["a"]


def test_a_key_cannot_be_added_twice():
    index = ReprintIndex()
    index.add("a", BRIEF)
    with pytest.raises(KeyError):
        index.add("a", BRIEF)


def test_reprint_chains_share_a_group():
    a = BRIEF
    b = a.replace("支持企业建设海外仓", "支持企业在海外建设仓储") + "另据悉，该要点共涉及十二项任务。"
    c = b.replace("推动", "促进") + "业内人士认为，此举将利好跨境电商平台。"
    unrelated = "完全无关的另一条新闻，讲的是钢铁价格与大宗商品电商。"
    groups = group_reprints([("a", a), ("b", b), ("c", c), ("x", unrelated)])
    assert groups == [["a", "b", "c"], ["x"]]
