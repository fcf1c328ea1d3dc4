/**
 * The language selector and the furigana toggle (LanguageBar.svelte) are links that load the page again from the
 * server (the server makes the choice, see hooks.server.ts), so without help a half-filled form would be lost. With
 * JavaScript the link's click keeps the values of the page's forms in sessionStorage, and the reloaded page puts them
 * back into the same fields once it has hydrated:
 *
 *   <a href="?lang=en" data-sveltekit-reload onclick={keepFormValues}>English</a>
 *   onMount(restoreFormValues);
 *
 * What is kept: every named <input>, <select> and <textarea> of the page's forms, radio buttons, checkboxes and
 * selections included — never a password (by type, or by an autocomplete token of a password or one-time code, should
 * a "show password" toggle have made it a text field), never files or buttons. Hidden inputs only with `data-keep`:
 * hidden inputs are mostly the server's own state for one page (a submission id, a token), which the reloaded page
 * issues afresh and which must not be replaced by an old copy; a page marks the hidden inputs that carry what the
 * user chose (the registration's residence code, STEP2's entered values) with `data-keep`.
 *
 * One-shot and for the same page only: the reloaded page takes the entry out of storage whatever it holds, and uses it
 * only when its path is the path it was kept on and it is at most two minutes old. Values are set as a user would
 * set them — with `input` and `change` events — so the page's bindings (bind:value, bind:group, bind:checked) take
 * them into its state, not only into what the fields show. Fields are matched by name: the n-th text field of a
 * name gets the n-th kept value of that name; a radio button or checkbox is checked when its value was checked (or
 * carried by a kept hidden input of the same name, as STEP2 carries STEP1's choices).
 *
 * Without JavaScript the links cannot carry the form (docs/decisions.md).
 */

const STORAGE_KEY = 'ras-portal:kept-form';
const MAX_AGE_MS = 2 * 60 * 1000;

interface KeptField {
  name: string;
  value: string;
  /** radio buttons, checkboxes and options of a multiple select; absent for a value (text, select, kept hidden) */
  checked?: boolean;
}

interface Kept {
  path: string;
  at: number;
  fields: KeptField[];
}

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

const NEVER_KEPT_TYPES = new Set(['password', 'file', 'submit', 'button', 'reset', 'image']);
const SECRET_AUTOCOMPLETE = /\b(current-password|new-password|one-time-code)\b/;

/** The controls whose values are kept (and restored), in document order. */
function keptControls(): Control[] {
  const controls: Control[] = [];
  for (const form of Array.from(document.forms)) {
    for (const element of Array.from(form.elements)) {
      if (!(element instanceof HTMLInputElement || element instanceof HTMLSelectElement || element instanceof HTMLTextAreaElement)) continue;
      if (!element.name) continue;
      if (SECRET_AUTOCOMPLETE.test(element.getAttribute('autocomplete') ?? '')) continue;
      if (element instanceof HTMLInputElement) {
        if (NEVER_KEPT_TYPES.has(element.type)) continue;
        if (element.type === 'hidden' && element.dataset.keep === undefined) continue;
      }
      controls.push(element);
    }
  }
  return controls;
}

function isChoice(control: Control): control is HTMLInputElement {
  return control instanceof HTMLInputElement && (control.type === 'radio' || control.type === 'checkbox');
}

/** Keeps the values of the page's forms for the page the switch is about to load (call it on the link's click). */
export function keepFormValues(event?: MouseEvent): void {
  // a new tab or window (modifier keys, middle button) leaves this page as it is: nothing to carry
  if (event && (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)) return;
  try {
    const fields: KeptField[] = [];
    for (const control of keptControls()) {
      if (isChoice(control)) fields.push({ name: control.name, value: control.value, checked: control.checked });
      else if (control instanceof HTMLSelectElement && control.multiple) {
        for (const option of Array.from(control.options)) fields.push({ name: control.name, value: option.value, checked: option.selected });
      } else fields.push({ name: control.name, value: control.value });
    }
    if (fields.length === 0) sessionStorage.removeItem(STORAGE_KEY);
    else sessionStorage.setItem(STORAGE_KEY, JSON.stringify({ path: location.pathname, at: Date.now(), fields } satisfies Kept));
  } catch {
    // storage disabled or full: the switch still works, the values are not kept
  }
}

/** The kept entry, taken out of storage (one-shot); undefined when there is none for this page. */
function takeKept(): Kept | undefined {
  let raw: string | null;
  try {
    raw = sessionStorage.getItem(STORAGE_KEY);
    if (raw === null) return undefined;
    sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    return undefined;
  }
  try {
    const kept = JSON.parse(raw) as Partial<Kept> | null;
    const age = Date.now() - Number(kept?.at);
    if (!kept || kept.path !== location.pathname || !(age >= 0 && age <= MAX_AGE_MS) || !Array.isArray(kept.fields)) return undefined;
    return { path: kept.path, at: Number(kept.at), fields: kept.fields.filter((f) => typeof f?.name === 'string' && typeof f.value === 'string') };
  } catch {
    return undefined;
  }
}

/** As a user's change: the events a browser fires, which the page's bindings listen to. */
function announce(control: Control): void {
  control.dispatchEvent(new Event('input', { bubbles: true }));
  control.dispatchEvent(new Event('change', { bubbles: true }));
}

/** Puts kept values back into the page's forms (call it once the reloaded page has hydrated). */
export function restoreFormValues(): void {
  const kept = takeKept();
  if (!kept) return;
  const byName = new Map<string, KeptField[]>();
  for (const field of kept.fields) byName.set(field.name, [...(byName.get(field.name) ?? []), field]);
  const used = new Map<string, number>();
  for (const control of keptControls()) {
    const fields = byName.get(control.name);
    if (!fields) continue;
    if (isChoice(control)) {
      const checked = fields.some((f) => f.value === control.value && f.checked !== false);
      if (control.checked === checked) continue;
      // a radio button is unchecked by checking another of its group (its own change event would select it)
      if (control.type === 'radio' && !checked) continue;
      control.checked = checked;
      announce(control);
    } else if (control instanceof HTMLSelectElement && control.multiple) {
      for (const option of Array.from(control.options)) option.selected = fields.some((f) => f.value === option.value && f.checked !== false);
      announce(control);
    } else {
      const values = fields.filter((f) => f.checked === undefined);
      const index = used.get(control.name) ?? 0;
      used.set(control.name, index + 1);
      const field = values[index];
      if (!field || control.value === field.value) continue;
      control.value = field.value;
      announce(control);
    }
  }
}
