// The page's latency scatter (plain browser JavaScript, inlined), as Jepsen's latency-raw graph: one point
// per operation at its completion, its latency on a log scale, coloured ok / fail / info (an operation never
// completed is left out), faults shaded. Drawn on a canvas from the timeline's columns, so 100,000
// operations cost no DOM.

export const LATENCY_SCRIPT = `
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("report-data").textContent);
  var canvas = document.getElementById("latency-canvas");
  if (!canvas) return;
  var t = data.timeline, n = t.startDelta.length, LEFT = 60, TOP = 8, BOTTOM = 20;
  var COLORS = ["#2f9e44", "#e03131", "#f59f00"];
  function fmt(us) {
    var a = Math.abs(us);
    return a >= 1e6 ? (us / 1e6).toFixed(3) + " s" : a >= 1e3 ? (us / 1e3).toFixed(1) + " ms" : Math.round(us) + " µs";
  }
  function draw() {
    var w = canvas.parentElement.clientWidth, h = 220, ratio = window.devicePixelRatio || 1;
    canvas.width = w * ratio; canvas.height = h * ratio; canvas.style.width = w + "px"; canvas.style.height = h + "px";
    var ctx = canvas.getContext("2d"); ctx.setTransform(ratio, 0, 0, ratio, 0, 0); ctx.font = "11px sans-serif";
    var endUs = Math.max(1, data.endUs), plotW = w - LEFT - 10, plotH = h - TOP - BOTTOM;
    var lo = Infinity, hi = 1;
    for (var i = 0; i < n; i++) if (t.duration[i] >= 0) { lo = Math.min(lo, Math.max(1, t.duration[i])); hi = Math.max(hi, t.duration[i]); }
    if (lo === Infinity) lo = 1;
    var logLo = Math.log10(lo), span = Math.max(1e-9, Math.log10(Math.max(hi, lo * 10)) - logLo);
    function xOf(us) { return LEFT + us / endUs * plotW; }
    function yOf(us) { return TOP + plotH - (Math.log10(Math.max(us, lo)) - logLo) / span * plotH; }
    data.faults.forEach(function (f) {
      ctx.fillStyle = f.endUs > f.startUs ? "rgba(224,49,49,0.12)" : "rgba(224,49,49,0.6)";
      ctx.fillRect(xOf(f.startUs), TOP, Math.max(1, xOf(f.endUs) - xOf(f.startUs)), plotH);
    });
    var at = 0;
    for (i = 0; i < n; i++) {
      at += t.startDelta[i];
      if (t.duration[i] < 0) continue;
      ctx.fillStyle = COLORS[t.status[i]];
      ctx.fillRect(xOf(at + t.duration[i]) - 1, yOf(t.duration[i]) - 1, 2.5, 2.5);
    }
    if (data.marked) { ctx.fillStyle = "#e03131"; ctx.fillRect(xOf(data.marked.us) - 0.5, TOP, 1.5, plotH); }
    ctx.fillStyle = "#495057"; ctx.textAlign = "right";
    for (var d = Math.ceil(logLo); d <= logLo + span; d++) {
      var y = yOf(Math.pow(10, d)); ctx.fillRect(LEFT - 4, y, 4, 1); ctx.fillText(fmt(Math.pow(10, d)), LEFT - 6, y + 4);
    }
    ctx.fillText(fmt(hi), LEFT - 6, yOf(hi) + 8); ctx.fillText(fmt(lo), LEFT - 6, yOf(lo));
    for (var k = 0; k <= 10; k++) {
      var x = LEFT + k / 10 * plotW; ctx.fillRect(x, TOP + plotH, 1, 4);
      ctx.textAlign = k === 0 ? "left" : k === 10 ? "right" : "center";
      ctx.fillText(fmt(k / 10 * endUs), x, h - 4);
    }
    ctx.fillRect(LEFT, TOP + plotH, plotW, 1);
  }
  window.addEventListener("resize", draw);
  draw();
})();
`;
