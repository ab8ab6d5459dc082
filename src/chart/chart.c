/* Charts as gnuplot scripts. Data text never becomes code: see chart.h. */
#define _POSIX_C_SOURCE 200809L

#include "corridor/chart.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "corridor/names.h"
#include "corridor/num.h"
#include "corridor/utf8.h"

static const char *const palette[] = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e",
                                      "#9467bd", "#8c564b", "#e377c2", "#17becf"};
#define NCOLOURS (sizeof palette / sizeof *palette)

int cor_terminal_lookup(const char *name)
{
    static const char *const names[] = {"png", "svg", "pdf"};
    for (int i = 0; i < 3; i++)
        if (cor_word_eq(name, strlen(name), names[i]))
            return i;
    return -1;
}

const char *cor_terminal_ext(enum cor_terminal t)
{
    return t == COR_TERM_SVG ? "svg" : t == COR_TERM_PDF ? "pdf" : "png";
}

/* gnuplot 5.4 reads '' inside a single-quoted string as a quote only after
 * another character: a string that starts with '' ends there, and of ''''
 * only the first pair is read. So a quote from data closes the string, is
 * joined on as sprintf('%c',39) and the string reopens: it's ->
 * 'it'.sprintf('%c',39).'s', an expression that every place a label goes
 * accepts. (A double-quoted "'" would do for the parser, but gnuplot's
 * macro expander then counts the quote inside it and expands @macros in
 * the labels that follow.) */
char *cor_chart_quote(const char *s, char *buf, size_t n)
{
    static const char quote[] = "'.sprintf('%c',39).'";
    size_t k = 0, len = s ? strlen(s) : 0;
    if (n == 0)
        return buf;
    for (size_t i = 0, step; i < len; i += step) {
        uint32_t cp;
        step = cor_utf8_next(s + i, len - i, &cp);
        const char *out = s + i;
        size_t m = step;
        if (cp == COR_UTF8_INVALID) {
            out = "\xEF\xBF\xBD";   /* U+FFFD */
            m = 3;
        } else if (cp < 0x20 || cor_utf8_is_control(cp)) {
            out = " ";   /* a line break would end the command: never copied */
            m = 1;
        } else if (cp == '\'') {
            out = quote;
            m = sizeof quote - 1;
        }
        if (k + m >= n)
            break;   /* cut at a whole character */
        memcpy(buf + k, out, m);
        k += m;
    }
    buf[k] = '\0';
    return buf;
}

/* Prints a number for a datablock: "NaN" when missing. */
static void num(FILE *out, double v)
{
    char buf[40];
    if (isnan(v) || isinf(v))
        fputs("NaN", out);
    else {
        cor_num_format(v, buf, sizeof buf);
        fputs(buf, out);
    }
}

static void set_range(FILE *out, char axis, double lo, double hi)
{
    fprintf(out, "set %crange [", axis);
    num(out, lo);
    fputc(':', out);
    num(out, hi);
    fputs("]\n", out);
}

static void qstr(FILE *out, const char *s)
{
    char buf[1024];
    fprintf(out, "'%s'", cor_chart_quote(s ? s : "", buf, sizeof buf));
}

/* 1 if the series has a point of this kind: 0 estimate/projection,
 * 1 actual with a value, 2 one-sided ("more than"). */
static int has_mark(const struct cor_chart_series *S, int kind)
{
    for (size_t i = 0; i < S->n; i++) {
        const struct cor_chart_point *p = &S->points[i];
        int one_sided = isinf(p->hi) && p->hi > 0;
        int k = p->mark != COR_MARK_ACTUAL ? 0 : one_sided ? 2 : 1;
        if (k == kind)
            return 1;
    }
    return 0;
}

/* Charts with a few legend entries keep the legend inside, top left, in a
 * band of the plot height left empty above the data (the plot keeps the
 * full width); 100% stacked bars and longer legends put it outside, right.
 * The fraction of the height the band takes; 0 for outside. */
