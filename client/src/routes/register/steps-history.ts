import type { SubmitFunction } from '$app/forms';
import { goto } from '$app/navigation';
import { keepValuesClearPasswords } from '#lib/enhance.js';

/**
 * STEP1 and STEP2 of the registration share one URL (/register): STEP2 is the answer of the `confirm` action. Without
 * JavaScript that answer is a page of its own (a POST response), so the browser's Back returns to STEP1. With
 * JavaScript the form submits in place, and without a history entry Back would leave the registration altogether
 * (screens.md: "The browser's Back button never breaks anything"). So the enhanced 確認 marks the entry it leaves as
 * STEP1 and pushes one for STEP2 (SvelteKit's shallow routing: same URL, `page.state.registerStep`); Back and Forward
 * then move between the steps of the same answer, with every value kept, and nothing is fetched again.
 *
 * The page shows STEP2 when the last answer has a preview and the entry is not marked as STEP1: an entry without a
 * mark (the page as the server rendered it, with or without JavaScript) shows what the answer says, as before.
 * (`App.PageState.registerStep` is declared in app.d.ts.)
 */
/** use:enhance of STEP1's form: as every form's (values kept), and a successful 確認 becomes a history entry. */
export const confirmWithHistory: SubmitFunction = async (input) => {
  const after = await keepValuesClearPasswords(input);
  return async (options) => {
    const { result } = options;
    const toStep2 = result.type === 'success' && Boolean(result.data && 'preview' in result.data);
    // The entry left behind shows STEP1 (marked before the answer is applied, so STEP1 stays on screen until STEP2's
    // entry exists: no step is shown on the wrong entry, and focus moves once).
    // (SvelteKit 3: shallow routing is goto(…, { shallow: true }), which resolves the route first and so is awaited.)
    if (toStep2) await goto('', { shallow: true, replace: true, state: { registerStep: 1 } });
    if (after) await after(options);
    else await options.update({ reset: false, navigate: false });
    if (toStep2) await goto('', { shallow: true, state: { registerStep: 2 } });
  };
};
