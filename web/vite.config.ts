import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import Components from 'unplugin-vue-components/vite';
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers';
import { browserTargetCheck } from './build/browser-target.ts';
import { firstLoadCheck } from './build/first-load.ts';
import { precompress } from './build/precompress.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

// The oldest browser Luoshi supports: Chromium 90 (奇安信可信浏览器 on 统信 UOS reports Chrome/90).
// See docs/decisions/browser-target.md.
const target = 'chrome90';

// Element Plus components in two groups, each one chunk instead of a dozen small ones fetched one round
// after another: those of the first screen (登录) and of the messages and confirm boxes any page may
// show, fetched with the entry; and those of the layout and the 工作台, fetched with the layout after
// sign-in. The libraries they use go with them. Components of other pages load with those pages.
const FIRST_SCREEN = new Set(
  (
    'alert base button card collection config-provider focus-trap form form-item icon input loading ' +
    'message message-box overlay result'
  ).split(' '),
);
const LAYOUT = new Set(
  (
    'aside badge col collapse-transition container descriptions descriptions-item drawer empty header main menu ' +
    'menu-item menu-item-group popper row sub-menu tooltip'
  ).split(' '),
);

function elementPlusComponent(id: string): string | undefined {
  return /node_modules[\\/]element-plus[\\/]es[\\/]components[\\/]([\w-]+)[\\/]/.exec(id)?.[1];
}

// The web app lives in web/ and is built into the repository's dist/, which the Node server serves.
export default defineConfig({
  root,
  base: '/',
  plugins: [
    vue(),
    // Element Plus components and their CSS are imported where a template uses them, so each page's
    // chunk carries only its own (see docs/decisions/web-bundle.md).
    Components({
      resolvers: [ElementPlusResolver({ importStyle: 'css' })],
      dirs: [],
      dts: false,
    }),
    browserTargetCheck(),
    firstLoadCheck(),
    precompress(),
  ],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  build: {
    target,
    cssTarget: target,
    outDir: fileURLToPath(new URL('../dist', import.meta.url)),
    emptyOutDir: true,
    // The CSP forbids inline scripts: never inline the module preload polyfill.
    modulePreload: { polyfill: false },
    // The dashboard's chunk carries ECharts (about 560 KB minified, 190 KB compressed) and loads only on
    // that route; the first load is held to its own budget by firstLoadCheck. Every other chunk is far
    // below 500 KB, so the limit sits just above the chart library to keep the warning meaningful.
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // Vue, its router and store change rarely and every page needs them: one long-cached chunk.
            { name: 'vue', test: /node_modules[\\/](?:@vue|vue|vue-router|pinia)[\\/]/, priority: 2 },
            {
              name: 'element-plus',
              test: (id) => FIRST_SCREEN.has(elementPlusComponent(id) ?? ''),
              priority: 1,
            },
            { name: 'element-plus-layout', test: (id) => LAYOUT.has(elementPlusComponent(id) ?? '') },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: false },
    },
  },
  preview: {
    port: 4173,
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: false },
    },
  },
});
