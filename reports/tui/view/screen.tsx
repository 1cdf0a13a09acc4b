// The whole replay screen for a terminal of `columns` × `rows`: header, servers, clients, then the event log
// beside the network pane (or the detail panel), client operations, the verdict, and the footer; the help
// takes everything between header and footer. The header and footer always show; the event log keeps a
// minimum height (the clients' table shows a window of them instead); below the minimum size a message says
// what size is needed. Extra rows go to the clients, the verdict's story, then the event log.
import { Box, Text } from "ink";
import type { ReplayRun } from "../model/index.js";
import { PANE_ROWS_DEFAULT, type PaneRows } from "../state/keys.js";
import type { ViewState } from "../state/view-state.js";
import { ClientsTable, clientNodes } from "./clients-table.js";
import { DetailView } from "./detail-view.js";
import { EventLog } from "./event-log.js";
import { Footer } from "./footer.js";
import { Header } from "./header.js";
import { HelpView } from "./help-view.js";
import { NetworkPane } from "./network-pane.js";
import { OperationsPane } from "./operations-pane.js";
import { Servers, serverNodes } from "./servers.js";
import type { Theme } from "./theme.js";
import { VerdictPane, verdictLines } from "./verdict-pane.js";

export interface ScreenProps {
  readonly run: ReplayRun;
  readonly view: ViewState;
  readonly columns: number;
  readonly rows: number;
  readonly theme: Theme;
  /** Rows left empty at the bottom (the app keeps one, so ink redraws in place). */
  readonly reservedRows?: number;
}

export interface ScreenLayout {
  readonly width: number;
  /** Rows between the header and the footer (the help's). */
  readonly body: number;
  /** The clients' table, its title included; 0 when the run has no clients. */
  readonly clients: number;
  readonly middle: number;
  readonly operations: number;
  readonly verdict: number;
  readonly side: number;
}

export const MIN_COLUMNS = 50;
const MIN_EVENT_ROWS = 6;
const MIN_OPERATION_ROWS = 2;
/** The title, one line of the story, and where it is located. */
const MIN_VERDICT_ROWS = 3;

/** The fewest rows that show every server, one client, and the panes at their minimum height. */
export function minimumRows(run: ReplayRun): number {
  const servers = 1 + serverNodes(run).length;
  const clients = clientNodes(run).length > 0 ? 2 : 0;
  return 3 + servers + clients + MIN_EVENT_ROWS + MIN_OPERATION_ROWS + MIN_VERDICT_ROWS;
}

/** How the rows are shared, or null when the terminal is below the minimum size. */
export function layoutOf(
  run: ReplayRun,
  columns: number,
  rows: number,
  verdictLineCount = 0,
): ScreenLayout | null {
  const least = minimumRows(run);
  if (columns < MIN_COLUMNS || rows < least) return null;
  const clientCount = clientNodes(run).length;
  let spare = rows - least;
  const take = (wanted: number) => {
    const got = Math.max(0, Math.min(spare, wanted));
    spare -= got;
    return got;
  };
  // Clients and the story share the first spare rows with the operations; the event log gets the rest.
  const verdictWanted = Math.min(verdictLineCount + 2, Math.floor(rows / 4)) - MIN_VERDICT_ROWS;
  const firstClients =
    clientCount === 0 ? 0 : take(Math.min(clientCount - 1, Math.ceil(spare / 2)));
  const firstVerdict = take(Math.min(2, verdictWanted));
  const firstOperations = take(1);
  const clients = clientCount === 0 ? 0 : 2 + firstClients + take(clientCount - 1 - firstClients);
  const verdict = MIN_VERDICT_ROWS + firstVerdict + take(verdictWanted - firstVerdict);
  const operations = MIN_OPERATION_ROWS + firstOperations + take(spare > 20 ? 4 : 1);
  const middle = MIN_EVENT_ROWS + spare;
  // The network pane's lines are short; the event log's descriptions are long and get the rest.
  const side = Math.max(20, Math.min(56, Math.floor(columns * 0.32)));
  const body = rows - 3;
  return { width: columns, body, clients, middle, operations, verdict, side };
}

