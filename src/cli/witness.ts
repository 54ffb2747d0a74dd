/**
 * A pipeline policy that remembers, per resource path, whether the first request this process sent
 * to it was a read that found it. `restore-vm` uses it to say which resources were re-used from an
 * earlier, interrupted run (the SDK reads every target name before it creates anything, and only
 * re-uses what it found).
 */
import type { PipelinePolicy } from "@azure/core-rest-pipeline";

export class ResourceWitness {
  readonly #firstSeen = new Map<string, "found" | "absent" | "written">();
  readonly #writesSent = new Set<string>();

  readonly policy: PipelinePolicy = {
    name: "vmrpResourceWitness",
    sendRequest: async (request, next) => {
      const path = new URL(request.url).pathname.toLowerCase().replace(/\/+$/, "");
      if (request.method !== "GET") this.#writesSent.add(`${request.method} ${path}`);
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

  /** Whether a request with this method was sent to this resource (it may have been cut off). */
  sent(method: string, id: string): boolean {
    return this.#writesSent.has(`${method.toUpperCase()} ${id.toLowerCase().replace(/\/+$/, "")}`);
  }

  /** Whether the first request to this resource found it already there. */
  existedBefore(id: string): boolean {
    return this.#firstSeen.get(id.toLowerCase().replace(/\/+$/, "")) === "found";
  }
}
