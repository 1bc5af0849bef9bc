'use client';

import { useEffect } from 'react';
import { VLIBRAS_APP_URL, VLIBRAS_SCRIPT_URL } from '@/lib/accessibility/vlibras';

type VLibrasGlobal = { VLibras?: { Widget: new (appUrl: string) => unknown } };

// VLibras finds its place by these attribute names; React passes unknown lowercase attributes through.
const widget = { vw: '' };
const accessButton = { 'vw-access-button': '' };
const pluginWrapper = { 'vw-plugin-wrapper': '' };

/**
 * The VLibras button and player, loaded once the page has loaded and the browser is idle, so the
 * citizen's form is never waiting on gov.br's script (about 1 MB with its player).
 */
export function VLibrasWidget() {
  useEffect(() => {
    let cancelled = false;
    const load = () => {
      if (cancelled || document.querySelector(`script[src="${VLIBRAS_SCRIPT_URL}"]`)) return;
      const script = document.createElement('script');
      script.src = VLIBRAS_SCRIPT_URL;
      script.async = true;
      script.onload = () => {
        const VLibras = (window as unknown as VLibrasGlobal).VLibras;
        if (VLibras) new VLibras.Widget(VLIBRAS_APP_URL);
      };
      document.body.appendChild(script);
    };
    const whenIdle = () => ('requestIdleCallback' in window ? window.requestIdleCallback(load, { timeout: 4000 }) : setTimeout(load, 1500));
    if (document.readyState === 'complete') whenIdle();
    else window.addEventListener('load', whenIdle, { once: true });
    return () => {
      cancelled = true;
      window.removeEventListener('load', whenIdle);
    };
  }, []);
  return (
    <div id="vlibras" {...widget} className="enabled">
      <div {...accessButton} className="active" />
      <div {...pluginWrapper}>
        <div className="vw-plugin-top-wrapper" />
      </div>
    </div>
  );
}
