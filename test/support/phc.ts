/**
 * An argon2 PHC string's parts, whatever the order of its parameters: argon2 0.44 wrote `m=…,t=…,p=…`, 0.45 writes
 * `m=…,p=…,t=…` (both are valid PHC and verify alike), so tests compare the parameters, not the text.
 */
export function phcParts(phc: string): { algorithm: string; m: number; t: number; p: number; salt: string; hash: string } | undefined {
  const match = /^\$(argon2(?:id|i|d))\$v=19\$([a-z]=\d+(?:,[a-z]=\d+){2})\$([A-Za-z0-9+/]{22})\$([A-Za-z0-9+/]{43})$/.exec(phc);
  if (!match) return undefined;
  const params = Object.fromEntries(match[2].split(',').map((kv) => [kv[0], Number(kv.slice(2))]));
  if (!('m' in params && 't' in params && 'p' in params)) return undefined;
  return { algorithm: match[1], m: params.m, t: params.t, p: params.p, salt: match[3], hash: match[4] };
}

/** an argon2id hash with the product's parameters (m=19456, t=2, p=1), a 16-byte salt and a 32-byte hash */
export function isProductHash(phc: string): boolean {
  const parts = phcParts(phc);
  return parts?.algorithm === 'argon2id' && parts.m === 19456 && parts.t === 2 && parts.p === 1;
}
