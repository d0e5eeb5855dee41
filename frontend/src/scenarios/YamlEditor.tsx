import { yaml } from '@codemirror/lang-yaml';
import { indentUnit } from '@codemirror/language';
import { lintGutter, setDiagnostics } from '@codemirror/lint';
import { EditorSelection, EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { basicSetup } from 'codemirror';
import { useEffect, useImperativeHandle, useRef, type Ref } from 'react';
import type { Problem } from '../api/client';
import { problemRange, problemsToDiagnostics } from './diagnostics';

export interface YamlEditorHandle {
  /** Puts the cursor at a problem's line and column, scrolls there and focuses the editor. */
  goTo(p: Pick<Problem, 'line' | 'column'>): void;
}

interface Props {
  /** The text when the editor is created; later changes come from the user only. */
  initialText: string;
  onChange: (text: string) => void;
  /** The problems and the text they were found in; shown only while the editor holds that text. */
  problems: { text: string; problems: readonly Problem[] } | null;
  label: string;
  describedBy?: string;
  ref?: Ref<YamlEditorHandle>;
}

/**
 * A CodeMirror 6 editor with YAML highlighting. Problems from the server become lint
 * diagnostics: an underline at the place and a marker in the gutter. Tab is left to
 * move focus (as CodeMirror does by default), so the editor never traps the keyboard.
 */
export function YamlEditor({ initialText, onChange, problems, label, describedBy, ref }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const onChangeRef = useRef(onChange);
  useEffect(() => {
    onChangeRef.current = onChange;
  }, [onChange]);

  useEffect(() => {
    if (!host.current) return;
    const contentAttrs: Record<string, string> = { 'aria-label': label };
    if (describedBy) contentAttrs['aria-describedby'] = describedBy;
    const v = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: initialText,
        extensions: [
          basicSetup,
          yaml(),
          lintGutter(),
          indentUnit.of('  '),
          EditorState.tabSize.of(2),
          EditorView.lineWrapping,
          EditorView.contentAttributes.of(contentAttrs),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) onChangeRef.current(u.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = v;
    return () => {
      v.destroy();
      view.current = null;
    };
    // The editor is created once; the text then lives in it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const v = view.current;
    if (!v || !problems) return;
    // Problems found in an older text would point at the wrong places; CodeMirror keeps
    // mapping the diagnostics it already shows through the edits until fresh ones come.
    if (v.state.doc.toString() !== problems.text) return;
    v.dispatch(setDiagnostics(v.state, problemsToDiagnostics(v.state.doc, problems.problems)));
  }, [problems]);

  useImperativeHandle(
    ref,
    () => ({
      goTo(p) {
        const v = view.current;
        if (!v) return;
        const { from } = problemRange(v.state.doc, p);
        v.dispatch({ selection: EditorSelection.cursor(from), effects: EditorView.scrollIntoView(from, { y: 'center' }) });
        v.focus();
      },
    }),
    [],
  );

  return <div ref={host} className="yaml-editor" data-testid="yaml-editor" />;
}
