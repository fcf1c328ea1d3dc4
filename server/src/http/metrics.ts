import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { PasswordHasher } from '../modules/password/password-hasher.js';

/**
 * Prometheus metrics (GET /metrics): requests and latencies per GraphQL operation, logins by outcome, the mail outbox
 * (depth and the age of its oldest unsent mail, read from the database when scraped, so every instance reports the
 * shared truth) and the argon2 queue. One registry per app, so several apps in one test process do not collide.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly operations: Counter<'operation' | 'outcome'>;
  readonly latency: Histogram<'operation'>;
  readonly logins: Counter<'outcome'>;
  readonly httpRequests: Counter<'method' | 'status'>;

  constructor(deps: { orm: MikroORM; hasher: PasswordHasher }) {
    const registers = [this.registry];
    // The event-loop delay is sampled every 100 ms, not prom-client's 10 ms: each sample is a timer that wakes an idle
    // process, and on this project's 2-core VM those wake-ups cost 6–7 ms of CPU a second (measured with /proc
    // schedstat), CPU a login's argon2 then lacks. A stalled loop still shows: the late timer is what is measured.
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 100 });
    this.operations = new Counter({
      name: 'graphql_operations_total',
      help: 'GraphQL operations by name and outcome (ok / error)',
      labelNames: ['operation', 'outcome'],
      registers,
    });
    this.latency = new Histogram({
      name: 'graphql_operation_duration_seconds',
      help: 'GraphQL operation latency by name',
      labelNames: ['operation'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    this.logins = new Counter({
      name: 'logins_total',
      help: 'login attempts by outcome (LoginSuccess, InvalidCredentialsError, AccountLockedError, …)',
      labelNames: ['outcome'],
      registers,
    });
    this.httpRequests = new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests by method and status',
      labelNames: ['method', 'status'],
      registers,
    });
    const outbox = async () =>
      (
        await deps.orm.em.getConnection().execute<{ depth: string; oldest: string | null }[]>(
          'select count(*) as depth, extract(epoch from now() - min(created_at)) as oldest from mail_outbox where sent_at is null',
        )
      )[0];
    new Gauge({
      name: 'mail_outbox_depth',
      help: 'mails waiting to be sent',
      registers,
      async collect() {
        this.set(Number((await outbox()).depth));
      },
    });
    new Gauge({
      name: 'mail_outbox_oldest_age_seconds',
      help: 'age of the oldest unsent mail (0 when none)',
      registers,
      async collect() {
        this.set(Number((await outbox()).oldest ?? 0));
      },
    });
    new Gauge({
      name: 'password_hash_queue',
      help: 'argon2 operations waiting for a slot',
      registers,
      collect() {
        this.set(deps.hasher.pendingCount);
      },
    });
    new Gauge({
      name: 'password_hash_active',
      help: 'argon2 operations handed to the thread pool (computing, or waiting there for a thread)',
      registers,
      collect() {
        this.set(deps.hasher.activeCount);
      },
    });
  }
}
