// One frame of the replay screen as text (for `zabsim replay --screen` and tests).
import { renderToString } from "ink";
import type { ReplayRun } from "./model/index.js";
import type { ViewState } from "./state/view-state.js";
import { Screen } from "./view/screen.js";
import type { Theme } from "./view/theme.js";

export function renderScreen(
  run: ReplayRun,
  view: ViewState,
  size: { readonly columns: number; readonly rows: number },
  theme: Theme = { color: false },
): string {
  return renderToString(
    <Screen run={run} view={view} columns={size.columns} rows={size.rows} theme={theme} />,
    {
      columns: size.columns,
    },
  );
}
