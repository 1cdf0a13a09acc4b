// `zabsim replay RUN_DIR | --scenario NAME --seed N [--bug ID]...`: step through a run in a terminal UI
// (reports/tui). With --screen, print one frame as text instead (for scripts and non-interactive terminals).
// The exit code is the run's verdict, as for every command: 0 passed, 1 violation, 3 inconclusive.
import type { ReplayRun } from "../../reports/tui/model/index.js";
import { type CliIo, EXIT, type ExitCode, UsageError } from "../cli-io.js";
import { openReplay, startingView } from "../replay/open-replay.js";
import { parseReplayArgs } from "../replay/replay-args.js";
import type { Command } from "./index.js";
import { REPLAY_SPEC } from "./replay-spec.js";

const ENTER_ALT_SCREEN = "\x1b[?1049h\x1b[H";
const LEAVE_ALT_SCREEN = "\x1b[?1049l";

function verdictCode(run: ReplayRun): ExitCode {
  if (run.meta.verdict === "fail") return EXIT.violation;
  return run.meta.verdict === "unknown" ? EXIT.unknown : EXIT.ok;
}

/** NO_COLOR (https://no-color.org) set to anything but "" turns colour off, as does a terminal without it. */
function colorWanted(): boolean {
  const noColor = process.env.NO_COLOR;
  if (noColor !== undefined && noColor !== "") return false;
  return process.stdout.hasColors?.() ?? false;
}

async function run(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const options = parseReplayArgs(args);
  const replay = await openReplay(options.load());
  const view = startingView(replay, options.goto);
  if (options.screen) {
    const size = {
      columns: options.columns ?? process.stdout.columns ?? 100,
      rows: options.rows ?? process.stdout.rows ?? 30,
    };
    // ink and react load only here: other commands start without them.
    const { renderScreen } = await import("../../reports/tui/index.js");
    io.out(renderScreen(replay, view, size, { color: false }));
    return verdictCode(replay);
  }
  if (!process.stdin.isTTY || !process.stdout.isTTY)
    throw new UsageError(
      "the replay UI needs an interactive terminal; use --screen to print one frame",
    );
  await interactive(replay, view);
  return verdictCode(replay);
}

/** Runs the UI on the alternate screen; whatever happens, the terminal is given back as it was. */
async function interactive(
  replay: ReplayRun,
  view: ReturnType<typeof startingView>,
): Promise<void> {
  // ink renders nothing until exit when CI or CONTINUOUS_INTEGRATION is set (its is-in-ci check, read once
  // when ink loads). This is an interactive terminal whatever the environment says, so the UI must draw.
  delete process.env.CI;
  delete process.env.CONTINUOUS_INTEGRATION;
  const [{ render }, { createElement }, { ReplayApp }] = await Promise.all([
    import("ink"),
    import("react"),
    import("../../reports/tui/index.js"),
  ]);
  const restore = () => process.stdout.write(LEAVE_ALT_SCREEN);
  process.stdout.write(ENTER_ALT_SCREEN);
  process.once("exit", restore);
  try {
    const app = render(
      createElement(ReplayApp, { run: replay, theme: { color: colorWanted() }, initial: view }),
      {
        exitOnCtrlC: true,
        patchConsole: false,
      },
    );
    await app.waitUntilExit();
  } finally {
    process.off("exit", restore);
    restore();
  }
}

export const replayCommand: Command = { spec: REPLAY_SPEC, run };
