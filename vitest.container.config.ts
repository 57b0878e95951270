import { defineConfig } from 'vitest/config';

// `npm run test:container`: the image built and run with podman (slow; root; .ci/run runs it).
export default defineConfig({
  test: {
    include: ['test/container/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 1_800_000,
    fileParallelism: false,
    env: { TZ: 'UTC' },
  },
});
