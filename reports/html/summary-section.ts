// The report's head: what ran (scenario, seed, version, planted bugs), how each check judged it, the trace
// hash, the counts, and the exact command that reproduces the run.
import type { RunJson } from "../run-data/index.js";
import { escapeHtml } from "./escape.js";
import { formatUs } from "./time-format.js";
import { violationsFound } from "./violations-section.js";

function row(name: string, value: string): string {
  return `<tr><th scope="row">${escapeHtml(name)}</th><td>${value}</td></tr>`;
}

function verdictBadge(verdict: string): string {
  return `<span class="verdict verdict-${escapeHtml(verdict)}">${escapeHtml(verdict.toUpperCase())}</span>`;
}

/** Found, and how many of them run.json records when that is fewer. */
function violationCount(outcome: RunJson["verdicts"][number]): string {
  const found = violationsFound(outcome);
  const recorded = outcome.violations.length;
  return found > recorded
    ? `${found} <span class="muted">(first ${recorded} recorded)</span>`
    : String(found);
}

function verdictRows(run: RunJson): string {
  if (run.verdicts.length === 0) return "";
  const rows = run.verdicts.map(
    (outcome) =>
      `<tr><td>${escapeHtml(outcome.check)}</td><td>${verdictBadge(outcome.verdict)}</td><td>${violationCount(outcome)}</td><td>${escapeHtml(outcome.message)}</td></tr>`,
  );
  return `<table class="verdicts"><thead><tr><th>check</th><th>verdict</th><th>violations</th><th>what it checked</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

/** run.json's own count (`stats.faults`: a start..stop pair is one fault), never recounted here. */
function faultsText(run: RunJson): string {
  const faults = run.stats.faults;
  if (faults === undefined) return "faults not counted";
  return `${faults} ${faults === 1 ? "fault" : "faults"}`;
}

export function summarySection(run: RunJson, opCount: number): string {
  const stats = run.stats;
  const bugs = run.bugs.length === 0 ? "none" : run.bugs.map(escapeHtml).join(", ");
  const simTime = stats.sim_time_us === undefined ? "?" : formatUs(stats.sim_time_us);
  const repro =
    run.repro === ""
      ? "<em>not recorded</em>"
      : `<code id="repro">${escapeHtml(run.repro)}</code> <button type="button" data-copy="repro">copy</button>`;
  return `<section id="summary"><h1>${escapeHtml(run.scenario)} · seed ${run.seed} ${verdictBadge(run.verdict)}</h1>
<table class="facts"><tbody>
${row("scenario", escapeHtml(run.scenario))}
${row("seed", String(run.seed))}
${row("zabsim version", escapeHtml(run.version))}
${row("planted bugs", bugs)}
${row("trace hash", `<code>${escapeHtml(run.trace_hash)}</code>`)}
${row("events / simulated time", `${stats.events ?? "?"} events, ${simTime}`)}
${row("client operations / faults", `${opCount} ${opCount === 1 ? "operation" : "operations"}, ${faultsText(run)}`)}
${row("repro", repro)}
</tbody></table>
${verdictRows(run)}</section>`;
}
