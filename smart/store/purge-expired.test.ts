import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openEmbeddedStore } from '../../resources/storage/embedded/embedded-store';
import { AUTH } from './auth-collections';
import { purgeExpired } from './purge-expired';

describe('purging expired auth records', () => {
  it('drops what has expired and keeps what has not', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'purge-'));
    const store = await openEmbeddedStore({ dir, durability: 'commit' });
    try {
      const now = Date.now();
      await store.collection(AUTH.codes).insertMany([{ _id: 'old', expiresAt: now - 1 }, { _id: 'new', expiresAt: now + 60_000 }]);
      await store.collection(AUTH.revocations).insertMany([{ _id: 'gone', exp: Math.floor(now / 1000) - 3600 }, { _id: 'live', exp: Math.floor(now / 1000) + 300 }]);
      expect(await purgeExpired(store, now)).toBe(2);
      expect((await store.collection(AUTH.codes).find({})).map((d) => d._id)).toEqual(['new']);
      expect((await store.collection(AUTH.revocations).find({})).map((d) => d._id)).toEqual(['live']);
    } finally {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
