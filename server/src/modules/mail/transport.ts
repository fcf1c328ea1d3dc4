import nodemailer, { type Transporter } from 'nodemailer';

/** The SMTP transport: SMTP_URL when set, else the in-process development mailbox on `devPort`. */
export function createTransport(smtpUrl: string | undefined, devPort?: number): Transporter {
  if (smtpUrl) return nodemailer.createTransport(smtpUrl);
  if (!devPort) throw new Error('no SMTP_URL and no development mailbox');
  return nodemailer.createTransport({ host: '127.0.0.1', port: devPort, secure: false, ignoreTLS: true });
}
