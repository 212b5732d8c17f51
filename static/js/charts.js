/* Draws the site's charts with the ECharts bundle served from /static/ (no CDN).
   Each chart is a <div data-chart="NAME" data-source="JSON-SCRIPT-ID">; its data sit in a
   json_script element, and a table next to it carries the same figures as text. */
(function () {
  "use strict";
  function trend(el, data) {
    var chart = echarts.init(el, null, { renderer: "canvas" });
    chart.setOption({
      animation: false,
      grid: { left: 40, right: 16, top: 28, bottom: 40 },
      tooltip: { trigger: "axis" },
      legend: { data: ["提及次数", "文章数"], top: 0 },
      xAxis: { type: "category", data: data.labels },
      yAxis: { type: "value", minInterval: 1 },
      series: [
        { name: "提及次数", type: "bar", data: data.mentions, itemStyle: { color: "#0b5cad" } },
        { name: "文章数", type: "line", data: data.articles, itemStyle: { color: "#d9822b" } },
        { name: "以此为主题", type: "line", data: data.about || [], itemStyle: { color: "#2e7d32" } }
      ]
    });
    window.addEventListener("resize", function () { chart.resize(); });
    el.setAttribute("data-drawn", "1");
  }
  function spark(el, monthly) {
    var chart = echarts.init(el, null, { renderer: "canvas" });
    chart.setOption({
      animation: false,
      grid: { left: 2, right: 2, top: 4, bottom: 14 },
      tooltip: { trigger: "axis", formatter: function (p) { return p[0].name + "：" + p[0].value + " 次"; } },
      xAxis: { type: "category", data: monthly.map(function (_, i) { return (i + 1) + "月"; }),
               axisLabel: { interval: 2, fontSize: 9 }, axisTick: { show: false } },
      yAxis: { type: "value", show: false, minInterval: 1 },
      series: [{ type: "bar", data: monthly, itemStyle: { color: "#0b5cad" }, barWidth: "60%" }]
    });
    window.addEventListener("resize", function () { chart.resize(); });
    el.setAttribute("data-drawn", "1");
  }
  var kinds = { trend: trend, spark: spark };
  document.querySelectorAll("[data-chart]").forEach(function (el) {
    var source = document.getElementById(el.getAttribute("data-source"));
    var draw = kinds[el.getAttribute("data-chart")];
    if (source && draw && window.echarts) { draw(el, JSON.parse(source.textContent)); }
  });
})();
