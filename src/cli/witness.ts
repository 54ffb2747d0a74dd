/**
 * A pipeline policy that remembers, per resource path, whether the first request this process sent
 * to it was a read that found it. `restore-vm` uses it to say which resources were re-used from an
 * earlier, interrupted run (the SDK reads every target name before it creates anything, and only
 * re-uses what it found).
 */
import type { PipelinePolicy } from "@azure/core-rest-pipeline";

export class ResourceWitness {
  readonly #firstSeen = new Map<string, "found" | "absent" | "written">();

  readonly policy: PipelinePolicy = {
    name: "vmrpResourceWitness",
    sendRequest: async (request, next) => {
      const path = new URL(request.url).pathname.toLowerCase().replace(/\/+$/, "");
      const response = await next(request);
      if (!this.#firstSeen.has(path)) {
        if (request.method === "GET") {
          this.#firstSeen.set(path, response.status === 200 ? "found" : "absent");
        } else if (request.method === "PUT") {
          this.#firstSeen.set(path, "written");
        }
      }
      return response;
    },
  };

  /** Whether the first request to this resource found it already there. */
  existedBefore(id: string): boolean {
    return this.#firstSeen.get(id.toLowerCase().replace(/\/+$/, "")) === "found";
  }
}
