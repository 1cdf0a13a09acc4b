// The whole replay screen for a terminal of `columns` × `rows`: header, servers, then the event log beside
// the network pane (or the detail or help panel), client operations, the verdict, and the footer. At 80×24
// everything fits; extra rows go to the event log and the operations, extra columns to the panes.
import { Box } from "ink";
import type { ReplayRun } from "../model/index.js";
import type { ViewState } from "../state/view-state.js";
import { DetailView } from "./detail-view.js";
import { EventLog } from "./event-log.js";
import { Footer } from "./footer.js";
import { Header } from "./header.js";
import { HelpView } from "./help-view.js";
import { NetworkPane } from "./network-pane.js";
import { OperationsPane } from "./operations-pane.js";
import { Servers } from "./servers.js";
import type { Theme } from "./theme.js";
import { VerdictPane } from "./verdict-pane.js";

export interface ScreenProps {
  readonly run: ReplayRun;
  readonly view: ViewState;
  readonly columns: number;
  readonly rows: number;
  readonly theme: Theme;
}

export interface ScreenLayout {
  readonly width: number;
  readonly middle: number;
  readonly operations: number;
  readonly verdict: number;
  readonly side: number;
}

export function layoutOf(run: ReplayRun, columns: number, rows: number): ScreenLayout {
  const width = Math.max(40, columns);
  const height = Math.max(16, rows);
  const fixed = 2 + 1 + run.nodes.length + 1;
  const spare = height - fixed;
  const operations = spare >= 26 ? 7 : spare >= 18 ? 5 : 4;
  const verdict = spare >= 26 ? 5 : 3;
  const middle = Math.max(3, spare - operations - verdict);
  // The network pane's lines are short; the event log's descriptions are long and get the rest.
  const side = Math.max(24, Math.min(56, Math.floor(width * 0.32)));
  return { width, middle, operations, verdict, side };
}

export function Screen({ run, view, columns, rows, theme }: ScreenProps) {
  const layout = layoutOf(run, columns, rows);
  const { width, middle, side } = layout;
  return (
    <Box flexDirection="column" width={width}>
      <Header run={run} view={view} width={width} theme={theme} />
      <Servers
        run={run}
        step={view.step}
        width={width}
        theme={theme}
        selected={view.selectedNode}
      />
      {view.panel === "main" ? (
        <Box flexDirection="row" height={middle}>
          <EventLog run={run} view={view} width={width - side - 1} height={middle} theme={theme} />
          <Box width={1} />
          <NetworkPane run={run} step={view.step} width={side} height={middle} />
        </Box>
      ) : view.panel === "detail" ? (
        <DetailView
          run={run}
          step={view.step}
          node={view.selectedNode}
          scroll={view.detailScroll}
          width={width}
          height={middle}
          theme={theme}
        />
      ) : (
        <HelpView width={width} height={middle} />
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
        width={width}
        height={layout.verdict}
        theme={theme}
      />
      <Footer view={view} width={width} />
    </Box>
  );
}
