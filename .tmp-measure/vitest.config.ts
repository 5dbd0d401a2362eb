import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
export default defineConfig({ plugins: [WxtVitest()], test: { include: ['.tmp-measure/**/*.test.ts'], setupFiles: ['tests/unit/setup.ts'], root: '/work/main' } });
