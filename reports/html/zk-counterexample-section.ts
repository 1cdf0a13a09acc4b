// A ZooKeeper-consistency counterexample, readable (issue 9): the operation that cannot be placed, what it
// returned against what the state at its zxid says (or the rule it breaks), and the successful writes
// replayed in zxid order up to it, each with the abbreviated state of the znodes it is about.
import type { ExplainedWrite, ZkExplanation } from "../../protocol/zk/consistency/index.js";
import { hexSession } from "../../scenarios/systems/labels.js";
import { escapeHtml } from "./escape.js";
import type { ClientNamer } from "./op-labels.js";
import { formatZxid } from "./time-format.js";

export type ZkCounterexample =
  | {
      readonly kind: "explained";
      readonly explanation: ZkExplanation;
      /** How many consistency violations the check found; the first one with an operation is explained. */
      readonly violationCount: number;
    }
  | { readonly kind: "missing"; readonly reason: string };

function code(text: string): string {
  return `<code>${escapeHtml(text)}</code>`;
}

function writeRow(write: ExplainedWrite, order: number, name: ClientNamer): string {
  const mark = write.failing ? "✗ " : "";
  return `<tr${write.failing ? ' class="zk-failing"' : ""}><td>${mark}${order}</td><td>${code(formatZxid(write.zxid))}</td><td>${write.process === null ? '<span class="muted">leader</span>' : escapeHtml(name(write.process))}</td><td>${code(write.call)}</td><td>${code(write.state)}</td></tr>`;
}

function verdictOf(e: ZkExplanation): string {
  if (e.returned === null || e.expected === null) {
    const related = e.related.map((op) => `<li>${code(op)}</li>`).join("");
    return `<p>Its answer agrees with the replayed state: what it breaks is the rule itself.</p>
<p class="zk-message">${code(e.message)}</p>${related === "" ? "" : `<p>Also involved:</p><ul>${related}</ul>`}`;
  }
  const fields = e.differences.map((line) => `<li>${code(line)}</li>`).join("");
  return `<p>What it returned differs from the state replaying the writes in zxid order gives at zxid ${code(formatZxid(e.zxid ?? 0))}:</p>
<ul class="zk-differences">${fields}</ul>
<details><summary>both answers</summary><p>returned ${code(e.returned)}</p><p>the replay says ${code(e.expected)}</p></details>`;
}

function stepsTable(e: ZkExplanation, name: ClientNamer): string {
  const at = e.zxid === null ? "" : ` up to ${code(formatZxid(e.zxid))}`;
  const on = e.paths.length === 0 ? "" : `, on ${e.paths.map(code).join(", ")}`;
  const listed = e.writes.length + e.writesOmitted;
  const omitted = e.writesOmitted > 0 ? ` (the last ${e.writes.length} shown)` : "";
  const info =
    e.unansweredWrites > 0
      ? ` ${e.unansweredWrites} writes whose outcome is unknown (info) are not replayed.`
      : "";
  const failingRow = e.writes.some((w) => w.failing)
    ? ""
    : `<tr class="zk-failing"><td>✗</td><td>${e.zxid === null ? "" : code(formatZxid(e.zxid))}</td><td>${escapeHtml(name(e.process))}</td><td colspan="2">${code(e.operation)}: served here, it should see the state above</td></tr>`;
  const rows = e.writes.map((write, i) => writeRow(write, e.writesOmitted + i + 1, name));
  return `<h3>The successful writes in zxid order${at}${on}</h3>
<p class="muted">${e.writesReplayed} writes replayed up to this zxid; the ${listed} that changed or named these znodes are listed${omitted}, with their state after each
(<code>= data vVERSION cvCHILD-VERSION [children]</code>).${info}</p>
<table class="zk-steps"><thead><tr><th>#</th><th>zxid</th><th>client</th><th>write</th><th>state after</th></tr></thead><tbody>
<tr class="muted"><td></td><td></td><td></td><td>before${e.writesOmitted > 0 ? ` #${e.writesOmitted + 1}` : ""}</td><td>${code(e.initialState)}</td></tr>
${rows.join("\n")}
${failingRow}</tbody></table>`;
}

export function zkCounterexampleSection(ce: ZkCounterexample, name: ClientNamer): string {
  const head = `<section id="zk-counterexample"><h2>Why the ZooKeeper history is inconsistent</h2>`;
  if (ce.kind === "missing")
    return `${head}<p class="muted">${escapeHtml(ce.reason)}</p></section>`;
  const e = ce.explanation;
  const which =
    ce.violationCount > 1
      ? `<p class="muted">The first of ${ce.violationCount} consistency violations that names its operation.</p>`
      : "";
  return `${head}${which}
<p class="stuck-op">The operation that cannot be placed: ${escapeHtml(name(e.process))} ${code(e.call)}
(process ${e.process}, session ${hexSession(e.session)}${e.server === null ? "" : ` on ${escapeHtml(e.server)}`}), ${e.status === "ok" ? `answered at zxid ${code(formatZxid(e.zxid ?? 0))}` : "never answered"}.</p>
<p>Rule <b>${escapeHtml(e.check)}</b>: ${escapeHtml(e.rule)}.</p>
${verdictOf(e)}
${stepsTable(e, name)}</section>`;
}
