import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // The container test builds an image with podman: `npm run test:container`; the fault
    // campaigns (kill -9 loops, stress, hostile inputs) run with `npm run test:faults`.
    exclude: [...configDefaults.exclude, 'test/container/**', 'test/faults/**'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    env: { TZ: 'UTC' },
  },
});
