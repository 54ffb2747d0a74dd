/** Fixtures of the restore tests: a VM with a restore point, and wire-level looks at the emulator. */
import type { AddVmOptions, AddedVm, Emulator } from "../../src/emulator/index.js";
import type { RestorePointClient, VmRestorePoint } from "../../src/index.js";
import { armFetch } from "../support/armFetch.js";
import { uniqueName } from "../support/emulatorClient.js";

export const COMPUTE = "api-version=2025-04-01";
export const DISKS = "api-version=2025-01-02";
export const NETWORK = "api-version=2024-05-01";

/** The source VM of most tests: an OS disk and three data disks with distinct LUN, size and caching. */
export const SOURCE_DATA_DISKS: NonNullable<AddVmOptions["dataDisks"]> = [
  { lun: 0, sizeGB: 32, caching: "ReadOnly" },
  { lun: 2, sizeGB: 128, caching: "None", sku: "StandardSSD_LRS" },
  { lun: 5, sizeGB: 256, caching: "ReadWrite" },
];

export interface SourceVm {
  readonly rg: string;
  readonly vm: AddedVm;
  readonly vmName: string;
  readonly point: VmRestorePoint;
  readonly subnetId: string;
}

/** A VM in a fresh resource group, a collection and a restore point of it. */
export async function sourceVmWithPoint(
  emu: Emulator,
  client: RestorePointClient,
  options: Partial<AddVmOptions> & { excludeLuns?: number[]; excludeOsDisk?: boolean } = {},
): Promise<SourceVm> {
  const rg = uniqueName("rg");
  const vmName = uniqueName("src");
  const { excludeLuns = [], excludeOsDisk = false, ...vmOptions } = options;
  const dataDisks = vmOptions.dataDisks ?? SOURCE_DATA_DISKS;
  const vm = await emu.addVm({
    resourceGroup: rg,
    name: vmName,
    location: "westeurope",
    osDisk: { sizeGB: 64 },
    securityProfile: {
      securityType: "TrustedLaunch",
      uefiSettings: { secureBootEnabled: true, vTpmEnabled: true },
    },
    licenseType: "RHEL_BYOS",
    userData: "aGVsbG8gd29ybGQ=",
    ...vmOptions,
    dataDisks,
  });
  const collection = client.getCollectionClient(rg, uniqueName("rpc"));
  await collection.create({ location: "westeurope", sourceVmId: vm.id });
  const excluded = [
    ...(excludeOsDisk && vm.osDiskId !== undefined ? [vm.osDiskId] : []),
    ...dataDisks.flatMap((d, i) => (excludeLuns.includes(d.lun) ? [vm.dataDiskIds[i]!] : [])),
  ];
  const point = await collection
    .getRestorePointClient(uniqueName("rp"))
    .beginCreate(excluded.length === 0 ? {} : { excludeDiskIds: excluded });
  // A real subnet (addVm's default network in the VM's region): the emulator refuses made-up ones.
  return { rg, vm, vmName, point, subnetId: vm.subnetId };
}

/** Ids (lower-cased, sorted) of every disk, NIC and VM in a resource group. */
export async function resourcesIn(emu: Emulator, rg: string): Promise<string[]> {
  const base = `/subscriptions/${emu.subscriptionId}/resourceGroups/${rg}/providers`;
  const lists = await Promise.all([
    listAll(emu, `${base}/Microsoft.Compute/disks?${DISKS}`),
    listAll(emu, `${base}/Microsoft.Network/networkInterfaces?${NETWORK}`),
    listAll(emu, `${base}/Microsoft.Compute/virtualMachines?${COMPUTE}`),
  ]);
  return lists.flat().sort();
}

async function listAll(emu: Emulator, first: string): Promise<string[]> {
  const ids: string[] = [];
  for (let url: string | undefined = first; url !== undefined;) {
    const response = await armFetch(emu, "GET", url);
    ids.push(...(response.body.value as Array<{ id: string }>).map((x) => x.id.toLowerCase()));
    url = response.body.nextLink;
  }
  return ids;
}

/** GET of one resource by id on the wire. */
export async function getById(emu: Emulator, id: string, query = COMPUTE): Promise<any> {
  const response = await armFetch(emu, "GET", `${id}?${query}`);
  return response.status === 200 ? response.body : undefined;
}

/** Requests of `method` whose path matches, from index `from` of the request log. */
export function requestsSince(emu: Emulator, from: number, method: string, pattern: RegExp): number {
  return emu.requestLog.slice(from).filter((r) => r.method === method && pattern.test(r.path)).length;
}

/** What a promise rejects with (fails the test when it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<any> {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  throw new Error("expected the call to fail");
}

/** Ids lower-cased and sorted, to compare sets of ARM ids (ARM ids are case-insensitive). */
export function lower(ids: readonly string[]): string[] {
  return ids.map((id) => id.toLowerCase()).sort();
}
