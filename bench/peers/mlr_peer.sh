#!/bin/sh
# Miller: W1 share, W3 trend, W4 hhi (W2 is not timed: Miller needs over 20 GiB at 10M rows).
# usage: mlr_peer.sh W IN OUT
case "$1" in
W1) mlr --icsv --ocsv fraction -f value -g reporter,commodity,year then rename value_fraction,share "$2" > "$3" ;;
W3) mlr --icsv --ocsv filter '$value > 0' then put '$x = $year - 2000; $y = log($value)' \
      then stats2 -a linreg-ols -f x,y -g reporter,partner,commodity \
      then put '$rate = $x_y_ols_n >= 3 ? expm1($x_y_ols_m) : ""' \
      then rename x_y_ols_n,n then cut -o -f reporter,partner,commodity,n,rate "$2" > "$3.fit" &&
    mlr --icsv --ocsv filter '$value > 0' then stats1 -a min,max -f year -g reporter,partner,commodity \
      "$2" > "$3.span" &&
    # the World Bank rules: not all in one year, no more than half the years missing
    mlr --icsv --ocsv join -j reporter,partner,commodity -f "$3.span" \
      then put 'span = $year_max - $year_min + 1;
                if (span <= 1 || (span - $n) * 2 > span) { $rate = "" }' \
      then cut -o -f reporter,partner,commodity,n,rate "$3.fit" > "$3" &&
    rm -f "$3.fit" "$3.span" ;;
W4) mlr --icsv --ocsv put '$v2 = $value * $value' then stats1 -a count,sum -f value,v2 -g reporter,commodity,year \
      then put '$hhi = $v2_sum / ($value_sum * $value_sum)' then rename value_count,n \
      then cut -o -f reporter,commodity,year,n,hhi "$2" > "$3" ;;
*) exit 2 ;;
esac
