# R data.table: W1 share, W2 growth, W3 trend, W4 hhi. usage: Rscript datatable_peer.R W IN OUT
suppressPackageStartupMessages(library(data.table))
a <- commandArgs(trailingOnly = TRUE)
if (nzchar(Sys.getenv("DT_THREADS"))) setDTthreads(as.integer(Sys.getenv("DT_THREADS")))
dt <- fread(a[2], na.strings = NULL, colClasses = c(year = "integer", value = "numeric"))
# fread keeps RFC 4180 doubled quotes doubled: undo that in the key columns,
# touching only the rows of the few distinct values concerned
for (col in c("reporter", "partner", "commodity")) {
  u <- unique(dt[[col]])
  for (s in u[grepl('""', u, fixed = TRUE)])
    set(dt, which(dt[[col]] == s), col, gsub('""', '"', s, fixed = TRUE))
}
if (a[1] == "W1") {
  dt[, share := value / sum(value), by = .(reporter, commodity, year)]
  fwrite(dt, a[3])
} else if (a[1] == "W2") {
  setorder(dt, reporter, partner, commodity, year)
  same <- dt$reporter == shift(dt$reporter) & dt$partner == shift(dt$partner) &
    dt$commodity == shift(dt$commodity) & dt$year - shift(dt$year) == 1L & shift(dt$value) > 0
  dt[, growth := fifelse(same, value / shift(value) - 1, NA_real_, na = NA_real_)]
  fwrite(dt, a[3])
} else if (a[1] == "W3") {
  p <- dt[value > 0, .(reporter, partner, commodity, x = as.numeric(year) - 2000, y = log(value))]
  p[, `:=`(xx = x * x, xy = x * y)]
  r <- p[, .(n = .N, sx = sum(x), sy = sum(y), sxx = sum(xx), sxy = sum(xy),
             span = max(x) - min(x) + 1), by = .(reporter, partner, commodity)]
  # the World Bank rules: 3 points or more, not all in one year, no more than
  # half the years of [first, last] missing
  r[, rate := fifelse(n >= 3L & span > 1 & (span - n) * 2 <= span,
                      expm1((n * sxy - sx * sy) / (n * sxx - sx * sx)), NA_real_)]
  fwrite(r[, .(reporter, partner, commodity, n, rate)], a[3])
} else if (a[1] == "W4") {
  dt[, v2 := value * value]
  r <- dt[, .(n = .N, s = sum(value), ss = sum(v2)), by = .(reporter, commodity, year)]
  fwrite(r[, .(reporter, commodity, year, n, hhi = ss / (s * s))], a[3])
}
