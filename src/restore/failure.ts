/** Wording shared by the messages of both restores. */
import type { RestoreVmStep } from "../errors/restoreVmError.js";

const STEP_TEXT: Readonly<Record<RestoreVmStep, string>> = {
  preparing: "preparing",
  restoringDisks: "restoring the disks",
  creatingNetworkInterface: "creating the network interface",
  creatingVm: "creating the VM",
  deallocatingVm: "deallocating the VM",
  swappingDisks: "swapping the disks",
  startingVm: "starting the VM",
  deletingOriginalDisks: "deleting the original disks",
  rollingBack: "rolling back",
  done: "finishing",
};

/** "Restoring VM 'x' ... failed while restoring the disks: <cause>." */
export function failureText(what: string, step: RestoreVmStep, cause: unknown): string {
  const aborted = cause instanceof Error && cause.name === "AbortError";
  return `${what} ${aborted ? "was aborted" : "failed"} while ${STEP_TEXT[step]}: ${messageOf(cause)}.`;
}

/** An error's message without a final period. */
export function messageOf(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).replace(/\.$/, "");
}
