import { describe, expect, it } from 'vitest';
import { ipvsAddDest, ipvsListAfterAdds, ipvsListFromPage, keepalivedRealServerOrder } from './list.ts';

/** __ip_vs_update_dest (ip_vs_ctl.c) links each new dest at the front: list_add_rcu. */
describe("IPVS's destination list order", () => {
  it('dests added s1, s2, s3 are held s3, s2, s1', () => {
    expect(ipvsListAfterAdds(['s1', 's2', 's3'])).toEqual(['s3', 's2', 's1']);
  });
  it("a keepalived config listing the page's servers last-first gives IPVS the page's order", () => {
    const page = ['s1', 's2', 's3'];
    expect(keepalivedRealServerOrder(page)).toEqual(['s3', 's2', 's1']);
    expect(ipvsListAfterAdds(keepalivedRealServerOrder(page))).toEqual(ipvsListFromPage(page));
  });
  it('a server removed and added back goes to the front', () => {
    expect(ipvsAddDest(['s1', 's3'], 's2')).toEqual(['s2', 's1', 's3']);
  });
});
