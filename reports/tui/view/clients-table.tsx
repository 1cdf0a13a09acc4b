// One row per client (and other non-server node): status, its handle's state, session (hex), the server it
// talks to (`…n2` while connecting), the last zxid it has seen (hex) and its calls not answered yet. When the
// rows do not all fit, the table shows a window that keeps the stepping (or selected) client in view and says
// which clients it shows.
import { Box, Text } from "ink";
import { type ReplayRun, type ServerRow, serverRow } from "../model/index.js";
import { STATUS_GLYPHS, statusTint } from "./servers.js";
import { cell, changedStyle, type Theme } from "./theme.js";

export interface ClientsTableProps {
  readonly run: ReplayRun;
  readonly step: number;
  readonly width: number;
  /** Rows for the table, its title line included. */
  readonly height: number;
  readonly selected: number;
  readonly theme: Theme;
}

interface Column {
  readonly title: string;
  readonly field: string;
  readonly width: number;
  readonly value: (row: ServerRow) => string;
}

const dash = (text: string | undefined) => (text === undefined || text === "" ? "-" : text);

/** Below this width the status is its glyph alone (● up, ‖ paused, ○ down), so the calls still show. */
const NARROW_COLUMNS = 70;

const STATUS_NARROW: Column = {
  title: "",
  field: "status",
  width: 2,
  value: (r) => STATUS_GLYPHS[r.status].slice(0, 1),
};

const COLUMNS: readonly Column[] = [
  { title: "client", field: "name", width: 7, value: (r) => r.name },
  { title: "status", field: "status", width: 9, value: (r) => STATUS_GLYPHS[r.status] },
  { title: "state", field: "state", width: 11, value: (r) => dash(r.summary?.client?.state) },
  { title: "session", field: "session", width: 14, value: (r) => dash(r.summary?.client?.session) },
  { title: "server", field: "server", width: 7, value: (r) => dash(r.summary?.client?.server) },
  {
    title: "last zxid",
    field: "lastZxid",
    width: 12,
    value: (r) => dash(r.summary?.client?.lastZxid),
  },
  {
    title: "calls",
    field: "outstanding",
    width: 5,
    value: (r) => String(r.summary?.client?.outstanding ?? "-"),
  },
];

export function clientNodes(run: ReplayRun): number[] {
  return run.nodes.flatMap((_, k) => (run.isClient[k] === true ? [k] : []));
}

/** The first of `count` rows shown out of `nodes`, so that the focused node is among them. */
export function clientWindowStart(nodes: readonly number[], count: number, focus: number): number {
  const at = nodes.indexOf(focus);
  if (at < 0 || nodes.length <= count) return 0;
  return Math.max(0, Math.min(nodes.length - count, at - Math.floor(count / 2)));
}

export function ClientsTable({ run, step, width, height, selected, theme }: ClientsTableProps) {
  const nodes = clientNodes(run);
  const count = Math.max(0, Math.min(nodes.length, height - 1));
  const stepping = run.stepNode[step] ?? -1;
  const focus = nodes.includes(stepping) ? stepping : selected;
  const first = clientWindowStart(nodes, count, focus);
  const shown = nodes.slice(first, first + count);
  const window =
    shown.length === nodes.length
      ? ""
      : ` ${run.nodes[shown[0] ?? 0]}–${run.nodes[shown.at(-1) ?? 0]} of ${nodes.length}`;
  const columns =
    width >= NARROW_COLUMNS
      ? COLUMNS
      : COLUMNS.map((c) => (c.field === "status" ? STATUS_NARROW : c));
  const titles = `  ${columns.map((c) => cell(c.title, c.width)).join("")}${window}`;
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold wrap="truncate">
        {cell(titles, width)}
      </Text>
      {shown.map((k) => {
        const row = serverRow(run, k, step);
        return (
          <Text key={row.name} wrap="truncate">
            <Text bold={row.stepped}>{row.stepped ? "▶ " : k === selected ? "· " : "  "}</Text>
            {columns.map((c) => (
              <Text
                key={c.field}
                {...statusTint(theme, c.field, row)}
                {...changedStyle(theme, row.changed.has(c.field))}
              >
                {cell(c.value(row), c.width)}
              </Text>
            ))}
          </Text>
        );
      })}
    </Box>
  );
}
