/**
 * Which codes a person sees. The manual's codes (WZBAMnnnE) stand before their message as in the manual ("CODE :
 * message"), so a user can quote them to the help desk; the codes this system adds (PASSWORD_*, LINK_INVALID,
 * RATE_LIMITED …) are for programs and never reach the screen — their message says it all.
 */
export function isManualCode(code: string): boolean {
  return /^WZBAM\d{3}E$/.test(code);
}

/** A message as the screen shows it: with the manual's code before it, without any other code. */
export function withCode(error: { code: string; message: string }): string {
  return isManualCode(error.code) ? `${error.code} : ${error.message}` : error.message;
}
