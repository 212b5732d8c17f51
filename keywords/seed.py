"""The published yearly keyword lists the site starts with.

Used by the data migration and by tests that need the lists after a database flush; the
functions take the model classes so a migration can pass its historical models.
"""
from __future__ import annotations

YEAR_2013 = 2013
TITLE_2013 = "2013年中国B2B行业十大关键词"
# (term, slug, aliases, description), in the published order.
# Source: 通过十大关键词，解读2013年中国B2B行业 (B2B行业资讯, 2013-12-19).
KEYWORDS_2013 = [
    ("在线交易", "zaixian-jiaoyi", ["网上交易", "线上交易"],
     "B2B平台从信息撮合走向在线下单与支付：阿里巴巴1688、慧聪网等的在线交易系统与采购节。"),
    ("互联网金融", "hulianwang-jinrong", ["网络金融"],
     "B2B平台借交易数据开展小额信贷、担保与联名信用卡等金融服务。"),
    ("大数据", "dashuju", ["big data"],
     "海关数据、交易数据与行业指数：B2B平台对数据的采集、开放与应用。"),
    ("线上线下结合", "xianshang-xianxia-jiehe", ["O2O", "线上线下融合", "线上线下互动"],
     "线上找信息、线下做交易，B2B语境中的O2O，与产业带、展会结合。"),
    ("跨境电商", "kuajing-dianshang", ["跨境电子商务", "跨境贸易电子商务", "cross-border e-commerce"],
     "面向海外买家的外贸B2B与零售出口，及其通关、结汇、退税等政策支持。"),
    ("传统企业电商化", "chuantong-qiye-dianshanghua", ["传统企业电子商务化"],
     "制造与流通企业自建或借助平台开展电子商务、转型升级。"),
    ("B2B社交营销", "b2b-shejiao-yingxiao", ["社交营销", "社会化营销"],
     "微博、微信等社交媒体在B2B企业营销中的运用。"),
    ("自贸区", "zimaoqu", ["自由贸易试验区", "自贸试验区", "自由贸易区"],
     "以中国（上海）自由贸易试验区为起点的自由贸易园区及其对跨境电商与物流的影响。"),
    ("为效果付费", "wei-xiaoguo-fufei", ["P4P", "按效果付费"],
     "按推广效果而非会员年费收费的B2B商业模式。"),
    ("产业带", "chanyedai", ["产业带电商"],
     "以地方产业集群为单位上线的B2B频道，企业、政府、服务商与平台共同运营。"),
]


def load_keyword_year(Topic, TopicAlias, KeywordYear, YearKeyword, *, year, title, keywords) -> None:  # noqa: N803
    """Create a year's list, its topics and aliases; what already exists is kept."""
    keyword_year, _ = KeywordYear.objects.get_or_create(year=year, defaults={"title": title})
    for rank, (term, slug, aliases, description) in enumerate(keywords, start=1):
        topic, _ = Topic.objects.get_or_create(term=term, defaults={"slug": slug, "description": description})
        for alias in aliases:
            TopicAlias.objects.get_or_create(text=alias, defaults={"topic": topic})
        YearKeyword.objects.get_or_create(keyword_year=keyword_year, topic=topic, defaults={"rank": rank})


def load_2013(Topic, TopicAlias, KeywordYear, YearKeyword) -> None:  # noqa: N803
    load_keyword_year(Topic, TopicAlias, KeywordYear, YearKeyword,
                      year=YEAR_2013, title=TITLE_2013, keywords=KEYWORDS_2013)
