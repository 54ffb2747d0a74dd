import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/cli/exitCodes.js";
import { diskRestorePointFromId, restorePointFromId } from "../../src/cli/resolve.js";
import { RestorePointClient } from "../../src/index.js";

const credential = {
  getToken: () => Promise.resolve({ token: "t", expiresOnTimestamp: Date.now() + 3_600_000 }),
};
const client = new RestorePointClient("00000000-0000-0000-0000-000000000001", credential);
const OTHER = "00000000-0000-0000-0000-000000000002";
const POINT = `/subscriptions/${OTHER}/resourceGroups/rg/providers/Microsoft.Compute/restorePointCollections/rpc/restorePoints/rp`;

describe("CLI id resolution", () => {
  it("keeps the subscription of the id (it used to take the client's)", () => {
    expect(restorePointFromId(client, POINT).id).toBe(POINT);
    const disk = `${POINT}/diskRestorePoints/os_0000`;
    expect(diskRestorePointFromId(client, disk.toUpperCase()).id).toContain(`/subscriptions/${OTHER}/`);
  });

  it("answers ids of the wrong kind with a usage error", () => {
    expect(() => restorePointFromId(client, `${POINT}/diskRestorePoints/d`)).toThrow(UsageError);
    expect(() => diskRestorePointFromId(client, POINT)).toThrow(/is not the id of a disk restore point/);
    expect(() => restorePointFromId(client, "nonsense")).toThrow(UsageError);
  });
});
