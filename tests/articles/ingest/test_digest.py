"""News digests split into their stories: the corpus digests and small digests of other shapes."""
from pathlib import Path

import pytest

from articles.ingest import parse_document
from articles.ingest.digest import fit, parse_digest
from articles.ingest.markdown import inline_text, links, plain_lines
from articles.ingest.structure import detect_structure

CORPUS_DIGESTS = Path(__file__).resolve().parents[4] / "shared" / "corpus" / "digests"
LAW = Path(__file__).resolve().parents[4] / "devset-external" / "report_law_ecommerce_2018.md"

DAILY = """# 《新闻联播》 (20240620)

## 新闻摘要

本期节目主要内容：

1.李强会见马来西亚最高元首；

2.国内联播快讯：

（1）粤港澳大湾区内地九市前5个月外贸总值超3.4万亿元；

3.2024世界智能产业博览会在天津开幕。

## 详细新闻

### 李强会见马来西亚最高元首

<p><strong>央视网消息</strong>（新闻联播）：国务院总理李强19日在吉隆坡会见马来西亚最高元首。</p><p>李强表示，中方愿同马方携手努力。</p>

[查看原文](https://tv.cctv.com/2024/06/20/VIDE1.shtml)

### 国内联播快讯

<p><strong>粤港澳大湾区内地九市前5个月外贸总值超3.4万亿元</strong></p><p>据海关统计，今年前5个月，大湾区内地九市进出口3.4万亿元。</p>

[查看原文](https://tv.cctv.com/2024/06/20/VIDE2.shtml)

### 2024世界智能产业博览会在天津开幕

<p>2024世界智能产业博览会20日在天津开幕，展会为期4天。</p>

[查看原文](https://tv.cctv.com/2024/06/20/VIDE3.shtml)

---

(更新时间戳: 1718887996036)
"""

WEEKLY = """# 某某技术周刊 第 12 期

这里记录每周值得分享的内容。

### 本期概要

> * 话题：接口限流的三种做法
> * 工具：一个命令行 HTTP 客户端

## 本期话题

### 接口限流的三种做法

限流是保护服务的常见做法，本文比较令牌桶、漏桶和固定窗口三种实现。

#### 令牌桶

1. 以固定速率放入令牌；
2. 请求取走令牌，没有令牌则拒绝。

#### 漏桶

漏桶以固定速率处理请求，突发流量在桶里排队。

### 参考

[限流算法综述](https://example.com/rate-limit)

## 优秀博客

1、**服务治理**

1.1 [熔断器的实现细节](https://example.com/a) -- 来自公众号：后端札记

[@编辑](https://example.com/u)：这篇文章讲清楚了半开状态。

1.2 [重试与退避](https://example.com/b) -- 来自掘金：小王

## 工具推荐

1、[httpie](https://github.com/httpie/cli)

一个命令行 HTTP 客户端，输出带颜色。

## 关于我们

本周刊由社区志愿者编辑，欢迎投稿，投稿方式见仓库说明文档。
"""

FRONT_MATTER_NEWSLETTER = """---
title: "社区双周报 (10.23 - 11.05)"
date: 2023-11-08
description: 某某开源社区的双周报旨在帮助社区成员了解项目进展。
tags: [Community]
---
> 最近我们修复并改进了部分功能。

## 导语

最近，我们对一些功能进行了修复和改进，更新内容总结如下：

1. 支持导出插件的变量
2. 支持新的运行时

双周报旨在帮助社区成员更全面了解项目的每周进展，更迅速便捷地融入社区，欢迎大家参与讨论。

## 近期亮点功能

- [支持导出插件的变量](https://github.com/example/project/pull/1)（贡献者：[a](https://github.com/a)）
- [支持新的运行时](https://github.com/example/project/pull/2)（贡献者：[b](https://github.com/b)）
"""

PLAIN_DAILY = """开源资讯日报 2026-07-01

AI 开源
1. 一个面向欧洲葡萄牙语的开源语言模型
摘要：研究团队发布了一个面向欧洲葡萄牙语的开源语言模型，参数规模七十亿，可在单卡上运行。
来源：Hacker News | 标签：LLM
链接：https://example.org/amalia
2. 为产品团队准备的开源沙箱
摘要：两位开发者做了一个开源沙箱，让非技术团队直接在生产代码库上做原型，而不用打扰开发者。
来源：Hacker News | 标签：AI
链接：https://example.org/playground
社区
1. Linux 7.1 进展报告
摘要：项目发布了新一期进展报告，介绍了显卡驱动和音频支持的新进展，以及下一步的计划安排。
来源：Lobsters
链接：https://example.org/asahi
"""

