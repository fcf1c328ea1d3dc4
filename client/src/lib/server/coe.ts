import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import QRCode from 'qrcode';
import { ApiError, query } from './api';
import { sessionProblem } from './session-guard';
import { MyCoesQuery } from '#lib/graphql/operations.js';

/** 受領登録 (screens 19–20): the page of the mail's link, the cookie that holds its token, the completion's flash. */
export const RECEIPT_PATH = '/coe/receipt';
export const RECEIPT_TOKEN_COOKIE = 'coe_receipt_link';
export const RECEIPT_DONE_COOKIE = 'coe_receipt_done';

export type MyCoe = Awaited<ReturnType<typeof myCoes>>[number];

/**
 * The logged-in recipient's COEs (`myCoes`, newest first), asked on every navigation like the other account pages.
 * `myCoes` is for the class COUNTER_COE_RECIPIENT only: another class (which has no menu tile for it) is sent to the
 * menu; an ended session goes to its page (sessionProblem).
 */
export async function myCoes(event: RequestEvent) {
  try {
    return (await query(event, MyCoesQuery, {})).myCoes;
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    if (err.code === 'FORBIDDEN') redirect(303, '/menu');
    sessionProblem(event, err);
  }
}

/** One of the recipient's COEs by the number in the address (as listed: upper case), or 404. */
export async function myCoe(event: RequestEvent, number: string): Promise<MyCoe> {
  const coe = (await myCoes(event)).find((c) => c.number === number.toUpperCase());
  if (!coe) error(404, 'Not found');
  return coe;
}

/**
 * The verification URL (`PUBLIC_URL/verify#<code>`) as an inline SVG QR code, rendered on the server: no script, no
 * image request, nothing the CSP has to allow (an <svg> with one <path>). Error correction Q like the mail's PNG.
 */
export function qrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'Q', margin: 2, color: { dark: '#000000', light: '#ffffff' } });
}
