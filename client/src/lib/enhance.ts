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
 */
export const keepValuesClearPasswords: SubmitFunction = () => {
  return async ({ update, formElement, result }) => {
    if (result.type === 'failure') {
      for (const input of formElement.querySelectorAll<HTMLInputElement>('input[type="password"]')) input.value = '';
    }
    await update({ reset: false });
    if (result.type === 'failure' && page.data.session) await invalidate(SESSION_DEPENDENCY);
  };
};
