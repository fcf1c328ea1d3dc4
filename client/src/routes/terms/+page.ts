import type { PageLoad } from './$types';

/**
 * Which text of the terms to show: `?doc=ja` (the authoritative Japanese text) or `?doc=en` (the English
 * translation); otherwise the site's language. Choosing a document does not change the site's language.
 */
export const load: PageLoad = async ({ url, parent }) => {
  const doc = url.searchParams.get('doc');
  const { locale } = await parent();
  return { doc: doc === 'ja' || doc === 'en' ? doc : locale };
};
