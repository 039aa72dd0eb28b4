import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', '.vscode-test/**', '.scratch/**', 'test/harness/selfcheck/**', '**/*.mjs', '**/*.cjs', '**/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
    },
  },
  {
    // The download logic runs (and is unit-tested) in plain Node.
    files: ['src/host/download/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'src/host/download is vscode-free: the command passes an AbortSignal and a progress callback.' }] }] },
  },
  // Layers (README "Layout"): core is pure domain code (no vscode, no file system: it takes bytes and
  // streams), node holds the file-system adapters, cli and node never see vscode, webviews see only the
  // message protocols of src/shared and the webview helpers of media/shared.
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'src/core is vscode-free.' }],
        patterns: [
          { regex: '^node:(?!buffer$)', message: 'src/core takes bytes and streams; file-system and OS access belongs in src/node or src/host.' },
          { regex: '^(fs|path|os|child_process|worker_threads)(/.*)?$', message: 'src/core takes bytes and streams; use src/node.' },
          { regex: '/(host|node|cli)/', message: 'src/core may not import the layers above it (src/node, src/host, src/cli).' },
          { regex: '/media/', message: 'src/core may not import webview code.' },
        ],
      }],
    },
  },
  {
    files: ['src/node/**/*.ts', 'src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'src/node and src/cli run in plain Node.' }],
        patterns: [{ regex: '/host/', message: 'src/node and src/cli may not import the extension host.' }, { regex: '/media/', message: 'no webview code outside media/.' }],
      }],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'src/shared is the host–webview protocol: types only.' }],
        patterns: [{ regex: '^node:', message: 'src/shared is read by webviews: no Node.' }, { regex: '/(core|host|node|cli)/', message: 'src/shared is types only; it imports no other layer.' }],
      }],
    },
  },
  {
    files: ['media/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'webviews cannot use the VS Code API module.' }],
        patterns: [
          { regex: '^node:', message: 'webviews run in a browser: no Node.' },
          { regex: '/src/(core|host|node|cli)/', message: 'webviews get data from the host through src/shared protocols only.' },
          // A webview script imports its own folder, media/shared (what every webview shares) and src/shared: never another panel's folder.
          { regex: '^\\.\\./(?!shared/|\\.\\./src/shared/)', message: 'media/<panel> may import only its own folder, media/shared and src/shared.' },
        ],
      }],
    },
  },
);
