import type { SubmitFunction } from '@sveltejs/kit';

/**
 * use:enhance for every form: submit without reloading the page and, after an error, empty the password fields
 * (entered values are kept, passwords never — the server side already omits them from what it returns).
 * The fields are emptied before the answer is shown: emptied afterwards, they would still hold the refused password
 * while the error is on screen, and the late clearing could wipe what the user had begun to type again.
 */
export const keepValuesClearPasswords: SubmitFunction = () => {
  return async ({ update, formElement, result }) => {
    if (result.type === 'failure') {
      for (const input of formElement.querySelectorAll<HTMLInputElement>('input[type="password"]')) input.value = '';
    }
    await update({ reset: false });
  };
};
