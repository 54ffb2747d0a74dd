import { describe, expect, it } from "vitest";
import { ReplicationProgressEstimator } from "../../src/copy/progressEstimator.js";
import { describeReplicationFailure } from "../../src/copy/replicationFailure.js";
import type { ReplicationProgress } from "../../src/index.js";

function progress(
  percentComplete: number,
  state: ReplicationProgress["state"] = "InProgress",
  disks: ReplicationProgress["disks"] = [],
): ReplicationProgress {
  return { state, percentComplete, disks };
}

describe("ReplicationProgressEstimator", () => {
  it("never lets the overall or a disk's percentage go down", () => {
    const estimator = new ReplicationProgressEstimator();
    const disk = (p: number) => ({
      diskRestorePointId: "/x/d1",
      name: "d1",
      percentComplete: p,
      state: "InProgress" as const,
    });
    expect(estimator.observe(progress(40, "InProgress", [disk(40)]), 0).percentComplete).toBe(40);
    const lower = estimator.observe(progress(20, "InProgress", [disk(20)]), 10);
    expect(lower.percentComplete).toBe(40);
    expect(lower.disks[0]?.percentComplete).toBe(40);
    expect(estimator.observe(progress(60, "InProgress", [disk(60)]), 20).disks[0]?.percentComplete).toBe(60);
  });

  it("gives no ETA until the percentage moved after first exceeding 0 %", () => {
    const estimator = new ReplicationProgressEstimator();
    expect(estimator.observe(progress(0), 0).estimatedCompletionOn).toBeUndefined();
    expect(estimator.observe(progress(0), 1000).estimatedCompletionOn).toBeUndefined();
    // First progress: one point, no rate yet (the start-up time before it is not replication).
    expect(estimator.observe(progress(25), 2000).estimatedCompletionOn).toBeUndefined();
    expect(estimator.observe(progress(25), 2500).estimatedCompletionOn).toBeUndefined();
    // 25 % more in 1000 ms: 50 % left takes 2000 ms from when 50 % appeared.
    expect(estimator.observe(progress(50), 3000).estimatedCompletionOn).toEqual(new Date(5000));
    // Between Azure's coarse updates the estimate stays anchored on when 50 % first appeared.
    expect(estimator.observe(progress(50), 4000).estimatedCompletionOn).toEqual(new Date(5000));
  });

  it("never reports an ETA in the past and drops it once replication stops", () => {
    const estimator = new ReplicationProgressEstimator();
    estimator.observe(progress(10), 0);
    expect(estimator.observe(progress(20), 100).estimatedCompletionOn).toEqual(new Date(900));
    expect(estimator.observe(progress(20), 5000).estimatedCompletionOn).toEqual(new Date(5000));
    expect(estimator.observe(progress(100, "Succeeded"), 6000).estimatedCompletionOn).toBeUndefined();
    expect(estimator.observe(progress(30, "Failed"), 7000).estimatedCompletionOn).toBeUndefined();
  });

  it("ignores an ETA the input carried and a decrease never moves the anchor", () => {
    const estimator = new ReplicationProgressEstimator();
    const withEta = { ...progress(0), estimatedCompletionOn: new Date(1) };
    expect(estimator.observe(withEta, 0).estimatedCompletionOn).toBeUndefined();
    estimator.observe(progress(20), 1000);
    estimator.observe(progress(40), 2000);
    expect(estimator.observe(progress(30), 2500).estimatedCompletionOn).toEqual(new Date(5000));
  });
});

describe("describeReplicationFailure", () => {
  const failedDisk = (message?: string) => ({
    diskRestorePointId: "/x/data0_68785190-1acb-4d5e-a8ae-705b45f3dca5",
    name: "data0_68785190-1acb-4d5e-a8ae-705b45f3dca5",
    percentComplete: 50,
    state: "Failed" as const,
    ...(message === undefined ? {} : { message }),
  });

  it("names the failed disk", () => {
    const failure = describeReplicationFailure(progress(50, "Failed", [failedDisk()]), "restore point 'rp'");
    expect(failure.code).toBe("ReplicationFailed");
    expect(failure.message).toContain(
      "disk 'data0' (disk restore point 'data0_68785190-1acb-4d5e-a8ae-705b45f3dca5')",
    );
  });

  it("tells the two-week ceiling apart from a failure", () => {
    const failure = describeReplicationFailure(
      progress(75, "Failed", [
        failedDisk("The copy did not complete within the allowed time (two weeks) and was terminated."),
      ]),
      "restore point 'rp'",
    );
    expect(failure.code).toBe("ReplicationTimedOut");
    expect(failure.message).toMatch(/was terminated by Azure: .* two-week limit/);
  });
});
