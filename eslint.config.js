import js from '@eslint/js'
import stylistic from '@stylistic/eslint-plugin'
import { createNodeResolver, importX } from 'eslint-plugin-import-x'
import pluginVue from 'eslint-plugin-vue'
import globals from 'globals'
import path from 'node:path'
import tseslint from 'typescript-eslint'

// Dependency directions of DESIGN §2: app → domain, server → domain; never domain → app|server,
// never app ↔ server; only src/app/data imports dexie, and the rest of the app imports it through its index;
// components and views reach data through stores; no import cycles.
const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'http', 'url', 'child_process']
const noDexie = { name: 'dexie', message: 'Only src/app/data imports dexie.' }
/** What no app module outside src/app/data imports. */
const appPatterns = [
  { group: ['**/server/**', '@/server/**'], message: 'The app never imports server code.' },
  { group: ['node:*'], message: 'The app runs in the browser: no Node built-ins.' },
  { group: ['**/data/*', '!**/data/firstScreen'], message: 'Import the data layer from its index (src/app/data), never a file under it (the first screen\'s light entry, data/firstScreen, excepted).' },
]

/**
 * Tests mirror src (issue 13 item 6): a test file imports src, its own feature folder (tests/<area>/<feature>, or the
 * area's flat files for a flat test), tests/fixtures, and shared support (any `support` or `helpers` folder; a feature's own support.ts/helpers.ts file stays its own) —
 * never another feature's tests or helpers. A helper two features need moves to tests/<area>/support (helpers for
 * tests/server).
 */
const testLayout = {
  rules: {
    'feature-imports': {
      meta: { type: 'problem', schema: [], messages: { crossFeature: '{{target}} belongs to another test feature ({{feature}}): move what both need to a support folder (tests/app/support, tests/domain/support, tests/server/helpers, tests/e2e/support).' } },
      create(context) {
        const featureOf = file => file.split('/').slice(0, file.split('/').length > 3 ? 3 : 2).join('/')
        const own = featureOf(path.relative(context.cwd, context.filename).split(path.sep).join('/'))
        const check = (node) => {
          const spec = node.source?.value
          if (typeof spec !== 'string' || !spec.startsWith('.'))
            return
          const target = path.relative(context.cwd, path.resolve(path.dirname(context.filename), spec)).split(path.sep).join('/')
          const folders = target.split('/').slice(0, -1)
          if (folders[0] !== 'tests' || folders[1] === 'fixtures' || folders.includes('support') || folders.includes('helpers'))
            return
          const feature = featureOf(target)
          if (feature !== own)
            context.report({ node: node.source, messageId: 'crossFeature', data: { target: spec, feature } })
        }
        return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check }
      },
    },
  },
}

export default tseslint.config(
  { ignores: ['dist/**', 'dev-dist/**', 'data/**', 'node_modules/**', 'bench/results.json', 'tests/e2e/.tmp/**', 'bench/.tmp/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  ...pluginVue.configs['flat/recommended'],
  stylistic.configs.customize({ indent: 2, quotes: 'single', semi: false, jsx: false }),
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] } },
  },
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
      'vue/multi-word-component-names': 'off',
    },
  },
  {
    // No module of src reaches itself again through its imports (type-only imports do not count: they vanish at
    // build). The node resolver with TypeScript's extensions is enough: imports are relative, without aliases.
    files: ['src/**/*.ts', 'src/**/*.vue'],
    plugins: { 'import-x': importX },
    // import-x parses imported .vue files with the linted file's parser options: their <script lang="ts"> needs this.
    languageOptions: { parserOptions: { parser: tseslint.parser } },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.vue', '.js', '.json'] })],
      'import-x/extensions': ['.ts', '.vue', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'], 'vue-eslint-parser': ['.vue'] },
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    files: ['src/domain/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: ['vue', 'dexie', 'pinia', 'hono', 'kysely', ...nodeBuiltins.filter(n => !n.includes('*'))],
        patterns: [
          { group: ['**/app/**', '**/server/**', '@/app/**', '@/server/**'], message: 'src/domain is pure: it imports nothing from app or server.' },
          { group: ['node:*', 'vue*', '@vue/*', 'dexie*', '@hono/*', '@electric-sql/*'], message: 'src/domain is pure TypeScript: no Vue, Dexie, Node or DOM libraries.' },
        ],
      }],
    },
  },
  {
    files: ['src/app/**'],
    ignores: ['src/app/data/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noDexie], patterns: appPatterns }],
    },
  },
  {
    // Composables build on stores, never the other way round (the two used to import each other).
    files: ['src/app/stores/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noDexie],
        patterns: [...appPatterns, { group: ['**/composables/**'], message: 'Stores never import composables: composables use stores.' }],
      }],
    },
  },
  {
    files: ['src/app/components/**', 'src/app/views/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'dexie', message: 'Only src/app/data imports dexie.' }],
        patterns: [
          { group: ['**/data', '**/data/**', '**/server/**'], message: 'Components and views reach data through stores or composables, never app/data directly.' },
          { group: ['node:*'], message: 'The app runs in the browser: no Node built-ins.' },
        ],
      }],
    },
  },
  {
    files: ['src/app/data/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/server/**'], message: 'The app never imports server code.' },
          { group: ['node:*'], message: 'The app runs in the browser: no Node built-ins.' },
          { group: ['**/app/stores/**', '**/app/composables/**', '**/app/sync/**', '**/app/components/**', '**/app/views/**', '../stores/**', '../composables/**', '../sync/**', '../components/**', '../views/**'], message: 'The data layer is the bottom of the app: it imports none of the layers that use it.' },
        ],
      }],
    },
  },
  {
    files: ['src/server/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: ['vue', 'dexie', 'pinia'],
        patterns: [
          { group: ['**/app/**', '@/app/**'], message: 'The server never imports app code.' },
        ],
      }],
    },
  },
  {
    files: ['tests/**/*.ts', 'tests/**/*.vue'],
    plugins: { 'test-layout': testLayout },
    rules: { 'test-layout/feature-imports': 'error' },
  },
  {
    files: ['scripts/**', 'bench/**', 'tests/**', 'src/server/**'],
    rules: { 'no-console': 'off' },
  },
)
