import { createTestDatabase } from '../../support/test-database.js';
import { MailCapture } from '../../support/smtp-receiver.js';
import { startServerProcess, type ServerProcess } from '../../support/server-process.js';

export interface WebApp {
  url: string;
  smtp: MailCapture;
  server: ServerProcess;
  stop(): Promise<void>;
}

/**
 * The product as a user meets it: the real server process (API + built web client on one port) on its own database,
 * mailing to a real SMTP receiver.
 */
export async function startWebApp(env: Record<string, string> = {}): Promise<WebApp> {
  const smtp = await MailCapture.start({ port: 0 });
  const db = await createTestDatabase();
  const server = await startServerProcess({ DATABASE_URL: db.url, SMTP_URL: smtp.url, RATE_LIMIT_MULTIPLIER: '100', ...env });
  return {
    url: server.url,
    smtp,
    server,
    async stop() {
      await server.stop('SIGTERM');
      await smtp.stop();
      await db.drop();
    },
  };
}
