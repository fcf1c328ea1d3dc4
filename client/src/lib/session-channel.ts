/**
 * What the account pages' browser side shares about the session (client side only; the server decides everything).
 *
 * SESSION_DEPENDENCY: the (account) layout's load declares it, so `invalidate(SESSION_DEPENDENCY)` asks the server
 * about the session again — the user and the deadline, or the page of a session that has ended.
 *
 * The channel: the tabs of one browser share one session (one cookie), so a deadline one tab got from the server is
 * every tab's, and a session that one tab saw end has ended for all of them. Messages only prompt a tab; what it shows
 * next it still learns from the server.
 */
export const SESSION_DEPENDENCY = 'app:session';

export type SessionMessage =
  /** the server's idle deadline, as this browser's clock reads it (epoch ms) */
  | { kind: 'deadline'; deadline: number }
  /** a tab saw the session end (logout, timeout, double login) */
  | { kind: 'ended' };

const CHANNEL = 'ras-portal-session';

export function openSessionChannel(): BroadcastChannel | null {
  return typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(CHANNEL);
}

/** Tells the other tabs that the session has ended; called by the pages a session ends on. */
export function announceSessionEnded(): void {
  const channel = openSessionChannel();
  channel?.postMessage({ kind: 'ended' } satisfies SessionMessage);
  channel?.close();
}
