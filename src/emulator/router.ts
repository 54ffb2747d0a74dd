/**
 * Maps ARM paths to handlers. Patterns are written as in the REST specs
 * (`/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/...`) and match without
 * regard to case, because ARM treats paths that way and clients do send mixed casings.
 */
import { armErrors } from "./armErrors.js";
import type { Handler, ProviderFamily } from "./http.js";
import { decodeSegment } from "./requestTarget.js";

export interface RouteDefinition {
  /** Path pattern with `{name}` segments. */
  readonly pattern: string;
  readonly family: ProviderFamily;
  /** ARM resource type for messages, e.g. `Microsoft.Compute/restorePointCollections`. */
  readonly resourceType: string;
  /** Handlers by upper-case HTTP method. */
  readonly methods: Readonly<Partial<Record<string, Handler>>>;
  /** Whether the restore-point api-version floor (`rules.minComputeApiVersion`) applies. */
  readonly restorePointFloor?: boolean;
  /** The oldest api-version of this resource type, when its provider has older ones. */
  readonly minApiVersion?: string;
  /** Name of the Compute throttling policy group (see throttle.ts), if any. */
  readonly throttleGroup?: string;
}

interface CompiledRoute {
  readonly definition: RouteDefinition;
  readonly regex: RegExp;
  readonly names: readonly string[];
}

export interface RouteMatch {
  readonly route: RouteDefinition;
  readonly handler: Handler;
  readonly params: Record<string, string>;
}

export class Router {
  private readonly routes: CompiledRoute[] = [];

  add(definitions: readonly RouteDefinition[]): this {
    for (const definition of definitions) {
      const names: string[] = [];
      const source = definition.pattern
        .split("/")
        .map((segment) => {
          const param = /^\{(\w+)\}$/.exec(segment);
          if (param?.[1] !== undefined) {
            names.push(param[1]);
            return "([^/]+)";
          }
          return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        })
        .join("/");
      this.routes.push({ definition, regex: new RegExp(`^${source}/?$`, "i"), names });
    }
    return this;
  }

  /**
   * Finds the handler for a request, or throws the ARM error a client would see: an unknown path
   * is a 404, a known resource with an unsupported method a 405.
   */
  match(method: string, path: string): RouteMatch {
    for (const compiled of this.routes) {
      const found = compiled.regex.exec(path);
      if (found === null) continue;
      const handler = compiled.definition.methods[method.toUpperCase()];
      if (handler === undefined) throw armErrors.methodNotAllowed(method, compiled.definition.resourceType);
      const params: Record<string, string> = {};
      compiled.names.forEach((name, index) => {
        params[name] = decodeSegment(found[index + 1] ?? "");
      });
      return { route: compiled.definition, handler, params };
    }
    throw armErrors.unknownPath(path);
  }
}
