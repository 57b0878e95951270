import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dropPrivileges } from './container-user.js';
import { withFileSecrets } from './env-files.js';

describe('withFileSecrets', () => {
  it('reads COMPTOIR_X_FILE into COMPTOIR_X, trimmed, and reports conflicts and unreadable files', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'comptoir-env-'));
    await fs.writeFile(path.join(dir, 'key'), 'c2VjcmV0\n');
    const ok = withFileSecrets({ COMPTOIR_SECRET_KEY_FILE: path.join(dir, 'key'), OTHER_FILE: '/nope' });
    expect(ok.problems).toEqual([]);
    expect(ok.env.COMPTOIR_SECRET_KEY).toBe('c2VjcmV0');
    const bad = withFileSecrets({
      COMPTOIR_SECRET_KEY_FILE: path.join(dir, 'key'),
      COMPTOIR_SECRET_KEY: 'x',
      COMPTOIR_SMTP_PASSWORD_FILE: path.join(dir, 'missing'),
    });
    expect(bad.problems).toEqual([
      'COMPTOIR_SECRET_KEY and COMPTOIR_SECRET_KEY_FILE are both set; keep one',
      `COMPTOIR_SMTP_PASSWORD_FILE=${path.join(dir, 'missing')}: ENOENT`,
    ]);
    await fs.rm(dir, { recursive: true, force: true });
  });
});

describe('dropPrivileges', () => {
  it('does nothing outside the container', () => {
    expect(dropPrivileges({ PUID: '1500' }, '/nonexistent')).toBeUndefined();
  });
});
