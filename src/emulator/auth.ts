/**
 * Bearer-token check of the emulator's front door, and the credential that issues the token.
 *
 * One static token per emulator is enough: what matters to clients is that requests without a
 * valid `Authorization` header are refused exactly as ARM refuses them (401 with a
 * `WWW-Authenticate` challenge), so that a client that forgets its credential fails here too.
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import type { AccessToken, TokenCredential } from "@azure/core-auth";
import { armErrors, type ArmError } from "./armErrors.js";
import { realTime } from "./clock.js";

export function createToken(): string {
  return `emulator.${randomBytes(24).toString("base64url")}`;
}

/** Returns the error to send, or undefined when the header carries the token. */
export function checkAuthorization(header: string | undefined, token: string): ArmError | undefined {
  if (header === undefined || header.trim() === "") return armErrors.authenticationMissing();
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  const presented = Buffer.from(match?.[1] ?? "");
  const expected = Buffer.from(token);
  if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) {
    return armErrors.authenticationInvalid();
  }
  return undefined;
}

/**
 * A `TokenCredential` that hands out the emulator's token, valid for an hour from each call in real
 * time: clients check expiry against their own clock, whatever the emulator's says.
 */
export function emulatorCredential(token: string): TokenCredential {
  return {
    getToken(): Promise<AccessToken> {
      return Promise.resolve({ token, expiresOnTimestamp: realTime() + 3600_000 });
    },
  };
}