static double key_band(const struct cor_chart *c)
{
    if (c->type == COR_CHART_STACKED100)
        return 0;
    size_t entries = 0;
    for (size_t s = 0; s < c->nseries; s++)
        entries += c->type == COR_CHART_LINE || c->type == COR_CHART_POINTS
                       ? (size_t)(has_mark(&c->series[s], 0) + has_mark(&c->series[s], 1) +
                                  has_mark(&c->series[s], 2))
                       : 1;   /* bars: one entry a series */
    return entries <= 6 ? 0.05 + 0.045 * (double)entries : 0;
}

/* The y range: from 0 (or the lowest value) to 12% above the highest bound. */
static void y_range(const struct cor_chart *c, double *lo, double *hi)
{
    double mn = 0, mx = 0;
    for (size_t s = 0; s < c->nseries; s++)
        for (size_t i = 0; i < c->series[s].n; i++) {
            const struct cor_chart_point *p = &c->series[s].points[i];
            double vals[3] = {p->y, p->lo, p->hi};
            for (int k = 0; k < 3; k++)
                if (isfinite(vals[k])) {
                    mn = fmin(mn, vals[k]);
                    mx = fmax(mx, vals[k]);
                }
        }
    for (size_t t = 0; t < c->nthresholds; t++)
        mx = fmax(mx, c->thresholds[t].y);
    if (c->type == COR_CHART_STACKED100) {
        mn = 0;
        mx = 100;
    }
    *lo = mn;
    *hi = mx > mn ? mx + (mx - mn) * (c->type == COR_CHART_STACKED100 ? 0.0 : 0.12) : mn + 1;
}

/* An end marker that no datablock line starts with (ours hold only numbers,
 * but the rule does not depend on that). */
static void pick_marker(const char *const *lines, size_t n, char *marker, size_t len)
{
    for (unsigned k = 0;; k++) {
        if (k)
            snprintf(marker, len, "EOD%u", k);
        else
            snprintf(marker, len, "EOD");
        int clash = 0;
        for (size_t i = 0; i < n && !clash; i++)
            clash = strncmp(lines[i], marker, strlen(marker)) == 0;
        if (!clash)
            return;
    }
}

/* The x range: whole years around the points (line, points), or the
 * categories (bars). */
static void x_range(const struct cor_chart *c, double *xlo, double *xhi)
{
    if (c->type != COR_CHART_LINE && c->type != COR_CHART_POINTS) {
        *xlo = -0.6;
        *xhi = (double)(c->ncategories ? c->ncategories - 1 : 0) + 0.6;
        return;
    }
    double mn = INFINITY, mx = -INFINITY;
    for (size_t s = 0; s < c->nseries; s++)
        for (size_t i = 0; i < c->series[s].n; i++) {
            mn = fmin(mn, c->series[s].points[i].x);
            mx = fmax(mx, c->series[s].points[i].x);
        }
    if (!isfinite(mn)) {
        mn = 0;
        mx = 1;
    }
    *xlo = floor(mn - 0.3);
    *xhi = ceil(mx + 0.3);
}

/* The plot's data ranges, to place threshold labels where no point is. */
struct frame {
    double xlo, xhi, ylo, yhi;
    double arrow;          /* length of a "more than" arrow, in y units */
    int width;             /* pixels */
};

/* 1 if no marker or interval of the chart falls in the box [x0, x1] x
 * [y0, y1] (fractions of the plot). */
