import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Two pages served by the gateway: the console at / and the GraphiQL IDE at /graphiql.
export default defineConfig({
  plugins: [react()],
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    rollupOptions: {
      input: { index: 'index.html', graphiql: 'graphiql.html' },
      // GraphiQL's React Compiler hints ("use no memo") are harmless in a bundle.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
});
