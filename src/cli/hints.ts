/**
 * The SDK's error messages name its own option names ("pass allowMissingDisks: true"); printed by
 * the CLI they name the flag that sets that option instead. One table, so a new SDK hint gets its
 * flag here.
 */
const SDK_OPTION_FLAGS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bcopyRegions: "any" to the client\b/g, "--copy-regions any"],
  [/\bcopyRegions: "any"/g, "--copy-regions any"],
  [/\bcopyRegions\b/g, "--copy-regions"],
  [/\bexcludeUnsupportedDisks: true\b/g, "--exclude-unsupported"],
  [/\bexcludeUnsupportedDisks\b/g, "--exclude-unsupported"],
  [/\ballowIncompleteReplication: true\b/g, "--allow-incomplete"],
  [/\ballowIncompleteReplication\b/g, "--allow-incomplete"],
  [/\ballowMissingDisks: true\b/g, "--allow-missing-disks"],
  [/\ballowMissingDisks\b/g, "--allow-missing-disks"],
  [/\bskipPreflight: true\b/g, "--skip-preflight"],
  [/\bskipPreflight\b/g, "--skip-preflight"],
  [/\bexcludeDiskIds\b/g, "--exclude-disk"],
  [/\bkeepOriginalDisks: false\b/g, "--no-keep-original-disks"],
  [/\bkeepOriginalDisks\b/g, "--keep-original-disks"],
  [/\brollbackOnFailure: false\b/g, "--no-rollback"],
  [/\brestoreVmInPlace\b/g, "restore-vm --in-place"],
  [/\bvmName\b/g, "--vm-name"],
  [/\bvmSize\b/g, "--vm-size"],
  [/\bnetworkInterfaceIds\b/g, "--nic-id"],
  [/\bsubnetId\b/g, "--subnet-id"],
  [/\btargetLocation\b/g, "--target-location"],
  [/\btargetCollectionName\b/g, "--target-collection"],
  [/\btargetResourceGroup\b/g, "--target-resource-group"],
  [/\bdurationInSeconds\b/g, "--duration"],
  [/\binstantAccessDurationMinutes\b/g, "--instant-access-minutes"],
  [/\bmaxConcurrency\b/g, "--concurrency"],
  [/\bresumeFrom\b/g, "--resume"],
];

/** Rewrites SDK option names in a message to the CLI flags that set them. */
export function toCliHints(message: string): string {
  let text = message;
  for (const [pattern, flag] of SDK_OPTION_FLAGS) text = text.replace(pattern, flag);
  return text;
}
