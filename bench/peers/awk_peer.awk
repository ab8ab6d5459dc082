# POSIX awk (gawk, mawk): W1 share, W2 growth, W3 trend, W4 hhi on a panel whose
# quoted fields hold no line breaks. Fields keep their CSV text as keys.
# usage: awk -v W=W1 -f awk_peer.awk IN IN (W1, W2 read it twice; W3, W4 once)
# W=D3, W=D4: the rows as tab-separated input for datamash_peer.sh (keys, then
# x = year - 2000 and y = ln value for D3; value and value^2 for D4).
# W=P3, W=P4 (with -F '\t'): datamash's groups back to the W3, W4 output.
function split_csv(line, f,    n, i, c, q, cur) {
    if (index(line, "\"") == 0) return split(line, f, ",")
    n = 0; q = 0; cur = ""
    for (i = 1; i <= length(line); i++) {
        c = substr(line, i, 1)
        if (c == "\"") q = !q
        if (c == "," && !q) { f[++n] = cur; cur = "" } else cur = cur c
    }
    f[++n] = cur
    return n
}
# e^b - 1 without the cancellation of exp(b) - 1 near 0 (awk has no expm1)
function expm1(b) {
    if (b > -1e-3 && b < 1e-3) return b * (1 + b / 2 * (1 + b / 3 * (1 + b / 4 * (1 + b / 5))))
    return exp(b) - 1
}
# the World Bank rules: 3 points or more, not all in one year, no more than
# half the years of [first, last] missing
function fits(n, span) { return n >= 3 && span > 1 && (span - n) * 2 <= span }
W == "P3" {   # group keys, count, pcov(x, y), pvar(x), min x, max x: slope = pcov / pvar
    if (NR == 1) print "reporter,partner,commodity,n,rate"
    printf "%s,%s,%s,%d,%s\n", $1, $2, $3, $4, fits($4, $8 - $7 + 1) ? sprintf("%.17g", expm1($5 / $6)) : ""
    next
}
W == "P4" {   # group keys, count, sum v, sum v^2
    if (NR == 1) print "reporter,commodity,year,n,hhi"
    printf "%s,%s,%s,%d,%s\n", $1, $2, $3, $4, $5 != 0 ? sprintf("%.17g", $6 / ($5 * $5)) : ""
    next
}
FNR == 1 { if (NR == 1 && W ~ /W[12]/) print $0 "," (W == "W1" ? "share" : "growth"); next }
{
    split_csv($0, f)
    if (W == "W1") {
        k = f[1] SUBSEP f[3] SUBSEP f[4]
        if (NR == FNR) sum[k] += f[5]
        else print $0 "," (sum[k] != 0 ? sprintf("%.17g", f[5] / sum[k]) : "")
    } else if (W == "W2") {
        k = f[1] SUBSEP f[2] SUBSEP f[3]
        if (NR == FNR) val[k SUBSEP f[4]] = f[5]
        else {
            p = k SUBSEP (f[4] - 1)
            print $0 "," ((p in val) && val[p] > 0 ? sprintf("%.17g", f[5] / val[p] - 1) : "")
        }
    } else if (W == "W3") {
        if (f[5] > 0) {
            k = f[1] "," f[2] "," f[3]; x = f[4] - 2000; y = log(f[5])
            n[k]++; sx[k] += x; sy[k] += y; sxx[k] += x * x; sxy[k] += x * y
            if (!(k in lo) || x < lo[k]) lo[k] = x
            if (!(k in hi) || x > hi[k]) hi[k] = x
        }
    } else if (W == "W4") {
        k = f[1] "," f[3] "," f[4]
        c[k]++; s[k] += f[5]; ss[k] += f[5] * f[5]
    } else if (W == "D3") {
        if (f[5] > 0) printf "%s\t%s\t%s\t%d\t%.17g\n", f[1], f[2], f[3], f[4] - 2000, log(f[5])
    } else if (W == "D4")
        printf "%s\t%s\t%s\t%.17g\t%.17g\n", f[1], f[3], f[4], f[5], f[5] * f[5]
}
END {
    if (W == "W3") {
        print "reporter,partner,commodity,n,rate"
        for (k in n) {
            ok = fits(n[k], hi[k] - lo[k] + 1)
            b = ok ? (n[k] * sxy[k] - sx[k] * sy[k]) / (n[k] * sxx[k] - sx[k] * sx[k]) : 0
            print k "," n[k] "," (ok ? sprintf("%.17g", expm1(b)) : "")
        }
    } else if (W == "W4") {
        print "reporter,commodity,year,n,hhi"
        for (k in c) print k "," c[k] "," sprintf("%.17g", ss[k] / (s[k] * s[k]))
    }
}
