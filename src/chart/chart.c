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

static const char *const type_names[] = {"line", "points", "bar", "grouped", "stacked"};

int cor_chart_type_lookup(const char *name)
{
    for (int i = 0; i < (int)(sizeof type_names / sizeof *type_names); i++)
        if (strcmp(type_names[i], name) == 0)
            return i;
    return -1;
}

const char *cor_chart_type_name(enum cor_chart_type t)
{
    return (unsigned)t < sizeof type_names / sizeof *type_names ? type_names[t] : "?";
}

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

static int is_bars(const struct cor_chart *c)
{
    return c->type != COR_CHART_LINE && c->type != COR_CHART_POINTS;
}

static int one_sided(const struct cor_chart_point *p)
{
    return isinf(p->hi) && p->hi > 0;
}

/* The legend entries of a line or points chart, one per kind of mark. */
enum entry {
    ENTRY_ESTIMATE,   /* estimate, projection or plan: hollow circle */
    ENTRY_ACTUAL,     /* an actual figure: filled, on the line */
    ENTRY_BOUND,      /* an actual "more than" figure: a triangle at the bound */
    ENTRY_STATEMENT,  /* a statement (status claim): a hollow diamond */
    ENTRY_COUNT
};

static enum entry entry_of(const struct cor_chart_point *p)
{
    switch (p->mark) {
    case COR_MARK_ACTUAL: return one_sided(p) ? ENTRY_BOUND : ENTRY_ACTUAL;
    case COR_MARK_STATEMENT: return ENTRY_STATEMENT;
    default: return ENTRY_ESTIMATE;
    }
}

