#!/bin/sh
# Hostile labels execute nothing: series labels, a title and an output name
# that try backquotes, system(), a line break followed by a command, a
# quote-escape, a macro and the datablock end marker. The chart must still
# render, and no canary file may appear. Usage: check_chart_safety.sh BINARY
set -u
bin=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
c="$dir/canary"
cat > "$dir/sources.csv" <<EOS
id,publisher,title,quote
s,synthetic,Hostile labels (SYNTHETIC test data),synthetic
EOS
{
    echo 'port,period,value,unit,source'
    printf '"`touch %s1`",2020,1,TEU,s\n' "$c"
    printf '"system(""touch %s2"")",2020,2,TEU,s\n' "$c"
    printf '"x\n!touch %s3",2020,3,TEU,s\n' "$c"
    printf '"x'"'"'; system('"'"'touch %s4'"'"'); '"'"'",2020,4,TEU,s\n' "$c"
    printf '"EOD",2020,5,TEU,s\n'
    printf '"@outfile; print ""%s5""",2021,6,TEU,s\n' "$c"
    printf '"\nEOD\n!touch %s6\n",2021,7,TEU,s\n' "$c"
} > "$dir/port.csv"
fail=0
"$bin" validate "$dir" > /dev/null || { echo "fixture invalid"; fail=1; }
for term in png svg; do
    if ! "$bin" plot --data "$dir" --kind port --by port --unit TEU \
        --title "\`touch $c.title\` system('touch $c.t2')" \
        --threshold "3=\`touch $c.thr\`" -o "$dir/chart.$term" > "$dir/log" 2>&1; then
        echo "plot failed ($term):"; cat "$dir/log"; fail=1
    fi
    [ -s "$dir/chart.$term" ] || { echo "no $term written"; fail=1; }
done
if ls "$c"* > /dev/null 2>&1; then
    echo "a hostile label ran a command:"; ls "$c"*; fail=1
fi
# the labels are in the script as quoted text
grep -qF "'x'.sprintf('%c',39).'; system('.sprintf('%c',39).'touch" "$dir/chart.gp" ||
    { echo "quote not written '.sprintf('%c',39).'"; fail=1; }
if grep -q '^!' "$dir/chart.gp"; then echo "a line starts with !"; fail=1; fi
# output names that would be pipes are refused, and nothing is written
if "$bin" plot --data "$dir" --kind port --by port --unit TEU -o "|touch $c.pipe.png" \
    > /dev/null 2>&1; then
    echo "a pipe output name was accepted"; fail=1
fi
[ -e "$c.pipe.png" ] && { echo "pipe ran"; fail=1; }
[ $fail = 0 ] && echo "hostile labels executed nothing"
exit $fail
