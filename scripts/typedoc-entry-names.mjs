/**
 * A typedoc plugin (see typedoc.json): the entry points are named after the import specifiers users
 * write, `azure-vm-restore-points` and `azure-vm-restore-points/emulator`, instead of after their
 * files (`index`, `emulator`), without a `@module` tag in the sources.
 */
import { Converter, ReflectionKind } from "typedoc";

const NAMES = new Map([
  ["index", "azure-vm-restore-points"],
  ["emulator", "azure-vm-restore-points/emulator"],
]);

/** @param {import("typedoc").Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    for (const reflection of context.project.getReflectionsByKind(ReflectionKind.Module)) {
      const name = NAMES.get(reflection.name);
      if (name !== undefined) reflection.name = name;
    }
  });
}
