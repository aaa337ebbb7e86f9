// The statistics page's two charts, drawn by ECharts from the figures the page passes as
// {{ chart|json_script:"statistics-chart-data" }} (selectors.chart_data): {"units": [...], "population": [series],
// "flows": [series]}, a series being {"name", "data": [one number per unit]}. No inline script (the page's CSP).
(function () {
  "use strict";
  var source = document.getElementById("statistics-chart-data");
  if (!window.echarts || !source) return;
  var data = JSON.parse(source.textContent);

  function draw(element, series, stacked) {
    element.style.height = Math.max(260, data.units.length * 28 + 80) + "px";
    var chart = window.echarts.init(element);
    chart.setOption({
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: { type: "category", data: data.units, inverse: true },
      series: series.map(function (s) {
        return { name: s.name, type: "bar", stack: stacked ? "total" : undefined, data: s.data };
      }),
    });
    window.addEventListener("resize", function () { chart.resize(); });
  }

  document.querySelectorAll(".statistics-chart").forEach(function (element) {
    var key = element.getAttribute("data-chart");
    if (data[key]) draw(element, data[key], key === "population");
  });
})();
