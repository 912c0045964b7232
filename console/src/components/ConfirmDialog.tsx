import { useEffect, useId, useRef, type ReactNode } from 'react';

/**
 * A second look before an act that cannot be taken back (revoking a report): a modal dialog, so focus
 * stays in it and Escape cancels. Rendered only while open.
 */
export function ConfirmDialog(props: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  busy?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const { onCancel } = props;
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    const cancel = (e: Event) => {
      e.preventDefault();
      onCancel();
    };
    dialog.addEventListener('cancel', cancel);
    return () => {
      dialog.removeEventListener('cancel', cancel);
      if (dialog.open) dialog.close();
    };
  }, [onCancel]);
  return (
    <dialog ref={ref} className="confirm" aria-labelledby={titleId} aria-modal="true">
      <h2 id={titleId}>{props.title}</h2>
      <div>{props.children}</div>
      <div className="actions">
        <button type="button" onClick={props.onConfirm} disabled={props.busy}>
          {props.confirmLabel}
        </button>
        <button type="button" className="secondary" onClick={props.onCancel} autoFocus>
          取消
        </button>
      </div>
    </dialog>
  );
}
