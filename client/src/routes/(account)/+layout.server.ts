import type { LayoutServerLoad } from './$types';
import { requireUser } from '$lib/server/session-guard';
import { runtimeConfig } from '$lib/server/runtime-config';

export const load: LayoutServerLoad = async (event) => {
  const user = await requireUser(event);
  return { user, sessionIdleTimeoutSeconds: runtimeConfig().sessionIdleTimeoutSeconds };
};
