// The interactive replay: the screen, the keys, playback, and terminal resizes. Rendering and key handling
// are pure (view/, state/); this component only wires them to ink.
import { useApp, useInput, useStdout } from "ink";
import { useEffect, useState } from "react";
import type { ReplayRun } from "./model/index.js";
import { type KeyName, reduceKey, reduceTick } from "./state/keys.js";
import { initialView, SPEEDS, type ViewState } from "./state/view-state.js";
import { paneRowsOf, Screen } from "./view/screen.js";
import type { Theme } from "./view/theme.js";

export interface ReplayAppProps {
  readonly run: ReplayRun;
  readonly theme: Theme;
  readonly initial?: ViewState;
}

const TICK_MS = 50;

/** Control characters inside a batch of typed or pasted text, as the key each stands for. */
const CONTROL_KEYS: { readonly [char: string]: KeyName } = {
  "\r": "return",
  "\n": "return",
  "\t": "tab",
  "\x7f": "backspace",
  "\b": "backspace",
  "\x1b": "escape",
};

/**
 * The keys in one input event. ink cuts escape sequences (arrows, PgUp/PgDn) into events of their own but
 * hands a run of text pasted or sent at once (`tmux send-keys jjj`) over whole: that is one key per character.
 */
export function keysOf(input: string, key: import("ink").Key): KeyName[] {
  const named = keyNameOf(input, key);
  if (named !== input || input.length <= 1) return [named];
  return Array.from(input, (char) => CONTROL_KEYS[char] ?? char);
}

export function keyNameOf(input: string, key: import("ink").Key): KeyName {
  if (key.upArrow) return "up";
  if (key.downArrow) return "down";
  if (key.leftArrow) return "left";
  if (key.rightArrow) return "right";
  if (key.pageUp) return "pageup";
  if (key.pageDown) return "pagedown";
  if (key.return) return "return";
  if (key.escape) return "escape";
  if (key.backspace || key.delete) return "backspace";
  if (key.tab) return "tab";
  if (key.ctrl && input.length === 1) return `ctrl-${input}`;
  return input;
}

function useTerminalSize(): { columns: number; rows: number } {
  const { stdout } = useStdout();
  const read = () => ({ columns: stdout.columns ?? 80, rows: stdout.rows ?? 24 });
  const [size, setSize] = useState(read);
  useEffect(() => {
    const onResize = () => setSize({ columns: stdout.columns ?? 80, rows: stdout.rows ?? 24 });
    stdout.on("resize", onResize);
    return () => {
      stdout.off("resize", onResize);
    };
  }, [stdout]);
  return size;
}

export function ReplayApp({ run, theme, initial }: ReplayAppProps) {
  const { exit } = useApp();
  const [view, setView] = useState<ViewState>(initial ?? initialView());
  const { columns, rows } = useTerminalSize();
  useInput((input, key) => {
    const keys = keysOf(input, key);
    setView((v) =>
      keys.reduce(
        (at, name) => reduceKey(run, at, name, paneRowsOf(run, at, columns, rows - 1)),
        v,
      ),
    );
  });
  useEffect(() => {
    if (view.quit) exit();
  }, [view.quit, exit]);
  useEffect(() => {
    if (!view.playing) return;
    const perTick = Math.max(1, Math.round((SPEEDS[view.speedIndex] ?? 10) * (TICK_MS / 1000)));
    const every = Math.max(TICK_MS, Math.round(1000 / (SPEEDS[view.speedIndex] ?? 10)));
    const timer = setInterval(() => setView((v) => reduceTick(run, v, perTick)), every);
    return () => clearInterval(timer);
  }, [view.playing, view.speedIndex, run]);
  // One row short of the terminal, so ink redraws in place instead of clearing the screen each frame.
  return (
    <Screen run={run} view={view} columns={columns} rows={rows} reservedRows={1} theme={theme} />
  );
}
