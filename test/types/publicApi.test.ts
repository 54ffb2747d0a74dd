import { describe, expectTypeOf, it } from "vitest";
import type {
  CopyOperationState,
  DiskAccess,
  DiskRestorePoint,
  ManagedDisk,
  OperationState,
  PagedAsyncIterableIterator,
  PollerLike,
  ReplicationProgress,
  RestorePointCollection,
  VmRestorePoint,
} from "../../src/index.js";
import type {
  DiskRestorePointClient,
  RestorePointClient,
  RestorePointCollectionClient,
  VmRestorePointDisk,
} from "../../src/index.js";
import {
  VmRestorePointClient,
  isRestorePointError,
  parseResourceId,
  withDiskAccess,
} from "../../src/index.js";

describe("public API types", () => {
  it("begin* methods return the PollerLike itself, never a Promise of it", () => {
    expectTypeOf<VmRestorePointClient["beginCreate"]>().returns.toEqualTypeOf<
      PollerLike<OperationState<VmRestorePoint>, VmRestorePoint>
    >();
    expectTypeOf<VmRestorePointClient["beginCopy"]>().returns.toEqualTypeOf<
      PollerLike<CopyOperationState, VmRestorePoint>
    >();
    expectTypeOf<VmRestorePointClient["beginDelete"]>().returns.toEqualTypeOf<
      PollerLike<OperationState<void>, void>
    >();
    expectTypeOf<RestorePointCollectionClient["beginDelete"]>().returns.toEqualTypeOf<
      PollerLike<OperationState<void>, void>
    >();
    expectTypeOf<DiskRestorePointClient["beginGrantAccess"]>().returns.toEqualTypeOf<
      PollerLike<OperationState<DiskAccess>, DiskAccess>
    >();
    expectTypeOf<DiskRestorePointClient["beginRevokeAccess"]>().returns.toEqualTypeOf<
      PollerLike<OperationState<void>, void>
    >();
    expectTypeOf<DiskRestorePointClient["beginRestoreDisk"]>().returns.toEqualTypeOf<
      PollerLike<OperationState<ManagedDisk>, ManagedDisk>
    >();
    expectTypeOf<RestorePointClient["beginCopyToRegion"]>().returns.toEqualTypeOf<
      PollerLike<CopyOperationState, VmRestorePoint>
    >();
    expectTypeOf<ReturnType<VmRestorePointClient["beginCreate"]>>().not.toEqualTypeOf<Promise<unknown>>();
    // Awaiting the poller gives the result.
    expectTypeOf<Awaited<ReturnType<VmRestorePointClient["beginCreate"]>>>().toEqualTypeOf<VmRestorePoint>();
    expectTypeOf<
      Awaited<ReturnType<DiskRestorePointClient["beginGrantAccess"]>>
    >().toEqualTypeOf<DiskAccess>();
  });

  it("sub-client getters are synchronous", () => {
    expectTypeOf<
      RestorePointClient["getCollectionClient"]
    >().returns.toEqualTypeOf<RestorePointCollectionClient>();
    expectTypeOf<
      RestorePointCollectionClient["getRestorePointClient"]
    >().returns.toEqualTypeOf<VmRestorePointClient>();
    expectTypeOf<
      VmRestorePointClient["getDiskRestorePointClient"]
    >().returns.toEqualTypeOf<DiskRestorePointClient>();
    expectTypeOf<RestorePointClient["listCollections"]>().returns.toEqualTypeOf<
      PagedAsyncIterableIterator<RestorePointCollection>
    >();
    expectTypeOf<RestorePointCollectionClient["listRestorePoints"]>().returns.toEqualTypeOf<
      PagedAsyncIterableIterator<VmRestorePoint>
    >();
    expectTypeOf<VmRestorePointClient["listDiskRestorePoints"]>().returns.toEqualTypeOf<
      PagedAsyncIterableIterator<DiskRestorePoint>
    >();
  });

  it("model fields set by the server are readonly, times are Dates", () => {
    expectTypeOf<VmRestorePoint["createdOn"]>().toEqualTypeOf<Date | undefined>();
    expectTypeOf<DiskAccess["expiresOn"]>().toEqualTypeOf<Date>();
    expectTypeOf<ReplicationProgress["estimatedCompletionOn"]>().toEqualTypeOf<Date | undefined>();
    // Every field of a returned model is readonly (expect-type compares modifiers too).
    expectTypeOf<VmRestorePoint>().toEqualTypeOf<Readonly<VmRestorePoint>>();
    expectTypeOf<RestorePointCollection>().toEqualTypeOf<Readonly<RestorePointCollection>>();
    expectTypeOf<DiskRestorePoint>().toEqualTypeOf<Readonly<DiskRestorePoint>>();
    expectTypeOf<ManagedDisk>().toEqualTypeOf<Readonly<ManagedDisk>>();
    expectTypeOf<DiskAccess>().toEqualTypeOf<Readonly<DiskAccess>>();
    expectTypeOf<ReplicationProgress>().toEqualTypeOf<Readonly<ReplicationProgress>>();
    expectTypeOf<VmRestorePoint["diskRestorePoints"]>().toEqualTypeOf<readonly VmRestorePointDisk[]>();
    expectTypeOf<VmRestorePoint["replication"]>().toEqualTypeOf<ReplicationProgress | undefined>();
    expectTypeOf<CopyOperationState["replication"]>().toEqualTypeOf<ReplicationProgress | undefined>();
    expectTypeOf<ReplicationProgress["state"]>().toEqualTypeOf<
      "NotApplicable" | "InProgress" | "Succeeded" | "Failed"
    >();
  });

  it("client ids are readonly strings", () => {
    expectTypeOf<
      Pick<VmRestorePointClient, "id" | "name" | "collectionName" | "resourceGroup">
    >().toEqualTypeOf<{
      readonly id: string;
      readonly name: string;
      readonly collectionName: string;
      readonly resourceGroup: string;
    }>();
  });

  it("helpers have the documented shapes", () => {
    expectTypeOf(parseResourceId)
      .returns.toHaveProperty("restorePointName")
      .toEqualTypeOf<string | undefined>();
    expectTypeOf(withDiskAccess<number>).returns.toEqualTypeOf<Promise<number>>();
    const e: unknown = new Error("x");
    if (isRestorePointError(e, "RegionNotSupported")) {
      expectTypeOf(e.supportedRegions).toEqualTypeOf<readonly string[]>();
    }
    const constructDirectly = () =>
      // @ts-expect-error: sub-clients come from their parent's getter, not from a constructor.
      new VmRestorePointClient();
    expectTypeOf(constructDirectly).toBeFunction();
  });
});
