import type { LayoutServerLoad } from './$types';
import { runtimeConfig } from '#lib/server/runtime-config.js';

export const load: LayoutServerLoad = ({ locals }) => {
  const cfg = runtimeConfig();
  return {
    locale: locals.locale,
    furigana: locals.furigana,
    helpdesk: cfg.helpdesk,
    mailFromDomain: cfg.mailFromDomain,
  };
};
