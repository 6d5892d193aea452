// PlusCal / TLA+ highlighting for CodeMirror: a small stream tokenizer (no grammar of its own;
// the real parser is thicket-syntax, whose diagnostics the editor shows as markers).
import { StreamLanguage } from '@codemirror/language';

const KEYWORDS = new Set([
  // TLA+
  'MODULE', 'EXTENDS', 'CONSTANT', 'CONSTANTS', 'VARIABLE', 'VARIABLES', 'ASSUME', 'THEOREM',
  'LET', 'IN', 'IF', 'THEN', 'ELSE', 'CASE', 'OTHER', 'CHOOSE', 'EXCEPT', 'DOMAIN', 'SUBSET',
  'UNION', 'ENABLED', 'UNCHANGED', 'LOCAL', 'INSTANCE', 'WITH', 'LAMBDA', 'RECURSIVE',
  // the model (TLC configuration)
  'INIT', 'NEXT', 'SPECIFICATION', 'INVARIANT', 'INVARIANTS', 'PROPERTY', 'PROPERTIES',
  'CHECK_DEADLOCK', 'SYMMETRY', 'CONSTRAINT', 'CONSTRAINTS', 'ACTION_CONSTRAINT', 'VIEW',
  // PlusCal, P-syntax and C-syntax
  'algorithm', 'variables', 'variable', 'process', 'fair', 'begin', 'end', 'while', 'do',
  'either', 'or', 'if', 'then', 'else', 'elsif', 'with', 'await', 'when', 'skip', 'goto',
  'assert', 'print', 'call', 'return', 'procedure', 'macro', 'define', 'self', 'operation',
]);
const CONSTANTS = new Set(['TRUE', 'FALSE', 'BOOLEAN', 'Nat', 'Int', 'STRING', 'Returned', 'Called', 'Result', 'Args']);
const OPERATOR = /^(==|:=|\/\\|\\\/|=>|<=>|\|->|->|<-|<<|>>|\[\]|<>|~>|\.\.|::|[=#<>+\-*\/%^~'|&@!$?.])/;

export const tla = StreamLanguage.define({
  name: 'tla',
  startState: () => ({ comment: 0 }),
  copyState: (s) => ({ comment: s.comment }),
  token(stream, state) {
    if (state.comment > 0) {
      while (!stream.eol()) {
        if (stream.match('(*')) state.comment++;
        else if (stream.match('*)')) {
          state.comment--;
          if (state.comment === 0) return 'comment';
        } else stream.next();
      }
      return 'comment';
    }
    if (stream.eatSpace()) return null;
    if (stream.sol() && stream.match(/^-{4,}.*$/)) return 'meta';
    if (stream.sol() && stream.match(/^={4,}\s*$/)) return 'meta';
    // The algorithm and the model live inside a comment but are code: show their brackets
    // as markers and go on tokenizing.
    if (stream.match(/^\(\*\s*--(fair\s+)?(algorithm|model)\b/)) return 'meta';
    if (stream.match('*)')) return 'meta';
    if (stream.match('(*')) {
      state.comment = 1;
      return 'comment';
    }
    if (stream.match('\\*')) {
      stream.skipToEnd();
      return 'comment';
    }
    if (stream.match(/^"(?:[^"\\]|\\.)*"?/)) return 'string';
    if (stream.match(/^\d+(\.\d+)?/)) return 'number';
    if (stream.match(/^\\[A-Za-z]+/)) return 'operator'; // \in, \union, \E, ...
    if (stream.match(/^(WF|SF)_/)) return 'keyword';
    const word = stream.match(/^[A-Za-z_][A-Za-z0-9_]*/);
    if (word) {
      const w = word[0];
      if (KEYWORDS.has(w)) return 'keyword';
      if (CONSTANTS.has(w)) return 'atom';
      if (/^\s*:(?![=:])/.test(stream.string.slice(stream.pos))) return 'labelName';
      if (/^\s*(\([^)]*\))?\s*==/.test(stream.string.slice(stream.pos)) && stream.string.slice(0, stream.start).trim() === '') {
        return 'def';
      }
      return 'variableName';
    }
    if (stream.match(OPERATOR)) return 'operator';
    stream.next();
    return null;
  },
  languageData: {
    commentTokens: { line: '\\*', block: { open: '(*', close: '*)' } },
    closeBrackets: { brackets: ['(', '[', '{', '"'] },
  },
});
