// Polars (0.25, through nodejs-polars): W1 share, W2 growth, W3 trend, W4 hhi.
// usage: node polars_peer.mjs W IN OUT
// Written as a Polars user would: W1 a windowed sum (.over(), which keeps the
// row order); W2 a left join of the panel with itself shifted by a year (a left
// join keeps the left frame's order); W3 and W4 lazy group-by aggregations.
// W3 computes only what corridor's rate needs (the OLS slope of ln value on
// year, n, and the first and last year for the World Bank rules); not its
// standard error or interval.
import pl from 'nodejs-polars';

const [w, src, dst] = process.argv.slice(2);
const keys = ['reporter', 'partner', 'commodity'];
const dtypes = { reporter: pl.Utf8, partner: pl.Utf8, commodity: pl.Utf8, year: pl.Int64, value: pl.Float64 };
const col = pl.col;

if (w === 'W1') {
  const df = pl.readCSV(src, { dtypes });
  df.withColumn(col('value').div(col('value').sum().over(['reporter', 'commodity', 'year'])).alias('share'))
    .writeCSV(dst);
} else if (w === 'W2') {
  const df = pl.readCSV(src, { dtypes });
  const prev = df.select(...keys.map((k) => col(k)), col('year').add(1).cast(pl.Int64).alias('year'), col('value').alias('prev'));
  df.join(prev, { on: [...keys, 'year'], how: 'left' })
    .withColumn(pl.when(col('prev').gt(0)).then(col('value').div(col('prev')).sub(1)).otherwise(pl.lit(null)).alias('growth'))
    .drop('prev')
    .writeCSV(dst);
} else if (w === 'W3') {
  const n = col('n'), sx = col('sx'), sy = col('sy'), sxx = col('sxx'), sxy = col('sxy');
  const b = n.mul(sxy).sub(sx.mul(sy)).div(n.mul(sxx).sub(sx.mul(sx)));
  // the World Bank rules, as corridor's: at least 3 points > 0, not all in
  // one year, no more than half the years of [first, last] missing
  const span = col('x1').sub(col('x0')).add(1);
  const ok = n.gtEq(3).and(span.gt(1)).and(span.sub(n).mul(2).ltEq(span));
  pl.scanCSV(src, { dtypes })
    .filter(col('value').gt(0))
    .withColumns(col('year').sub(2000).cast(pl.Float64).alias('x'), col('value').log().alias('y'))
    .groupBy(keys)
    .agg(pl.len().alias('n'), col('x').sum().alias('sx'), col('y').sum().alias('sy'),
         col('x').mul(col('x')).sum().alias('sxx'), col('x').mul(col('y')).sum().alias('sxy'),
         col('x').min().alias('x0'), col('x').max().alias('x1'))
    .select(...keys.map((k) => col(k)), n,
            pl.when(ok).then(b.exp().sub(1)).otherwise(pl.lit(null)).alias('rate'))
    .collectSync()
    .writeCSV(dst);
} else if (w === 'W4') {
  pl.scanCSV(src, { dtypes })
    .groupBy(['reporter', 'commodity', 'year'])
    .agg(pl.len().alias('n'), col('value').sum().alias('s'), col('value').mul(col('value')).sum().alias('ss'))
    .select(col('reporter'), col('commodity'), col('year'), col('n'), col('ss').div(col('s').mul(col('s'))).alias('hhi'))
    .collectSync()
    .writeCSV(dst);
} else {
  console.error(`polars_peer: unknown workload ${w}`);
  process.exit(2);
}
