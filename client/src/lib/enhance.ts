import type { SubmitFunction } from '@sveltejs/kit';

/**
 * use:enhance for every form: submit without reloading the page and, after an error, empty the password fields
 * (entered values are kept, passwords never — the server side already omits them from what it returns).
 */
export const keepValuesClearPasswords: SubmitFunction = () => {
  return async ({ update, formElement, result }) => {
    await update({ reset: false });
    if (result.type === 'failure') {
      for (const input of formElement.querySelectorAll<HTMLInputElement>('input[type="password"]')) input.value = '';
    }
  };
};
