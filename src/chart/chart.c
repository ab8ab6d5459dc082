/* Charts as gnuplot scripts. Data text never becomes code: see chart.h. */
#define _POSIX_C_SOURCE 200809L

#include "corridor/chart.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "corridor/names.h"
#include "corridor/num.h"
#include "corridor/utf8.h"

/* 20 colours that tell series apart (the first eight as before); line and
 * points charts repeat them with another marker shape (filled, then its
 * hollow twin for estimates), so every series has its own look. */
static const char *const palette[] = {
    "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2",
    "#17becf", "#7f7f7f", "#bcbd22", "#393b79", "#e7ba52", "#2d6a4f", "#843c39",
    "#ff9896", "#7b4173", "#aec7e8", "#98df8a", "#c49c94", "#000000"};
#define NCOLOURS (sizeof palette / sizeof *palette)
static const struct {
    int filled, hollow;
} shapes[] = {{7, 6}, {5, 4}, {11, 10}, {15, 14}};   /* circle, square, triangle down, pentagon */
#define NSHAPES (sizeof shapes / sizeof *shapes)

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

size_t cor_chart_max_series(enum cor_chart_type t)
{
    return t == COR_CHART_LINE || t == COR_CHART_POINTS ? NCOLOURS * NSHAPES : NCOLOURS;
}

