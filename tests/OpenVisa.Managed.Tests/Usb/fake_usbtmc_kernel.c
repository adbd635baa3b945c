/*
 * A fake of the system calls OpenVisa's kernel-usbtmc path makes (open, close, read, write, ioctl: the C library's
 * names and signatures), loaded through OPENVISA_LIBC instead of libc. It emulates one /dev/usbtmc0 node the way
 * Linux's usbtmc driver presents it (the ioctls and rules of <linux/usb/tmc.h> and drivers/usb/class/usbtmc.c):
 *
 *   write()  sends the data as DEV_DEP_MSG_OUT; EOM on the last transfer when USBTMC_IOCTL_EOM_ENABLE is 1 (default).
 *   read()   asks for at most count bytes (REQUEST_DEV_DEP_MSG_IN, stopping at the TermChar when configured); the
 *            transfer attributes of the last reply (EOM, TermChar) are kept for USBTMC_IOCTL_MSG_IN_ATTR. No reply
 *            waits the timeout and fails with ETIMEDOUT.
 *   ioctl()  CLEAR, ABORT_BULK_IN/OUT, CLEAR_IN/OUT_HALT, SET/GET_TIMEOUT (EINVAL under 100 ms), EOM_ENABLE (EINVAL
 *            over 1), CONFIG_TERMCHAR (EINVAL when enabled and the device lacks the TermChar capability), GET_CAPS,
 *            READ_STB, REN_CONTROL / GOTO_LOCAL / LOCAL_LOCKOUT (EINVAL without USBTMC488_CAPABILITY_SIMPLE),
 *            TRIGGER, MSG_IN_ATTR, API_VERSION; anything else EBADRQC.
 *
 * The device behind it answers a small SCPI set: *IDN?, *OPC?, DATA? n (a definite block of n bytes, byte i = i*7),
 * TWO? ("first\nsecond\n"), STATE? (remote, lockout, triggers, clears), SILENT? (no reply); faults: STALL (the next
 * read fails with EPIPE until a clear or CLEAR_IN_HALT), VANISH (every later call fails with ENODEV).
 * fake_usbtmc_set(name, value) changes the setup (deny_open = an errno for open, caps, termchar_capable, stb) and
 * fake_usbtmc_counter(name) reads what the driver was asked.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <sys/types.h>
#include <linux/ioctl.h>
#include <linux/usb/tmc.h>

#define FAKE_FD 4242

static int DenyOpen;
static int OpenCount;
static int Vanished;
static int Stalled;
static unsigned char Caps = USBTMC488_CAPABILITY_TRIGGER | USBTMC488_CAPABILITY_SIMPLE | USBTMC488_CAPABILITY_488_DOT_2 |
                            USBTMC488_CAPABILITY_SR1 | USBTMC488_CAPABILITY_RL1 | USBTMC488_CAPABILITY_DT1;
static int TermCharCapable = 1;
static unsigned char Stb;
static unsigned int TimeoutMs = 5000;
static int Eom = 1;
static unsigned char TermChar = '\n';
static int TermCharEnabled;
static unsigned char MsgInAttr;
static int Remote, Lockout;

static char Input[4096];
static size_t InputLength;
static unsigned char *Reply;
static size_t ReplyLength, ReplyPosition;

static long Clears, AbortsIn, AbortsOut, Triggers, Rens, GoToLocals, LocalLockouts, Writes, Reads, HaltsCleared;

long fake_usbtmc_counter(const char *name)
{
    if (!strcmp(name, "clear")) return Clears;
    if (!strcmp(name, "abort_in")) return AbortsIn;
    if (!strcmp(name, "abort_out")) return AbortsOut;
    if (!strcmp(name, "trigger")) return Triggers;
    if (!strcmp(name, "ren")) return Rens;
    if (!strcmp(name, "gtl")) return GoToLocals;
    if (!strcmp(name, "llo")) return LocalLockouts;
    if (!strcmp(name, "writes")) return Writes;
    if (!strcmp(name, "reads")) return Reads;
    if (!strcmp(name, "halts_cleared")) return HaltsCleared;
    if (!strcmp(name, "open")) return OpenCount;
    if (!strcmp(name, "timeout")) return TimeoutMs;
    if (!strcmp(name, "eom")) return Eom;
    if (!strcmp(name, "remote")) return Remote;
    return -1;
}

void fake_usbtmc_set(const char *name, long value)
{
    if (!strcmp(name, "deny_open")) DenyOpen = (int)value;
    else if (!strcmp(name, "caps")) Caps = (unsigned char)value;
    else if (!strcmp(name, "termchar_capable")) TermCharCapable = (int)value;
    else if (!strcmp(name, "stb")) Stb = (unsigned char)value;
}

static void drop_reply(void)
{
    free(Reply);
    Reply = NULL;
    ReplyLength = ReplyPosition = 0;
}

static void set_reply(const void *data, size_t length)
{
    drop_reply();
    Reply = malloc(length);
    memcpy(Reply, data, length);
    ReplyLength = length;
}

static void respond(void)
{
    char message[sizeof Input + 1];
    memcpy(message, Input, InputLength);
    message[InputLength] = 0;
    InputLength = 0;
    char *end = message + strlen(message);
    while (end > message && (end[-1] == '\n' || end[-1] == '\r')) *--end = 0;
    char text[256];
    if (!strcasecmp(message, "*IDN?")) {
        set_reply("FAKE,USBTMC-KERNEL,KFAKE01,1.0\n", 31);
    } else if (!strncasecmp(message, "DATA? ", 6)) {
        long count = atol(message + 6);
        if (count < 0 || count > (64L << 20)) return;
        char header[32];
        int digits = snprintf(header + 2, sizeof header - 2, "%ld", count);
        header[0] = '#'; header[1] = (char)('0' + digits);
        size_t length = 2 + (size_t)digits + (size_t)count + 1;
        unsigned char *block = malloc(length);
        memcpy(block, header, 2 + (size_t)digits);
        for (long i = 0; i < count; i++) block[2 + digits + i] = (unsigned char)(i * 7);
        block[length - 1] = '\n';
        drop_reply();
        Reply = block; ReplyLength = length;
    } else if (!strcasecmp(message, "*OPC?")) {
        set_reply("1\n", 2);
    } else if (!strcasecmp(message, "TWO?")) {
        set_reply("first\nsecond\n", 13);
    } else if (!strcasecmp(message, "STATE?")) {
        int n = snprintf(text, sizeof text, "remote=%d lockout=%d triggers=%ld clears=%ld\n", Remote, Lockout, Triggers, Clears);
        set_reply(text, (size_t)n);
    } else if (!strcasecmp(message, "STALL")) {
        Stalled = 1;
    } else if (!strcasecmp(message, "VANISH")) {
        Vanished = 1;
    }
    /* SILENT? and anything else: no reply */
}

