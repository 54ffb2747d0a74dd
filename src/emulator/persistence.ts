/**
 * Optional persistence: the whole state as one JSON file, replaced atomically after every change,
 * so that a restart (or a crash between two requests) finds the last consistent world.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { emptyState, type EmulatorState } from "./state.js";

const STATE_FILE = "state.json";
const FORMAT = 1;

interface PersistedFile {
  format: number;
  token: string;
  state: EmulatorState;
}

export interface LoadedState {
  state: EmulatorState;
  token: string | undefined;
}

export function loadState(dataDir: string): LoadedState {
  mkdirSync(dataDir, { recursive: true });
  let text: string;
  try {
    text = readFileSync(join(dataDir, STATE_FILE), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { state: emptyState(), token: undefined };
    throw error;
  }
  const parsed = JSON.parse(text) as Partial<PersistedFile>;
  if (parsed.format !== FORMAT || parsed.state === undefined) {
    throw new Error(`${join(dataDir, STATE_FILE)} is not an emulator state file of format ${FORMAT}.`);
  }
  return { state: { ...emptyState(), ...parsed.state }, token: parsed.token };
}

export function saveState(dataDir: string, state: EmulatorState, token: string): void {
  const file = join(dataDir, STATE_FILE);
  const temp = `${file}.${process.pid}.tmp`;
  const content: PersistedFile = { format: FORMAT, token, state };
  writeFileSync(temp, JSON.stringify(content));
  renameSync(temp, file);
}
