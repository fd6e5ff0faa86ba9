import { useRef, useState } from 'react';
import type { Said } from '../../sim/said.ts';
import { useLab, useLabStore, useT } from '../../store/context.tsx';
import { saveScenario } from '../gallery/saveScenario.ts';

/**
 * Makes a link to this moment, copies it when the browser allows, and always shows it in a
 * field to copy by hand. The address bar gets it too, so reloading keeps the moment. A link
 * the page could not open again (too large) is never handed out: the box says why and offers
 * the scenario file instead.
 */
export function ShareButton() {
  const t = useT();
  const store = useLabStore();
  const lang = useLab((s) => s.lang);
  const [link, setLink] = useState<{ href: string; copied: boolean } | { refused: Said } | null>(null);
  const field = useRef<HTMLInputElement>(null);

  const share = async () => {
    // The link code (compression, the link's schema) loads on first use.
    const { checkedLinkTo } = await import('../../share/links.ts');
    const made = await checkedLinkTo(store, location.href);
    if (!made.ok) {
      setLink({ refused: made.problem });
      return;
    }
    const href = made.href;
    history.replaceState(null, '', href);
    let copied = false;
    try {
      await navigator.clipboard.writeText(href);
      copied = true;
    } catch {
      // Clipboard access may be refused (permissions, an insecure origin): the field remains.
    }
    setLink({ href, copied });
    requestAnimationFrame(() => field.current?.select());
  };

  return (
    <div className="share">
      <button type="button" className="header-button" aria-expanded={link !== null} onClick={() => void share()}>
        {t('share.button')}
      </button>
      {link && 'refused' in link && (
        <div className="share-box" role="group" aria-label={t('share.title')}>
          <p role="status">{link.refused[lang]}</p>
          <button type="button" onClick={() => saveScenario(store)}>
            {t('share.saveInstead')}
          </button>
          <button type="button" onClick={() => setLink(null)}>
            {t('share.close')}
          </button>
        </div>
      )}
      {link && 'href' in link && (
        <div className="share-box" role="group" aria-label={t('share.title')}>
          <label>
            {t('share.field')}
            <input ref={field} type="text" readOnly value={link.href} onFocus={(e) => e.target.select()} />
          </label>
          <p className="hint" role="status">
            {t(link.copied ? 'share.copied' : 'share.copyYourself')}
          </p>
          <button type="button" onClick={() => setLink(null)}>
            {t('share.close')}
          </button>
        </div>
      )}
    </div>
  );
}
