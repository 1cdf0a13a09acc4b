// The page's one script (plain browser JavaScript, inlined): the client-operation timeline on a canvas.
// Only the lanes and operations in view are drawn, so 100,000 operations pan and zoom smoothly: wheel zooms
// around the cursor, drag pans, double-click resets; hovering an operation shows its details.

export const TIMELINE_SCRIPT = `
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("report-data").textContent);
  var t = data.timeline, n = t.startDelta.length, LANE_H = 18, AXIS_H = 22, LEFT = 86;
  var start = new Float64Array(n), end = new Float64Array(n), at = 0;
  for (var i = 0; i < n; i++) {
    at += t.startDelta[i]; start[i] = at;
    end[i] = t.duration[i] < 0 ? data.endUs : at + t.duration[i];
  }
  var lanes = t.lanes.map(function () { return []; });
  for (i = 0; i < n; i++) lanes[t.lane[i]].push(i);
  var laneMaxDur = lanes.map(function (ops) {
    var m = 0; ops.forEach(function (k) { m = Math.max(m, end[k] - start[k]); }); return m;
  });
  var COLORS = ["#2f9e44", "#e03131", "#f59f00"], NAMES = ["ok", "fail", "info"];
  var marked = data.marked, markedOps = new Set(marked ? marked.ops : []);
  var marksOf = t.lanes.map(function () { return []; });
  t.marks.lane.forEach(function (lane, k) { marksOf[lane].push(k); });
  var wrap = document.getElementById("timeline-wrap"), canvas = document.getElementById("timeline-canvas");
  var spacer = document.getElementById("timeline-spacer"), tip = document.getElementById("timeline-tip");
  var ctx = canvas.getContext("2d"), view = { from: 0, to: Math.max(1, data.endUs) };
  var visibleLanes = Math.min(t.lanes.length, 32);
  spacer.style.height = (t.lanes.length * LANE_H + AXIS_H) + "px";
  function fmt(us) {
    var a = Math.abs(us);
    return a >= 1e6 ? (us / 1e6).toFixed(3) + " s" : a >= 1e3 ? (us / 1e3).toFixed(1) + " ms" : Math.round(us) + " µs";
  }
  function plotW() { return canvas.width / devicePixelRatio - LEFT - 8; }
  function xOf(us) { return LEFT + (us - view.from) / (view.to - view.from) * plotW(); }
  function usOf(x) { return view.from + (x - LEFT) / plotW() * (view.to - view.from); }
  function firstLane() { return Math.floor(wrap.scrollTop / LANE_H); }
  function resize() {
    var w = wrap.clientWidth, h = visibleLanes * LANE_H + AXIS_H;
    canvas.width = w * devicePixelRatio; canvas.height = h * devicePixelRatio;
    canvas.style.width = w + "px"; canvas.style.height = h + "px";
    wrap.style.height = h + "px"; draw();
  }
  function lowerBound(ops, us) {
    var lo = 0, hi = ops.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (start[ops[mid]] < us) lo = mid + 1; else hi = mid; }
    return lo;
  }
  function drawAxis(w) {
    var span = view.to - view.from, raw = span / 10, p = Math.pow(10, Math.floor(Math.log10(raw)));
    var step = [1, 2, 5, 10].map(function (f) { return f * p; }).find(function (s) { return s >= raw; });
    ctx.fillStyle = "#495057"; ctx.font = "11px sans-serif";
    for (var us = Math.ceil(view.from / step) * step; us <= view.to; us += step) {
      var x = xOf(us), label = fmt(us), lw = ctx.measureText(label).width;
      ctx.fillRect(x, AXIS_H - 6, 1, 6);
      // A label that would run off the right edge is drawn to the left of its tick.
      ctx.fillText(label, x + 2 + lw > w ? x - 2 - lw : x + 2, 12);
    }
    ctx.fillRect(LEFT, AXIS_H - 1, w - LEFT, 1);
  }
  function drawFaults(h) {
    data.faults.forEach(function (f) {
      if (f.endUs < view.from || f.startUs > view.to) return;
      var x1 = xOf(f.startUs), x2 = xOf(f.endUs);
      ctx.fillStyle = f.endUs > f.startUs ? "rgba(224,49,49,0.16)" : "rgba(224,49,49,0.7)";
      ctx.fillRect(x1, AXIS_H, Math.max(1, x2 - x1), h - AXIS_H);
    });
  }
  function opLabel(op) { return t.fNames[t.f[op]] + (t.detail[op] ? " " + t.detail[op] : ""); }
  function drawLane(row, lane) {
    var ops = lanes[lane], y = AXIS_H + row * LANE_H, k = lowerBound(ops, view.from - laneMaxDur[lane]);
    ctx.fillStyle = "#212529"; ctx.fillText(t.lanes[lane], 4, y + 13);
    var status = -1, wide = [];
    for (; k < ops.length && start[ops[k]] <= view.to; k++) {
      var op = ops[k]; if (end[op] < view.from) continue;
      if (t.status[op] !== status) { status = t.status[op]; ctx.fillStyle = COLORS[status]; }
      var x1 = Math.max(LEFT, xOf(start[op])), x2 = xOf(end[op]);
      ctx.globalAlpha = t.duration[op] < 0 ? 0.4 : 1;
      ctx.fillRect(x1, y + 2, Math.max(1, x2 - x1), LANE_H - 4);
      if (x2 - x1 > 36 || markedOps.has(op)) wide.push([op, x1, x2]);
    }
    ctx.globalAlpha = 1;
    // Labels only on bars wide enough to hold them (a few, once zoomed in); the violation's operations outlined.
    wide.forEach(function (b) {
      var label = opLabel(b[0]), width = ctx.measureText(label).width;
      if (markedOps.has(b[0])) {
        ctx.strokeStyle = "#862e9c"; ctx.lineWidth = 2; ctx.strokeRect(b[1] - 1, y + 1, Math.max(3, b[2] - b[1]) + 2, LANE_H - 2);
      }
      if (width < b[2] - b[1] - 6) { ctx.fillStyle = "#fff"; ctx.fillText(label, b[1] + 3, y + 13); }
    });
    marksOf[lane].forEach(function (m) {
      var us = t.marks.us[m]; if (us < view.from || us > view.to) return;
      var x = xOf(us); ctx.fillStyle = "#7048e8";
      ctx.beginPath(); ctx.moveTo(x, y + 3); ctx.lineTo(x + 4, y + LANE_H / 2); ctx.lineTo(x, y + LANE_H - 3); ctx.lineTo(x - 4, y + LANE_H / 2); ctx.fill();
    });
  }
  function drawViolation(h) {
    if (!marked || marked.us < view.from || marked.us > view.to) return;
    var x = xOf(marked.us);
    ctx.fillStyle = "#e03131"; ctx.fillRect(x - 1, AXIS_H, 2, h - AXIS_H);
    ctx.font = "bold 11px sans-serif";
    var label = "✗ " + marked.label, width = ctx.measureText(label).width;
    var lx = x + 4 + width > canvas.width / devicePixelRatio ? x - 4 - width : x + 4;
    ctx.strokeStyle = "#fff"; ctx.lineWidth = 3; ctx.strokeText(label, lx, AXIS_H + 11); ctx.fillText(label, lx, AXIS_H + 11);
    ctx.font = "11px sans-serif";
    canvas.setAttribute("data-violation-x", String(Math.round(x))); // where tests find the line
  }
  function draw() {
    canvas.removeAttribute("data-violation-x");
    var w = canvas.width / devicePixelRatio, h = canvas.height / devicePixelRatio;
    ctx.setTransform(devicePixelRatio, 0, 0, devicePixelRatio, 0, 0);
    ctx.clearRect(0, 0, w, h); drawAxis(w); ctx.font = "11px sans-serif";
    var first = firstLane();
    for (var row = 0; row < visibleLanes && first + row < t.lanes.length; row++) drawLane(row, first + row);
    drawFaults(h); // over the operations, so dense lanes cannot hide a fault
    drawViolation(h);
    canvas.style.transform = "translateY(" + wrap.scrollTop + "px)";
    document.getElementById("timeline-range").textContent = fmt(view.from) + " – " + fmt(view.to);
  }
  function zoom(factor, aroundUs) {
    var from = aroundUs - (aroundUs - view.from) * factor, to = aroundUs + (view.to - aroundUs) * factor;
    var min = 10, max = Math.max(1, data.endUs);
    if (to - from < min) { from = aroundUs - min / 2; to = aroundUs + min / 2; }
    view.from = Math.max(0, from); view.to = Math.min(max, to); draw();
  }
  function opAt(x, y) {
    var lane = firstLane() + Math.floor((y - AXIS_H) / LANE_H);
    if (y < AXIS_H || lane >= t.lanes.length) return -1;
    var ops = lanes[lane], us = usOf(x), slack = 3 * (view.to - view.from) / plotW();
    for (var k = Math.min(ops.length, lowerBound(ops, us + slack)) - 1; k >= 0; k--) {
      var op = ops[k]; if (end[op] + slack >= us) return op;
      if (start[op] < us - laneMaxDur[lane] - slack) break;
    }
    return -1;
  }
  function markAt(x, y) {
    var lane = firstLane() + Math.floor((y - AXIS_H) / LANE_H), found = -1;
    if (y < AXIS_H || lane >= t.lanes.length) return -1;
    marksOf[lane].forEach(function (m) { if (Math.abs(xOf(t.marks.us[m]) - x) <= 4) found = m; });
    return found;
  }
  function laneAt(x, y) {
    var lane = firstLane() + Math.floor((y - AXIS_H) / LANE_H);
    return x < LEFT && y >= AXIS_H && lane < t.lanes.length ? lane : -1;
  }
  function describe(op) {
    var parts = [opLabel(op) + " (" + NAMES[t.status[op]] + ")"];
    if (t.error[op] >= 0) parts.push("error " + t.errors[t.error[op]]);
    if (t.server[op] >= 0) parts.push("on " + t.servers[t.server[op]]);
    if (t.zxidEpoch[op] >= 0) parts.push("zxid 0x" + (t.zxidEpoch[op] * 4294967296 + t.zxidCounter[op]).toString(16));
    parts.push("invoked " + fmt(start[op]));
    parts.push(t.duration[op] < 0 ? "never completed" : "took " + fmt(t.duration[op]));
    return t.lanes[t.lane[op]] + ": " + parts.join(", ");
  }
  var drag = null;
  canvas.addEventListener("wheel", function (e) {
    if (e.shiftKey) return;
    e.preventDefault(); zoom(e.deltaY > 0 ? 1.25 : 0.8, usOf(e.offsetX));
  }, { passive: false });
  canvas.addEventListener("mousedown", function (e) { drag = { x: e.clientX, from: view.from, to: view.to }; });
  window.addEventListener("mouseup", function () { drag = null; });
  canvas.addEventListener("mousemove", function (e) {
    if (drag) {
      var shift = (drag.x - e.clientX) / plotW() * (drag.to - drag.from);
      shift = Math.max(-drag.from, Math.min(shift, data.endUs - drag.to));
      view.from = drag.from + shift; view.to = drag.to + shift; draw(); return;
    }
    var op = opAt(e.offsetX, e.offsetY), mark = markAt(e.offsetX, e.offsetY), lane = laneAt(e.offsetX, e.offsetY);
    var text = lane >= 0 ? (t.laneInfo[lane] || t.lanes[lane]) : mark >= 0 ? fmt(t.marks.us[mark]) + " " + t.marks.text[mark] : op >= 0 ? describe(op) : "";
    if (text === "") { tip.hidden = true; return; }
    tip.hidden = false; tip.textContent = text;
    tip.style.left = (e.offsetX + 12) + "px"; tip.style.top = (e.offsetY + wrap.scrollTop + 12) + "px";
  });
  canvas.addEventListener("mouseleave", function () { tip.hidden = true; });
  canvas.addEventListener("dblclick", function () { view.from = 0; view.to = Math.max(1, data.endUs); draw(); });
  wrap.addEventListener("scroll", draw);
  document.getElementById("zoom-in").addEventListener("click", function () { zoom(0.5, (view.from + view.to) / 2); });
  document.getElementById("zoom-out").addEventListener("click", function () { zoom(2, (view.from + view.to) / 2); });
  document.getElementById("zoom-reset").addEventListener("click", function () { view.from = 0; view.to = Math.max(1, data.endUs); draw(); });
  function zoomToViolation() {
    if (!marked) return;
    var from = marked.us, to = marked.us;
    marked.ops.forEach(function (op) { from = Math.min(from, start[op]); to = Math.max(to, end[op]); });
    var pad = Math.max((to - from) * 0.6, 2000);
    view.from = Math.max(0, from - pad); view.to = Math.min(Math.max(1, data.endUs), to + pad); draw();
  }
  var toViolation = document.getElementById("zoom-violation");
  if (toViolation) toViolation.addEventListener("click", zoomToViolation);
  document.querySelectorAll("button[data-copy]").forEach(function (b) {
    b.addEventListener("click", function () {
      var text = document.getElementById(b.getAttribute("data-copy")).textContent;
      if (navigator.clipboard) navigator.clipboard.writeText(text).catch(function () {});
    });
  });
  // Centre the message diagram on the violation's mark (the head and times are sticky).
  var mark = document.querySelector("#messages-svg .violation-mark path") || document.querySelector("#messages-svg .focus-row");
  var scroller = document.querySelector(".messages-scroll");
  if (mark && scroller) {
    var b = mark.getBBox(), head = 24, times = 70;
    scroller.scrollTop = Math.max(0, b.y + head - scroller.clientHeight / 2);
    // Only as far as brings the mark in, so the servers' lanes (first) stay on screen where they can.
    var right = b.x + b.width + times + 60;
    if (right > scroller.clientWidth) scroller.scrollLeft = right - scroller.clientWidth;
  }
  window.addEventListener("resize", resize);
  resize();
  document.body.setAttribute("data-ready", "true");
})();
`;
