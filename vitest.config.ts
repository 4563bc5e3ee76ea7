import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';

export default defineConfig({
  plugins: [vue()],
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts', 'tests/reliability/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['tests/setup/buildWasmKernels.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
