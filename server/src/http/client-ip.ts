import type { Request } from 'express';

/**
 * The client address: the socket's, unless TRUSTED_PROXIES names the proxy in front (then Express's `trust proxy`
 * takes it from X-Forwarded-For). Rate limits key on this, so a forged header from anyone else is ignored.
 */
export function clientIp(req: Request): string {
  return (req.ip ?? req.socket.remoteAddress ?? 'unknown').replace(/^::ffff:/, '');
}