static int box_clear(const struct cor_chart *c, const struct frame *f, double x0, double x1,
                     double y0, double y1)
{
    for (size_t s = 0; s < c->nseries; s++)
        for (size_t i = 0; i < c->series[s].n; i++) {
            const struct cor_chart_point *p = &c->series[s].points[i];
            double top = isinf(p->hi) && p->hi > 0 ? p->y + f->arrow
                         : isfinite(p->hi)             ? fmax(p->y, p->hi)
                                                       : p->y;
            double bottom = isfinite(p->lo) ? fmin(p->y, p->lo) : p->y;
            /* a marker is about 16 pixels across; a bar stands on 0 */
            double half = 0.012;
            if (c->type != COR_CHART_LINE && c->type != COR_CHART_POINTS) {
                bottom = fmin(bottom, 0);
                half = 0.4 / (f->xhi - f->xlo);
            }
            double gx = (p->x - f->xlo) / (f->xhi - f->xlo);
            double gb = (bottom - f->ylo) / (f->yhi - f->ylo);
            double gt = (top - f->ylo) / (f->yhi - f->ylo);
            if (gx + half >= x0 && gx - half <= x1 && gt + 0.025 >= y0 && gb - 0.025 <= y1)
                return 0;
        }
    return 1;
}

/* Where a threshold's label goes: above its line at the left, right or
 * middle, else below it, whichever first holds no data; left above if all do. */
struct place {
    const char *at, *align;
    int above;
};

static const struct place *threshold_place(const struct cor_chart *c,
                                           const struct cor_chart_threshold *t,
                                           const struct frame *f)
{
    static const struct place places[] = {
        {"0.01", "left", 1},  {"0.99", "right", 1},  {"0.5", "center", 1},
        {"0.01", "left", 0},  {"0.99", "right", 0},  {"0.5", "center", 0},
    };
    /* about 6.5 pixels a character at the labels' 9 points; the plot is
     * the width less about 120 pixels of margins */
    double w = 6.5 * (double)strlen(t->label ? t->label : "") / fmax(f->width - 120, 200);
    double gy = (t->y - f->ylo) / (f->yhi - f->ylo);
    for (size_t i = 0; i < sizeof places / sizeof *places; i++) {
        const struct place *p = &places[i];
        double x0 = p->align[0] == 'l' ? 0.01 : p->align[0] == 'r' ? 0.99 - w : 0.5 - w / 2;
        double y0 = p->above ? gy : gy - 0.05, y1 = p->above ? gy + 0.05 : gy;
        if (box_clear(c, f, x0, x0 + w, y0, y1))
            return p;
    }
    return &places[0];
}

