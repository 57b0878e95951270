import { defineConfig } from 'vitest/config';

// The fault campaigns: kill -9 loops, drop-folder stress, hostile inputs. Long, and each
// file starts its own appliance processes, so files run one at a time.
export default defineConfig({
  test: {
    include: ['test/faults/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 120_000,
    env: { TZ: 'UTC' },
  },
});
