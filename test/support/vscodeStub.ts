/**
 * Just enough of the `vscode` module to run host classes such as PapersTreeProvider in
 * plain Node (getChildren and getTreeItem do no I/O; what they cost is what the tree costs).
 * Unit tests of host classes and the benchmark only; the integration suite runs the real VS Code.
 */
import Module from 'node:module';

class EventEmitter<T> {
  private listeners: ((value: T) => void)[] = [];
  event = (listener: (value: T) => void) => {
    this.listeners.push(listener);
    return { dispose: () => undefined };
  };
  fire(value: T): void {
    for (const l of this.listeners) l(value);
  }
  dispose(): void {
    this.listeners = [];
  }
}
class TreeItem {
  id?: string;
  description?: string;
  tooltip?: unknown;
  iconPath?: unknown;
  command?: unknown;
  contextValue?: string;
  constructor(
    public label: string,
    public collapsibleState: number,
  ) {}
}
class MarkdownString {
  isTrusted?: boolean;
  supportHtml?: boolean;
  constructor(
    public value = '',
    public supportThemeIcons = false,
  ) {}
  appendMarkdown(text: string): this {
    this.value += text;
    return this;
  }
}
class Uri {
  private constructor(readonly text: string) {}
  static parse(text: string, strict?: boolean): Uri {
    if (strict && !/^[a-z][a-z0-9+.-]*:/i.test(text)) throw new Error(`[UriError]: Scheme is missing: ${text}`);
    return new Uri(text);
  }
  static joinPath(base: Uri, ...parts: string[]): Uri {
    return new Uri([base.text, ...parts].join('/'));
  }
  toString(): string {
    return this.text;
  }
}

/**
 * A webview panel that keeps what the host gave it: title, html (every value set, in
 * `htmlHistory`), posted messages, its listener; `setVisible` plays a tab being hidden or shown.
 */
export class FakeWebviewPanel {
  readonly posted: unknown[] = [];
  readonly htmlHistory: string[] = [];
  receive: ((message: unknown) => void) | undefined;
  active = true;
  visible = true;
  viewColumn: number | undefined = 1;
  private readonly viewState = new EventEmitter<void>();
  readonly webview = {
    get html(): string {
      return this.htmlHistory[this.htmlHistory.length - 1] ?? '';
    },
    set html(value: string) {
      this.htmlHistory.push(value);
    },
    htmlHistory: this.htmlHistory,
    options: {},
    cspSource: 'vscode-resource:',
    asWebviewUri: (uri: Uri) => uri,
    postMessage: (message: unknown) => {
      this.posted.push(message);
      return Promise.resolve(true);
    },
    onDidReceiveMessage: (listener: (message: unknown) => void) => {
      this.receive = listener;
      return { dispose: () => undefined };
    },
  };
  /** How `createWebviewPanel` was asked to show it (column, focus). */
  showOptions: unknown;
  disposed = false;
  private readonly disposeEvent = new EventEmitter<void>();
  constructor(
    readonly viewType: string,
    public title: string,
  ) {}
  onDidDispose = (listener: () => void) => this.disposeEvent.event(listener);
  onDidChangeViewState = (listener: () => void) => this.viewState.event(listener);
  setVisible(visible: boolean): void {
    this.visible = visible;
    this.viewState.fire();
  }
  reveal(): void {}
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.disposeEvent.fire();
  }
}

/**
 * A QuickPick made by `createQuickPick`: keeps what the host set (title, placeholder, items) and
 * lets a test type into it and accept an item, firing the host's listeners as VS Code would.
 */
export class FakeQuickPick<T = { label: string }> {
  title: string | undefined;
  placeholder: string | undefined;
  items: readonly T[] = [];
  selectedItems: readonly T[] = [];
  activeItems: readonly T[] = [];
  matchOnDescription = false;
  matchOnDetail = false;
  value = '';
  visible = false;
  private readonly listeners = { change: [] as ((v: string) => void)[], accept: [] as (() => void)[], hide: [] as (() => void)[] };
  onDidChangeValue = (l: (v: string) => void) => (this.listeners.change.push(l), { dispose: () => undefined });
  onDidAccept = (l: () => void) => (this.listeners.accept.push(l), { dispose: () => undefined });
  onDidHide = (l: () => void) => (this.listeners.hide.push(l), { dispose: () => undefined });
  show(): void {
    this.visible = true;
    vscodeCalls.pickers.push({ title: this.title, placeholder: this.placeholder, items: this.items, quickPick: this });
    const answer = vscodeCalls.pickAnswers.shift();
    // With no answer queued the user presses Escape.
    queueMicrotask(() => (answer ? answer(this) : this.hide()));
  }
  /** Type `text` into the box (the host's change listeners run). */
  type(text: string): void {
    this.value = text;
    for (const l of this.listeners.change) l(text);
  }
  /** Accept the item at `index` (or, with no items, nothing). */
  accept(index = 0): void {
    this.selectedItems = this.items.slice(index, index + 1);
    for (const l of this.listeners.accept) l();
  }
  hide(): void {
    if (!this.visible) return;
    this.visible = false;
    for (const l of this.listeners.hide) l();
  }
  dispose(): void {}
}

/** A picker the host showed: `showQuickPick`'s options, or a `createQuickPick` when it was shown. */
export interface ShownPicker {
  title: string | undefined;
  placeholder: string | undefined;
  items: readonly unknown[];
  quickPick?: FakeQuickPick<unknown>;
}