static void header(const struct cor_chart *c, enum cor_terminal t, const char *output, FILE *out)
{
    int w = c->width ? c->width : 1000, h = c->height ? c->height : 600;
    fputs("# Generated by corridor. Data is inline; every label is single-quoted and\n"
          "# printed noenhanced. Render: gnuplot THIS_FILE (or gnuplot -e \"outfile='x'\" "
          "THIS_FILE)\n",
          out);
    fputs("if (!exists(\"outfile\")) outfile = ", out);
    qstr(out, output);
    fputc('\n', out);
    switch (t) {
    case COR_TERM_PNG:
        fprintf(out, "set terminal pngcairo size %d,%d font 'Sans,11' noenhanced\n", w, h);
        break;
    case COR_TERM_SVG:
        fprintf(out, "set terminal svg size %d,%d font 'Sans,11' noenhanced background "
                     "'#ffffff'\n",
                w, h);
        break;
    case COR_TERM_PDF:
        fprintf(out, "set terminal pdfcairo size %.2fin,%.2fin font 'Sans,9' noenhanced\n",
                w / 100.0, h / 100.0);
        break;
    }
    fputs("set output outfile\nset encoding utf8\nset decimalsign '.'\n", out);
    fputs("set title ", out);
    qstr(out, c->title);
    fputs(" noenhanced font ',13'\nset xlabel ", out);
    qstr(out, c->xlabel);
    fputs(" noenhanced\nset ylabel ", out);
    qstr(out, c->ylabel);
    fputs(" noenhanced\n", out);
    double band = key_band(c);
    fprintf(out, "set key %s top vertical Left reverse noenhanced samplen 2 spacing 1.2 "
                 "font ',10'%s\n",
            band > 0 ? "inside left" : "outside right", band > 0 ? " opaque" : "");
    fputs("set bmargin 5\nset border 3\nset tics nomirror\n"
          "set grid ytics lc rgb '#e0e0e0' lt 1\nset format y '%.10g'\n",
          out);
    fputs("set label 1 ", out);
    qstr(out, c->source);
    fputs(" at screen 0.01, screen 0.02 left font ',8' tc rgb '#444444' noenhanced\n", out);
    double lo, hi;
    y_range(c, &lo, &hi);
    set_range(out, 'y', lo, lo + (hi - lo) / (1 - band));   /* the data below the legend's band */
    double xlo, xhi;
    x_range(c, &xlo, &xhi);
    struct frame f = {xlo, xhi, lo, lo + (hi - lo) / (1 - band), (hi - lo) * 0.07,
                      c->width ? c->width : 1000};
    for (size_t i = 0; i < c->nthresholds; i++) {
        fprintf(out, "set arrow %zu from graph 0, first ", i + 1);
        num(out, c->thresholds[i].y);
        fputs(" to graph 1, first ", out);
        num(out, c->thresholds[i].y);
        fputs(" nohead dt 3 lw 1.5 lc rgb '#555555' back\n", out);
        const struct place *pl = threshold_place(c, &c->thresholds[i], &f);
        fprintf(out, "set label %zu ", i + 2);
        qstr(out, c->thresholds[i].label);
        fprintf(out, " at graph %s, first ", pl->at);
        num(out, c->thresholds[i].y);
        fprintf(out, " offset 0,%s %s font ',9' tc rgb '#333333' noenhanced\n",
                pl->above ? "0.7" : "-0.8", pl->align);
    }
}

/* x labels of bar charts, each quoted; gnuplot reads a tic label as a
 * format for the tic's value, so a % from data is written %%. */
static void category_tics(const struct cor_chart *c, FILE *out)
{
    fputs("set xtics (", out);
    for (size_t i = 0; i < c->ncategories; i++) {
        const char *s = c->categories[i] ? c->categories[i] : "";
        char *label = malloc(2 * strlen(s) + 1);
        size_t k = 0;
        for (; label && *s; s++) {
            if (*s == '%')
                label[k++] = '%';
            label[k++] = *s;
        }
        if (label)
            label[k] = '\0';
        fputs(i ? ", " : "", out);
        qstr(out, label ? label : "");
        free(label);
        fprintf(out, " %zu", i);
    }
    fprintf(out, ") noenhanced%s\n", c->ncategories > 8 ? " rotate by -30" : "");
    fprintf(out, "set xrange [-0.6:%zu.6]\n", c->ncategories ? c->ncategories - 1 : 0);
}

/* One datablock per series: x y lo hi mark up (up: 1 for "more than"). For
 * stacked bars: x bottom top. */