static int has_entry(const struct cor_chart_series *S, enum entry e)
{
    for (size_t i = 0; i < S->n; i++)
        if (entry_of(&S->points[i]) == e)
            return 1;
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
    size_t entries = 0;   /* bars: a "more than" figure is an actual bar */
    for (size_t s = 0; s < c->nseries; s++)
        for (int e = 0; e < ENTRY_COUNT; e++)
            entries += has_entry(&c->series[s], (enum entry)e) &&
                       !(is_bars(c) && e == ENTRY_BOUND && has_entry(&c->series[s], ENTRY_ACTUAL));
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

/* A step of 1, 2, 2.5 or 5 times a power of ten that cuts `span` into about
 * `parts` intervals. */
static double nice_step(double span, double parts)
{
    double raw = span / parts, p = pow(10, floor(log10(raw))), f = raw / p;
    return p * (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10);
}

/* y tics at a round step, labelled with thousands separators (100,000),
 * whatever gnuplot's locale. */
static void y_tics(const struct cor_chart *c, double lo, double hi, FILE *out)
{
    double step = c->type == COR_CHART_STACKED100 ? 20 : nice_step(hi - lo, 6);
    int decimals = 0;   /* as many as the step has: 2.5 -> 1, 0.25 -> 2 */
    while (decimals < 12 && fabs(step * pow(10, decimals) - round(step * pow(10, decimals))) >
                                1e-6 * step * pow(10, decimals))
        decimals++;
    fputs("set ytics (", out);
    char label[64];
    int first = 1;
    for (double k = ceil(lo / step - 1e-9); k * step <= hi + step * 1e-9; k++) {
        double v = k * step;
        if (fabs(v) < step * 1e-9)
            v = 0;
        cor_num_format_grouped(v, decimals, label, sizeof label);
        fprintf(out, "%s'%s' ", first ? "" : ", ", label);
        num(out, v);
        first = 0;
    }
    fputs(")\n", out);
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
    if (is_bars(c)) {
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
            double top = one_sided(p) ? p->y + f->arrow : isfinite(p->hi) ? fmax(p->y, p->hi)
                                                                           : p->y;
            double bottom = isfinite(p->lo) ? fmin(p->y, p->lo) : p->y;
            /* a marker is about 16 pixels across; a bar stands on 0 */
            double half = 0.012;
            if (is_bars(c)) {
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

/* The terminal lines: the script renders on any of the three terminals,
 * chosen by the gnuplot variable `term` (default: the one it was written
 * for), into `outfile` ('-': standard output). */
static void terminals(const struct cor_chart *c, enum cor_terminal t, const char *output,
                      FILE *out)
{
    int w = c->width ? c->width : 1000, h = c->height ? c->height : 600;
    fputs("if (!exists(\"outfile\")) outfile = ", out);
    qstr(out, output);
    fprintf(out, "\nif (!exists(\"term\")) term = '%s'\n", cor_terminal_ext(t));
    fprintf(out, "if (term eq 'svg') {\n"
                 "    set terminal svg size %d,%d font 'Sans,11' noenhanced background "
                 "'#ffffff'\n"
                 "} else {\n"
                 "    if (term eq 'pdf') {\n"
                 "        set terminal pdfcairo size %.2fin,%.2fin font 'Sans,9' noenhanced\n"
                 "    } else {\n"
                 "        set terminal pngcairo size %d,%d font 'Sans,11' noenhanced\n"
                 "    }\n"
                 "}\n"
                 "if (outfile ne '-') {\n    set output outfile\n}\n",
            w, h, w / 100.0, h / 100.0, w, h);
}

static void header(const struct cor_chart *c, enum cor_terminal t, const char *output, FILE *out)
{
    fputs("# Generated by corridor. Data is inline; every label is single-quoted and\n"
          "# printed noenhanced. Render: gnuplot THIS_FILE (or gnuplot -e \"outfile='x'; "
          "term='svg'\" THIS_FILE; term is png, svg or pdf)\n",
          out);
    terminals(c, t, output, out);
    fputs("set encoding utf8\nset decimalsign '.'\n", out);
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
          "set grid ytics lc rgb '#e0e0e0' lt 1\n",
          out);
    fputs("set label 1 ", out);
    qstr(out, c->source);
    fputs(" at screen 0.01, screen 0.02 left font ',8' tc rgb '#444444' noenhanced\n", out);
    double lo, hi;
    y_range(c, &lo, &hi);
    double top = lo + (hi - lo) / (1 - band);   /* the data below the legend's band */
    set_range(out, 'y', lo, top);
    y_tics(c, lo, c->type == COR_CHART_STACKED100 ? hi : top, out);
    double xlo, xhi;
    x_range(c, &xlo, &xhi);
    struct frame f = {xlo, xhi, lo, top, (hi - lo) * 0.07, c->width ? c->width : 1000};
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

/* Where each point is drawn. Marks for the same period never sit on top
 * of each other: the k points that share an x (across series on line and
 * points charts; within a series' slot on bar charts) are spread side by
 * side, each bar taking 1/k of its slot. */
struct layout {
    double *x, *width;     /* per point, series after series */
    size_t *first;         /* index of each series' first point */
};

static void layout_fini(struct layout *l)
{
    free(l->x);
    free(l->width);
    free(l->first);
}

static enum cor_status layout_init(const struct cor_chart *c, struct layout *l)
{
    size_t total = 0;
    memset(l, 0, sizeof *l);
    l->first = calloc(c->nseries + 1, sizeof *l->first);
    for (size_t s = 0; l->first && s < c->nseries; s++) {
        l->first[s] = total;
        total += c->series[s].n;
    }
    l->x = calloc(total + 1, sizeof *l->x);
    l->width = calloc(total + 1, sizeof *l->width);
    if (!l->first || !l->x || !l->width) {
        layout_fini(l);
        return COR_ENOMEM;
    }
    int bars = is_bars(c), stacked = c->type == COR_CHART_STACKED100;
    double slot = c->type == COR_CHART_GROUPED ? 0.8 / (double)(c->nseries ? c->nseries : 1)
                  : stacked                      ? 0.7
                  : bars                         ? 0.7
                                                 : 0.64;
    for (size_t s = 0; s < c->nseries; s++)
        for (size_t i = 0; i < c->series[s].n; i++) {
            double x = c->series[s].points[i].x;
            /* the points sharing this x: on bars only within the series */
            size_t k = 0, rank = 0;
            for (size_t s2 = bars ? s : 0; s2 < (bars ? s + 1 : c->nseries); s2++)
                for (size_t j = 0; j < c->series[s2].n; j++)
                    if (c->series[s2].points[j].x == x) {
                        if (s2 < s || (s2 == s && j < i))
                            rank++;
                        k++;
                    }
            if (stacked)
                k = 1, rank = 0;   /* a stacked bar holds one figure a series */
            double centre = x;
            if (c->type == COR_CHART_GROUPED && c->nseries > 1)
                centre += slot * ((double)s - ((double)c->nseries - 1) / 2);
            double step = bars ? slot / (double)k : fmin(0.16, slot / (double)k);
            size_t at = l->first[s] + i;
            double x_at = k > 1 ? centre + step * ((double)rank - ((double)k - 1) / 2) : centre;
            l->x[at] = round(x_at * 1e6) / 1e6;   /* no 0.30000000000000004 in the script */
            l->width[at] = bars ? step : 0;
        }
    return COR_OK;
}

/* One datablock per series: x y lo hi mark up width (up: 1 for "more
 * than"). For stacked bars: x bottom top. */
static void datablocks(const struct cor_chart *c, const struct layout *l, FILE *out)
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
                lines[nl] = strdup("NaN NaN NaN NaN 0 0 0");
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
                num(mem, p->x);
                fputc(' ', mem);
                num(mem, p->y);
                fputc(' ', mem);
                num(mem, p->lo);
                fputc(' ', mem);
                num(mem, p->hi);
                fprintf(mem, " %d %d ", (int)p->mark, one_sided(p));
                num(mem, l->width[l->first[s] + i]);
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
            size_t last = (size_t)-1;
            for (size_t i = 0; i < S->n; i++) {
                const struct cor_chart_point *p = &S->points[i];
                if (p->mark == COR_MARK_ACTUAL && !one_sided(p))
                    last = i;
                else if (last != (size_t)-1 && p->mark != COR_MARK_ACTUAL &&
                         p->mark != COR_MARK_STATEMENT) {
                    num(out, S->points[last].x);
                    fputc(' ', out);
                    num(out, S->points[last].y);
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

/* A legend entry "LABEL: WHAT" (or "WHAT" without a label). */
static void titled(FILE *out, const char *label, const char *what)
{
    char buf[700];
    snprintf(buf, sizeof buf, "%s%s", label ? label : "", what);
    fputs("title ", out);
    qstr(out, buf);
    fputs(" noenhanced, \\\n", out);
}

static void plot_series(const struct cor_chart *c, size_t s, double arrow, FILE *out)
{
    const struct cor_chart_series *S = &c->series[s];
    const char *col = palette[s % NCOLOURS];
    int line = c->type == COR_CHART_LINE;
    switch (c->type) {
    case COR_CHART_LINE:
    case COR_CHART_POINTS:
        /* actual figures: filled markers (joined on a line chart); a one-sided
         * figure is a bound, not a value: never on the line */
        fprintf(out, "     $S%zu using 1:($5==0 && $6==0 ? $2 : NaN) with %s lw 2 pt 7 ps 1.3 "
                     "lc rgb '%s' ",
                s + 1, line ? "linespoints" : "points", col);
        if (has_entry(S, ENTRY_ACTUAL))
            titled(out, S->label, "");
        else
            fputs("notitle, \\\n", out);
        if (line)
            fprintf(out, "     $C%zu using 1:2 with lines dt 2 lw 2 lc rgb '%s' notitle, \\\n",
                    s + 1, col);
        if (has_entry(S, ENTRY_BOUND)) {
            fprintf(out, "     $S%zu using 1:($5==0 && $6>0 ? $3 : NaN) with points pt 9 "
                         "ps 1.6 lc rgb '%s' ",
                    s + 1, col);
            titled(out, S->label, ": more than (lower bound)");
        }
        if (has_entry(S, ENTRY_ESTIMATE)) {
            fprintf(out, "     $S%zu using 1:(($5==1 || $5==2) ? $2 : NaN) with points lw 2 "
                         "pt 6 ps 1.6 lc rgb '%s' ",
                    s + 1, col);
            titled(out, S->label, " (estimate or plan)");
        }
        if (has_entry(S, ENTRY_STATEMENT)) {
            fprintf(out, "     $S%zu using 1:($5==3 ? ($6>0 ? $3 : $2) : NaN) with points "
                         "lw 2 pt 12 ps 1.8 lc rgb '%s' ",
                    s + 1, col);
            titled(out, S->label, " (a statement, not a measurement)");
        }
        break;
    case COR_CHART_BAR:
    case COR_CHART_GROUPED:
        /* actual figures solid; estimates and plans hatched; statements
         * hatched the other way; a legend entry for each that occurs */
        fprintf(out, "     $S%zu using 1:($5==0 ? $2 : NaN):7 with boxes fs solid 0.85 "
                     "border lc rgb '%s' lc rgb '%s' ",
                s + 1, col, col);
        if (has_entry(S, ENTRY_ACTUAL) || has_entry(S, ENTRY_BOUND))
            titled(out, S->label, "");
        else
            fputs("notitle, \\\n", out);
        if (has_entry(S, ENTRY_ESTIMATE)) {
            fprintf(out, "     $S%zu using 1:(($5==1 || $5==2) ? $2 : NaN):7 with boxes fs "
                         "pattern 4 border lc rgb '%s' lc rgb '%s' ",
                    s + 1, col, col);
            titled(out, S->label, " (estimate or plan)");
        }
        if (has_entry(S, ENTRY_STATEMENT)) {
            fprintf(out, "     $S%zu using 1:($5==3 ? $2 : NaN):7 with boxes fs pattern 5 "
                         "border lc rgb '%s' lc rgb '%s' ",
                    s + 1, col, col);
            titled(out, S->label, " (a statement, not a measurement)");
        }
        break;
    case COR_CHART_STACKED100:
        fprintf(out, "     $S%zu using 1:(($2+$3)/2):($1-0.35):($1+0.35):2:3 with boxxyerror "
                     "fs solid 0.85 border lc rgb '#ffffff' lc rgb '%s' ",
                s + 1, col);
        titled(out, S->label, "");
        return;
    }
    /* intervals: capped vertical bars (vectors draw no point, so nothing is
     * blanked); on a bar they are drawn dark, or they would vanish in the
     * bar's colour. One-sided ("more than"): an arrow up from the bound. */
    const char *ink = is_bars(c) ? "#222222" : col;
    fprintf(out, "     $S%zu using 1:($3==$3 && $4==$4 ? $3 : NaN):(0):($4-$3) with vectors "
                 "heads size screen 0.006,90 lw 1.5 lc rgb '%s' notitle, \\\n",
            s + 1, ink);
    fprintf(out, "     $S%zu using 1:($6>0 ? $3 : NaN):(0):(", s + 1);
    num(out, arrow);
    fprintf(out, ") with vectors head filled size screen 0.01,25 lw 2 lc rgb '%s' notitle, "
                 "\\\n",
            col);
}

/* A copy of the chart with every point at its x as laid out. */
static enum cor_status laid_out(const struct cor_chart *c, const struct layout *l,
                                struct cor_chart *drawn, struct cor_chart_series **series,
                                struct cor_chart_point **points)
{
    size_t total = l->first[c->nseries ? c->nseries - 1 : 0] +
                   (c->nseries ? c->series[c->nseries - 1].n : 0);
    *series = calloc(c->nseries + 1, sizeof **series);
    *points = calloc(total + 1, sizeof **points);
    if (!*series || !*points)
        return COR_ENOMEM;
    *drawn = *c;
    for (size_t s = 0; s < c->nseries; s++) {
        (*series)[s] = c->series[s];
        (*series)[s].points = *points + l->first[s];
        for (size_t i = 0; i < c->series[s].n; i++) {
            (*points)[l->first[s] + i] = c->series[s].points[i];
            (*points)[l->first[s] + i].x = l->x[l->first[s] + i];
        }
    }
    drawn->series = *series;
    return COR_OK;
}

enum cor_status cor_chart_write(const struct cor_chart *c, enum cor_terminal t,
                                const char *output_name, FILE *out, struct cor_error *err)
{
    if (!output_name || output_name[0] == '|' || output_name[0] == '<')
        return cor_error_set(err, COR_EINVAL, NULL, 0, 0, "refusing output name '%s'",
                             output_name ? output_name : "");
    struct layout l;
    struct cor_chart drawn;
    struct cor_chart_series *series = NULL;
    struct cor_chart_point *points = NULL;
    if (layout_init(c, &l) != COR_OK)
        return cor_error_set(err, COR_ENOMEM, NULL, 0, 0, "out of memory");
    if (laid_out(c, &l, &drawn, &series, &points) != COR_OK) {
        layout_fini(&l);
        free(series);
        free(points);
        return cor_error_set(err, COR_ENOMEM, NULL, 0, 0, "out of memory");
    }
    /* from here on, the points where they are drawn */
    c = &drawn;
    header(c, t, output_name, out);
    if (!is_bars(c)) {
        double xlo, xhi;
        x_range(c, &xlo, &xhi);
        double span = xhi - xlo;
        fprintf(out, "set xtics %g nomirror\n", span <= 16 ? 1 : nice_step(span, 10));
        set_range(out, 'x', xlo, xhi);
    } else {
        category_tics(c, out);
        fputs("set style fill solid 0.85 border -1\n", out);
    }
    datablocks(c, &l, out);
    double lo, hi;
    y_range(c, &lo, &hi);
    fputs("plot \\\n", out);
    for (size_t s = 0; s < c->nseries; s++)
        plot_series(c, s, (hi - lo) * 0.07, out);
    fputs("     NaN notitle\n", out);
    layout_fini(&l);
    free(series);
    free(points);
    return ferror(out) ? cor_error_set(err, COR_EIO, NULL, 0, 0, "write error") : COR_OK;
}