/** What the scrolling panes show at this size, for the key reducer. */
export function paneRowsOf(
  run: ReplayRun,
  view: ViewState,
  columns: number,
  rows: number,
): PaneRows {
  const lines = verdictLines(run, view.violation, columns).length;
  const layout = layoutOf(run, columns, rows, lines);
  if (layout === null) return PANE_ROWS_DEFAULT;
  return {
    detail: layout.middle - 1,
    help: layout.body - 1,
    verdict: layout.verdict - 2,
    verdictLines: lines,
  };
}

export function Screen({
  run,
  view,
  columns,
  rows: terminalRows,
  theme,
  reservedRows = 0,
}: ScreenProps) {
  const rows = terminalRows - reservedRows;
  const lines = verdictLines(run, view.violation, columns).length;
  const layout = layoutOf(run, columns, rows, lines);
  if (layout === null)
    return <TooSmall run={run} columns={columns} rows={terminalRows} reserved={reservedRows} />;
  const { width } = layout;
  return (
    <Box flexDirection="column" width={width} height={rows}>
      <Header run={run} view={view} width={width} theme={theme} />
      {view.panel === "help" ? (
        <HelpView width={width} height={layout.body} scroll={view.helpScroll} />
      ) : (
        <Body run={run} view={view} layout={layout} theme={theme} />
      )}
      <Footer view={view} width={width} />
    </Box>
  );
}

function Body({
  run,
  view,
  layout,
  theme,
}: Omit<ScreenProps, "columns" | "rows"> & { readonly layout: ScreenLayout }) {
  const { width, middle, side } = layout;
  const selected = view.selectedNode;
  return (
    <Box flexDirection="column" width={width} height={layout.body}>
      <Servers run={run} step={view.step} width={width} theme={theme} selected={selected} />
      {layout.clients > 0 ? (
        <ClientsTable
          run={run}
          step={view.step}
          width={width}
          height={layout.clients}
          selected={selected}
          theme={theme}
        />
      ) : null}
      {view.panel === "detail" ? (
        <DetailView
          run={run}
          step={view.step}
          node={selected}
          scroll={view.detailScroll}
          width={width}
          height={middle}
          theme={theme}
        />
      ) : (
        <Box flexDirection="row" height={middle}>
          <EventLog run={run} view={view} width={width - side - 1} height={middle} theme={theme} />
          <Box width={1} />
          <NetworkPane run={run} step={view.step} width={side} height={middle} />
        </Box>
      )}
      <OperationsPane
        run={run}
        step={view.step}
        violation={view.violation}
        width={width}
        height={layout.operations}
        theme={theme}
      />
      <VerdictPane
        run={run}
        violation={view.violation}
        scroll={view.verdictScroll}
        width={width}
        height={layout.verdict}
        theme={theme}
      />
    </Box>
  );
}

/** Below the minimum size: what size is needed, and how to leave. */
interface TooSmallProps {
  readonly run: ReplayRun;
  readonly columns: number;
  readonly rows: number;
  readonly reserved: number;
}

function TooSmall({ run, columns, rows, reserved }: TooSmallProps) {
  const servers = serverNodes(run).length;
  const clients = clientNodes(run).length;
  const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? "" : "s"}`;
  const counts = `${plural(servers, "server")}${clients > 0 ? `, ${plural(clients, "client")}` : ""}`;
  const needed = `${MIN_COLUMNS}×${minimumRows(run) + reserved}`;
  const text = `The terminal is ${columns}×${rows}; this replay (${counts}) needs at least ${needed}. Enlarge it, or press q to quit.`;
  return (
    <Box width={Math.max(1, columns)} height={Math.max(1, rows - reserved)}>
      <Text wrap="wrap">{text}</Text>
    </Box>
  );
}
