import { dictionaries, type Lang } from './index.ts';
import type { OwnSection } from './ownSection.ts';
import { exportPanel } from './sections/exportPanel.ts';
import { pcapSection } from './sections/pcap.ts';
import { whyIpvs } from './sections/whyIpvs.ts';
import { natForwarding } from './sections/natForwarding.ts';
import { failoverPanel } from './sections/failoverPanel.ts';
import { ipvsMarkWords } from './sections/ipvsMarks.ts';
import { whyNginx } from './sections/whyNginx.ts';

/**
 * Every section a lazily loaded part carries itself (see ownSection.ts), for the tests that
 * check all strings: both languages complete, Korean terms, placeholders. Only tests import
 * this file, so those sections stay out of the page's first download.
 */
export const OWN_SECTIONS: Record<string, OwnSection<string>> = {
  exportPanel,
  pcap: pcapSection,
  whyIpvs,
  natForwarding,
  failoverPanel,
  ipvsMarks: ipvsMarkWords,
  whyNginx,
};

/** The page's every string in one language: the shared table, then each own section's (keys `section:key`). */
export function everyString(lang: Lang): Record<string, string> {
  const all: Record<string, string> = { ...dictionaries[lang] };
  for (const [name, section] of Object.entries(OWN_SECTIONS)) {
    for (const [k, v] of Object.entries(section[lang])) all[`${name}:${k}`] = v;
  }
  return all;
}
