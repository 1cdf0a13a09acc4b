// One row per server: status, role, epochs (accepted/current), last logged and committed zxid, clock offset,
// connections (`!` = cut), and on wide screens the phase and whom it follows. What changed in the current step
// is highlighted; the node that stepped is marked ▶. Clients have a table of their own (clients-table.tsx).
import { Box, Text } from "ink";
import { type ReplayRun, type ServerRow, serverRow } from "../model/index.js";
import { cell, changedStyle, formatOffsetUs, type Theme, tint } from "./theme.js";

export interface ServersProps {
  readonly run: ReplayRun;
  readonly step: number;
  readonly width: number;
  readonly theme: Theme;
  readonly selected: number;
}

interface Column {
  readonly title: string;
  readonly field: string;
  readonly width: number;
  readonly value: (row: ServerRow) => string;
}

export const STATUS_GLYPHS = { up: "● up", paused: "‖ paused", down: "○ down" } as const;

/** The run's server nodes (by index into its nodes), in order. */
export function serverNodes(run: ReplayRun): number[] {
  return run.nodes.flatMap((_, k) => (run.isClient[k] === true ? [] : [k]));
}

/** Below this width the clock column gives way to the connections. */
const NARROW_COLUMNS = 76;

function columns(width: number): Column[] {
  const wide = width >= 110;
  const s = (pick: (row: ServerRow) => string | undefined) => (row: ServerRow) => pick(row) ?? "-";
  const all: Column[] = [
    { title: "node", field: "name", width: 5, value: (r) => r.name },
    { title: "status", field: "status", width: 9, value: (r) => STATUS_GLYPHS[r.status] },
    { title: "role", field: "role", width: 10, value: (r) => roleOf(r) },
    { title: "ep a/c", field: "epoch", width: 7, value: s((r) => r.summary?.epoch) },
    { title: "logged", field: "logged", width: 12, value: s((r) => r.summary?.logged) },
    { title: "committed", field: "committed", width: 12, value: s((r) => r.summary?.committed) },
    { title: "clock", field: "clock", width: 8, value: (r) => formatOffsetUs(r.clockOffsetUs) },
  ];
  const base = all.filter((c) => c.field !== "clock" || width >= NARROW_COLUMNS);
  if (wide)
    base.push({ title: "phase", field: "extra", width: 16, value: s((r) => r.summary?.extra) });
  return base;
}

export function Servers({ run, step, width, theme, selected }: ServersProps) {
  const cols = columns(width);
  const used = 2 + cols.reduce((sum, c) => sum + c.width, 0);
  const linkWidth = Math.max(0, width - used);
  const rows = serverNodes(run).map((k) => ({ k, row: serverRow(run, k, step) }));
  return (
    <Box flexDirection="column" width={width}>
      <Text bold wrap="truncate">
        {`  ${cols.map((c) => cell(c.title, c.width)).join("")}${cell("connections", linkWidth)}`}
      </Text>
      {rows.map(({ k, row }) => (
        <Text key={row.name} wrap="truncate">
          <Text bold={row.stepped}>{row.stepped ? "▶ " : k === selected ? "· " : "  "}</Text>
          {cols.map((c) => (
            <Text
              key={c.field}
              {...statusTint(theme, c.field, row)}
              {...changedStyle(theme, row.changed.has(c.field))}
            >
              {cell(c.value(row), c.width)}
            </Text>
          ))}
          <Text {...changedStyle(theme, row.changed.has("links"))}>
            {cell(row.links.join(" ") || "none", linkWidth)}
          </Text>
        </Text>
      ))}
    </Box>
  );
}

/** A node up again after a restart has no state until its start, which comes at the same time. */
function roleOf(row: ServerRow): string {
  if (row.summary !== null) return row.summary.role;
  return row.status === "down" ? "-" : "starting";
}

export function statusTint(theme: Theme, field: string, row: ServerRow): { color?: string } {
  if (field === "status")
    return tint(theme, row.status === "up" ? "green" : row.status === "down" ? "red" : "yellow");
  if (field === "role" && row.summary?.role === "LEADING") return tint(theme, "cyan");
  return {};
}
