/**
 * The domain of a sender address, plain (`no-reply@portal.example.jp`) or with a display name
 * (`在留申請オンラインシステム <no-reply@portal.example.jp>`: only the address inside the brackets counts), in lower
 * case; undefined when there is no address. Used to check MAIL_FROM at start-up and for the mails' Message-ID.
 */
export function addressDomain(from: string): string | undefined {
  const address = (/<([^<>]*)>\s*$/.exec(from)?.[1] ?? from).trim();
  return /^[^@\s<>]+@([^@\s<>]+)$/.exec(address)?.[1]?.toLowerCase();
}
