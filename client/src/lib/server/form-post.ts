/** The body types SvelteKit's form actions accept as a form (and protect with the Origin check). */
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain', 'application/x-sveltekit-formdata'];
/** Of those, the ones a form action here can read: the browser's forms and use:enhance send these. */
const READABLE_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data'];

/**
 * A POST that a form action would fail on with a plain exception — a 500 and an error-level log line with a stack, at
 * anyone's request — answered instead as the requester's mistake it is: a form type the actions cannot read (415),
 * a body that does not parse as a form, or the reserved action name `?/default` (400). Anything else passes
 * (a JSON body gets SvelteKit's own 415; endpoints read what they read).
 */
export async function refuseUnreadableFormPost(request: Request, url: URL): Promise<Response | undefined> {
  if (request.method !== 'POST') return undefined;
  const type = (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (!FORM_TYPES.includes(type)) return undefined;
  if (!READABLE_TYPES.includes(type)) return refusal(request, 415, `Form actions expect form-encoded data — received ${type}`);
  const action = [...url.searchParams.keys()].find((key) => key.startsWith('/'));
  if (action === '/default') return refusal(request, 400, 'No form action is named "default"');
  try {
    await request.clone().formData();
  } catch {
    return refusal(request, 400, 'The form data cannot be read');
  }
  return undefined;
}

/** As SvelteKit answers a refused form post: JSON for use:enhance (which asks for it), plain text otherwise. */
function refusal(request: Request, status: number, message: string): Response {
  if (request.headers.get('accept') === 'application/json') {
    return new Response(JSON.stringify({ type: 'error', error: { message } }), { status, headers: { 'content-type': 'application/json' } });
  }
  return new Response(message, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}
