import { timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';

/**
 * The client address: the socket's, unless TRUSTED_PROXIES names the proxy in front (then Express's `trust proxy`
 * takes it from X-Forwarded-For). Rate limits key on this, so a forged header from anyone else is ignored.
 * The web client's server side calls the API over loopback on behalf of a browser; it forwards the browser's address
 * in `X-Portal-Client-Ip`, believed only with the secret this process generated at start (`X-Portal-Internal`).
 */
export function clientIp(req: Request, internalSecret?: string): string {
  return clientIpOf(req.headers, req.ip ?? req.socket.remoteAddress, internalSecret);
}

/**
 * The same from the headers and the connection's address alone: also for the web client's operations that reach
 * the API inside this process (graphql/in-process.ts), which have no socket.
 */
export function clientIpOf(headers: Record<string, string | string[] | undefined>, peer: string | undefined, internalSecret?: string): string {
  const forwarded = headers['x-portal-client-ip'];
  const proof = headers['x-portal-internal'];
  if (internalSecret && typeof forwarded === 'string' && typeof proof === 'string' && sameSecret(proof, internalSecret)) {
    return forwarded.slice(0, 64);
  }
  return (peer ?? 'unknown').replace(/^::ffff:/, '');
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Whether an address (as a socket or Express reports it) is this machine's loopback: 127.0.0.0/8 or ::1. */
export function isLoopbackAddress(address: string | undefined): boolean {
  return /^(?:::ffff:)?127(?:\.\d{1,3}){3}$|^::1$/.test(address ?? '');
}