int cor_chart_shorten(const char *s, size_t max, char *buf, size_t n)
{
    static const char ellipsis[] = "\xE2\x80\xA6";   /* U+2026 */
    size_t len = s ? strlen(s) : 0, chars = 0, cut = 0, i = 0;
    if (n == 0)
        return 0;
    /* count characters; remember where the (max - 1)th ends */
    for (size_t step; i < len; i += step) {
        uint32_t cp;
        step = cor_utf8_next(s + i, len - i, &cp);
        if (chars == (max ? max - 1 : 0))
            cut = i;
        chars++;
    }
    int shorten = max > 0 && chars > max;
    size_t keep = shorten ? cut : len;
    while (shorten && keep > 0 && s[keep - 1] == ' ')
        keep--;   /* no space before the ellipsis */
    if (keep + (shorten ? sizeof ellipsis : 1) > n)
        keep = n > sizeof ellipsis ? n - sizeof ellipsis : 0;
    /* never cut inside a character */
    while (keep > 0 && ((unsigned char)s[keep] & 0xC0) == 0x80)
        keep--;
    memcpy(buf, s ? s : "", keep);
    buf[keep] = '\0';
    if (shorten && keep + sizeof ellipsis <= n)
        strcat(buf, ellipsis);
    return shorten;
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

static int hollow(enum cor_mark m)
{
    return m == COR_MARK_ESTIMATE || m == COR_MARK_PROJECTED || m == COR_MARK_PLANNED;
}

/* 1 if a line joins the mark: an actual value (solid), an estimate, a
 * projection or a plan (dashed); a bound or a statement stands alone. */
static int joined(const struct cor_chart *c, const struct cor_chart_point *p)
{
    return c->type == COR_CHART_LINE &&
           ((p->mark == COR_MARK_ACTUAL && !one_sided(p)) || hollow(p->mark));
}

/* The legend entries of a series, one per kind of mark. */
enum entry {
    ENTRY_ESTIMATE,   /* estimate, projection or plan: hollow marker */
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

static int has_mark(const struct cor_chart_series *S, enum cor_mark m)
{
    for (size_t i = 0; i < S->n; i++)
        if (S->points[i].mark == m)
            return 1;
    return 0;
}

/* 1 if an entry of series S shows in the legend (on bars a "more than"
 * figure is an actual bar). */
static int shown_entry(const struct cor_chart *c, const struct cor_chart_series *S, enum entry e)
{
    if (c->type == COR_CHART_STACKED100)
        return e == ENTRY_ACTUAL;
    if (is_bars(c) && e == ENTRY_BOUND)
        return 0;
    if (is_bars(c) && e == ENTRY_ACTUAL)
        return has_entry(S, ENTRY_ACTUAL) || has_entry(S, ENTRY_BOUND);
    return has_entry(S, e);
}

static size_t legend_entries(const struct cor_chart *c)
{
    size_t n = 0;
    for (size_t s = 0; s < c->nseries; s++)
        for (int e = 0; e < ENTRY_COUNT; e++)
            n += (size_t)shown_entry(c, &c->series[s], (enum entry)e);
    return n;
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

/* The image, the legend and the plot's ranges: worked out once, before any
 * line of the script. The legend holds up to six entries inside, top left,
 * in a band of the height left empty above the data; more (and 100%
 * stacked bars) go outside, right, in one column or, when they would not
 * fit the height, two, with the image made taller and the labels shorter:
 * gnuplot drops a legend it cannot fit, so this never asks it to. */
struct frame {
    int width, height;     /* pixels */
    size_t entries;
    int inside;            /* the legend inside, top left */
    size_t key_rows;       /* an outside legend's rows (0: one column, as gnuplot likes) */
    size_t label_chars;    /* legend labels shortened to this */
    double band;           /* fraction of the plot height the legend's band takes */
    double xlo, xhi, ylo, yhi;   /* ranges (yhi above the band) */
    double data_hi;        /* the data's top, under the band */
    double arrow;          /* length of a "more than" arrow, in y units */
};

/* Pixels a legend line takes at the legend's 10 points, spacing 1.2. */
#define KEY_LINE_PX 18
/* Pixels of the image that are not legend rows: title, margins, labels. */
#define KEY_FRAME_PX 170

static void frame_init(const struct cor_chart *c, struct frame *f)
{
    memset(f, 0, sizeof *f);
    f->width = c->width ? c->width : 1000;
    f->height = c->height ? c->height : 600;
    f->entries = legend_entries(c);
    f->inside = c->type != COR_CHART_STACKED100 && f->entries <= 6;
    f->label_chars = COR_CHART_LABEL_CHARS;
    if (!f->inside) {
        size_t rows = (size_t)(f->height - KEY_FRAME_PX) / KEY_LINE_PX;
        if (f->entries > rows) {
            /* two columns of shorter labels, and as tall as they need */
            f->key_rows = (f->entries + 1) / 2;
            f->label_chars = 28;
            int need = (int)(f->key_rows * KEY_LINE_PX) + KEY_FRAME_PX;
            if (need > f->height)
                f->height = need;
        }
    }
    f->band = f->inside ? 0.05 + 0.045 * (double)f->entries : 0;
    double lo, hi;
    y_range(c, &lo, &hi);
    f->ylo = lo;
    f->data_hi = hi;
    f->yhi = lo + (hi - lo) / (1 - f->band);
    f->arrow = (hi - lo) * 0.07;
    x_range(c, &f->xlo, &f->xhi);
}

size_t cor_chart_label_chars(const struct cor_chart *c)
{
    struct frame f;
    frame_init(c, &f);
    return f.label_chars;
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

/* How far a mark reaches in y: its interval, or a "more than" arrow. */
static void extent(const struct frame *f, const struct cor_chart_point *p, double *bottom,
                   double *top)
{
    *top = one_sided(p) ? p->y + f->arrow : isfinite(p->hi) ? fmax(p->y, p->hi) : p->y;
    *bottom = isfinite(p->lo) ? fmin(p->y, p->lo) : p->y;
}

/* A box of the plot, in fractions of its width and height. */
struct box {
    double x0, x1, y0, y1;
};

/* 1 if no marker or interval of the chart falls in the box, nor a box
 * already taken (another threshold's label). */
static int box_clear(const struct cor_chart *c, const struct frame *f, const struct box *b,
                     const struct box *taken, size_t ntaken)
{
    for (size_t k = 0; k < ntaken; k++)
        if (b->x0 <= taken[k].x1 && b->x1 >= taken[k].x0 && b->y0 <= taken[k].y1 &&
            b->y1 >= taken[k].y0)
            return 0;
    for (size_t s = 0; s < c->nseries; s++)
        for (size_t i = 0; i < c->series[s].n; i++) {
            const struct cor_chart_point *p = &c->series[s].points[i];
            double bottom, top;
            extent(f, p, &bottom, &top);
            /* a marker is about 16 pixels across; a bar stands on 0 */
            double half = 0.012;
            if (is_bars(c)) {
                bottom = fmin(bottom, 0);
                half = 0.4 / (f->xhi - f->xlo);
            }
            double gx = (p->x - f->xlo) / (f->xhi - f->xlo);
            double gb = (bottom - f->ylo) / (f->yhi - f->ylo);
            double gt = (top - f->ylo) / (f->yhi - f->ylo);
            if (gx + half >= b->x0 && gx - half <= b->x1 && gt + 0.025 >= b->y0 &&
                gb - 0.025 <= b->y1)
                return 0;
        }
    return 1;
}

/* Where a threshold's label goes: above its line at the left, right or
 * middle, else below it, whichever first holds no data and no other
 * threshold's label; left above if none does. */
struct place {
    const char *at, *align;
    int above;
};

static const struct place *threshold_place(const struct cor_chart *c,
                                           const struct cor_chart_threshold *t,
                                           const struct frame *f, struct box *taken,
                                           size_t *ntaken)
{
    static const struct place places[] = {
        {"0.01", "left", 1},  {"0.99", "right", 1},  {"0.5", "center", 1},
        {"0.01", "left", 0},  {"0.99", "right", 0},  {"0.5", "center", 0},
    };
    /* about 6.5 pixels a character at the labels' 9 points; the plot is
     * the width less about 120 pixels of margins */
    double w = 6.5 * (double)strlen(t->label ? t->label : "") / fmax(f->width - 120, 200);
    double gy = (t->y - f->ylo) / (f->yhi - f->ylo);
    const struct place *chosen = &places[0];
    struct box b = {0};
    for (size_t i = 0; i < sizeof places / sizeof *places; i++) {
        const struct place *p = &places[i];
        double x0 = p->align[0] == 'l' ? 0.01 : p->align[0] == 'r' ? 0.99 - w : 0.5 - w / 2;
        b = (struct box){x0, x0 + w, p->above ? gy : gy - 0.05, p->above ? gy + 0.05 : gy};
        if (box_clear(c, f, &b, taken, *ntaken)) {
            chosen = p;
            break;
        }
        if (i == 0)
            chosen = p;
    }
    if (chosen == &places[0])
        b = (struct box){0.01, 0.01 + w, gy, gy + 0.05};
    taken[(*ntaken)++] = b;
    return chosen;
}

/* The terminal lines: the script renders on any of the three terminals,
 * chosen by the gnuplot variable `term` (default: the one it was written
 * for), into `outfile` ('-': standard output). */
static void terminals(const struct frame *f, enum cor_terminal t, const char *output, FILE *out)
{
    int w = f->width, h = f->height;
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

static void header(const struct cor_chart *c, const struct frame *f, enum cor_terminal t,
                   const char *output, FILE *out)
{
    fputs("# Generated by corridor. Data is inline; every label is single-quoted and\n"
          "# printed noenhanced. Render: gnuplot THIS_FILE (or gnuplot -e \"outfile='x'; "
          "term='svg'\" THIS_FILE; term is png, svg or pdf)\n",
          out);
    terminals(f, t, output, out);
    fputs("set encoding utf8\nset decimalsign '.'\n", out);
    fputs("set title ", out);
    qstr(out, c->title);
    fputs(" noenhanced font ',13'\nset xlabel ", out);
    qstr(out, c->xlabel);
    fputs(" noenhanced\nset ylabel ", out);
    qstr(out, c->ylabel);
    fputs(" noenhanced\n", out);
    fprintf(out, "set key %s top vertical Left reverse noenhanced samplen 2 spacing 1.2 "
                 "font ',10'%s",
            f->inside ? "inside left" : "outside right", f->inside ? " opaque" : "");
    if (f->key_rows)
        fprintf(out, " maxrows %zu", f->key_rows);
    fputs("\nset bmargin 5\nset border 3\nset tics nomirror\n"
          "set grid ytics lc rgb '#e0e0e0' lt 1\n",
          out);
    /* the source line at 10 points: legible when the page scales the chart down */
    fputs("set label 1 ", out);
    qstr(out, c->source);
    fputs(" at screen 0.01, screen 0.02 left font ',10' tc rgb '#444444' noenhanced\n", out);
    set_range(out, 'y', f->ylo, f->yhi);
    y_tics(c, f->ylo, c->type == COR_CHART_STACKED100 ? f->data_hi : f->yhi, out);
    struct box *taken = calloc(c->nthresholds + 1, sizeof *taken);
    size_t ntaken = 0;
    for (size_t i = 0; i < c->nthresholds; i++) {
        fprintf(out, "set arrow %zu from graph 0, first ", i + 1);
        num(out, c->thresholds[i].y);
        fputs(" to graph 1, first ", out);
        num(out, c->thresholds[i].y);
        fputs(" nohead dt 3 lw 1.5 lc rgb '#555555' back\n", out);
        struct box scratch[1];
        const struct place *pl = threshold_place(c, &c->thresholds[i], f, taken ? taken : scratch,
                                                 taken ? &ntaken : &(size_t){0});
        fprintf(out, "set label %zu ", i + 2);
        qstr(out, c->thresholds[i].label);
        fprintf(out, " at graph %s, first ", pl->at);
        num(out, c->thresholds[i].y);
        fprintf(out, " offset 0,%s %s font ',9' tc rgb '#333333' noenhanced\n",
                pl->above ? "0.7" : "-0.8", pl->align);
    }
    free(taken);
}

/* 1 if every category label is a whole number (years). */
static int integer_categories(const struct cor_chart *c)
{
    for (size_t i = 0; i < c->ncategories; i++) {
        const char *s = c->categories[i] ? c->categories[i] : "";
        if (!*s || strspn(s, "0123456789") != strlen(s) || strlen(s) > 9)
            return 0;
    }
    return c->ncategories > 0;
}

/* x labels of bar charts, each quoted (gnuplot reads a tic label as a
 * format for the tic's value, so a % from data is written %%). Labels that
 * would overlap are thinned: years to every 2nd, 5th, 10th... (those
 * divisible by it), other labels turned by 45 degrees and thinned to one
 * in k; an unlabelled category keeps its tic. */
static void category_tics(const struct cor_chart *c, const struct frame *f, FILE *out)
{
    size_t longest = 0;
    char **shown = calloc(c->ncategories + 1, sizeof *shown);
    for (size_t i = 0; shown && i < c->ncategories; i++) {
        const char *s = c->categories[i] ? c->categories[i] : "";
        char buf[4 * COR_CHART_TIC_CHARS + 8];
        cor_chart_shorten(s, COR_CHART_TIC_CHARS, buf, sizeof buf);
        size_t chars = 0;
        for (const char *p = buf; *p; p++)
            chars += ((unsigned char)*p & 0xC0) != 0x80;
        longest = chars > longest ? chars : longest;
        shown[i] = malloc(2 * strlen(buf) + 1);
        size_t k = 0;
        for (const char *p = buf; shown[i] && *p; p++) {
            if (*p == '%')
                shown[i][k++] = '%';
            shown[i][k++] = *p;
        }
        if (shown[i])
            shown[i][k] = '\0';
    }
    /* the plot is about the width less 200 pixels; a character about 7 */
    double avail = fmax((double)f->width - 200 - (f->inside ? 0 : 300), 300);
    double flat = (double)longest * 7 + 14;
    size_t n = c->ncategories, every = 1;
    int years = integer_categories(c), turned = 0;
    if ((double)n * flat > avail) {
        if (years || longest <= 4) {
            static const size_t steps[] = {2, 5, 10, 20, 50, 100, 200, 500, 1000};
            for (size_t k = 0; k < sizeof steps / sizeof *steps; k++) {
                every = steps[k];
                if ((double)n / (double)every * flat <= avail)
                    break;
            }
        } else {
            turned = 1;   /* a turned label takes about 20 pixels of width */
            every = (size_t)ceil((double)n * 20 / avail);
        }
    }
    fputs("set xtics (", out);
    for (size_t i = 0; i < n; i++) {
        int labelled = years ? strtol(c->categories[i], NULL, 10) % (long)every == 0
                             : i % every == 0;
        fputs(i ? ", " : "", out);
        qstr(out, labelled && shown && shown[i] ? shown[i] : "");
        fprintf(out, " %zu", i);
    }
    if (turned)
        fputs(") noenhanced rotate by 45 right\n", out);
    else
        fputs(") noenhanced\n", out);
    if (turned)   /* room for the turned labels: about 5 pixels a character, 14 a line */
        fprintf(out, "set bmargin %d\n", 5 + (int)ceil((double)longest * 5 / 14));
    fprintf(out, "set xrange [-0.6:%zu.6]\n", n ? n - 1 : 0);
    for (size_t i = 0; shown && i < n; i++)
        free(shown[i]);
    free(shown);
}

/* Where each point is drawn.
 * Bars: the series present in a category stand side by side, centred on
 * it (a category where only some series have a figure keeps its bars in
 * the middle); several figures of one series share its bar's width.
 * Marks (line, points): a mark moves only when it would cover another one
 * of the same x: their markers (about 16 pixels) or intervals overlap. The
 * marks of such a cluster move by a marker's width: on a line chart the
 * first mark a line joins stays at its x, other joined marks go left and
 * bounds and statements right (the dashed line of a projection ends at its
 * true x and never crosses them); on a points chart they spread around x. */
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

struct mark_ref {
    size_t at;             /* index in the layout */
    double x, y, bottom, top;   /* the mark, and its extent with intervals, in y units */
    int joined, filled, interval;
    size_t group;          /* its cluster (union-find parent) */
};

static int mark_order(const void *a, const void *b)
{
    const struct mark_ref *p = a, *q = b;
    if (p->x != q->x)
        return p->x < q->x ? -1 : 1;
    return p->at < q->at ? -1 : p->at > q->at;
}

/* Joined marks first, then the others; each in series order. */
static int cluster_order(const void *a, const void *b)
{
    const struct mark_ref *p = a, *q = b;
    if (p->group != q->group)
        return p->group < q->group ? -1 : 1;
    if (p->joined != q->joined)
        return p->joined ? -1 : 1;
    return p->at < q->at ? -1 : p->at > q->at;
}

/* 1 if two marks of the same x would cover each other. Two marks on lines
 * (each passing through its true x) move only when one would hide the
 * other: filled markers at almost the same value, or intervals that
 * overlap (a hollow marker hides nothing); a bound's triangle and arrow, a
 * statement or an interval move off anything they touch. */
static int collides(const struct mark_ref *a, const struct mark_ref *b, double span)
{
    if (a->joined && b->joined && !a->interval && !b->interval)
        return a->filled && b->filled && fabs(a->y - b->y) < 0.015 * span;
    return a->bottom <= b->top && b->bottom <= a->top;
}

static size_t root(struct mark_ref *m, size_t i)
{
    while (m[i].group != i)
        i = m[i].group = m[m[i].group].group;
    return i;
}

static enum cor_status nudge_marks(const struct cor_chart *c, const struct frame *f,
                                   struct layout *l, size_t total)
{
    struct mark_ref *m = calloc(total + 1, sizeof *m);
    if (!m)
        return COR_ENOMEM;
    double span = f->yhi - f->ylo, half = 0.015 * span;   /* a marker's half height */
    size_t n = 0;
    for (size_t s = 0; s < c->nseries; s++)
        for (size_t i = 0; i < c->series[s].n; i++) {
            const struct cor_chart_point *p = &c->series[s].points[i];
            double bottom, top;
            extent(f, p, &bottom, &top);
            size_t at = l->first[s] + i;
            m[n] = (struct mark_ref){at,
                                     p->x,
                                     p->y,
                                     bottom - half,
                                     top + half,
                                     joined(c, p),
                                     p->mark == COR_MARK_ACTUAL,
                                     isfinite(p->lo) || isfinite(p->hi),
                                     0};
            n++;
            l->x[at] = p->x;
        }
    qsort(m, n, sizeof *m, mark_order);
    for (size_t i = 0; i < n; i++)
        m[i].group = i;
    /* clusters: marks of one x joined by collisions */
    for (size_t a = 0; a < n;) {
        size_t b = a;
        while (b < n && m[b].x == m[a].x)
            b++;
        for (size_t i = a; i < b; i++)
            for (size_t j = i + 1; j < b; j++)
                if (collides(&m[i], &m[j], span)) {
                    size_t ri = root(m, i), rj = root(m, j);
                    if (ri != rj)
                        m[ri > rj ? ri : rj].group = ri < rj ? ri : rj;
                }
        a = b;
    }
    for (size_t i = 0; i < n; i++)
        m[i].group = root(m, i);
    qsort(m, n, sizeof *m, cluster_order);
    /* a marker's width: about 16 pixels of a plot about 0.75 of the image wide */
    double marker = 16.0 / (0.75 * f->width) * (f->xhi - f->xlo);
    for (size_t a = 0; a < n;) {
        size_t b = a + 1;
        while (b < n && m[b].group == m[a].group)
            b++;
        size_t k = b - a;
        if (k > 1) {
            double step = fmin(marker, 0.8 / (double)k);
            size_t nj = 0;
            while (nj < k && m[a + nj].joined)
                nj++;
            for (size_t j = 0; j < k; j++) {
                double off;
                if (nj == 0)
                    off = step * ((double)j - ((double)k - 1) / 2);
                else if (j < nj)
                    off = -step * (double)j;
                else
                    off = step * (double)(j - nj + 1);
                l->x[m[a + j].at] = round((m[a + j].x + off) * 1e6) / 1e6;
            }
        }
        a = b;
    }
    free(m);
    return COR_OK;
}

static enum cor_status layout_init(const struct cor_chart *c, const struct frame *f,
                                   struct layout *l)
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
    if (!is_bars(c)) {
        enum cor_status st = nudge_marks(c, f, l, total);
        if (st != COR_OK)
            layout_fini(l);
        return st;
    }
    int grouped = c->type == COR_CHART_GROUPED, stacked = c->type == COR_CHART_STACKED100;
    double slot = grouped ? 0.8 / (double)(c->nseries ? c->nseries : 1) : 0.7;
    for (size_t s = 0; s < c->nseries; s++)
        for (size_t i = 0; i < c->series[s].n; i++) {
            double x = c->series[s].points[i].x;
            /* the figures of this series at x, and this one's rank among them */
            size_t k = 0, rank = 0;
            for (size_t j = 0; j < c->series[s].n; j++)
                if (c->series[s].points[j].x == x) {
                    rank += j < i;
                    k++;
                }
            if (stacked)
                k = 1, rank = 0;   /* a stacked bar holds one figure a series */
            double centre = x;
            if (grouped) {
                /* the series present at x, centred on it */
                size_t present = 0, before = 0;
                for (size_t s2 = 0; s2 < c->nseries; s2++)
                    for (size_t j = 0; j < c->series[s2].n; j++)
                        if (c->series[s2].points[j].x == x) {
                            present++;
                            before += s2 < s;
                            break;
                        }
                centre += slot * ((double)before - ((double)present - 1) / 2);
            }
            double step = slot / (double)k;
            size_t at = l->first[s] + i;
            double x_at = k > 1 ? centre + step * ((double)rank - ((double)k - 1) / 2) : centre;
            l->x[at] = round(x_at * 1e6) / 1e6;   /* no 0.30000000000000004 in the script */
            l->width[at] = step;
        }
    return COR_OK;
}

/* The dashed segments of a line chart's series: from each estimate,
 * projection or plan back to the joined figure before it (an actual one
 * preferred), at the true x. Written to out (if not NULL); returns how
 * many. */
static size_t connectors(const struct cor_chart *c, const struct cor_chart_series *S, FILE *out)
{
    size_t n = 0;
    if (c->type != COR_CHART_LINE)
        return 0;
    for (size_t i = 0; i < S->n; i++) {
        const struct cor_chart_point *p = &S->points[i], *prev = NULL;
        if (!hollow(p->mark))
            continue;
        for (size_t j = 0; j < S->n; j++) {
            const struct cor_chart_point *q = &S->points[j];
            if (!joined(c, q) || !(q->x < p->x))
                continue;
            if (!prev || q->x > prev->x ||
                (q->x == prev->x && q->mark == COR_MARK_ACTUAL && prev->mark != COR_MARK_ACTUAL))
                prev = q;
        }
        if (!prev)
            continue;
        n++;
        if (!out)
            continue;
        for (int end = 0; end < 2; end++) {   /* "x y" of its two ends, then a blank line */
            const struct cor_chart_point *q = end ? p : prev;
            num(out, q->x);
            fputc(' ', out);
            num(out, q->y);
            fputs(end ? "\n\n" : "\n", out);
        }
    }
    return n;
}

/* One datablock per series: x y lo hi mark up width xtrue (x: where the
 * mark is drawn; xtrue: its period, where lines pass; up: 1 for "more
 * than"). For stacked bars: x bottom top. Then, on line charts, the dashed
 * segments ($C) from each estimate, projection or plan back to the joined
 * figure before it (actual or not), at the true x. */
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
                lines[nl] = strdup("NaN NaN NaN NaN 0 0 0 NaN");
                if (lines[nl])
                    nl++;
            }
            FILE *mem = fmemopen(line, sizeof line, "w");
            if (!mem)
                break;
            double x = l->x[l->first[s] + i];
            if (c->type == COR_CHART_STACKED100) {
                double total = 0, below = 0;
                for (size_t k = 0; k < c->nseries; k++)
                    for (size_t j = 0; j < c->series[k].n; j++)
                        if (c->series[k].points[j].x == p->x && isfinite(c->series[k].points[j].y)) {
                            total += c->series[k].points[j].y;
                            if (k < s)
                                below += c->series[k].points[j].y;
                        }
                num(mem, x);
                fputc(' ', mem);
                num(mem, total > 0 ? 100 * below / total : NAN);
                fputc(' ', mem);
                num(mem, total > 0 ? 100 * (below + p->y) / total : NAN);
            } else {
                num(mem, x);
                fputc(' ', mem);
                num(mem, p->y);
                fputc(' ', mem);
                num(mem, p->lo);
                fputc(' ', mem);
                num(mem, p->hi);
                fprintf(mem, " %d %d ", (int)p->mark, one_sided(p));
                num(mem, l->width[l->first[s] + i]);
                fputc(' ', mem);
                num(mem, p->x);
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
        if (connectors(c, S, NULL)) {
            fprintf(out, "$C%zu << %s\n", s + 1, marker);
            connectors(c, S, out);
            fprintf(out, "%s\n", marker);
        }
        for (size_t i = 0; i < nl; i++)
            free(lines[i]);
        free(lines);
    }
}

/* " (estimate)", " (projection or plan)": the kinds of hollow marks of a
 * series, each left out when the label already says it ("plan"). */
static void hollow_words(const struct cor_chart_series *S, char *buf, size_t n)
{
    static const struct {
        enum cor_mark m;
        const char *word, *stem;
    } kinds[] = {{COR_MARK_ESTIMATE, "estimate", "estimat"},
                 {COR_MARK_PROJECTED, "projection", "project"},
                 {COR_MARK_PLANNED, "plan", "plan"}};
    size_t k = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++) {
        if (!has_mark(S, kinds[i].m))
            continue;
        int said = 0;
        const char *l = S->label ? S->label : "";
        for (size_t a = 0; l[a] && !said; a++) {
            size_t b = 0;
            while (kinds[i].stem[b] && (l[a + b] | 0x20) == kinds[i].stem[b])
                b++;
            said = kinds[i].stem[b] == '\0';
        }
        if (said)
            continue;
        k += (size_t)snprintf(buf + k, k < n ? n - k : 0, "%s%s", k ? " or " : " (",
                              kinds[i].word);
    }
    if (k && k + 2 <= n)
        strcat(buf, ")");
}

/* A legend entry: "title 'LABEL WHAT'", the label shortened to fit. */
static void titled(FILE *out, const struct frame *f, const char *label, const char *what)
{
    char shortened[4 * COR_CHART_LABEL_CHARS + 8], buf[700];
    cor_chart_shorten(label ? label : "", f->label_chars, shortened, sizeof shortened);
    snprintf(buf, sizeof buf, "%s%s", shortened, what);
    fputs("title ", out);
    qstr(out, buf);
    fputs(" noenhanced, \\\n", out);
}

static void plot_series(const struct cor_chart *c, const struct frame *f, size_t s, FILE *out)
{
    const struct cor_chart_series *S = &c->series[s];
    const char *col = palette[s % NCOLOURS];
    int filled = shapes[(s / NCOLOURS) % NSHAPES].filled;
    int open = shapes[(s / NCOLOURS) % NSHAPES].hollow;
    int line = c->type == COR_CHART_LINE;
    char words[64];
    hollow_words(S, words, sizeof words);
    switch (c->type) {
    case COR_CHART_LINE:
    case COR_CHART_POINTS:
        /* actual figures: filled markers, and on a line chart a line through
         * their true years; a one-sided figure is a bound, not a value:
         * never on the line */
        if (line)
            fprintf(out, "     $S%zu using 8:($5==0 && $6==0 ? $2 : NaN) with lines lw 2 "
                         "lc rgb '%s' notitle, \\\n",
                    s + 1, col);
        fprintf(out, "     $S%zu using 1:($5==0 && $6==0 ? $2 : NaN) with points pt %d ps 1.3 "
                     "lc rgb '%s' notitle, \\\n",
                s + 1, filled, col);
        if (has_entry(S, ENTRY_ACTUAL)) {
            fprintf(out, "     keyentry with %s lw 2 pt %d ps 1.3 lc rgb '%s' ",
                    line ? "linespoints" : "points", filled, col);
            titled(out, f, S->label, "");
        }
        if (connectors(c, S, NULL))
            fprintf(out, "     $C%zu using 1:2 with lines dt 2 lw 2 lc rgb '%s' notitle, \\\n",
                    s + 1, col);
        if (has_entry(S, ENTRY_BOUND)) {
            fprintf(out, "     $S%zu using 1:($5==0 && $6>0 ? $3 : NaN) with points pt 9 "
                         "ps 1.6 lc rgb '%s' ",
                    s + 1, col);
            titled(out, f, S->label, ": more than (lower bound)");
        }
        if (has_entry(S, ENTRY_ESTIMATE)) {
            fprintf(out, "     $S%zu using 1:(($5==1 || $5==2 || $5==4) ? $2 : NaN) with "
                         "points lw 2 pt %d ps 1.6 lc rgb '%s' notitle, \\\n",
                    s + 1, open, col);
            fprintf(out, "     keyentry with %s dt 2 lw 2 pt %d ps 1.6 lc rgb '%s' ",
                    line ? "linespoints" : "points", open, col);
            titled(out, f, S->label, words);
        }
        if (has_entry(S, ENTRY_STATEMENT)) {
            fprintf(out, "     $S%zu using 1:($5==3 ? ($6>0 ? $3 : $2) : NaN) with points "
                         "lw 2 pt 12 ps 1.8 lc rgb '%s' ",
                    s + 1, col);
            titled(out, f, S->label, " (a statement, not a measurement)");
        }
        break;
    case COR_CHART_BAR:
    case COR_CHART_GROUPED:
        /* actual figures solid; estimates and plans hatched; statements
         * hatched the other way; a legend entry for each that occurs */
        fprintf(out, "     $S%zu using 1:($5==0 ? $2 : NaN):7 with boxes fs solid 0.85 "
                     "border lc rgb '%s' lc rgb '%s' ",
                s + 1, col, col);
        if (shown_entry(c, S, ENTRY_ACTUAL))
            titled(out, f, S->label, "");
        else
            fputs("notitle, \\\n", out);
        if (has_entry(S, ENTRY_ESTIMATE)) {
            fprintf(out, "     $S%zu using 1:(($5==1 || $5==2 || $5==4) ? $2 : NaN):7 with "
                         "boxes fs pattern 4 border lc rgb '%s' lc rgb '%s' ",
                    s + 1, col, col);
            titled(out, f, S->label, words);
        }
        if (has_entry(S, ENTRY_STATEMENT)) {
            fprintf(out, "     $S%zu using 1:($5==3 ? $2 : NaN):7 with boxes fs pattern 5 "
                         "border lc rgb '%s' lc rgb '%s' ",
                    s + 1, col, col);
            titled(out, f, S->label, " (a statement, not a measurement)");
        }
        break;
    case COR_CHART_STACKED100:
        fprintf(out, "     $S%zu using 1:(($2+$3)/2):($1-0.35):($1+0.35):2:3 with boxxyerror "
                     "fs solid 0.85 border lc rgb '#ffffff' lc rgb '%s' ",
                s + 1, col);
        titled(out, f, S->label, "");
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
    num(out, f->arrow);
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
    if (c->nseries > cor_chart_max_series(c->type))
        return cor_error_set(err, COR_EINVAL, NULL, 0, 0,
                             "%zu series are more than a %s chart can tell apart (%zu): select "
                             "fewer%s",
                             c->nseries, cor_chart_type_name(c->type),
                             cor_chart_max_series(c->type),
                             is_bars(c) ? ", or draw them as a line chart" : "");
    struct frame f;
    frame_init(c, &f);
    struct layout l;
    struct cor_chart drawn;
    struct cor_chart_series *series = NULL;
    struct cor_chart_point *points = NULL;
    if (layout_init(c, &f, &l) != COR_OK)
        return cor_error_set(err, COR_ENOMEM, NULL, 0, 0, "out of memory");
    if (laid_out(c, &l, &drawn, &series, &points) != COR_OK) {
        layout_fini(&l);
        free(series);
        free(points);
        return cor_error_set(err, COR_ENOMEM, NULL, 0, 0, "out of memory");
    }
    /* from here on, the points where they are drawn (their true x in the
     * datablocks' last column) */
    header(&drawn, &f, t, output_name, out);
    if (!is_bars(c)) {
        double span = f.xhi - f.xlo;
        fprintf(out, "set xtics %g nomirror\n", span <= 16 ? 1 : nice_step(span, 10));
        set_range(out, 'x', f.xlo, f.xhi);
    } else {
        category_tics(c, &f, out);
        fputs("set style fill solid 0.85 border -1\n", out);
    }
    datablocks(c, &l, out);
    fputs("plot \\\n", out);
    for (size_t s = 0; s < c->nseries; s++)
        plot_series(c, &f, s, out);
    fputs("     NaN notitle\n", out);
    layout_fini(&l);
    free(series);
    free(points);
    return ferror(out) ? cor_error_set(err, COR_EIO, NULL, 0, 0, "write error") : COR_OK;
}