static void datablocks(const struct cor_chart *c, FILE *out)
{
    char line[256];
    for (size_t s = 0; s < c->nseries; s++) {
        const struct cor_chart_series *S = &c->series[s];
        /* build the lines first, so that the marker can be checked against them */
        char **lines = calloc(2 * S->n + 1, sizeof *lines);
        size_t nl = 0;
        for (size_t i = 0; lines && i < S->n; i++) {
            const struct cor_chart_point *p = &S->points[i];
            /* a missing year breaks the line: an undefined row between the two points */
            if (c->type == COR_CHART_LINE && i > 0 && p->x - S->points[i - 1].x > 1.5) {
                lines[nl] = strdup("NaN NaN NaN NaN 0 0");
                if (lines[nl])
                    nl++;
            }
            FILE *mem = fmemopen(line, sizeof line, "w");
            if (!mem)
                break;
            if (c->type == COR_CHART_STACKED100) {
                double total = 0, below = 0;
                for (size_t k = 0; k < c->nseries; k++)
                    for (size_t j = 0; j < c->series[k].n; j++)
                        if (c->series[k].points[j].x == p->x && isfinite(c->series[k].points[j].y)) {
                            total += c->series[k].points[j].y;
                            if (k < s)
                                below += c->series[k].points[j].y;
                        }
                num(mem, p->x);
                fputc(' ', mem);
                num(mem, total > 0 ? 100 * below / total : NAN);
                fputc(' ', mem);
                num(mem, total > 0 ? 100 * (below + p->y) / total : NAN);
            } else {
                double x = p->x;
                if (c->type == COR_CHART_GROUPED && c->nseries > 1)
                    x += (0.8 / (double)c->nseries) * ((double)s - ((double)c->nseries - 1) / 2);
                num(mem, x);
                fputc(' ', mem);
                num(mem, p->y);
                fputc(' ', mem);
                num(mem, p->lo);
                fputc(' ', mem);
                num(mem, p->hi);
                fprintf(mem, " %d %d", (int)p->mark, isinf(p->hi) && p->hi > 0);
            }
            fclose(mem);
            lines[nl] = strdup(line);
            if (lines[nl])
                nl++;
        }
        char marker[16];
        pick_marker((const char *const *)lines, nl, marker, sizeof marker);
        fprintf(out, "$S%zu << %s\n", s + 1, marker);
        for (size_t i = 0; i < nl; i++)
            fprintf(out, "%s\n", lines[i]);
        fprintf(out, "%s\n", marker);
        /* dashed connectors: last actual point -> each later estimate/projection */
        if (c->type == COR_CHART_LINE) {
            fprintf(out, "$C%zu << %s\n", s + 1, marker);
            const struct cor_chart_point *last = NULL;
            for (size_t i = 0; i < S->n; i++) {
                const struct cor_chart_point *p = &S->points[i];
                if (p->mark == COR_MARK_ACTUAL && !isinf(p->hi))
                    last = p;
                else if (last && p->mark != COR_MARK_ACTUAL) {
                    num(out, last->x);
                    fputc(' ', out);
                    num(out, last->y);
                    fputc('\n', out);
                    num(out, p->x);
                    fputc(' ', out);
                    num(out, p->y);
                    fputs("\n\n", out);
                }
            }
            fprintf(out, "%s\n", marker);
        }
        for (size_t i = 0; i < nl; i++)
            free(lines[i]);
        free(lines);
    }
}

