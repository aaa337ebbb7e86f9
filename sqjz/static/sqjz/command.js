// The command centre's charts (decision 0048): the map of Yuxi's counties from the vendored boundaries (no tiles,
// decision 0027), the last twelve months' trend, the population by type and level. The numbers come in the page's
// live part as {{ charts|json_script:"command-data" }}; htmx replaces that part every few seconds and the charts are
// drawn again from the new numbers. "大屏显示" puts the screen in full screen for a wall display.
(function () {
  "use strict";
  if (!window.echarts) return;
  var charts = {};
  var geojson = null;

  function chart(name) {
    var element = document.querySelector("[data-command-chart='" + name + "']");
    if (!element) return null;
    if (!charts[name] || charts[name].getDom() !== element) {
      if (charts[name]) charts[name].dispose();
      charts[name] = echarts.init(element, null, { renderer: "canvas" });
    }
    return charts[name];
  }

  function drawMap(data) {
    var c = chart("map");
    if (!c || !geojson) return;
    var names = {};
    geojson.features.forEach(function (f) { names[f.properties.code] = f.properties.name; });
    var rows = data.map.map(function (d) {
      return { name: names[d.code] || d.code, value: d.value, people: d.people, link: d.link };
    });
    var max = rows.reduce(function (m, r) { return Math.max(m, r.value); }, 1);
    var focus = names[data.focus];
    c.setOption({
      animation: false,
      tooltip: {
        trigger: "item", renderMode: "richText",
        formatter: function (p) {
          var d = p.data;
          return d ? p.name + "\n在矫 " + d.people + " 人\n报警和失联 " + d.value + " 件" : p.name;
        },
      },
      visualMap: rows.length ? { min: 0, max: max, left: 4, bottom: 4, text: ["多", "少"], calculable: false,
        inRange: { color: ["#e8f1fa", "#f0a04b", "#c0392b"] } } : undefined,
      series: [{
        type: "map", map: "yuxi", roam: false, selectedMode: false,
        label: { show: true, fontSize: 11, color: "#333" },
        itemStyle: { areaColor: "#f4f6f8", borderColor: "#8a96a3" },
        emphasis: { label: { show: true } },
        data: rows.length ? rows : (focus ? [{ name: focus, itemStyle: { areaColor: "#cfe0f3" } }] : []),
      }],
    }, true);
    c.off("click");
    c.on("click", function (p) { if (p.data && p.data.link) window.location.href = p.data.link; });
  }

  function drawTrend(data) {
    var c = chart("trend");
    if (!c) return;
    c.setOption({
      animation: false,
      tooltip: { trigger: "axis", renderMode: "richText" },
      legend: { top: 0, data: ["月末在矫", "入矫", "解矫和终止"] },
      grid: { left: 48, right: 48, top: 32, bottom: 28 },
      xAxis: { type: "category", data: data.trend.months, axisLabel: { fontSize: 10 } },
      yAxis: [{ type: "value", name: "在矫" }, { type: "value", name: "人次" }],
      series: [
        { name: "月末在矫", type: "line", data: data.trend.active, smooth: false },
        { name: "入矫", type: "bar", yAxisIndex: 1, data: data.trend.intake },
        { name: "解矫和终止", type: "bar", yAxisIndex: 1, data: data.trend.ended },
      ],
    }, true);
  }

  function drawTypes(data) {
    var c = chart("types");
    if (!c) return;
    c.setOption({
      animation: false,
      tooltip: { trigger: "item", renderMode: "richText" },
      series: [
        { name: "矫正类别", type: "pie", radius: ["28%", "48%"], center: ["28%", "55%"], data: data.types,
          label: { formatter: "{b}\n{c}", fontSize: 11 } },
        { name: "管理等级", type: "pie", radius: ["28%", "48%"], center: ["74%", "55%"], data: data.levels,
          label: { formatter: "{b}\n{c}", fontSize: 11 } },
      ],
    }, true);
  }

  function draw() {
    var source = document.getElementById("command-data");
    if (!source) return;
    var data = JSON.parse(source.textContent);
    drawTrend(data);
    drawTypes(data);
    drawMap(data);
  }

  var boundaries = document.querySelector("[data-command-chart='map']");
  if (boundaries) {
    fetch(boundaries.dataset.boundaries, { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (g) { geojson = g; echarts.registerMap("yuxi", g); draw(); })
      .catch(function () { var m = document.querySelector("[data-command-chart='map']"); if (m) m.textContent = "地图数据加载失败，请刷新页面重试。"; });
  }
  draw();
  document.body.addEventListener("htmx:afterSwap", function (event) {
    if (event.target.closest && event.target.closest("#command-screen")) draw();
  });
  window.addEventListener("resize", function () { Object.keys(charts).forEach(function (k) { charts[k].resize(); }); });
  var full = document.querySelector("[data-command-fullscreen]");
  if (full) {
    full.addEventListener("click", function () {
      var screen = document.getElementById("command-screen");
      if (screen.requestFullscreen) screen.requestFullscreen();
    });
    document.addEventListener("fullscreenchange", function () {
      setTimeout(function () { Object.keys(charts).forEach(function (k) { charts[k].resize(); }); }, 100);
    });
  }
})();
