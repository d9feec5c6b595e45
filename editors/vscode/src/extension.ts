/**
 * The pglint extension: starts `pglint server` (stdio) for Python and
 * JavaScript/TypeScript files, sends it the `pglint.*` settings, and offers
 * "pglint: Restart Server".
 */
import * as vscode from 'vscode';
import {
  DidChangeConfigurationNotification,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';

import { ExtensionSettings, RESTART_SETTINGS, serverCommand, serverSettings } from './settings';

const LANGUAGES = ['python', 'javascript', 'typescript', 'javascriptreact', 'typescriptreact'];

let client: LanguageClient | undefined;
let output: vscode.OutputChannel | undefined;

function workspaceFolder(): string | undefined {
  return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
}

function readSettings(): ExtensionSettings {
  const config = vscode.workspace.getConfiguration('pglint');
  return {
    path: config.get('path'),
    interpreter: config.get('interpreter'),
    select: config.get('select'),
    ignore: config.get('ignore'),
    configFile: config.get('configFile'),
    debounce: config.get('debounce'),
  };
}

async function start(): Promise<void> {
  const settings = readSettings();
  const folder = workspaceFolder();
  const { command, args } = serverCommand(settings, folder);
  const serverOptions: ServerOptions = { command, args, transport: TransportKind.stdio, options: { cwd: folder } };
  const clientOptions: LanguageClientOptions = {
    documentSelector: LANGUAGES.map((language) => ({ scheme: 'file', language })),
    initializationOptions: serverSettings(settings, folder),
    outputChannel: output,
  };
  client = new LanguageClient('pglint', 'pglint', serverOptions, clientOptions);
  try {
    await client.start();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    void vscode.window.showErrorMessage(
      `pglint: could not start \`${[command, ...args].join(' ')}\` (${message}). ` +
      "Install it with `pip install 'pglint[server]'`, or set pglint.path or pglint.interpreter.");
  }
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  if (running !== undefined) {
    try {
      await running.stop();
    } catch {
      // a server that failed to start has nothing to stop
    }
  }
}

async function restart(): Promise<void> {
  await stop();
  await start();
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('pglint');
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand('pglint.restart', restart),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (!event.affectsConfiguration('pglint')) {
        return;
      }
      if (client === undefined || !client.isRunning() || RESTART_SETTINGS.some((key) => event.affectsConfiguration(`pglint.${key}`))) {
        await restart();
      } else {
        await client.sendNotification(DidChangeConfigurationNotification.type,
          { settings: serverSettings(readSettings(), workspaceFolder()) });
      }
    }),
  );
  await start();
}

export async function deactivate(): Promise<void> {
  await stop();
}
