// The playground's code editor: CodeMirror 6, bundled from npm by esbuild at build time
// (www/editor/build.mjs). The Yew page drives it through `window.thicketEditor`.
import { EditorState, Prec, StateEffect, StateField } from '@codemirror/state';
import {
  Decoration, EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter, drawSelection,
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

// Colours come from the page's CSS variables (www/style.css), so the light and dark themes
// apply to the editor too.
const style = HighlightStyle.define([
  { tag: t.keyword, color: 'var(--syn-keyword)', fontWeight: '600' },
  { tag: t.comment, color: 'var(--syn-comment)', fontStyle: 'italic' },
  { tag: t.meta, color: 'var(--syn-comment)' },
  { tag: t.string, color: 'var(--syn-string)' },
  { tag: t.number, color: 'var(--syn-number)' },
  { tag: t.atom, color: 'var(--syn-number)' },
  { tag: t.labelName, color: 'var(--syn-label)', fontWeight: '600' },
  { tag: t.definition(t.variableName), color: 'var(--syn-def)', fontWeight: '600' },
  { tag: t.operator, color: 'var(--syn-op)' },
]);

const theme = EditorView.theme({
  '&': { height: '100%', backgroundColor: 'var(--panel)', color: 'var(--ink)' },
  '.cm-content': { padding: '10px 0', caretColor: 'var(--ink)' },
  '.cm-cursor': { borderLeftColor: 'var(--ink)' },
  '.cm-line': { padding: '0 14px 0 8px' },
  '.cm-activeLine': { backgroundColor: 'var(--active-line)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--active-gutter)' },
  '.cm-matchingBracket': { backgroundColor: 'var(--match)', outline: '1px solid var(--line-strong)' },
  '.cm-selectionBackground, &.cm-focused .cm-selectionBackground': { backgroundColor: 'var(--selection) !important' },
  '.cm-panels': { backgroundColor: 'var(--gutter)', color: 'var(--ink)' },
  '.cm-step-line': { backgroundColor: 'var(--step-line)', boxShadow: 'inset 3px 0 0 var(--accent)' },
  '.cm-tooltip': { backgroundColor: 'var(--panel)', color: 'var(--ink)', border: '1px solid var(--line-strong)' },
});

// The statements of the step the reader points at in the behavior view: whole lines, so a
// step's label and the statements it runs read as one block.
const setStepLines = StateEffect.define();
const stepLine = Decoration.line({ class: 'cm-step-line' });
const stepLines = StateField.define({
  create: () => Decoration.none,
  update(lines, tr) {
    lines = lines.map(tr.changes);
    for (const e of tr.effects) {
      if (!e.is(setStepLines)) continue;
      if (e.value === null) return Decoration.none;
      const doc = tr.state.doc;
      const first = doc.lineAt(Math.min(e.value.from, doc.length)).number;
      const last = doc.lineAt(Math.min(Math.max(e.value.from, e.value.to), doc.length)).number;
      const marks = [];
      for (let n = first; n <= last; n++) marks.push(stepLine.range(doc.line(n).from));
      lines = Decoration.set(marks);
    }
    return lines;
  },
  provide: (f) => EditorView.decorations.from(f),
});

// The range without the blank space it ends with (a step that stops at the next label).
function trimEnd(doc, from, to) {
  const text = doc.sliceString(from, to);
  return from + text.trimEnd().length;
}

function create(parent, text, onChange) {
  // An embedded widget may show its spec read-only (the page marks an ancestor).
  const readOnly = parent.closest('[data-read-only]') !== null;
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
        tla, theme, stepLines,
        EditorState.readOnly.of(readOnly), EditorView.editable.of(!readOnly),
        EditorView.contentAttributes.of({ 'aria-label': 'Spec text' }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) onChange(update.state.doc.toString());
        }),
      ],
    }),
  });
  const handle = {
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
    // `json`: {from, to} in UTF-16 code units, or null to clear.
    highlightStep(json) {
      const range = JSON.parse(json);
      if (range === null) {
        view.dispatch({ effects: setStepLines.of(null) });
        return;
      }
      const length = view.state.doc.length;
      const from = Math.min(range.from, length);
      const to = Math.max(from, trimEnd(view.state.doc, from, Math.min(range.to, length)));
      view.dispatch({
        effects: [setStepLines.of({ from, to }), EditorView.scrollIntoView(from, { y: 'nearest' })],
      });
    },
    focus: () => view.focus(),
    destroy: () => view.destroy(),
  };
  // The host element keeps its editor, for scripts and tests that need the exact text.
  parent.thicketEditor = handle;
  return handle;
}

window.thicketEditor = { create };
