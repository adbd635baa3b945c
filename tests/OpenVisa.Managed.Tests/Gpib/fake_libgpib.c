/* A stand-in for linux-gpib's libgpib.so.0, built by the tests with gcc: board 0 holds a talking device at primary
   address 5 and a silent one at 6; every other address has no listener. Nothing here touches hardware. */
#include <stdio.h>
#include <string.h>

#define ERR 0x8000
#define TIMO 0x4000
#define END 0x2000
#define CMPL 0x100
#define EABO 6
#define ENOL 2
#define ENEB 7

static __thread int sta, err;
static __thread long cnt;
static struct { int used, pad, tmo, eot, eosrd, eoschar; char reply[70000]; long length, offset; } uds[16];
static int clears, triggers;

int ThreadIbsta(void) { return sta; }
int ThreadIberr(void) { return err; }
int ThreadIbcnt(void) { return (int)cnt; }
long ThreadIbcntl(void) { return cnt; }

static int fail(int code, int timo) { err = code; sta = ERR | (timo ? TIMO : 0); return sta; }
static int ok(int extra) { sta = CMPL | extra; return sta; }

int ibdev(int board, int pad, int sad, int tmo, int eot, int eos) {
    (void)sad; (void)eos;
    if (board != 0) { fail(ENEB, 0); return -1; }
    for (int i = 0; i < 16; i++) if (!uds[i].used) {
        memset(&uds[i], 0, sizeof uds[i]);
        uds[i].used = 1; uds[i].pad = pad; uds[i].tmo = tmo; uds[i].eot = eot;
        ok(0); return i;
    }
    fail(ENEB, 0); return -1;
}

static void set_reply(int ud, const char *data, long length) {
    memcpy(uds[ud].reply, data, length); uds[ud].length = length; uds[ud].offset = 0;
}

int ibwrt(int ud, const void *buf, long count) {
    if (uds[ud].pad != 5 && uds[ud].pad != 6) { cnt = 0; return fail(ENOL, 0); }
    cnt = count;
    if (uds[ud].pad == 6) return ok(0);
    char text[256] = {0};
    memcpy(text, buf, count < 255 ? count : 255);
    char *nl = strchr(text, '\n'); if (nl) *nl = 0;
    char out[256];
    if (strcmp(text, "*IDN?") == 0) set_reply(ud, "FAKE,LinuxGpib,5,1.0\n", 21);
    else if (strcmp(text, "COUNTS?") == 0) { int n = snprintf(out, sizeof out, "%d,%d\n", clears, triggers); set_reply(ud, out, n); }
    else if (strcmp(text, "CONFIG?") == 0) { int n = snprintf(out, sizeof out, "%d,%d,%d,%d\n", uds[ud].tmo, uds[ud].eot, uds[ud].eosrd, uds[ud].eoschar); set_reply(ud, out, n); }
    else if (strcmp(text, "DATA?") == 0) {
        static char block[65536 + 16];
        memcpy(block, "#565536", 7);
        for (int i = 0; i < 65536; i++) block[7 + i] = (char)i;
        block[7 + 65536] = '\n';
        set_reply(ud, block, 7 + 65536 + 1);
    }
    return ok(0);
}

int ibrd(int ud, void *buf, long count) {
    if (uds[ud].pad != 5 && uds[ud].pad != 6) { cnt = 0; return fail(ENOL, 0); }
    if (uds[ud].pad == 6 || uds[ud].offset >= uds[ud].length) { cnt = 0; return fail(EABO, 1); }
    long n = 0; int end = 0;
    while (n < count && uds[ud].offset < uds[ud].length) {
        char c = uds[ud].reply[uds[ud].offset++];
        ((char *)buf)[n++] = c;
        if (uds[ud].offset == uds[ud].length) { end = 1; break; }
        if (uds[ud].eosrd && (unsigned char)c == uds[ud].eoschar) { end = 1; break; }
    }
    cnt = n;
    return ok(end ? END : 0);
}

int ibclr(int ud) { if (uds[ud].pad != 5) return fail(ENOL, 0); clears++; uds[ud].length = 0; return ok(0); }
int ibtrg(int ud) { if (uds[ud].pad != 5) return fail(ENOL, 0); triggers++; return ok(0); }
int ibrsp(int ud, char *spr) { if (uds[ud].pad != 5) return fail(ENOL, 0); *spr = 0x50; return ok(0); }
int ibloc(int ud) { (void)ud; return ok(0); }
int ibonl(int ud, int onl) { if (!onl) uds[ud].used = 0; return ok(0); }
int ibconfig(int ud, int option, int value) {
    switch (option) {
        case 0x3: uds[ud].tmo = value; break;
        case 0x4: uds[ud].eot = value; break;
        case 0xC: uds[ud].eosrd = value; break;
        case 0xF: uds[ud].eoschar = value; break;
    }
    return ok(0);
}
int ibask(int ud, int option, int *value) { (void)ud; (void)option; *value = 0; return ok(0); }
int ibwait(int ud, int mask) { (void)ud; (void)mask; return ok(0); }
int ibcmd(int ud, const void *cmd, long count) { (void)ud; (void)cmd; cnt = count; return ok(0); }
int ibsic(int ud) { (void)ud; return ok(0); }
int ibsre(int ud, int v) { (void)ud; (void)v; return ok(0); }
int iblines(int ud, short *lines) { (void)ud; *lines = 0; return ok(0); }
int ibln(int ud, int pad, int sad, short *found) { (void)ud; (void)sad; *found = (pad == 5 || pad == 6); return ok(0); }
