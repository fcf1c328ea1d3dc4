declare global {
  namespace App {
    interface Locals {
      locale: 'ja' | 'en';
      furigana: boolean;
      /** the API session token from the HttpOnly cookie; never sent to the browser's JavaScript */
      token: string | null;
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
  }
}
export {};
