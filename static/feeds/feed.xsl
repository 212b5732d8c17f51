<?xml version="1.0" encoding="utf-8"?>
<!-- What a browser shows for an RSS or Atom feed of this site: its entries as a page in
     Chinese, with the feed's address to copy into a reader. Feed readers never read this.
     Text goes out through xsl:value-of only (never disable-output-escaping), so whatever
     a title holds is shown as text. The page keeps to the site's Content-Security-Policy:
     the site's own stylesheet and script files, nothing inline. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:atom="http://www.w3.org/2005/Atom"
    xmlns:b2b="urn:b2bwatch:feed"
    exclude-result-prefixes="atom b2b">
  <xsl:output method="html" encoding="utf-8" indent="yes"/>

  <xsl:variable name="title" select="/rss/channel/title | /atom:feed/atom:title"/>
  <xsl:variable name="about" select="/rss/channel/description | /atom:feed/atom:subtitle"/>
  <xsl:variable name="home" select="/rss/channel/link | /atom:feed/atom:link[@rel='alternate']/@href"/>
  <xsl:variable name="self" select="/rss/channel/atom:link[@rel='self']/@href | /atom:feed/atom:link[@rel='self']/@href"/>
  <xsl:variable name="format">
    <xsl:choose>
      <xsl:when test="/rss">RSS</xsl:when>
      <xsl:otherwise>Atom</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <xsl:template match="/">
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="$title"/>（订阅源）</title>
        <link rel="stylesheet" href="/static/css/site.css"/>
      </head>
      <body>
        <header class="site-header">
          <div class="wrap"><a class="brand" href="/">b2bwatch<span>B2B行业观察</span></a></div>
        </header>
        <main id="main" class="wrap feed-preview">
          <p class="feed-hint">
            这是一个 <xsl:value-of select="$format"/> 订阅源：把下面的地址复制到 Feedly、Inoreader、NetNewsWire
            等阅读器中，即可在有新文章时收到更新。<a href="/subscribe/">如何订阅？全部订阅源</a>
          </p>
          <div class="copy-field">
            <label for="feed-url">订阅地址</label>
            <input id="feed-url" type="text" readonly="readonly" value="{$self}"/>
            <button type="button" data-copy="feed-url">复制</button>
          </div>
          <h1><xsl:value-of select="$title"/></h1>
          <p class="meta"><xsl:value-of select="$about"/>
            · <a href="{$home}">在网站上查看</a></p>
          <ol class="feed-entries">
            <xsl:apply-templates select="/rss/channel/item | /atom:feed/atom:entry"/>
          </ol>
        </main>
        <script src="/static/js/copy.js"></script>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="item">
    <li>
      <a href="{link}"><xsl:value-of select="title"/></a>
      <p class="meta">
        <xsl:choose>
          <xsl:when test="b2b:date"><xsl:value-of select="b2b:date"/></xsl:when>
          <xsl:when test="pubDate"><xsl:call-template name="rfc822-day"><xsl:with-param name="date" select="pubDate"/></xsl:call-template></xsl:when>
        </xsl:choose>
        <xsl:if test="(b2b:date or pubDate) and author"> · </xsl:if>
        <xsl:value-of select="author"/>
      </p>
    </li>
  </xsl:template>

  <!-- A feed without b2b:date (an older copy): "Sun, 01 Mar 2015 00:00:00 +0800" as
       2015-03-01, the form Atom entries show. -->
  <xsl:template name="rfc822-day">
    <xsl:param name="date"/>
    <xsl:variable name="month" select="substring($date, 9, 3)"/>
    <xsl:value-of select="substring($date, 13, 4)"/>-<xsl:value-of
        select="substring(substring-after('Jan01Feb02Mar03Apr04May05Jun06Jul07Aug08Sep09Oct10Nov11Dec12', $month), 1, 2)"/>-<xsl:value-of
        select="substring($date, 6, 2)"/>
  </xsl:template>

  <xsl:template match="atom:entry">
    <li>
      <a href="{atom:link[@rel='alternate']/@href}"><xsl:value-of select="atom:title"/></a>
      <p class="meta">
        <xsl:choose>
          <xsl:when test="b2b:date"><xsl:value-of select="b2b:date"/></xsl:when>
          <xsl:when test="atom:published"><xsl:value-of select="substring(atom:published, 1, 10)"/></xsl:when>
        </xsl:choose>
        <xsl:if test="(b2b:date or atom:published) and atom:author"> · </xsl:if>
        <xsl:value-of select="atom:author/atom:name"/>
      </p>
    </li>
  </xsl:template>
</xsl:stylesheet>
