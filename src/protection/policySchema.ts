/**
 * The JSON Schema (draft 2020-12) of a protection policy, as an object. The same document ships in
 * the package as `schemas/protection-policy.schema.json` (a test keeps the two identical), so that
 * editors can check policy files. `x-fix` is ours: the plain-words fix that validation errors show.
 */

const duration = (what: string): Record<string, unknown> => ({
  type: "object",
  description: `${what}; the parts add up.`,
  additionalProperties: false,
  minProperties: 1,
  "x-fix": 'give a duration such as { "hours": 8 } or { "days": 1, "hours": 12 }',
  properties: {
    days: { type: "number", minimum: 0, "x-fix": "use a number of days >= 0" },
    hours: { type: "number", minimum: 0, "x-fix": "use a number of hours >= 0" },
    minutes: { type: "number", minimum: 0, "x-fix": "use a number of minutes >= 0" },
  },
});

const count = (what: string): Record<string, unknown> => ({
  type: "integer",
  minimum: 0,
  maximum: 10000,
  description: what,
  "x-fix": "use a whole number from 0 to 10000",
});

const idList = (what: string, fix: string): Record<string, unknown> => ({
  type: "array",
  description: what,
  items: { type: "string", minLength: 1, "x-fix": fix },
  uniqueItems: true,
  "x-fix": `give a list of ${fix.replace(/^use /, "")}`,
});

const encryption = {
  type: "object",
  description: "Per-disk encryption of the disk restore points (disk encryption set and key type).",
  additionalProperties: false,
  "x-fix": 'give { "osDisk": { … }, "dataDisks": [{ "lun": 0, … }] }',
  properties: {
    osDisk: { $ref: "#/$defs/diskEncryption" },
    dataDisks: {
      type: "array",
      items: {
        allOf: [{ $ref: "#/$defs/diskEncryption" }],
        type: "object",
        required: ["lun"],
        properties: {
          lun: { type: "integer", minimum: 0, maximum: 63, "x-fix": "use the data disk's LUN, 0 to 63" },
        },
      },
    },
  },
};

/**
 * The JSON Schema (draft 2020-12) of a {@link ProtectionPolicy}, also published in the package as
 * `azure-vm-restore-points/schemas/protection-policy.schema.json`.
 *
 * @public
 */