ARTICLE = """# 我们如何把构建时间缩短一半

去年我们的构建要跑四十分钟，这篇文章记录了我们做过的尝试和最后留下的办法。

## 背景

构建慢的原因主要有三个：依赖下载、测试串行、镜像层没有缓存，我们逐个处理了它们。

## 缓存依赖

我们把依赖目录放进了 CI 缓存，参见 [缓存文档](https://example.com/cache)，这一步省下了十分钟。

## 并行测试

测试按文件切成四份并行跑，又省下了十五分钟，剩下的时间主要花在镜像构建上。

## 结语

这些改动都不复杂，关键是先量出时间花在哪里，再决定先做哪一件事。
"""


def titles(document):
    return [item.title for item in document.items]


def test_a_contents_list_is_matched_against_the_stories_and_never_becomes_one():
    document = parse_digest(DAILY)
    assert titles(document) == ["李强会见马来西亚最高元首", "国内联播快讯", "2024世界智能产业博览会在天津开幕"]


def test_a_source_link_closes_its_story_and_becomes_its_source():
    document = parse_digest(DAILY)
    assert [item.url for item in document.items] == [
        "https://tv.cctv.com/2024/06/20/VIDE1.shtml",
        "https://tv.cctv.com/2024/06/20/VIDE2.shtml",
        "https://tv.cctv.com/2024/06/20/VIDE3.shtml",
    ]
    last = document.items[-1]
    assert "更新时间戳" not in last.body and "查看原文" not in last.body


def test_html_paragraphs_become_plain_paragraphs():
    story = parse_digest(DAILY).items[0]
    assert story.body.split("\n") == [
        "央视网消息（新闻联播）：国务院总理李强19日在吉隆坡会见马来西亚最高元首。", "李强表示，中方愿同马方携手努力。",
    ]


def test_stories_carry_the_digests_date_from_its_title_line():
    document = parse_digest(DAILY)
    assert document.published_at.date().isoformat() == "2024-06-20"
    assert document.newsletter_name == "新闻联播"
    assert {item.published_at.date().isoformat() for item in document.items} == {"2024-06-20"}


def test_a_story_keeps_its_own_date_when_it_states_one():
    text = DAILY.replace("<p>2024世界智能产业博览会20日", "北京时间：2024-06-19 21:30\n\n<p>2024世界智能产业博览会20日")
    story = parse_digest(text).items[-1]
    assert story.published_at.isoformat() == "2024-06-19T21:30:00+08:00"
    assert story.date_precision == "minute"


def test_sub_headings_steps_and_references_continue_their_story():
    document = parse_digest(WEEKLY)
    story = document.items[0]
    assert story.title == "接口限流的三种做法"
    assert "令牌桶" in story.body and "漏桶以固定速率处理请求" in story.body
    assert "以固定速率放入令牌" in story.body and "限流算法综述" in story.body


def test_link_lines_are_stories_with_their_attribution_and_group_lines_are_not():
    document = parse_digest(WEEKLY)
    assert titles(document) == ["接口限流的三种做法", "熔断器的实现细节", "重试与退避", "httpie"]
    blog = document.items[1]
    assert (blog.outlet, blog.url) == ("后端札记", "https://example.com/a")
    assert "这篇文章讲清楚了半开状态" in blog.body
    assert document.items[2].outlet == "掘金：小王"


def test_weekly_masthead_gives_name_and_issue():
    document = parse_digest(WEEKLY)
    assert (document.newsletter_name, document.issue_label) == ("某某技术周刊", "第 12 期")
    assert document.published_at is None


def test_no_markdown_mark_reaches_a_title_or_body():
    for text in (DAILY, WEEKLY, FRONT_MATTER_NEWSLETTER):
        for item in parse_digest(text).items:
            for mark in ("**", "###", "](", "<p>", "`"):
                assert mark not in item.title and mark not in item.body, (item.title, mark)


