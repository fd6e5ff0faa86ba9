import { Suspense, useRef, useState, type ComponentType, type ReactNode } from 'react';

interface Props {
  /** The header button's words, the dialog's title and its Close button's. */
  label: string;
  title: string;
  closeLabel: string;
  /** Ids and classes: the title's id names the dialog for screen readers. */
  id: string;
  className: string;
  /** Shown above the contents at once (the contents may still be loading). */
  intro?: ReactNode;
  /** The dialog's insides, loaded with React.lazy on first open; given a way to close. */
  Contents: ComponentType<{ close: () => void }>;
}

/**
 * A header button opening a modal dialog whose contents load when it first opens, so their
 * code stays out of the page's first download (see scripts/bundle-size.ts).
 */
export function LazyDialogButton({ label, title, closeLabel, id, className, intro, Contents }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [opened, setOpened] = useState(false);
  const close = () => dialog.current?.close();
  const show = () => {
    setOpened(true);
    dialog.current?.showModal();
  };
  return (
    <>
      <button type="button" className="header-button" aria-haspopup="dialog" onClick={show}>
        {label}
      </button>
      <dialog ref={dialog} className={className} aria-labelledby={id}>
        <div className="gallery-head">
          <h2 id={id}>{title}</h2>
          <button type="button" onClick={close}>
            {closeLabel}
          </button>
        </div>
        {intro}
        {opened && (
          <Suspense
            fallback={
              <p className="hint" role="status" aria-busy="true">
                …
              </p>
            }
          >
            <Contents close={close} />
          </Suspense>
        )}
      </dialog>
    </>
  );
}
