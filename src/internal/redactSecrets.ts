/**
 * Cuts secrets out of text that goes into an error message: SAS signatures and other signed-URL
 * parameters, bearer tokens and JWT-shaped strings. Messages echo what the caller passed (a bad
 * name, a bad id) and what the service answered, and either may carry a SAS URL pasted by mistake.
 */

// SAS (`sig`, `se`, `skoid`...) and the signature parameters of ARM operation URLs are redacted
// wherever they appear as `name=value`, not only after `?`/`&`: a bare "sig=..." is a secret too.
const SIGNED_PARAMETER =
  /\b(sig|se|st|sv|sp|sr|spr|sip|ss|srt|sk|si|skoid|sktid|skt|ske|sks|skv|saoid|suoid|scid|signature|token|access_token|code)=[^&\s"'`]*/gi;
const BEARER = /\b(Bearer\s+)[A-Za-z0-9._~+/=-]+/gi;
// A JWT: three base64url parts, the first one starting with `eyJ` (`{"`).
const JWT = /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}(\.[A-Za-z0-9_-]*)?/g;
const EMULATOR_TOKEN = /\b(emulator\.)[A-Za-z0-9_-]{16,}/g;

/** `text` with every secret-looking part replaced by `REDACTED`. */
export function redactSecrets(text: string): string {
  return text
    .replace(SIGNED_PARAMETER, "$1=REDACTED")
    .replace(BEARER, "$1REDACTED")
    .replace(JWT, "REDACTED")
    .replace(EMULATOR_TOKEN, "$1REDACTED");
}
