import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SessionStore } from '../../src/server/admin/session-store.ts';
import { openSqliteStore } from '../../src/store/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'shopmate-sessions-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('admin SessionStore on the store', () => {
  it('keeps operators signed in across a restart and on a second instance, flash included, storing no token', async () => {
    let now = Date.parse('2026-03-10T12:00:00Z');
    const path = join(dir, 'sessions.db');
    const first = await openSqliteStore({ path });
    const ann = await first.operators.create({ username: 'ann', passwordHash: 'h', role: 'agent' });
    const a = new SessionStore({ store: first.adminSessions, now: () => now });
    const session = await a.create(ann);
    await a.setFlash(session, { kind: 'ok', text: 'Resolved 2 items' });
    expect(JSON.stringify(first.db.prepare('SELECT * FROM admin_sessions').all())).not.toContain(session.id);
    await first.close();

    const reopened = await openSqliteStore({ path }); // a restart, or another instance on the same database
    const b = new SessionStore({ store: reopened.adminSessions, now: () => now });
    const seen = await b.get(session.id);
    expect(seen).toMatchObject({ operatorId: ann.id, username: 'ann', role: 'agent', csrfToken: session.csrfToken, flash: { kind: 'ok', text: 'Resolved 2 items' } });
    await b.consumeFlash(seen!);
    expect((await b.get(session.id))!.flash).toBeUndefined();

    now += 3 * 60 * 60 * 1000; // idle longer than two hours
    expect(await b.get(session.id)).toBeUndefined();
    expect(reopened.db.prepare('SELECT COUNT(*) AS n FROM admin_sessions').get()).toEqual({ n: 0 });
    expect(await b.get('not-a-token')).toBeUndefined();
    await reopened.close();
  });
});
