// The playground's code editor: CodeMirror 6, bundled from npm by esbuild at build time
// (www/editor/build.mjs). The Yew page drives it through `window.thicketEditor`.
import { EditorState, Prec } from '@codemirror/state';
import {
  EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter, drawSelection,
  highlightSpecialChars, dropCursor, rectangularSelection, crosshairCursor,
} from '@codemirror/view';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import {
  syntaxHighlighting, HighlightStyle, bracketMatching, indentOnInput, foldGutter, foldKeymap,
  indentUnit,
} from '@codemirror/language';
import { searchKeymap, highlightSelectionMatches } from '@codemirror/search';
import { closeBrackets, closeBracketsKeymap } from '@codemirror/autocomplete';
import { lintGutter, setDiagnostics } from '@codemirror/lint';
import { tags as t } from '@lezer/highlight';

import { tla } from './tla.js';

const style = HighlightStyle.define([
  { tag: t.keyword, color: '#2f5bd3', fontWeight: '600' },
  { tag: t.comment, color: '#8a93a6', fontStyle: 'italic' },
  { tag: t.meta, color: '#8a93a6' },
  { tag: t.string, color: '#1f7a4d' },
  { tag: t.number, color: '#b45309' },
  { tag: t.atom, color: '#b45309' },
  { tag: t.labelName, color: '#a21caf', fontWeight: '600' },
  { tag: t.definition(t.variableName), color: '#0f766e', fontWeight: '600' },
  { tag: t.operator, color: '#5b6477' },
]);

const theme = EditorView.theme({
  '&': { height: '100%', backgroundColor: '#fff' },
  '.cm-content': { padding: '10px 0' },
  '.cm-line': { padding: '0 14px 0 8px' },
  '.cm-activeLine': { backgroundColor: '#f6f8fc' },
  '.cm-activeLineGutter': { backgroundColor: '#eef2fa' },
  '.cm-matchingBracket': { backgroundColor: '#dfe8fb', outline: '1px solid #b9c9f0' },
  '.cm-selectionBackground, &.cm-focused .cm-selectionBackground': { backgroundColor: '#d6e0f7 !important' },
});

function create(parent, text, onChange) {
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: text,
      extensions: [
        lineNumbers(), foldGutter(), lintGutter(), highlightActiveLineGutter(),
        highlightSpecialChars(), history(), drawSelection(), dropCursor(),
        EditorState.allowMultipleSelections.of(true), indentOnInput(), indentUnit.of('  '),
        syntaxHighlighting(style), bracketMatching(), closeBrackets(),
        rectangularSelection(), crosshairCursor(), highlightActiveLine(), highlightSelectionMatches(),
        // Ctrl/Cmd-Enter belongs to the page (Check): keep CodeMirror from inserting a line.
        Prec.highest(keymap.of([{ key: 'Mod-Enter', run: () => true }])),
        keymap.of([
          ...closeBracketsKeymap, ...defaultKeymap, ...searchKeymap, ...historyKeymap,
          ...foldKeymap, indentWithTab,
        ]),
        tla, theme,
        EditorView.contentAttributes.of({ 'aria-label': 'Spec text' }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) onChange(update.state.doc.toString());
        }),
      ],
    }),
  });
  return {
    getText: () => view.state.doc.toString(),
    setText(text) {
      if (text === view.state.doc.toString()) return;
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    },
    // `json`: [{from, to, severity, message}] with offsets in UTF-16 code units.
    setDiagnostics(json) {
      const length = view.state.doc.length;
      const list = JSON.parse(json).map((d) => {
        const from = Math.min(d.from, length);
        return { from, to: Math.max(from, Math.min(d.to, length)), severity: d.severity, message: d.message };
      });
      view.dispatch(setDiagnostics(view.state, list));
    },
    focus: () => view.focus(),
    destroy: () => view.destroy(),
  };
}

window.thicketEditor = { create };
