/**
 * How the extension's settings become the server's command line and the
 * settings it sends to `pglint server`. Plain functions without the `vscode`
 * module, so they run (and are tested) under plain Node.
 */
import * as os from 'os';
import * as path from 'path';

/** The `pglint.*` settings as VS Code returns them (unchecked user input). */
export interface ExtensionSettings {
  path?: unknown;
  interpreter?: unknown;
  select?: unknown;
  ignore?: unknown;
  configFile?: unknown;
  debounce?: unknown;
}

/** What the server reads from `initializationOptions` / `workspace/didChangeConfiguration`. */
export interface ServerSettings {
  select: string[];
  ignore: string[];
  configFile: string;
  debounce: number;
}

export interface ServerCommand {
  command: string;
  args: string[];
}

const DEFAULT_DEBOUNCE_MS = 300;

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim()) : [];
}

/** `${workspaceFolder}` and a leading `~` expanded; `${workspaceFolder}` is left alone without a folder. */
export function expand(value: string, workspaceFolder: string | undefined): string {
  let result = value;
  if (workspaceFolder !== undefined) {
    result = result.split('${workspaceFolder}').join(workspaceFolder);
  }
  if (result === '~' || result.startsWith('~/') || result.startsWith('~\\')) {
    result = path.join(os.homedir(), result.slice(1));
  }
  return result;
}

/**
 * The command that starts the server: `pglint.path server` if a path is set,
 * else `pglint.interpreter -m pglint server`, else `pglint server` from the PATH.
 */
export function serverCommand(settings: ExtensionSettings, workspaceFolder?: string): ServerCommand {
  const executable = text(settings.path);
  if (executable !== '') {
    return { command: expand(executable, workspaceFolder), args: ['server'] };
  }
  const interpreter = text(settings.interpreter);
  if (interpreter !== '') {
    return { command: expand(interpreter, workspaceFolder), args: ['-m', 'pglint', 'server'] };
  }
  return { command: 'pglint', args: ['server'] };
}

/** The settings passed to the server; a relative `configFile` is taken from the workspace folder. */
export function serverSettings(settings: ExtensionSettings, workspaceFolder?: string): ServerSettings {
  let configFile = text(settings.configFile);
  if (configFile !== '') {
    configFile = expand(configFile, workspaceFolder);
    if (workspaceFolder !== undefined && !path.isAbsolute(configFile)) {
      configFile = path.join(workspaceFolder, configFile);
    }
  }
  const debounce = typeof settings.debounce === 'number' && Number.isFinite(settings.debounce) && settings.debounce >= 0
    ? settings.debounce : DEFAULT_DEBOUNCE_MS;
  return { select: strings(settings.select), ignore: strings(settings.ignore), configFile, debounce };
}

/** Whether a change of these settings needs a new server process (the others are sent to the running one). */
export const RESTART_SETTINGS: readonly string[] = ['path', 'interpreter'];
