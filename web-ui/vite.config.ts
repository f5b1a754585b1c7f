import { defineConfig } from 'vitest/config';

// The API the dev server forwards /api and /actuator to (`npm run dev`); the built app is served by the API itself.
const api = process.env.ROBUSTLAB_API_URL ?? 'http://localhost:8080';

export default defineConfig({
  build: {
    // Maven packages target/classes: the files land in the jar under META-INF/resources/, which Spring Boot serves at /.
    outDir: 'target/classes/META-INF/resources',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
  },
  server: {
    proxy: {
      '/api': { target: api, changeOrigin: true },
      '/actuator': { target: api, changeOrigin: true },
    },
  },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
  },
});
