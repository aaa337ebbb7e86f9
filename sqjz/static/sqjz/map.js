// Maps of Yuxi drawn by ECharts from the vendored county boundaries: no internet tiles (decision 0027).
// A page places <div class="sqjz-map" data-boundaries="…geojson" data-config="ID"> and the layers as
// {{ config|json_script:"ID" }} — built by organisation.geo.map_config: {"focus": county name or "",
// "layers": [{"name", "kind": "points"|"lines"|"polygons", "color", "data": [...]}]}, where a point is
// {"name", "value": [lng, lat]}, a line {"name", "coords": [[lng, lat], …]} and a polygon the same.
// Tooltips are drawn on the canvas (richText), so no inline HTML styles meet the page's CSP.
(function () {
  "use strict";
  if (!window.echarts) return;

  function polygonSeries(layer) {
    return {
      name: layer.name, type: "custom", coordinateSystem: "geo", z: 3,
      data: layer.data.map(function (p, i) { return { name: p.name, value: [i] }; }),
      renderItem: function (params, api) {
        var coords = layer.data[params.dataIndex].coords;
        return {
          type: "polygon",
          shape: { points: coords.map(function (c) { return api.coord(c); }) },
          style: { fill: layer.color, opacity: 0.3, stroke: layer.color, lineWidth: 1.5 },
        };
      },
    };
  }

  function series(layer) {
    if (layer.kind === "polygons") return polygonSeries(layer);
    if (layer.kind === "lines") {
      return {
        name: layer.name, type: "lines", coordinateSystem: "geo", polyline: true, z: 4,
        lineStyle: { color: layer.color, width: 2, opacity: 0.8 }, data: layer.data,
      };
    }
    return {
      name: layer.name, type: "scatter", coordinateSystem: "geo", z: 5, symbolSize: 9,
      itemStyle: { color: layer.color, borderColor: "#fff", borderWidth: 1 }, data: layer.data,
    };
  }

  // The part of the map worth showing: the focus county and everything on the layers, with a margin.
  function bounds(config, geojson) {
    var box = [Infinity, Infinity, -Infinity, -Infinity];
    function add(c) {
      box[0] = Math.min(box[0], c[0]); box[1] = Math.min(box[1], c[1]);
      box[2] = Math.max(box[2], c[0]); box[3] = Math.max(box[3], c[1]);
    }
    function ring(coords) { coords.forEach(function (c) { if (typeof c[0] === "number") add(c); else ring(c); }); }
    geojson.features.forEach(function (f) { if (f.properties.name === config.focus) ring(f.geometry.coordinates); });
    config.layers.forEach(function (layer) {
      layer.data.forEach(function (d) { if (d.value) add(d.value); if (d.coords) ring(d.coords); });
    });
    if (!isFinite(box[0])) return null;
    var pad = Math.max(box[2] - box[0], box[3] - box[1], 0.05) * 0.15;
    return [[box[0] - pad, box[3] + pad], [box[2] + pad, box[1] - pad]];
  }

  function draw(element, geojson) {
    var config = JSON.parse(document.getElementById(element.dataset.config).textContent);
    echarts.registerMap("yuxi", geojson);
    var chart = echarts.init(element, null, { renderer: "canvas" });
    chart.setOption({
      animation: false,
      tooltip: { trigger: "item", renderMode: "richText", formatter: function (p) { return p.seriesName + "\n" + p.name; } },
      legend: { top: 4, left: 4, data: config.layers.map(function (l) { return l.name; }) },
      geo: {
        map: "yuxi", roam: true, boundingCoords: bounds(config, geojson),
        label: { show: true, color: "#555", fontSize: 11 },
        itemStyle: { areaColor: "#f4f6f8", borderColor: "#8a96a3" },
        emphasis: { disabled: true },
        regions: config.focus ? [{ name: config.focus, itemStyle: { areaColor: "#e3edf7", borderColor: "#1f5f9e", borderWidth: 2 } }] : [],
      },
      series: config.layers.map(series),
    });
    element.dataset.ready = "1";
    window.addEventListener("resize", function () { chart.resize(); });
  }

  var maps = document.querySelectorAll(".sqjz-map[data-boundaries]");
  if (!maps.length) return;
  fetch(maps[0].dataset.boundaries, { credentials: "same-origin" })
    .then(function (response) { return response.json(); })
    .then(function (geojson) { maps.forEach(function (element) { draw(element, geojson); }); })
    .catch(function () {
      maps.forEach(function (element) { element.textContent = "地图数据加载失败，请刷新页面重试。"; });
    });
})();
