/**
 * Last line of defence for anything the CLI prints about errors: SAS signatures and bearer tokens
 * are cut out even if some message or stack carried them.
 */
export function redact(text: string): string {
  return text
    .replace(/([?&](?:sig|se|st|sv|sp|sr|sk|si|skoid|sktid|skt|ske|sks|skv)=)[^&\s"']*/gi, "$1REDACTED")
    .replace(/(Bearer\s+)[A-Za-z0-9._~+/=-]+/g, "$1REDACTED")
    .replace(/(emulator\.)[A-Za-z0-9_-]{16,}/g, "$1REDACTED");
}
