/* eng/usb-perf/run.sh: a raw USBTMC client making the same libusb calls as OpenVisa (N *IDN? round trips, one 16 MiB
 * block), linked against the fake libusb, as the baseline OpenVisa is measured against.
 * Usage: raw_client [N] [threaded]. "threaded" starts one idle thread first: glibc takes faster paths (the fake's
 * pthread mutex among them) while a process has a single thread, and a .NET process never has just one. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <time.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/types.h>
typedef struct libusb_context libusb_context; typedef struct libusb_device libusb_device; typedef struct libusb_device_handle libusb_device_handle;
int libusb_init(libusb_context **); ssize_t libusb_get_device_list(libusb_context *, libusb_device ***);
int libusb_open(libusb_device *, libusb_device_handle **); int libusb_detach_kernel_driver(libusb_device_handle *, int);
int libusb_claim_interface(libusb_device_handle *, int);
int libusb_bulk_transfer(libusb_device_handle *, unsigned char, unsigned char *, int, int *, unsigned int);
static unsigned char tag;
static void header(unsigned char *h, int id, uint32_t size, int attr) { tag = tag == 255 ? 1 : tag + 1; h[0]=id; h[1]=tag; h[2]=~tag; h[3]=0; memcpy(h+4,&size,4); h[8]=attr; h[9]=h[10]=h[11]=0; }
static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec / 1e9; }
/* The calling thread's CPU time: on a loaded machine the wall clock also counts the time other processes ran. */
static double thread_cpu(void) { struct timespec t; clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t); return t.tv_sec + t.tv_nsec / 1e9; }
static double cpu(void) { struct rusage u; getrusage(RUSAGE_SELF, &u); return u.ru_utime.tv_sec + u.ru_stime.tv_sec + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6; }
static libusb_device_handle *h;
static long query(const char *cmd, unsigned char *in, int inlen, int chunk)
{
    unsigned char out[64]; int n = strlen(cmd), t; header(out, 1, n, 1); memcpy(out + 12, cmd, n); int len = (12 + n + 3) & ~3; memset(out + 12 + n, 0, len - 12 - n);
    libusb_bulk_transfer(h, 0x02, out, len, &t, 5000);
    long total = 0;
    for (;;) {
        unsigned char req[12]; header(req, 2, chunk, 0); libusb_bulk_transfer(h, 0x02, req, 12, &t, 5000);
        int r = libusb_bulk_transfer(h, 0x81, in, inlen, &t, 5000); if (r < 0) { fprintf(stderr, "error %d\n", r); exit(1); }
        uint32_t size; memcpy(&size, in + 4, 4); total += size; if (in[8] & 1) return total;
    }
}
static void *idle(void *unused) { (void)unused; for (;;) pause(); return NULL; }
int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 20000;
    int threaded = argc > 2 && strcmp(argv[2], "threaded") == 0;
    const char *who = threaded ? "raw C threaded" : "raw C";
    if (threaded) { pthread_t t; if (pthread_create(&t, NULL, idle, NULL) != 0) { fprintf(stderr, "pthread_create failed\n"); return 1; } } libusb_context *c; libusb_device **list; libusb_init(&c); libusb_get_device_list(c, &list);
    libusb_open(list[0], &h); libusb_detach_kernel_driver(h, 0); libusb_claim_interface(h, 0);
    int chunk = 1 << 20; unsigned char *in = malloc(chunk + 1024);
    double t0 = now(), u0 = thread_cpu(); for (int i = 0; i < n; i++) query("*IDN?", in, chunk + 512, chunk); double t1 = now(), u1 = thread_cpu();
    printf("%s: %d *IDN? in %.3f s = %.0f/s, thread cpu %.3f us per query\n", who, n, t1 - t0, n / (t1 - t0), (u1 - u0) * 1e6 / n);
    /* Two 16 MiB blocks untimed, as on OpenVisa's side: the fake's first 16 MiB replies are fresh memory (glibc maps
     * the first, takes the second from a grown heap) and the kernel faults in 4096 pages each, ~3.5 ns a byte on this
     * VM, which is the fake's cost, not the client's; from the third on, the fake reuses its heap. */
    query("DATA? 16777216", in, chunk + 512, chunk);
    query("DATA? 16777216", in, chunk + 512, chunk);
    for (int run = 0; run < 5; run++) {
        double c0 = cpu(), t0 = thread_cpu(), w0 = now(); long got = query("DATA? 16777216", in, chunk + 512, chunk); double c1 = cpu(), t1 = thread_cpu(), w1 = now();
        printf("%s: block %ld bytes, wall %.4f s, cpu %.4f s = %.2f ns/byte, thread cpu %.2f ns/byte\n", who, got, w1 - w0, c1 - c0, (c1 - c0) * 1e9 / got, (t1 - t0) * 1e9 / got);
    }
    return 0;
}
