/**
 * Wires every resource module into one router and registers their operation effects.
 */
import type { OperationEngine } from "../operations.js";
import { Router } from "../router.js";
import { collectionRoutes, registerCollectionEffects } from "./collections.js";
import { diskRestorePointRoutes, registerDiskRestorePointEffects } from "./diskRestorePoints.js";
import { diskRoutes, registerDisksEffects } from "./disks.js";
import { networkInterfaceRoutes, registerNetworkInterfacesEffects } from "./networkInterfaces.js";
import { operationStatusRoutes } from "./operationStatus.js";
import type { ReplicationFaults } from "./replication.js";
import { registerRestorePointModule, restorePointRoutes } from "./restorePoints.js";
import { resourceGroupRoutes } from "./resourceGroups.js";
import { registerVirtualMachinesEffects, vmRoutes } from "./virtualMachines.js";
import { virtualNetworkRoutes } from "./virtualNetworks.js";

export function buildRouter(operations: OperationEngine, replicationFaults: ReplicationFaults): Router {
  registerCollectionEffects(operations);
  registerRestorePointModule(operations, replicationFaults);
  registerDiskRestorePointEffects(operations);
  registerDisksEffects(operations);
  registerVirtualMachinesEffects(operations);
  registerNetworkInterfacesEffects(operations);
  return new Router().add([
    ...resourceGroupRoutes,
    ...collectionRoutes,
    ...restorePointRoutes,
    ...diskRestorePointRoutes,
    ...operationStatusRoutes,
    ...diskRoutes,
    ...vmRoutes,
    ...networkInterfaceRoutes,
    ...virtualNetworkRoutes,
  ]);
}
