import type { SubmitFunction } from '$app/forms';
import { invalidate } from '$app/navigation';
import { page } from '$app/state';
import { SESSION_DEPENDENCY } from './session-channel';

/**
 * use:enhance for every form: submit without reloading the page and, after an error, empty the password fields
 * (entered values are kept, passwords never — the server side already omits them from what it returns).
 * The fields are emptied before the answer is shown: emptied afterwards, they would still hold the refused password
 * while the error is on screen, and the late clearing could wipe what the user had begun to type again.
 *
 * A refused form in the account pages still reached the API with the session (activity: the server's idle deadline
 * slid), but SvelteKit re-runs loads only after a success: the page asks for the new deadline, which the timeout
 * warning follows. Pages without a session (login, registration …) have none to ask for.
 *
 * Every form posts to its own page, and the answer is shown on the page as it is (`navigate: false`): SvelteKit 3
 * would otherwise treat `action="?/confirm"` on /register?class=… as another page (the action's URL lacks the query)
 * and navigate to /register, a history entry per submission (and STEP2 of the registration on the wrong entry).
 */
export const keepValuesClearPasswords: SubmitFunction = () => {
  return async ({ update, formElement, result }) => {
    if (result.type === 'failure') {
      for (const input of formElement.querySelectorAll<HTMLInputElement>('input[type="password"]')) input.value = '';
    }
    await update({ reset: false, navigate: false });
    if (result.type === 'failure' && page.data.session) await invalidate(SESSION_DEPENDENCY);
  };
};