static int fail(int error)
{
    errno = error;
    return -1;
}

static int is_ours(int fd) { return fd == FAKE_FD && OpenCount > 0; }

int open(const char *path, int flags, ...)
{
    (void)flags;
    const char *name = strrchr(path, '/');
    if (strcmp(name ? name + 1 : path, "usbtmc0") != 0)
        return fail(ENOENT);
    if (DenyOpen) return fail(DenyOpen);
    if (Vanished) return fail(ENODEV);
    OpenCount++;
    return FAKE_FD;
}

int close(int fd)
{
    if (!is_ours(fd)) return fail(EBADF);
    OpenCount--;
    return 0;
}

ssize_t write(int fd, const void *data, size_t count)
{
    if (!is_ours(fd)) return fail(EBADF);
    if (Vanished) return fail(ENODEV);
    Writes++;
    size_t room = sizeof Input - InputLength;
    size_t take = count < room ? count : room;
    memcpy(Input + InputLength, data, take);
    InputLength += take;
    if (Eom) respond();
    return (ssize_t)count;
}

ssize_t read(int fd, void *buffer, size_t count)
{
    if (!is_ours(fd)) return fail(EBADF);
    if (Vanished) return fail(ENODEV);
    if (Stalled) return fail(EPIPE);
    Reads++;
    if (Reply == NULL) {
        struct timespec wait = { TimeoutMs / 1000, (long)(TimeoutMs % 1000) * 1000000L };
        nanosleep(&wait, NULL);
        return fail(ETIMEDOUT);
    }
    size_t left = ReplyLength - ReplyPosition;
    size_t take = count < left ? count : left;
    int atTermChar = 0;
    if (TermCharEnabled) {
        unsigned char *found = memchr(Reply + ReplyPosition, TermChar, take);
        if (found) { take = (size_t)(found - (Reply + ReplyPosition)) + 1; atTermChar = 1; }
    }
    memcpy(buffer, Reply + ReplyPosition, take);
    ReplyPosition += take;
    int done = ReplyPosition == ReplyLength;
    MsgInAttr = (unsigned char)((done ? 1 : 0) | (atTermChar ? 2 : 0));
    if (done) drop_reply();
    return (ssize_t)take;
}

