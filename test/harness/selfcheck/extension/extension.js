// Hello-world extension for the harness self-check: one command and one tree view in
// its own activity-bar container, enough to exercise activation, commands and views.
'use strict';
const vscode = require('vscode');

const ITEMS = ['Hello', 'World', 'From the selfcheck tree'];

class SelfcheckTree {
  getChildren(element) {
    return element ? [] : ITEMS;
  }
  getTreeItem(label) {
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
    item.iconPath = new vscode.ThemeIcon('check');
    item.command = { command: 'harnessSelfcheck.hello', title: 'Hello' };
    return item;
  }
}

function activate(context) {
  const tree = new SelfcheckTree();
  context.subscriptions.push(
    vscode.window.registerTreeDataProvider('harnessSelfcheck.tree', tree),
    vscode.commands.registerCommand('harnessSelfcheck.hello', () => {
      vscode.window.showInformationMessage('Hello from the harness selfcheck');
      return 'hello from selfcheck';
    }),
  );
  // Exposed so the test module can inspect the tree without going through the UI.
  return { treeItems: () => tree.getChildren() };
}

function deactivate() {}

module.exports = { activate, deactivate };
