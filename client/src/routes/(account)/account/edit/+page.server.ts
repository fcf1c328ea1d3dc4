import { redirect, type RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { ApiError, mutate } from '#lib/server/api.js';
import { UpdateUserMutation } from '#lib/graphql/operations.js';
import { assertNever } from '#lib/graphql/exhaustive.js';
import { failWith, formString, rateLimitedFailure } from '#lib/forms.js';
import { requireUser, sessionProblem } from '#lib/server/session-guard.js';
import { prefectureOf, prefectures, searchMunicipalities, residenceNames } from '#lib/server/registration.js';
import { ACCOUNT_UPDATED_COOKIE, NO_MAIL, setFlash, updateInput, updateValues, type UpdateValues } from '#lib/server/account.js';

/**
 * Screen 8 利用者情報変更: only what changed is filled in; the residence search works like registration's (a dialog
 * with JavaScript, the `search`/`pick` actions and a panel without). Success goes to /account/updated (screen 9) with
 * the address the completion mail went to in a flash cookie scoped to that page — never in the URL.
 */
export const load: PageServerLoad = async (event) => ({ prefectures: await prefectures(event) });

/** The entered values plus the server-resolved names of the chosen residence, as the form shows them. */
async function shown(event: RequestEvent, values: UpdateValues): Promise<Record<string, string>> {
  return { ...(values as Record<string, string>), ...(await residenceNames(event, values.residenceCode)) };
}

export const actions: Actions = {
  update: async (event) => {
    const values = updateValues(await event.request.formData());
    let result;
    try {
      result = (await mutate(event, UpdateUserMutation, { input: updateInput(values) })).updateUser;
    } catch (err) {
      const limited = rateLimitedFailure(err, await shown(event, values));
      if (limited) return limited;
      if (!(err instanceof ApiError)) throw err;
      sessionProblem(event, err);
    }
    switch (result.__typename) {
      case 'UpdateUserSuccess':
        setFlash(event.cookies, ACCOUNT_UPDATED_COOKIE, result.notifiedEmail ?? NO_MAIL, '/account/updated');
        redirect(303, '/account/updated');
      case 'InputValidationError':
        return failWith(result, await shown(event, values));
      default:
        return assertNever(result);
    }
  },

  /** The residence search without JavaScript: the entered values come back with a search panel. */
  search: async (event) => {
    const form = await event.request.formData();
    const values = updateValues(form);
    // the prefecture chosen in the panel, else that of the chosen residence, else that of the registered one
    const current = values.residenceCode ?? (await requireUser(event)).residence.code;
    const prefectureCode = formString(form, 'searchPrefecture') || (await prefectureOf(event, current));
    const text = formString(form, 'searchText');
    const results = prefectureCode ? await searchMunicipalities(event, prefectureCode, text) : null;
    return { values: await shown(event, values), search: { prefectureCode, text, results } };
  },

  /** 選択 in the search panel: back to the form with the residence set (the button's residenceCode wins). */
  pick: async (event) => {
    const values = updateValues(await event.request.formData());
    return { values: await shown(event, values), picked: true };
  },
};