int ioctl(int fd, unsigned long request, ...)
{
    va_list list;
    va_start(list, request);
    void *arg = va_arg(list, void *);
    va_end(list);
    if (!is_ours(fd)) return fail(EBADF);
    if (Vanished) return fail(ENODEV);
    switch (request) {
    case USBTMC_IOCTL_CLEAR:
        Clears++; drop_reply(); InputLength = 0; Stalled = 0; return 0;
    case USBTMC_IOCTL_ABORT_BULK_IN:
        AbortsIn++; drop_reply(); return 0;
    case USBTMC_IOCTL_ABORT_BULK_OUT:
        AbortsOut++; InputLength = 0; return 0;
    case USBTMC_IOCTL_CLEAR_IN_HALT:
        HaltsCleared++; Stalled = 0; return 0;
    case USBTMC_IOCTL_CLEAR_OUT_HALT:
        HaltsCleared++; return 0;
    case USBTMC_IOCTL_SET_TIMEOUT: {
        uint32_t value = *(uint32_t *)arg;
        if (value < 100) return fail(EINVAL);
        TimeoutMs = value; return 0;
    }
    case USBTMC_IOCTL_GET_TIMEOUT:
        *(uint32_t *)arg = TimeoutMs; return 0;
    case USBTMC_IOCTL_EOM_ENABLE: {
        uint8_t value = *(uint8_t *)arg;
        if (value > 1) return fail(EINVAL);
        Eom = value; return 0;
    }
    case USBTMC_IOCTL_CONFIG_TERMCHAR: {
        struct usbtmc_termchar *termc = arg;
        if (termc->term_char_enabled > 1 || (termc->term_char_enabled && !TermCharCapable)) return fail(EINVAL);
        TermChar = termc->term_char; TermCharEnabled = termc->term_char_enabled; return 0;
    }
    case USBTMC488_IOCTL_GET_CAPS:
        *(unsigned char *)arg = Caps; return 0;
    case USBTMC488_IOCTL_READ_STB:
        *(unsigned char *)arg = (unsigned char)(Stb | (Reply ? 0x10 : 0)); return 0;
    case USBTMC488_IOCTL_REN_CONTROL:
        if (!(Caps & USBTMC488_CAPABILITY_SIMPLE)) return fail(EINVAL);
        Rens++; Remote = *(unsigned char *)arg ? 1 : 0; if (!Remote) Lockout = 0; return 0;
    case USBTMC488_IOCTL_GOTO_LOCAL:
        if (!(Caps & USBTMC488_CAPABILITY_SIMPLE)) return fail(EINVAL);
        GoToLocals++; return 0;
    case USBTMC488_IOCTL_LOCAL_LOCKOUT:
        if (!(Caps & USBTMC488_CAPABILITY_SIMPLE)) return fail(EINVAL);
        LocalLockouts++; Lockout = 1; return 0;
    case USBTMC488_IOCTL_TRIGGER:
        Triggers++; return 0;
    case USBTMC_IOCTL_MSG_IN_ATTR:
        *(uint8_t *)arg = MsgInAttr; return 0;
    case USBTMC_IOCTL_API_VERSION:
        *(uint32_t *)arg = 3; return 0;
    default:
        return fail(EBADRQC);
    }
}
