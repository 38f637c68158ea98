// Charts: an element <div data-chart="NAME" data-chart-data="ID"> is drawn by CHARTS[NAME]
// from the JSON in <script type="application/json" id="ID"> (Django's json_script).
(function () {
  "use strict";
  const RED = "#9b1c1c", GREEN = "#2e7d32", AMBER = "#f9a825";

  const PALETTE = [RED, "#1f5f99", GREEN, AMBER, "#6a1b9a", "#00838f", "#5d4037"];

  // Figures of the dashboard: every point may carry the list page it counts (data.url).
  const withLinks = (s) => s.data.map((v, i) => ({value: v, url: (s.links || [])[i] || ""}));
  const figureSeries = (block, type) =>
    block.series.map((s) => ({name: s.name, type: type, data: withLinks(s)}));

  const CHARTS = {
    "figures-bars": (data) => ({
      color: PALETTE, tooltip: {trigger: "axis"}, legend: {type: "scroll", top: 0},
      grid: {left: 8, right: 8, bottom: 8, top: 40, containLabel: true},
      xAxis: {type: "category", data: data.categories, axisLabel: {rotate: 30, interval: 0}},
      yAxis: {type: "value"},
      series: figureSeries(data, "bar"),
    }),
    "figures-lines": (data) => ({
      color: PALETTE, tooltip: {trigger: "axis"}, legend: {type: "scroll", top: 0},
      grid: {left: 8, right: 8, bottom: 8, top: 40, containLabel: true},
      xAxis: {type: "category", data: data.categories},
      yAxis: {type: "value"},
      series: figureSeries(data, "line"),
    }),
    "figures-industries": (data) => ({
      color: PALETTE, tooltip: {trigger: "axis"}, legend: {type: "scroll", top: 0},
      grid: {left: 8, right: 16, bottom: 8, top: 40, containLabel: true},
      xAxis: {type: "value"},
      yAxis: {type: "category", data: data.categories},
      series: figureSeries(data, "bar").map((s) => ({...s, stack: "all"})),
    }),
    "figures-split": (data) => ({
      color: PALETTE, tooltip: {trigger: "item"}, legend: {type: "scroll", bottom: 0},
      series: [{type: "pie", radius: ["30%", "55%"], data: data.data, label: {formatter: "{b}\n{c}"}}],
    }),
    "figures-funnel": (data) => ({
      color: PALETTE, tooltip: {trigger: "item", formatter: "{b}: {c}"},
      series: [{
        type: "funnel", sort: "none", left: "10%", width: "80%", minSize: "8%", gap: 2,
        label: {show: true, position: "inside", formatter: "{b} {c}"}, data: data.data,
      }],
    }),
    "members-by-committee": (data) => ({
      tooltip: {}, grid: {left: 40, right: 10, bottom: 60},
      xAxis: {type: "category", data: data.committees, axisLabel: {rotate: 30}},
      yAxis: {type: "value"},
      series: [{type: "bar", data: data.members, itemStyle: {color: RED}}],
    }),
    "members-by-sector": (data) => ({
      tooltip: {trigger: "item"},
      series: [{type: "pie", radius: ["35%", "70%"], data: data.sectors}],
    }),
    "problem-league": (data) => ({
      tooltip: {trigger: "axis"}, legend: {}, grid: {left: 40, right: 10, bottom: 90},
      xAxis: {type: "category", data: data.names, axisLabel: {rotate: 35}},
      yAxis: {type: "value"},
      series: [
        {name: data.labels.assigned, type: "bar", data: data.assigned, itemStyle: {color: RED}},
        {name: data.labels.on_time, type: "bar", data: data.on_time, itemStyle: {color: GREEN}},
        {name: data.labels.overdue, type: "bar", data: data.overdue, itemStyle: {color: AMBER}},
      ],
    }),
    "investment-funnel": (data) => ({
      tooltip: {trigger: "item", formatter: "{b}: {c}"},
      series: [{
        type: "funnel", sort: "none", left: "10%", width: "80%", minSize: "8%", gap: 2,
        label: {show: true, position: "inside", formatter: "{b} {c}"},
        data: data.stages.map((s) => ({name: s.label, value: s.count})),
      }],
    }),
  };

  function draw() {
    const drawn = [];
    document.querySelectorAll("[data-chart]").forEach((el) => {
      const build = CHARTS[el.dataset.chart];
      const source = document.getElementById(el.dataset.chartData);
      if (!build || !source) return;
      let data = JSON.parse(source.textContent);
      const key = el.dataset.chartKey;
      // a key is a path into the data: "committees", "splits.0", "funnels.1"
      if (key !== undefined) key.split(".").forEach((part) => { data = data[part]; });
      const chart = echarts.init(el);
      chart.setOption(build(data));
      chart.on("click", (params) => {
        const url = params.data && params.data.url;
        if (url) window.location.href = url;
      });
      drawn.push(chart);
    });
    window.addEventListener("resize", () => drawn.forEach((c) => c.resize()));
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw);
  else draw();
})();
