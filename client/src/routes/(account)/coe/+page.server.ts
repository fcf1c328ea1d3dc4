import type { PageServerLoad } from './$types';
import { myCoes } from '#lib/server/coe.js';

/** Screen 16: the recipient's COEs, newest first (docs/spec/screens.md). */
export const load: PageServerLoad = async (event) => ({ coes: await myCoes(event) });
