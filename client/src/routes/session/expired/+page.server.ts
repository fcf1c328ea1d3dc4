import type { PageServerLoad } from './$types';
import { runtimeConfig } from '#lib/server/runtime-config.js';

/** The page names the idle timeout actually configured, not the manual's 30 minutes. */
export const load: PageServerLoad = () => ({ idleTimeoutSeconds: runtimeConfig().sessionIdleTimeoutSeconds });
