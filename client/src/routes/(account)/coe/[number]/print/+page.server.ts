import type { PageServerLoad } from './$types';
import { myCoe, qrSvg } from '#lib/server/coe.js';
import { runtimeConfig } from '#lib/server/runtime-config.js';

/** Screen 18: the print view (one A4 page with the QR code). A revoked or expired COE has nothing to print. */
export const load: PageServerLoad = async (event) => {
  const coe = await myCoe(event, event.params.number);
  return { coe, qr: await qrSvg(coe.verificationUrl), verifyUrl: new URL('/verify', coe.verificationUrl).href };
};
