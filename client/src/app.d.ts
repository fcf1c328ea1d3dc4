declare global {
  namespace App {
    interface Locals {
      locale: 'ja' | 'en';
      furigana: boolean;
      /** the API session token from the HttpOnly cookie; never sent to the browser's JavaScript */
      token: string | null;
      /** the staff session token from its own HttpOnly cookie (`__Host-staff` / `staff`); only the /staff pages use it */
      staffToken: string | null;
      clientIp: string;
    }
    interface Error {
      message: string;
      reference?: string;
    }
    interface PageData {
      locale: 'ja' | 'en';
      furigana: boolean;
    }
    interface PageState {
      /** /register: which step this history entry shows (set only by the enhanced 確認, routes/register/steps-history.ts) */
      registerStep?: 1 | 2;
    }
  }
}
export {};
