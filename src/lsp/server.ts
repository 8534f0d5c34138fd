import { fileURLToPath } from 'node:url';
import {
  CodeActionKind, createConnection, DiagnosticSeverity, TextDocuments, TextDocumentSyncKind,
  type CodeAction, type CodeActionParams, type Connection, type Diagnostic, type TextEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { languageOf } from '../analysis/files';
import { isSafeFix } from '../analysis/fixer';
import { ignoreFix } from '../analysis/suppression';
import { NOT_ANALYZED, type Finding, type Fix, type Severity } from '../findings';
import { ruleDocUrl } from '../report/links';
import { VERSION } from '../version';
import { Workspace, type DocumentAnalysis } from './workspace';

/**
 * `rl-review lsp`: the static analysis as a language server (stdio). Diagnostics for the text the editor has, saved
 * or not, on open and on each change; the rules' fixes and "ignore this rule on this line" as quick fixes.
 */

/**
 * Changes closer together than this are analyzed once: an editor sends a burst of them for one action (a paste, a
 * rename, a formatter). Keystrokes come further apart; each is analyzed, but one analysis runs at a time per file and
 * the changes made meanwhile are analyzed together when it ends.
 */
const DEBOUNCE_MS = 10;

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** One open document: its pending or running analysis, and the last one published, for the code actions. */
interface DocumentState {
  timer?: NodeJS.Timeout;
  running: boolean;
  /** It changed while being analyzed: analyze it again when that ends. */
  changed: boolean;
  published?: { version: number; text: string; analysis: DocumentAnalysis };
}

/** Serves until the editor closes the connection (the server library then ends the process). */
export function startLanguageServer(connection: Connection = createConnection(process.stdin, process.stdout)): void {
  const documents = new TextDocuments(TextDocument);
  const states = new Map<string, DocumentState>();
  let workspace = new Workspace([], () => {});

  connection.onInitialize(({ workspaceFolders, rootUri }) => {
    const roots = (workspaceFolders?.map((folder) => folder.uri) ?? (rootUri ? [rootUri] : [])).flatMap((uri) => fileOf(uri) ?? []);
    workspace = new Workspace(roots, (message) => void connection.window.showErrorMessage(`rl-review: config error: ${message}`));
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      },
      serverInfo: { name: 'rl-review', version: VERSION },
    };
  });

  const schedule = (uri: string) => {
    const state = states.get(uri) ?? { running: false, changed: false };
    states.set(uri, state);
    clearTimeout(state.timer);
    state.timer = setTimeout(() => void analyze(uri, state), DEBOUNCE_MS);
  };

  const analyze = async (uri: string, state: DocumentState): Promise<void> => {
    const document = documents.get(uri);
    const file = fileOf(uri);
    if (!document || !file || states.get(uri) !== state) return;
    if (state.running) {
      state.changed = true;
      return;
    }
    // A config edited since the last analysis applies to every open file, not only to the one that changed.
    if (workspace.configChanged()) for (const other of states.keys()) if (other !== uri) schedule(other);
    state.running = true;
    const { version } = document;
    const text = document.getText();
    try {
      const analysis = await workspace.analyze(file, text);
      if (documents.get(uri)?.version !== version || states.get(uri) !== state) return;
      state.published = analysis && { version, text, analysis };
      await connection.sendDiagnostics({ uri, version, diagnostics: analysis?.findings.map(diagnosticOf) ?? [] });
    } catch (error) {
      connection.console.error(`rl-review: ${uri}: ${(error as Error).stack ?? error}`);
    } finally {
      state.running = false;
      if (state.changed) {
        state.changed = false;
        void analyze(uri, state);
      }
    }
  };

  documents.onDidChangeContent(({ document }) => schedule(document.uri));
  documents.onDidClose(({ document }) => {
    clearTimeout(states.get(document.uri)?.timer);
    states.delete(document.uri);
    void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
  });
  connection.onCodeAction((params) => {
    const state = states.get(params.textDocument.uri);
    const published = state?.published;
    // Positions of an older text would edit the wrong place: the editor asks again once the new diagnostics are in.
    if (!published || published.version !== documents.get(params.textDocument.uri)?.version) return [];
    return codeActions(params, published.text, published.analysis);
  });
  connection.onShutdown(() => workspace.close());

  documents.listen(connection);
  connection.listen();
}

function fileOf(uri: string): string | undefined {
  return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
}

function diagnosticOf(finding: Finding): Diagnostic {
  return {
    range: {
      start: { line: finding.line - 1, character: finding.column - 1 },
      end: { line: finding.endLine - 1, character: finding.endColumn - 1 },
    },
    severity: SEVERITY[finding.severity],
    code: finding.ruleId,
    codeDescription: { href: ruleDocUrl(finding.name) },
    source: 'rl-review',
    message: finding.message,
  };
}

/** For each finding on the lines asked about: its rule's fix (preferred when safe), and a comment that ignores it there. */
function codeActions({ textDocument: { uri }, range, context }: CodeActionParams, text: string, analysis: DocumentAnalysis): CodeAction[] {
  if (context.only && !context.only.some((kind) => CodeActionKind.QuickFix.startsWith(kind))) return [];
  const language = languageOf(analysis.path)!;
  const lines = text.split('\n');
  const actions = new Map<string, CodeAction>();
  const action = (title: string, finding: Finding, fix: Fix, isPreferred: boolean) => {
    if (actions.has(title)) return;
    actions.set(title, {
      title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnosticOf(finding)],
      isPreferred,
      edit: { changes: { [uri]: [lineEdit(lines, fix)] } },
    });
  };
  for (const finding of analysis.findings) {
    if (finding.endLine - 1 < range.start.line || finding.line - 1 > range.end.line) continue;
    if (finding.fix) {
      const safe = isSafeFix(finding);
      action(`Fix ${finding.ruleId}${safe ? '' : ' (unsafe: see the rule\'s Fix safety)'}: ${finding.fix.description}`, finding, finding.fix, safe);
    }
    const ignore = finding.ruleId === NOT_ANALYZED ? undefined : ignoreFix(text, finding.line, finding.ruleId, language);
    if (ignore) action(`${ignore.description} (rl-review: ignore[${finding.ruleId}])`, finding, ignore, false);
  }
  return [...actions.values()];
}

/** A whole-line fix as an edit of those lines' text (their line break, `\r\n` or `\n`, stays as it is). */
function lineEdit(lines: string[], fix: Fix): TextEdit {
  const last = lines[fix.endLine - 1] ?? '';
  const cr = last.endsWith('\r');
  return {
    range: { start: { line: fix.line - 1, character: 0 }, end: { line: fix.endLine - 1, character: last.length - (cr ? 1 : 0) } },
    newText: cr && fix.replacement.endsWith('\r') ? fix.replacement.slice(0, -1) : fix.replacement,
  };
}
