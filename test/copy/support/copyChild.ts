/**
 * Child process of test/copy/resume.test.ts: starts a cross-region copy against the parent's
 * emulator, waits until replication passes a threshold, prints `await poller.serialize()` as one
 * JSON line and exits without finishing the copy, as a crashed or stopped process would.
 *
 * Connection from the environment: EMU_URL, EMU_TOKEN, EMU_CA (certificate PEM), EMU_SUBSCRIPTION.
 * Arguments: <source restore point id> <target region> <percent threshold>.
 */
import type { TokenCredential } from "@azure/core-auth";
import { RestorePointClient } from "../../../src/index.js";

function required(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === "") throw new Error(`${name} is not set`);
  return value;
}

const url = required("EMU_URL");
const token = required("EMU_TOKEN");
const credential: TokenCredential = {
  getToken: () => Promise.resolve({ token, expiresOnTimestamp: Date.now() + 3_600_000 }),
};
const client = new RestorePointClient(required("EMU_SUBSCRIPTION"), credential, {
  endpoint: url,
  tlsOptions: { ca: required("EMU_CA") },
  credentialScopes: [`${url}/.default`],
  updateIntervalInMs: 5,
  replicationPollIntervalInMs: 5,
});
const [sourceId = "", targetLocation = "", threshold = "30"] = process.argv.slice(2);
const poller = client.beginCopyToRegion(sourceId, { targetLocation });
const reached = await new Promise<number>((resolve, reject) => {
  poller.onProgress((state) => {
    const percent = state.replication?.percentComplete ?? 0;
    if (percent >= Number(threshold)) resolve(percent);
  });
  poller.then(() => {
    reject(new Error("the copy finished before the threshold"));
  }, reject);
});
process.stdout.write(`${JSON.stringify({ percent: reached, serialized: await poller.serialize() })}\n`);
process.exit(0);
