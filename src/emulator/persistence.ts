/**
 * Optional persistence: the whole state as one JSON file, replaced atomically after every change,
 * so that a restart (or a crash between two requests) finds the last consistent world.
 *
 * Everything here is private to the user who runs the emulator, whatever the umask: the data
 * directory is made 700, the state file and its temporary file are created 600 (and set so again,
 * in case an older version left them readable).
 *
 * The bearer token is not stored. A restarted emulator has a new self-signed certificate, so a
 * client has to read the new connection details anyway; the token comes with them (and a fixed
 * token can be passed as `options.token`). Older state files that still hold a token are read,
 * the token is ignored, and the next write drops it.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { emptyState, type EmulatorState } from "./state.js";

const STATE_FILE = "state.json";
const FORMAT = 1;
/** Owner-only access to the data directory and every file in it. */
export const DATA_DIR_MODE = 0o700;
export const DATA_FILE_MODE = 0o600;

interface PersistedFile {
  format: number;
  state: EmulatorState;
}

export interface LoadedState {
  state: EmulatorState;
}

/** Creates the data directory (700) if needed and reads the state file, if there is one. */
export function loadState(dataDir: string): LoadedState {
  prepareDataDir(dataDir);
  const file = join(dataDir, STATE_FILE);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { state: emptyState() };
    throw error;
  }
  chmodSync(file, DATA_FILE_MODE);
  const parsed = JSON.parse(text) as Partial<PersistedFile>;
  if (parsed.format !== FORMAT || parsed.state === undefined) {
    throw new Error(`${file} is not an emulator state file of format ${FORMAT}.`);
  }
  return { state: { ...emptyState(), ...parsed.state } };
}

export function saveState(dataDir: string, state: EmulatorState): void {
  const file = join(dataDir, STATE_FILE);
  const temp = `${file}.${process.pid}.tmp`;
  const content: PersistedFile = { format: FORMAT, state };
  try {
    // `mode` applies only when the file is created; a temp file left by a crash is removed first.
    rmSync(temp, { force: true });
    writeFileSync(temp, JSON.stringify(content), { mode: DATA_FILE_MODE, flag: "wx" });
    chmodSync(temp, DATA_FILE_MODE);
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/**
 * The emulator owns its data directory: a new one is created 700, and an existing one is made
 * 700 (the user named it as the emulator's; a state file in a readable directory would leak the
 * resource names, SAS URLs and ids in it).
 */
function prepareDataDir(dataDir: string): void {
  if (!existsSync(dataDir)) mkdirSync(dataDir, { recursive: true, mode: DATA_DIR_MODE });
  chmodSync(dataDir, DATA_DIR_MODE);
}
