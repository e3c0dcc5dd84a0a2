import { defineConfig } from 'vite';

// No @vitejs/plugin-react: esbuild's own JSX transform is enough for a production bundle
// (no fast refresh needed), and keeps the toolchain to Vite alone (see docs/admin.md).
export default defineConfig({
  base: './',
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: process.env.ADMIN_OUT_DIR || '../src/main/resources/admin',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      // MUI marks its modules "use client" for React Server Components; a client bundle ignores it
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: {
    // `npx vite` serves the sources; every API path (no dot in it) and the OpenAPI
    // document go to a running service
    proxy: {
      '^/(?!@|src/|node_modules/)[^.]+$': process.env.FLAREKIT_URL || 'http://localhost:8080',
      '/specification.json': process.env.FLAREKIT_URL || 'http://localhost:8080',
    },
  },
});
