/*
 * Client CPU per *IDN? query through a VISA library, with VI_ATTR_TMO_VALUE at 2000 and at 5000 ms in alternate
 * rounds: libopenvisa takes its plain synchronous read up to 2 s and, above, the backend's cancellable synchronous read
 * (or the asynchronous one where a session has none), so the two columns show what a long timeout costs.
 *
 *   gcc -O2 -o timeout_cpu eng/ivi-floor/timeout_cpu.c -ldl
 *   ovisa serve --demo --vxi11 --portmapper none --hislip 0      # prints the resource names, with their ports
 *   OPENVISA_BACKEND=@managed ./timeout_cpu OUT/libopenvisa.so TCPIP::127.0.0.1,PORT::inst0::INSTR 15 5000
 *
 * Arguments: the library, the resource, rounds, and measured queries per round and timeout (after 500 warm-up queries).
 * Prints CPU and wall time per query for each round; compare the medians of two builds in alternate processes.
 */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

typedef unsigned long ViUInt32;
typedef long ViStatus;
typedef ViUInt32 ViSession;

typedef ViStatus (*OpenDefaultRM)(ViSession *);
typedef ViStatus (*Open)(ViSession, const char *, ViUInt32, ViUInt32, ViSession *);
typedef ViStatus (*SetAttribute)(ViSession, ViUInt32, unsigned long);
typedef ViStatus (*Write)(ViSession, const unsigned char *, ViUInt32, ViUInt32 *);
typedef ViStatus (*Read)(ViSession, unsigned char *, ViUInt32, ViUInt32 *);

#define VI_ATTR_TMO_VALUE 0x3FFF001AUL
#define WARM_UP 500

static double seconds(clockid_t clock)
{
    struct timespec t;
    clock_gettime(clock, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static Write viWrite;
static Read viRead;

static int query(ViSession s, unsigned char *reply, ViUInt32 size)
{
    ViUInt32 count;
    ViStatus status = viWrite(s, (const unsigned char *)"*IDN?\n", 6, &count);
    if (status >= 0)
        status = viRead(s, reply, size, &count);
    if (status < 0)
        fprintf(stderr, "*IDN? failed with status %ld\n", status);
    return status >= 0;
}

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: %s LIBRARY RESOURCE ROUNDS QUERIES\n", argv[0]);
        return 2;
    }
    void *library = dlopen(argv[1], RTLD_NOW);
    if (!library) {
        fprintf(stderr, "%s\n", dlerror());
        return 1;
    }
    OpenDefaultRM viOpenDefaultRM = (OpenDefaultRM)dlsym(library, "viOpenDefaultRM");
    Open viOpen = (Open)dlsym(library, "viOpen");
    SetAttribute viSetAttribute = (SetAttribute)dlsym(library, "viSetAttribute");
    viWrite = (Write)dlsym(library, "viWrite");
    viRead = (Read)dlsym(library, "viRead");
    int rounds = atoi(argv[3]), queries = atoi(argv[4]);
    ViSession rm, s;
    ViStatus status = viOpenDefaultRM(&rm);
    if (status >= 0)
        status = viOpen(rm, argv[2], 0, 5000, &s);
    if (status < 0) {
        fprintf(stderr, "opening %s failed with status %ld\n", argv[2], status);
        return 1;
    }
    const unsigned long timeouts[2] = {2000, 5000};
    unsigned char reply[256];
    for (int round = 0; round < rounds; round++) {
        for (int k = 0; k < 2; k++) {
            viSetAttribute(s, VI_ATTR_TMO_VALUE, timeouts[k]);
            for (int i = 0; i < WARM_UP; i++)
                if (!query(s, reply, sizeof reply))
                    return 1;
            double cpu = seconds(CLOCK_PROCESS_CPUTIME_ID), wall = seconds(CLOCK_MONOTONIC);
            for (int i = 0; i < queries; i++)
                if (!query(s, reply, sizeof reply))
                    return 1;
            printf("round %d timeout %lu: cpu %.1f us/query, wall %.1f us/query\n", round + 1, timeouts[k],
                   (seconds(CLOCK_PROCESS_CPUTIME_ID) - cpu) / queries * 1e6, (seconds(CLOCK_MONOTONIC) - wall) / queries * 1e6);
            fflush(stdout);
        }
    }
    return 0;
}
