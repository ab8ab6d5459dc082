// DuckDB (1.5, through @duckdb/node-api): W1 share, W2 growth, W3 trend, W4 hhi.
// usage: node duckdb_peer.mjs W IN OUT   (DUCKDB_THREADS: threads, default 2)
// Written as a DuckDB user would: W1 and W2 load the panel into a table (whose
// rowid is the input order), compute with window functions over partitions
// (sum, lag) and write the rows back in input order (ORDER BY rowid); W3 and
// W4 aggregate straight from the file. W3 computes only what corridor's rate
// needs (regr_slope of ln value on year, n, and the first and last year for
// the World Bank rules); not its standard error or interval.
import { DuckDBInstance } from '@duckdb/node-api';

const [w, src, dst] = process.argv.slice(2);
const q = (s) => "'" + s.replaceAll("'", "''") + "'";
const scan = `read_csv(${q(src)}, header = true, quote = '"', escape = '"',
  columns = {'reporter': 'VARCHAR', 'partner': 'VARCHAR', 'commodity': 'VARCHAR',
             'year': 'INTEGER', 'value': 'DOUBLE'})`;
const out = (sql) => `COPY (${sql}) TO ${q(dst)} (HEADER, DELIMITER ',')`;

const db = await DuckDBInstance.create(':memory:', { threads: process.env.DUCKDB_THREADS || '2' });
const con = await db.connect();
if (w === 'W1' || w === 'W2')
  await con.run(`CREATE TABLE t AS SELECT * FROM ${scan}`);
if (w === 'W1') {
  await con.run(out(`SELECT reporter, partner, commodity, year, value,
      value / sum(value) OVER (PARTITION BY reporter, commodity, year) AS share
    FROM t ORDER BY rowid`));
} else if (w === 'W2') {
  await con.run(out(`SELECT reporter, partner, commodity, year, value,
      CASE WHEN prev_year = year - 1 AND prev > 0 THEN value / prev - 1 END AS growth
    FROM (SELECT rowid AS i, *,
            lag(year) OVER s AS prev_year, lag(value) OVER s AS prev
          FROM t WINDOW s AS (PARTITION BY reporter, partner, commodity ORDER BY year))
    ORDER BY i`));
} else if (w === 'W3') {
  // the World Bank rules, as corridor's: at least 3 points > 0, not all in one
  // year, no more than half the years of [first, last] missing
  await con.run(out(`SELECT reporter, partner, commodity, n,
      CASE WHEN n >= 3 AND span > 1 AND (span - n) * 2 <= span THEN exp(b) - 1 END AS rate
    FROM (SELECT reporter, partner, commodity, count(*) AS n,
            max(year) - min(year) + 1 AS span, regr_slope(ln(value), year) AS b
          FROM ${scan} WHERE value > 0 GROUP BY reporter, partner, commodity)`));
} else if (w === 'W4') {
  await con.run(out(`SELECT reporter, commodity, year, count(*) AS n,
      sum(value * value) / (sum(value) * sum(value)) AS hhi
    FROM ${scan} GROUP BY reporter, commodity, year`));
} else {
  console.error(`duckdb_peer: unknown workload ${w}`);
  process.exit(2);
}
