/**
 * What to do about service errors whose own message does not say it: appended to the message of
 * the `RestError` (whose `code` stays the service's). Only codes with a clear fix belong here.
 */
const HINTS: Readonly<Record<string, string>> = {
  // Deleting a restore point (or its collection) while a disk restore point has an active SAS.
  DiskRestorePointUsedByCustomer:
    "Revoke the disk restore point's access first (diskRestorePoint.beginRevokeAccess(), or let " +
    "withDiskAccess() revoke it), then delete again.",
};

/** `message` with the fix for `code` appended, when there is one. */
export function withServiceHint(code: string, message: string): string {
  const hint = HINTS[code];
  if (hint === undefined || message.includes(hint)) return message;
  return `${message.trimEnd()}${/[.!?]$/.test(message.trimEnd()) ? "" : "."} ${hint}`;
}