export const PROTECTION_POLICY_SCHEMA: Readonly<Record<string, unknown>> = Object.freeze({
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://github.com/azure-vm-restore-points/azure-vm-restore-points/schemas/protection-policy.schema.json",
  title: "vmrp protection policy",
  description:
    "Which VMs get restore points, when, with which cross-region copies and for how long (see docs/guides/protect-an-estate.md).",
  type: "object",
  additionalProperties: false,
  required: ["name", "selector", "schedule", "retention"],
  "x-fix": "write the policy as an object with name, selector, schedule and retention",
  properties: {
    $schema: { type: "string", description: "The schema this file follows (for editors)." },
    name: {
      type: "string",
      description: "The policy's name, part of every restore point name: <name>-<UTC slot>.",
      pattern: "^[A-Za-z0-9][A-Za-z0-9-]{0,39}$",
      "x-fix": "use 1-40 letters, digits or hyphens, starting with a letter or digit",
    },
    description: { type: "string", description: "Free text." },
    selector: {
      type: "object",
      description:
        "Which VMs: in one of the subscriptions and resource groups, carrying every tag, or named in includeVmIds; never those in excludeVmIds.",
      additionalProperties: false,
      "x-fix": 'give an object such as { "resourceGroups": ["rg-prod"], "tags": { "backup": "gold" } }',
      properties: {
        subscriptions: idList("Subscription ids (default: the client's).", "use subscription ids"),
        resourceGroups: idList("Resource group names (default: all).", "use resource group names"),
        tags: {
          type: "object",
          description:
            "Tags every selected VM carries: a string must match, true only needs the tag to exist.",
          additionalProperties: {
            anyOf: [{ type: "string" }, { const: true }],
            "x-fix": "use a string value to match, or true to only require the tag",
          },
          "x-fix": 'give an object of tag names to values, such as { "backup": "gold", "owner": true }',
        },
        includeVmIds: idList("VM ids protected whatever the filters say.", "use VM resource ids"),
        excludeVmIds: idList("VM ids never protected.", "use VM resource ids"),
      },
    },
    schedule: {
      type: "object",
      description:
        "Every N hours or minutes (slots at multiples since 1970-01-01T00:00Z), or cron in a time zone.",
      additionalProperties: false,
      "x-fix": 'give exactly one of everyHours, everyMinutes or cron, such as { "everyHours": 4 }',
      oneOf: [{ required: ["everyHours"] }, { required: ["everyMinutes"] }, { required: ["cron"] }],
      dependentRequired: { timeZone: ["cron"] },
      properties: {
        everyHours: {
          type: "integer",
          minimum: 1,
          maximum: 168,
          "x-fix": "use a whole number of hours from 1 to 168",
        },
        everyMinutes: {
          type: "integer",
          minimum: 5,
          maximum: 1440,
          "x-fix": "use a whole number of minutes from 5 to 1440",
        },
        cron: {
          type: "string",
          minLength: 9,
          description: "Five fields: minute hour day-of-month month day-of-week.",
          "x-fix": 'use a five-field cron expression such as "0 */4 * * *"',
        },
        timeZone: {
          type: "string",
          minLength: 1,
          description: "IANA time zone of cron (default UTC).",
          "x-fix": 'use an IANA time zone such as "Europe/Berlin"',
        },
        window: duration("How long after its start a slot may still be taken (default: until the next slot)"),
      },
    },
    consistency: {
      enum: ["CrashConsistent", "FileSystemConsistent", "ApplicationConsistent"],
      description: "Consistency mode of the restore points (default: application-consistent).",
      "x-fix": "use CrashConsistent, FileSystemConsistent or ApplicationConsistent",
    },
    excludeUnsupported: {
      type: "boolean",
      description: "Leave out disks restore points cannot capture instead of failing the VM.",
      "x-fix": "use true or false",
    },
    instantAccessMinutes: {
      type: "integer",
      minimum: 60,
      maximum: 300,
      description: "Instant-access duration of the snapshots.",
      "x-fix": "use a whole number of minutes from 60 to 300",
    },
    encryption,
    copy: {
      type: "object",
      description: "Cross-region copies, kept by the same retention rules in each region.",
      additionalProperties: false,
      required: ["regions"],
      "x-fix": 'give an object such as { "regions": ["northeurope"], "every": "daily" }',
      properties: {
        regions: {
          type: "array",
          minItems: 1,
          uniqueItems: true,
          items: {
            type: "string",
            pattern: "^[A-Za-z0-9 ]+$",
            "x-fix": 'use region names such as "northeurope"',
          },
          "x-fix": 'give a non-empty list of regions such as ["northeurope"]',
        },
        every: {
          enum: ["slot", "daily", "weekly"],
          description: "slot copies every point; daily/weekly the first of each UTC day/ISO week.",
          "x-fix": "use slot, daily or weekly",
        },
        waitForReplication: {
          type: "boolean",
          description: "Whether a run waits until each copy is replicated.",
          "x-fix": "use true or false",
        },
      },
    },
    retention: {
      type: "object",
      description:
        "Grandfather-father-son rules per VM and region; a point is kept when any rule selects it.",
      additionalProperties: false,
      minProperties: 1,
      anyOf: [
        { required: ["keepLast"] },
        { required: ["keepDaily"] },
        { required: ["keepWeekly"] },
        { required: ["keepMonthly"] },
        { required: ["maxAgeDays"] },
      ],
      "x-fix":
        'give at least one of keepLast, keepDaily, keepWeekly, keepMonthly or maxAgeDays, such as { "keepLast": 6 }',
      properties: {
        keepLast: count("Keep the N newest successful points."),
        keepDaily: count("Keep the newest point of each of the N most recent UTC days."),
        keepWeekly: count("Keep the newest point of each of the N most recent ISO weeks."),
        keepMonthly: count("Keep the newest point of each of the N most recent UTC months."),
        maxAgeDays: {
          type: "number",
          exclusiveMinimum: 0,
          description: "Keep every point younger than this many days.",
          "x-fix": "use a number of days > 0",
        },
        protectedTag: {
          anyOf: [{ type: "string", minLength: 1 }, { const: false }],
          description:
            "Collection tag listing point names never to delete (default vmrp-protected); false to ignore.",
          "x-fix": "use a tag name, or false",
        },
      },
    },
    rpo: duration("Age of the newest point after which a VM is out of its recovery point objective"),
  },
  $defs: {
    diskEncryption: {
      type: "object",
      "x-fix":
        'give { "type": "EncryptionAtRestWithCustomerKey", "diskEncryptionSetId": "/subscriptions/…" }',
      properties: {
        type: {
          enum: [
            "EncryptionAtRestWithPlatformKey",
            "EncryptionAtRestWithCustomerKey",
            "EncryptionAtRestWithPlatformAndCustomerKeys",
          ],
          "x-fix":
            "use EncryptionAtRestWithPlatformKey, EncryptionAtRestWithCustomerKey or EncryptionAtRestWithPlatformAndCustomerKeys",
        },
        diskEncryptionSetId: { type: "string", minLength: 1, "x-fix": "use a disk encryption set id" },
        lun: true,
      },
      additionalProperties: false,
    },
  },
});
