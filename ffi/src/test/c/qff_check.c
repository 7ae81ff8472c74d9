/*
 * A C host of libqff for the tests (compiled by CApiTest).
 *   qff_check MODEL XYZ compute   energy and forces of the first frame, %.17g, one value a line
 *   qff_check MODEL XYZ threads   8 threads call qff_compute on one shared handle and on one each opened
 *                                 concurrently; results must equal serial ones
 *   qff_check MODEL XYZ faults    bad calls: each prints "code<TAB>message"; then a good call still works
 * XYZ: atom count, comment, "Symbol x y z" lines (Ar, H, C, N, O, X for an unknown element).
 */
#include "qff.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int n;
static int *z;
static double *pos;
static qff_model *model;

static int symbol_z(const char *s) {
    const char *names[] = {"H", "C", "N", "O", "Ar"};
    const int zs[] = {1, 6, 7, 8, 18};
    for (int k = 0; k < 5; k++) if (strcmp(s, names[k]) == 0) return zs[k];
    return 200; /* no such element */
}

static void read_xyz(const char *path) {
    FILE *f = fopen(path, "r");
    if (!f || fscanf(f, "%d", &n) != 1) { fprintf(stderr, "cannot read %s\n", path); exit(2); }
    char line[512];
    if (!fgets(line, sizeof line, f) || !fgets(line, sizeof line, f)) { fprintf(stderr, "short file\n"); exit(2); }
    z = malloc(n * sizeof *z);
    pos = malloc(3 * n * sizeof *pos);
    for (int i = 0; i < n; i++) {
        char sym[8];
        if (fscanf(f, "%7s %lf %lf %lf", sym, &pos[3 * i], &pos[3 * i + 1], &pos[3 * i + 2]) != 4) { fprintf(stderr, "bad atom %d\n", i); exit(2); }
        z[i] = symbol_z(sym);
    }
    fclose(f);
}

#define THREADS 8
#define CALLS 40

static double shift(int t, int c, int k) { return 0.01 * ((t * 7 + c * 3 + k) % 11 - 5); }

static double serial_e[THREADS][CALLS];

static const char *model_name;

static void *worker(void *arg) {
    int t = (int) (long) arg;
    double *p = malloc(3 * n * sizeof *p), *f = malloc(3 * n * sizeof *f);
    long bad = 0;
    qff_model *own = qff_open(model_name); /* opened while other threads compute */
    if (!own) { fprintf(stderr, "thread %d: qff_open: %s\n", t, qff_last_error()); bad++; }
    for (int c = 0; c < CALLS; c++) {
        for (int k = 0; k < 3 * n; k++) p[k] = pos[k] + shift(t, c, k);
        double e;
        qff_model *m = (own && c % 2) ? own : model;
        if (qff_compute(m, n, z, p, &e, f) != QFF_OK) { fprintf(stderr, "thread %d: %s\n", t, qff_last_error()); bad++; continue; }
        if (e != serial_e[t][c]) bad++;
    }
    qff_close(own);
    free(p);
    free(f);
    return (void *) bad;
}

int main(int argc, char **argv) {
    if (argc != 4) { fprintf(stderr, "usage: qff_check MODEL XYZ compute|threads|faults\n"); return 2; }
    read_xyz(argv[2]);
    model_name = argv[1];
    const char *mode = argv[3];
    if (strcmp(mode, "faults") == 0) {
        /* Each bad call must return an error and a message, and leave the process running. */
        qff_model *m = qff_open(NULL);
        printf("%d\t%s\n", m == NULL ? -1 : 0, qff_last_error());
        m = qff_open("/nonexistent/model.json");
        printf("%d\t%s\n", m == NULL ? -1 : 0, qff_last_error());
        qff_close(NULL);
    }
    model = qff_open(argv[1]);
    if (!model) { fprintf(stderr, "qff_open failed: %s\n", qff_last_error()); return 1; }
    double *f = malloc(3 * n * sizeof *f);
    double e;
    if (strcmp(mode, "compute") == 0) {
        int rc = qff_compute(model, n, z, pos, &e, f);
        if (rc != QFF_OK) { fprintf(stderr, "qff_compute failed (%d): %s\n", rc, qff_last_error()); return 1; }
        printf("%.17g\n", e);
        for (int k = 0; k < 3 * n; k++) printf("%.17g\n", f[k]);
        /* Energy alone (forces_out NULL) must agree. */
        double e2;
        if (qff_compute(model, n, z, pos, &e2, NULL) != QFF_OK || e2 != e) { fprintf(stderr, "energy-only call differs\n"); return 1; }
    } else if (strcmp(mode, "threads") == 0) {
        double *p = malloc(3 * n * sizeof *p);
        for (int t = 0; t < THREADS; t++)
            for (int c = 0; c < CALLS; c++) {
                for (int k = 0; k < 3 * n; k++) p[k] = pos[k] + shift(t, c, k);
                if (qff_compute(model, n, z, p, &serial_e[t][c], f) != QFF_OK) { fprintf(stderr, "%s\n", qff_last_error()); return 1; }
            }
        pthread_t th[THREADS];
        for (int t = 0; t < THREADS; t++) pthread_create(&th[t], NULL, worker, (void *) (long) t);
        long bad = 0;
        for (int t = 0; t < THREADS; t++) {
            void *r;
            pthread_join(th[t], &r);
            bad += (long) r;
        }
        printf("mismatches %ld of %d\n", bad, THREADS * CALLS);
        if (bad) return 1;
    } else if (strcmp(mode, "faults") == 0) {
        printf("%d\t%s\n", qff_compute(NULL, n, z, pos, &e, f), qff_last_error());
        printf("%d\t%s\n", qff_compute(model, 0, z, pos, &e, f), qff_last_error());
        printf("%d\t%s\n", qff_compute(model, n, NULL, pos, &e, f), qff_last_error());
        printf("%d\t%s\n", qff_compute(model, n, z, NULL, &e, f), qff_last_error());
        printf("%d\t%s\n", qff_compute(model, n, z, pos, NULL, f), qff_last_error());
        int *zbad = malloc(n * sizeof *zbad);
        memcpy(zbad, z, n * sizeof *zbad);
        zbad[n - 1] = 200;
        printf("%d\t%s\n", qff_compute(model, n, zbad, pos, &e, f), qff_last_error());
        double *coincident = malloc(3 * n * sizeof *coincident);
        memcpy(coincident, pos, 3 * n * sizeof *coincident);
        memcpy(coincident + 3, coincident, 3 * sizeof *coincident); /* atom 1 on atom 0 */
        printf("%d\t%s\n", qff_compute(model, n, z, coincident, &e, f), qff_last_error());
        /* The host is still fine: a good call works and clears the message. */
        int rc = qff_compute(model, n, z, pos, &e, f);
        printf("%d\t%s\n", rc, qff_last_error());
        printf("energy %.17g\n", e);
    }
    qff_close(model);
    return 0;
}