static void plot_series(const struct cor_chart *c, size_t s, double arrow, FILE *out)
{
    const struct cor_chart_series *S = &c->series[s];
    const char *col = palette[s % NCOLOURS];
    char label[600], q[1300];
    cor_chart_quote(S->label, q, sizeof q);
    int line = c->type == COR_CHART_LINE;
    switch (c->type) {
    case COR_CHART_LINE:
    case COR_CHART_POINTS:
        /* actual figures: filled markers (joined on a line chart); a one-sided
         * figure is a bound, not a value: never on the line */
        fprintf(out, "     $S%zu using 1:($5==0 && $6==0 ? $2 : NaN) with %s lw 2 pt 7 ps 1.3 "
                     "lc rgb '%s' ",
                s + 1, line ? "linespoints" : "points", col);
        if (has_mark(S, 1))
            fprintf(out, "title '%s' noenhanced, \\\n", q);
        else
            fputs("notitle, \\\n", out);
        if (line)
            fprintf(out, "     $C%zu using 1:2 with lines dt 2 lw 2 lc rgb '%s' notitle, \\\n",
                    s + 1, col);
        if (has_mark(S, 2)) {
            snprintf(label, sizeof label, "%s: more than (lower bound)", S->label ? S->label : "");
            fprintf(out, "     $S%zu using ($1-0.08):($5==0 && $6>0 ? $3 : NaN) with points pt 9 ps 1.6 "
                         "lc rgb '%s' title ",
                    s + 1, col);
            qstr(out, label);
            fputs(" noenhanced, \\\n", out);
        }
        if (has_mark(S, 0)) {
            snprintf(label, sizeof label, "%s (estimate or plan)",
                     S->label ? S->label : "");
            fprintf(out, "     $S%zu using 1:($5>0 ? $2 : NaN) with points lw 2 pt 6 ps 1.6 "
                         "lc rgb '%s' title ",
                    s + 1, col);
            qstr(out, label);
            fputs(" noenhanced, \\\n", out);
        }
        break;
    case COR_CHART_BAR:
    case COR_CHART_GROUPED: {
        double w = c->type == COR_CHART_GROUPED ? 0.8 / (double)c->nseries : 0.7;
        fprintf(out, "     $S%zu using 1:($5==0 ? $2 : NaN):(%g) with boxes fs solid 0.85 "
                     "border lc rgb '%s' lc rgb '%s' title '%s' noenhanced, \\\n",
                s + 1, w, col, col, q);
        fprintf(out, "     $S%zu using 1:($5>0 ? $2 : NaN):(%g) with boxes fs pattern 4 "
                     "border lc rgb '%s' lc rgb '%s' notitle, \\\n",
                s + 1, w, col, col);
        break;
    }
    case COR_CHART_STACKED100:
        fprintf(out, "     $S%zu using 1:(($2+$3)/2):($1-0.35):($1+0.35):2:3 with boxxyerror "
                     "fs solid 0.85 border lc rgb '#ffffff' lc rgb '%s' title '%s' noenhanced, "
                     "\\\n",
                s + 1, col, q);
        return;
    }
    /* intervals: error bars; one-sided ("more than"): an arrow up from the bound */
    /* intervals: capped vertical bars (vectors draw no point, so nothing is blanked) */
    /* on a bar they are drawn dark, or they would vanish in the bar's colour */
    const char *ink = c->type == COR_CHART_BAR || c->type == COR_CHART_GROUPED ? "#222222" : col;
    fprintf(out, "     $S%zu using 1:($3==$3 && $4==$4 ? $3 : NaN):(0):($4-$3) with vectors "
                 "heads size screen 0.006,90 lw 1.5 lc rgb '%s' notitle, \\\n",
            s + 1, ink);
    fprintf(out, "     $S%zu using ($1-0.08):($6>0 ? $3 : NaN):(0):(", s + 1);
    num(out, arrow);
    fprintf(out, ") with vectors head filled size screen 0.01,25 lw 2 lc rgb '%s' notitle, "
                 "\\\n",
            col);
}

enum cor_status cor_chart_write(const struct cor_chart *c, enum cor_terminal t,
                                const char *output_name, FILE *out, struct cor_error *err)
{
    if (!output_name || output_name[0] == '|' || output_name[0] == '<')
        return cor_error_set(err, COR_EINVAL, NULL, 0, 0, "refusing output name '%s'",
                             output_name ? output_name : "");
    header(c, t, output_name, out);
    if (c->type == COR_CHART_LINE || c->type == COR_CHART_POINTS) {
        double xlo, xhi;
        x_range(c, &xlo, &xhi);
        fputs("set xtics 1 nomirror\n", out);
        set_range(out, 'x', xlo, xhi);
    } else {
        category_tics(c, out);
        if (c->type == COR_CHART_STACKED100)
            fputs("set ytics 0, 20, 100\n", out);
        fputs("set style fill solid 0.85 border -1\n", out);
    }
    datablocks(c, out);
    double lo, hi;
    y_range(c, &lo, &hi);
    fputs("plot \\\n", out);
    for (size_t s = 0; s < c->nseries; s++)
        plot_series(c, s, (hi - lo) * 0.07, out);
    fputs("     NaN notitle\n", out);
    return ferror(out) ? cor_error_set(err, COR_EIO, NULL, 0, 0, "write error") : COR_OK;
}