/**
 * What host code asked of the stand-in: links opened, messages shown, commands run, pickers and
 * input boxes shown. A test answers pickers in order with `pickAnswers` (for `showQuickPick`, the
 * returned value is the answer's result; for `createQuickPick`, the answer drives the fake) and
 * input boxes with `inputAnswers`; with none queued a picker is dismissed. Tests reset it.
 */
export const vscodeCalls = {
  opened: [] as string[],
  messages: [] as { level: 'information' | 'warning' | 'error'; text: string }[],
  commands: [] as { id: string; args: unknown[] }[],
  panels: [] as FakeWebviewPanel[],
  pickers: [] as ShownPicker[],
  pickAnswers: [] as ((picker: FakeQuickPick<unknown> | readonly unknown[]) => unknown)[],
  inputBoxes: [] as { title?: string; prompt?: string }[],
  inputAnswers: [] as (string | undefined)[],
  statusMessages: [] as string[],
  reset(): void {
    this.panels = [];
    this.opened = [];
    this.messages = [];
    this.commands = [];
    this.pickers = [];
    this.pickAnswers = [];
    this.inputBoxes = [];
    this.inputAnswers = [];
    this.statusMessages = [];
  },
};
const message = (level: 'information' | 'warning' | 'error') => (text: string) => {
  vscodeCalls.messages.push({ level, text });
  return Promise.resolve(undefined);
};
const window = {
  showInformationMessage: message('information'),
  showWarningMessage: message('warning'),
  showErrorMessage: message('error'),
  registerWebviewPanelSerializer: () => ({ dispose: () => undefined }),
  createWebviewPanel: (viewType: string, title: string, showOptions: unknown, options?: object) => {
    const panel = new FakeWebviewPanel(viewType, title);
    panel.showOptions = showOptions;
    panel.webview.options = options ?? {};
    vscodeCalls.panels.push(panel);
    return panel;
  },
  showQuickPick: (items: readonly unknown[] | Promise<readonly unknown[]>, options?: { title?: string; placeHolder?: string }) =>
    Promise.resolve(items).then((list) => {
      vscodeCalls.pickers.push({ title: options?.title, placeholder: options?.placeHolder, items: list });
      const answer = vscodeCalls.pickAnswers.shift();
      return answer ? answer(list) : undefined;
    }),
  createQuickPick: () => new FakeQuickPick(),
  showInputBox: (options?: { title?: string; prompt?: string }) => {
    vscodeCalls.inputBoxes.push({ title: options?.title, prompt: options?.prompt });
    return Promise.resolve(vscodeCalls.inputAnswers.shift());
  },
  setStatusBarMessage: (text: string) => {
    vscodeCalls.statusMessages.push(text);
    return { dispose: () => undefined };
  },
  createStatusBarItem: () => {
    const item = {
      visible: false,
      show: () => void (item.visible = true),
      hide: () => void (item.visible = false),
      dispose: () => undefined,
      text: '',
      tooltip: undefined as unknown,
      name: '',
      command: undefined as unknown,
    };
    return item;
  },
};
const env = {
  openExternal: (uri: Uri) => {
    vscodeCalls.opened.push(uri.toString());
    return Promise.resolve(true);
  },
};
const commands = {
  executeCommand: (id: string, ...args: unknown[]) => {
    vscodeCalls.commands.push({ id, args });
    return Promise.resolve(undefined);
  },
};
/** Values the stand-in's configuration returns, by key without the section (tests set and clear them). */
export const vscodeSettingValues: Record<string, unknown> = {};
/** The stand-in's `vscode.workspace`; tests set `workspaceFolders`. */
export const vscodeWorkspace = {
  workspaceFolders: undefined as { uri: { scheme: string; fsPath: string } }[] | undefined,
  asRelativePath: (uri: { fsPath?: string; path?: string } | string) => (typeof uri === 'string' ? uri : (uri.fsPath ?? uri.path ?? '')),
  onDidChangeConfiguration: () => ({ dispose: () => undefined }),
  /** Settings from `vscodeSettingValues`, else at their default; `update` writes there. */
  getConfiguration: () => ({
    get: <T>(key: string, fallback?: T) => (key in vscodeSettingValues ? (vscodeSettingValues[key] as T) : fallback),
    update: (key: string, value: unknown) => {
      vscodeSettingValues[key] = value;
      return Promise.resolve();
    },
  }),
};
class ThemeIcon {
  constructor(
    public id: string,
    public color?: unknown,
  ) {}
}
class ThemeColor {
  constructor(public id: string) {}
}

const stub = {
  EventEmitter,
  TreeItem,
  MarkdownString,
  ThemeIcon,
  ThemeColor,
  Uri,
  window,
  env,
  commands,
  workspace: vscodeWorkspace,
  TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
  StatusBarAlignment: { Left: 1, Right: 2 },
  ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
  ViewColumn: { Active: -1, Beside: -2, One: 1 },
};

type Loader = (request: string, parent: unknown, isMain: boolean) => unknown;
const moduleWithLoad = Module as unknown as { _load: Loader };
const original = moduleWithLoad._load;
moduleWithLoad._load = function (request, parent, isMain) {
  if (request === 'vscode') return stub;
  return original.call(this, request, parent, isMain);
};