def test_front_matter_is_dropped_and_gives_title_date_and_publisher():
    document = parse_document(FRONT_MATTER_NEWSLETTER.encode(), "biweekly.md", time_limit=None)
    assert document.kind == "digest"
    assert titles(document) == ["导语", "支持导出插件的变量", "支持新的运行时"]
    assert "title:" not in document.items[0].body and "tags:" not in document.items[0].body
    assert (document.newsletter_name, document.issue_label) == ("社区双周报", "10.23 - 11.05")
    assert document.source_name == "某某开源社区"
    assert document.published_at.date().isoformat() == "2023-11-08"
    assert document.items[1].published_at.date().isoformat() == "2023-11-08"


def test_a_plain_text_digest_is_split_at_its_source_lines():
    document = parse_document(PLAIN_DAILY.encode(), "daily.txt", time_limit=None)
    assert document.kind == "digest"
    assert titles(document) == ["一个面向欧洲葡萄牙语的开源语言模型", "为产品团队准备的开源沙箱", "Linux 7.1 进展报告"]
    assert [(i.outlet, i.url) for i in document.items][0] == ("Hacker News", "https://example.org/amalia")
    assert [i.section for i in document.items] == ["AI 开源", "AI 开源", "社区"]
    assert document.items[2].published_at.date().isoformat() == "2026-07-01"


def test_a_single_article_with_sub_headings_is_not_a_digest():
    assert fit(ARTICLE) < 0.5
    assert detect_structure(ARTICLE) == "article"


def test_a_law_with_chapter_headings_is_not_a_digest():
    if not LAW.exists():
        pytest.skip("the dev-set law text is not here")
    assert fit(LAW.read_text(encoding="utf-8")) < 0.5


def test_markdown_inline_marks_and_links():
    marked = "**加粗** `代码` [链接](https://a.cn) ![图](https://a.cn/x.png) \\[CUDA\\]"
    assert inline_text(marked) == "加粗 代码 链接 [CUDA]"
    assert links('1、[标题](https://a.cn/1 "提示") 与 ![图](x.png)') == [("标题", "https://a.cn/1")]
    assert plain_lines("<p>第一段</p><p>第二&amp;段</p>") == ["第一段", "第二&段"]


@pytest.mark.parametrize("path", sorted(CORPUS_DIGESTS.glob("xwlb_*.md")), ids=lambda p: p.stem)
def test_corpus_digests_give_one_item_per_story_with_its_source_and_the_days_date(path):
    text = path.read_text(encoding="utf-8")
    stories = [line[4:].strip() for line in text.split("## 详细新闻", 1)[1].splitlines() if line.startswith("### ")]
    document = parse_document(path.read_bytes(), path.name, time_limit=None)
    assert document.kind == "digest"
    assert titles(document) == stories
    assert all(item.url.startswith("https://tv.cctv.com/") for item in document.items)
    day = path.stem.split("_")[1]
    assert {item.published_at.strftime("%Y%m%d") for item in document.items} == {day}



@pytest.mark.parametrize("path", sorted(CORPUS_DIGESTS.glob("xwlb_*.md")), ids=lambda p: p.stem)
def test_corpus_digests_saved_as_plain_text_give_the_same_stories(path):
    """The same digest without marks: headings as bare lines, the source link as 原文链接：URL."""
    text = path.read_text(encoding="utf-8")
    stories = [line[4:].strip() for line in text.split("## 详细新闻", 1)[1].splitlines() if line.startswith("### ")]
    plain = []
    for line in text.split("\n"):
        if line.startswith("[查看原文]("):
            plain.append("原文链接：" + line[len("[查看原文]("):-1])
        else:
            plain += plain_lines(line)
    document = parse_document("\n".join(plain).encode(), path.stem + ".txt", time_limit=None)
    assert document.kind == "digest"
    assert titles(document) == stories
    assert all(item.url.startswith("https://tv.cctv.com/") for item in document.items)


def test_a_digest_of_link_lines_without_headings_has_a_story_per_link():
    text = """某某日报 2024-05-01

1、[第一条新闻标题](https://a.cn/1) -- 来自公众号：甲
这是第一条的点评，说明为什么值得一读。
2、[第二条新闻标题](https://a.cn/2)
3、[第三条新闻标题](https://a.cn/3)
"""
    document = parse_digest(text)
    assert document.newsletter_name == "某某日报"
    assert titles(document) == ["第一条新闻标题", "第二条新闻标题", "第三条新闻标题"]
    assert (document.items[0].outlet, document.items[0].body) == ("甲", "这是第一条的点评，说明为什么值得一读。")
    assert document.items[2].published_at.date().isoformat() == "2024-05-01"
