/* SPDX-License-Identifier: MIT */
/* Replay driver: runs a fuzz target over saved inputs, without libFuzzer.
 *
 *   fuzz-NAME PATH...
 *
 * A PATH that is a directory has every regular file in it replayed, in
 * sorted order; any other PATH is replayed itself. An empty or unreadable
 * directory, or an unreadable file, is an error, so that a missing corpus
 * never passes silently. A broken invariant aborts the process. */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <errno.h>
#include <sys/stat.h>

#include "fuzz.h"

/* Read a whole file into a buffer of exactly its size, so that the address
 * sanitizer catches a parser reading past the end. */
static int replay_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    uint8_t *data = NULL;
    size_t size = 0, cap = 0, got;
    uint8_t chunk[4096];

    if (!f) {
        fprintf(stderr, "replay: cannot open %s: %s\n", path,
                strerror(errno));
        return -1;
    }
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (size + got > cap) {
            uint8_t *p;
            cap = (size + got) * 2;
            p = realloc(data, cap);
            if (!p) {
                fprintf(stderr, "replay: out of memory reading %s\n", path);
                free(data);
                fclose(f);
                return -1;
            }
            data = p;
        }
        memcpy(data + size, chunk, got);
        size += got;
    }
    if (ferror(f)) {
        fprintf(stderr, "replay: cannot read %s\n", path);
        free(data);
        fclose(f);
        return -1;
    }
    fclose(f);
    {
        /* An exact-size copy (never NULL, even when empty). */
        uint8_t *exact = malloc(size ? size : 1);
        if (!exact) {
            fprintf(stderr, "replay: out of memory reading %s\n", path);
            free(data);
            return -1;
        }
        if (size)
            memcpy(exact, data, size);
        free(data);
        LLVMFuzzerTestOneInput(exact, size);
        free(exact);
    }
    return 0;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *join(const char *dir, const char *name)
{
    size_t a = strlen(dir), b = strlen(name);
    char *p = malloc(a + b + 2);
    if (p) {
        memcpy(p, dir, a);
        p[a] = '/';
        memcpy(p + a + 1, name, b + 1);
    }
    return p;
}

/* Replay every regular file of a directory; the count, or -1. */
static long replay_dir(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char **paths = NULL;
    size_t n = 0, cap = 0, i;
    long count = -1;

    if (!d) {
        fprintf(stderr, "replay: cannot open directory %s: %s\n", dir,
                strerror(errno));
        return -1;
    }
    for (;;) {
        struct stat st;
        char *path;
        errno = 0;
        e = readdir(d);
        if (!e) {
            if (errno) {
                fprintf(stderr, "replay: cannot read directory %s: %s\n",
                        dir, strerror(errno));
                goto out;
            }
            break;
        }
        if (e->d_name[0] == '.' &&
            (e->d_name[1] == '\0' ||
             (e->d_name[1] == '.' && e->d_name[2] == '\0')))
            continue;
        path = join(dir, e->d_name);
        if (!path) {
            fprintf(stderr, "replay: out of memory\n");
            goto out;
        }
        if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
            free(path);
            continue;
        }
        if (n == cap) {
            char **p;
            cap = cap ? cap * 2 : 64;
            p = realloc(paths, cap * sizeof *paths);
            if (!p) {
                free(path);
                fprintf(stderr, "replay: out of memory\n");
                goto out;
            }
            paths = p;
        }
        paths[n++] = path;
    }
    if (n == 0) {
        fprintf(stderr, "replay: no input files in %s\n", dir);
        goto out;
    }
    qsort(paths, n, sizeof *paths, compare_names);
    for (i = 0; i < n; i++)
        if (replay_file(paths[i]) != 0)
            goto out;
    count = (long)n;
out:
    for (i = 0; i < n; i++)
        free(paths[i]);
    free(paths);
    closedir(d);
    return count;
}

int main(int argc, char **argv)
{
    long total = 0;
    int i;

    if (argc < 2) {
        fprintf(stderr, "usage: %s FILE-OR-DIRECTORY...\n", argv[0]);
        return 2;
    }
    for (i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) != 0) {
            fprintf(stderr, "replay: %s: %s\n", argv[i], strerror(errno));
            return 1;
        }
        if (S_ISDIR(st.st_mode)) {
            long n = replay_dir(argv[i]);
            if (n < 0)
                return 1;
            printf("%s: replayed %ld inputs\n", argv[i], n);
            total += n;
        } else {
            if (replay_file(argv[i]) != 0)
                return 1;
            total++;
        }
    }
    printf("replayed %ld inputs\n", total);
    return 0;
}
