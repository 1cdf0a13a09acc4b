// The report's stylesheet, inlined: system fonts only (no web fonts), colours shared by every chart.

export const REPORT_CSS = `
:root { --ok: #2f9e44; --fail: #e03131; --info: #f59f00; --muted: #868e96; --line: #dee2e6; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; color: #212529; background: #f8f9fa; }
main { max-width: 1200px; margin: 0 auto; padding: 16px 24px 48px; }
nav { position: sticky; top: 0; background: #fff; border-bottom: 1px solid var(--line); padding: 6px 24px; z-index: 2; }
nav a { margin-right: 14px; color: #1c7ed6; text-decoration: none; }
section { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 12px 16px; margin: 16px 0; }
h1 { font-size: 22px; margin: 4px 0 12px; } h2 { font-size: 18px; margin: 4px 0 8px; }
h3 { font-size: 15px; margin: 10px 0 4px; } h4 { font-size: 14px; margin: 12px 0 4px; font-weight: 600; }
code { font: 12.5px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: #f1f3f5; padding: 0 3px; border-radius: 3px; }
table { border-collapse: collapse; margin: 6px 0; } th, td { text-align: left; padding: 3px 10px 3px 0; vertical-align: top; }
table.verdicts td, table.verdicts th { border-bottom: 1px solid var(--line); }
.muted { color: var(--muted); }
.verdict { display: inline-block; padding: 0 8px; border-radius: 10px; font-size: 12px; font-weight: 700; color: #fff; vertical-align: middle; }
.verdict-pass { background: var(--ok); } .verdict-fail { background: var(--fail); } .verdict-unknown { background: var(--info); }
button { font: inherit; font-size: 12px; padding: 1px 8px; cursor: pointer; }
.legend span { display: inline-block; margin-right: 12px; } .swatch { display: inline-block; width: 10px; height: 10px; margin-right: 4px; border-radius: 2px; }
#timeline-wrap { position: relative; overflow-y: auto; overflow-x: hidden; border: 1px solid var(--line); }
.latency-wrap { position: relative; border: 1px solid var(--line); } #latency-canvas { display: block; }
#timeline-canvas { position: absolute; top: 0; left: 0; cursor: grab; }
#timeline-tip { position: absolute; background: #212529; color: #fff; padding: 3px 7px; border-radius: 4px; font-size: 12px; pointer-events: none; max-width: 560px; z-index: 1; }
svg text { font: 11px system-ui, sans-serif; fill: #343a40; }
.tick, .axis { stroke: #868e96; } .tick-label { fill: #495057; } .tick-label.end { text-anchor: end; } .tick-label.mid { text-anchor: middle; }
.y-label { text-anchor: end; fill: #495057; } .chart-label { font-weight: 600; }
.fault-band { fill: rgba(224, 49, 49, 0.10); } .fault-instant { stroke: rgba(224, 49, 49, 0.6); stroke-width: 1.5; }
.role-leading { fill: #2b8a3e; } .role-following { fill: #4263eb; } .role-looking { fill: #f08c00; }
.role-observing { fill: #7048e8; } .role-paused { fill: #868e96; } .role-down { fill: #ced4da; } .role-epoch { fill: #fff; font-size: 10px; pointer-events: none; }
.role-leading-bg { background: #2b8a3e; } .role-following-bg { background: #4263eb; } .role-looking-bg { background: #f08c00; }
.role-observing-bg { background: #7048e8; } .role-paused-bg { background: #868e96; } .role-down-bg { background: #ced4da; }
.bar-ok { fill: var(--ok); } .bar-fail { fill: var(--fail); } .bar-info { fill: var(--info); }
polyline { fill: none; stroke-width: 1.5; } .latency-p50 { stroke: #1c7ed6; } .latency-p99 { stroke: #e8590c; } .latency-max { stroke: #adb5bd; stroke-dasharray: 3 2; }
.messages-scroll { overflow: auto; max-height: 640px; border: 1px solid var(--line); }
.lanes-grid { display: grid; } .lanes-grid > svg { display: block; }
.lanes-corner, .lanes-head { position: sticky; top: 0; background: #fff; z-index: 1; }
.lanes-corner { left: 0; z-index: 2; } .lanes-times { position: sticky; left: 0; background: #fff; z-index: 1; }
.client-label { fill: #495057; font-weight: 400; } .client-line { stroke: #dee2e6; stroke-dasharray: 2 3; }
.violation-mark path { fill: var(--fail); stroke: #fff; } .violation-mark .mark-label { fill: var(--fail); font-weight: 700; }
.involved-mark path { fill: #1c7ed6; stroke: #fff; } .involved-mark .mark-label { fill: #1c7ed6; font-weight: 600; }
#story { border-left: 4px solid var(--fail); } ul.stories { margin: 4px 0; padding-left: 18px; } li.story p { margin: 2px 0 8px; font-size: 15px; }
.story-at { color: var(--muted); margin-left: 8px; } .key-fact { font-size: 15px; font-weight: 600; }
.lin-label.end, .mark-label.end { text-anchor: end; } .mark-label { paint-order: stroke; stroke: #fff; stroke-width: 3px; } .lin-badge { font-size: 10px; pointer-events: none; }
.server-label { font-weight: 700; text-anchor: middle; } .server-line { stroke: #adb5bd; stroke-width: 2; }
.row-time { fill: var(--muted); font-size: 10px; } .event { fill: #495057; } .event-start { fill: #2b8a3e; }
.fault-text { fill: var(--fail); font-weight: 700; } .focus-row { fill: rgba(250, 176, 5, 0.25); }
.msg { stroke: #4263eb; stroke-width: 1.2; } .msg-early { stroke-dasharray: 4 3; } .arrowhead { fill: #4263eb; }
.msg-commit, .msg-uptodate { stroke: #2b8a3e; } .msg-diff, .msg-trunc, .msg-snap, .msg-newleader { stroke: #ae3ec9; }
.msg-label { font-size: 10px; fill: #495057; }
.lin-done { fill: #d0ebff; stroke: #1c7ed6; } .lin-stuck { fill: #ffc9c9; stroke: var(--fail); stroke-width: 2; }
.lin-other { fill: #f1f3f5; stroke: #adb5bd; } .lin-label { font-size: 11px; pointer-events: none; }
.partial { border-top: 1px solid var(--line); margin-top: 8px; } ol.steps { margin: 4px 0; padding-left: 3.5em; font-size: 13px; }
.stuck-op { font-size: 15px; }
#zk-counterexample code, #violations code { overflow-wrap: anywhere; } .zk-differences li { margin: 2px 0; }
table.zk-steps td, table.zk-steps th { border-bottom: 1px solid var(--line); font-size: 13px; }
table.zk-steps tr.zk-failing td { background: #ffe3e3; font-weight: 600; }
table.servers td, table.servers th { border-bottom: 1px solid var(--line); font-size: 13px; }
pre.mode-strip { font-size: 12px; line-height: 1.25; overflow-x: auto; }
.notes-scroll { max-height: 420px; overflow-y: auto; }
table.notes td, table.notes th { border-bottom: 1px solid var(--line); font-size: 13px; }
table.notes tr.hit td { background: #ffe3e3; font-weight: 600; }
#notes code { overflow-wrap: anywhere; }
`;
