#!/usr/bin/env node
/** Entry point of the `vmrp` bin. */
import { run } from "./main.js";

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`vmrp: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
