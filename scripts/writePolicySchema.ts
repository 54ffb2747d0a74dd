/** Writes schemas/protection-policy.schema.json from the schema object (test/protection/policy.test.ts checks they agree). */
import { writeFileSync } from "node:fs";
import { PROTECTION_POLICY_SCHEMA } from "../src/protection/policySchema.js";

writeFileSync(
  new URL("../schemas/protection-policy.schema.json", import.meta.url),
  `${JSON.stringify(PROTECTION_POLICY_SCHEMA, null, 2)}\n`,
);
