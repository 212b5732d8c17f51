/* Draws the site's charts with the ECharts bundle served from /static/ (no CDN).
   Each chart is a <div data-chart="NAME" data-source="JSON-SCRIPT-ID">; its data sit in a
   json_script element, and a table next to it carries the same figures as text. */
(function () {
  "use strict";
  /* Mentions and articles are different quantities: each has its own labelled axis
     (mentions on the left as bars, articles on the right as a line). Every quarter
     between the first and the last is on the x axis, empty ones as zero. */
  function trend(el, data) {
    var chart = echarts.init(el, null, { renderer: "canvas" });
    chart.setOption({
      animation: false,
      grid: { left: 56, right: 56, top: 40, bottom: 56 },
      tooltip: { trigger: "axis" },
      legend: { data: ["提及次数", "文章数"], top: 0 },
      xAxis: { type: "category", data: data.labels, name: "季度", nameLocation: "middle", nameGap: 32 },
      yAxis: [
        { type: "value", name: "提及次数", minInterval: 1, position: "left" },
        { type: "value", name: "文章数", minInterval: 1, position: "right", splitLine: { show: false } }
      ],
      series: [
        { name: "提及次数", type: "bar", yAxisIndex: 0, data: data.mentions, itemStyle: { color: "#0b5cad" } },
        { name: "文章数", type: "line", yAxisIndex: 1, data: data.articles, itemStyle: { color: "#d9822b" } },
        { name: "以此为主题的文章数", type: "line", yAxisIndex: 1, data: data.about || [], itemStyle: { color: "#2e7d32" } }
      ]
    });
    window.addEventListener("resize", function () { chart.resize(); });
    el.setAttribute("data-drawn", "1");
  }
  /* The year's keywords side by side on one labelled scale, in the list's order. */
  function compare(el, data) {
    var chart = echarts.init(el, null, { renderer: "canvas" });
    chart.setOption({
      animation: false,
      grid: { left: 8, right: 40, top: 8, bottom: 48, containLabel: true },
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      xAxis: { type: "value", name: data.axis, nameLocation: "middle", nameGap: 28, minInterval: 1 },
      yAxis: { type: "category", data: data.terms, inverse: true, axisTick: { show: false } },
      series: [{ name: data.axis, type: "bar", data: data.mentions, itemStyle: { color: "#0b5cad" },
                 label: { show: true, position: "right" } }]
    });
    window.addEventListener("resize", function () { chart.resize(); });
    el.setAttribute("data-drawn", "1");
  }
  var kinds = { trend: trend, compare: compare };
  document.querySelectorAll("[data-chart]").forEach(function (el) {
    var source = document.getElementById(el.getAttribute("data-source"));
    var draw = kinds[el.getAttribute("data-chart")];
    if (source && draw && window.echarts) { draw(el, JSON.parse(source.textContent)); }
  });
})();
