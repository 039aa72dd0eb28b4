// Types for the plain-JavaScript harness (codeServer.mjs), so the TypeScript tests can call it.
import type { Browser, Page } from 'playwright-core';

export const CODE_SERVER_VERSION: string;
export const RESULTS_ENV: string;
export function codeServerDir(): string;

export interface CodeServer {
  port: number;
  baseUrl: string;
  workspace: string;
  userDataDir: string;
  extensionsDir: string;
  url(extra?: string | object): string;
  output(lines?: number): string;
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

export function startCodeServer(options?: {
  workspace?: string;
  userDataDir?: string;
  extensionsDir?: string;
  settings?: Record<string, unknown>;
  env?: Record<string, string>;
  startTimeoutMs?: number;
}): Promise<CodeServer>;

export function launchBrowser(options?: { headless?: boolean; args?: string[] }): Promise<Browser>;

export interface ExtensionTestResults {
  passed: number;
  failed: number;
  failures: { title: string; error: string }[];
  tests?: { title: string; state: 'passed' | 'failed'; error?: string; durationMs?: number }[];
  logs: string[];
  exitCode: number | null;
  durationMs: number;
}

export function runExtensionTests(options: {
  extensionDevelopmentPath: string;
  extensionTestsPath: string;
  workspace?: string;
  settings?: Record<string, unknown>;
  timeoutMs?: number;
  env?: Record<string, string>;
}): Promise<ExtensionTestResults>;

export interface Workbench {
  page: Page;
  browser: Browser;
  server: CodeServer;
  logs: string[];
  close(): Promise<void>;
}

export function openWorkbench(options?: {
  workspace?: string;
  userDataDir?: string;
  extensionsDir?: string;
  settings?: Record<string, unknown>;
  extensionDevelopmentPath?: string;
  env?: Record<string, string>;
  viewport?: { width: number; height: number };
  timeoutMs?: number;
}): Promise<Workbench>;

export function installVsix(vsixPath: string, extensionsDir: string): Promise<string>;
