import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { ApiError, mutate } from '#lib/server/api.js';
import { ResendMyCoeMailMutation } from '#lib/graphql/operations.js';
import { assertNever } from '#lib/graphql/exhaustive.js';
import { myCoe, qrSvg } from '#lib/server/coe.js';
import { sessionProblem } from '#lib/server/session-guard.js';
import { fill, pick, tokyoDateTimeLabelled } from '#lib/i18n/index.js';
import { coeTexts } from '#lib/i18n/coe.js';

/** Screen 17: one COE with every field, its QR code (the verification URL), 受領登録 and メールを再送信. */
export const load: PageServerLoad = async (event) => {
  const coe = await myCoe(event, event.params.number);
  return { coe, qr: await qrSvg(coe.verificationUrl) };
};

export const actions: Actions = {
  /** メールを再送信 (resendMyCoeMail): at most 3 in 24 hours per COE; beyond, a message with the time it works again. */
  resend: async (event) => {
    const T = pick(coeTexts, event.locals.locale);
    let result;
    try {
      result = (await mutate(event, ResendMyCoeMailMutation, { number: event.params.number })).resendMyCoeMail;
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      if (err.code === 'RATE_LIMITED') {
        const seconds = Number(err.extensions.retryAfterSeconds);
        const message = Number.isFinite(seconds) && seconds > 0
          ? fill(T.resendLimited, { time: tokyoDateTimeLabelled(new Date(Date.now() + seconds * 1000).toISOString(), event.locals.locale) })
          : T.resendLimitedSoon;
        return fail(429, { resend: { ok: false as const, message } });
      }
      sessionProblem(event, err);
    }
    switch (result.__typename) {
      case 'CoeMailResent':
        return { resend: { ok: true as const, message: T.resent } };
      case 'CoeNotFoundError':
      case 'InvalidStateError':
      case 'InputValidationError':
        return fail(400, { resend: { ok: false as const, message: result.message } });
      default:
        return assertNever(result);
    }
  },
};
