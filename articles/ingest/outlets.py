"""Names of outlets the Chinese B2B press reprints from, by web host.

A captured article only carries its URL; readers know the outlet by its Chinese name.
"""
from __future__ import annotations

from urllib.parse import urlsplit

KNOWN_HOSTS = {
    "huxiu.com": "虎嗅网",
    "ebrun.com": "亿邦动力网",
    "100ec.cn": "中国电子商务研究中心",
    "36kr.com": "36氪",
    "163.com": "网易",
    "sina.com.cn": "新浪网",
    "qq.com": "腾讯网",
    "sohu.com": "搜狐网",
    "ifeng.com": "凤凰网",
    "gov.cn": "中国政府网",
    "mofcom.gov.cn": "商务部",
    "cnet.com.cn": "CNET科技资讯网",
    "iresearch.cn": "艾瑞网",
    "b2b.hc360.com": "慧聪网",
    "hc360.com": "慧聪网",
    "1688.com": "阿里巴巴1688",
    "alibaba.com": "阿里巴巴",
    "dhgate.com": "敦煌网",
    "people.com.cn": "人民网",
    "xinhuanet.com": "新华网",
    "news.cn": "新华网",
}


def host_of(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


def outlet_for_url(url: str) -> str:
    """The outlet's Chinese name when known, otherwise its host name."""
    host = host_of(url)
    if not host:
        return ""
    # The most specific known suffix wins: mofcom.gov.cn before gov.cn.
    for known in sorted(KNOWN_HOSTS, key=len, reverse=True):
        if host == known or host.endswith("." + known):
            return KNOWN_HOSTS[known]
    return host
