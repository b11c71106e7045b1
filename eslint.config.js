import { defineConfig } from 'eslint/config'
import tseslint from 'typescript-eslint'
import pluginVue from 'eslint-plugin-vue'
import vueI18n from '@intlify/eslint-plugin-vue-i18n'

export default defineConfig(
  { ignores: ['dist/**', '.e2e/**', 'node_modules/**', 'coverage/**', 'reports/**', 'public/**'] },
  tseslint.configs.recommended,
  pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  { settings: { 'vue-i18n': { localeDir: './locales/*.json', messageSyntaxVersion: '^11.0.0' } } },
  // The plugin's JSON/YAML parser set-up stays on its own files; its rules apply to templates and locales only.
  ...[vueI18n.configs.recommended].flat().map((c) => (c.files ? { ...c, files: ['locales/*.json'] } : { ...c, files: ['**/*.vue', 'locales/*.json'] })),
  {
    files: ['**/*.vue'],
    rules: {
      // Every user-visible string comes from locales/*.json or from the content's own zh/ru/en fields.
      '@intlify/vue-i18n/no-raw-text': ['error', {
        ignorePattern: '^[-#:()&/+=!.,?·•–—|\\d\\s]*$',
        attributes: { '/.+/': ['title', 'aria-label', 'placeholder', 'alt'] },
      }],
      '@intlify/vue-i18n/no-missing-keys': 'error',
      '@intlify/vue-i18n/no-dynamic-keys': 'off',
      '@intlify/vue-i18n/no-unused-keys': 'off',
      'vue/no-v-html': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: { 'no-console': ['error', { allow: ['warn', 'error'] }] },
  },
  {
    files: ['tests/**', 'scripts/**', 'build/**', '*.config.ts', '*.config.js'],
    rules: { 'no-console': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
)
