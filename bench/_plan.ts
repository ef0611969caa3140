import { openDb } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { worklistSql, DEAL_LISTS } from '../src/domain/worklists/worklists.js';
const { sqlite } = openDb(':memory:'); migrate(sqlite);
sqlite.exec('ANALYZE');
const p = { now: 1, limit: 10, departureId: 1, managerId: 1, afterAt: 1, afterId: 1 };
for (const name of [...DEAL_LISTS, 'contacts-due'] as const) for (const departure of [false, true]) for (const manager of [false, true]) {
  const sql = worklistSql(name, { departure, manager, after: true });
  const used = Object.fromEntries(Object.entries(p).filter(([k]) => sql.includes(':' + k)));
  const plan = sqlite.prepare('EXPLAIN QUERY PLAN ' + sql).all(used) as any[];
  console.log(name, departure ? 'dep' : '', manager ? 'mgr' : '', '|', plan.map((p) => p.detail).join(' / '));
}
