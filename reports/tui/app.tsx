// The interactive replay: the screen, the keys, playback, and terminal resizes. Rendering and key handling
// are pure (view/, state/); this component only wires them to ink.
import { useApp, useInput, useStdout } from "ink";
import { useEffect, useState } from "react";
import type { ReplayRun } from "./model/index.js";
import { type KeyName, reduceKey, reduceTick } from "./state/keys.js";
import { initialView, SPEEDS, type ViewState } from "./state/view-state.js";
import { Screen } from "./view/screen.js";
import type { Theme } from "./view/theme.js";

export interface ReplayAppProps {
  readonly run: ReplayRun;
  readonly theme: Theme;
  readonly initial?: ViewState;
}

const TICK_MS = 50;

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
  useInput((input, key) => setView((v) => reduceKey(run, v, keyNameOf(input, key))));
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
  return <Screen run={run} view={view} columns={columns} rows={rows - 1} theme={theme} />;
}
