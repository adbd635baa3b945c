/* A tiny VISA C library for testing OpenVisa's @ivi backend without a vendor VISA: one resource manager and one
   instrument, "TCPIP0::fake::INSTR", that answers "*IDN?" and echoes everything else. Built by the tests with gcc;
   -DFAKE_MINIMAL leaves out most functions, to test a library missing exports. Types follow visatype.h on LP64. */
#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

typedef int32_t ViStatus;
typedef uint32_t ViSession;
typedef uint32_t ViUInt32;
typedef uint16_t ViUInt16;
typedef uintptr_t ViAttrState;
typedef ViStatus (*ViHndlr)(ViSession, ViUInt32, ViUInt32, void *);

#define VI_SUCCESS 0
#define VI_SUCCESS_TERM_CHAR 0x3FFF0005
#define VI_SUCCESS_MAX_CNT 0x3FFF0006
#define VI_ERROR_INV_OBJECT ((ViStatus)0xBFFF000E)
#define VI_ERROR_RSRC_NFOUND ((ViStatus)0xBFFF0011)
#define VI_ERROR_TMO ((ViStatus)0xBFFF0015)
#define VI_ERROR_NSUP_ATTR ((ViStatus)0xBFFF001D)
#define VI_ERROR_INV_EVENT ((ViStatus)0xBFFF0026)
#define FAKE_VENDOR_ERROR ((ViStatus)0xBFFF8001)
#define RM 1
#define INSTR 2
#define EVENT_CONTEXT 3
#define FIND_LIST 4
#define SRQ 0x3FFF200B
#define VENDOR_ATTR 0x3FFF8001u

static char reply[4096];
static size_t reply_len, reply_pos;
static uint32_t timeout_ms = 2000;
static uint64_t vendor_value = 0x1122334455667788ull;
static unsigned char termchar = '\n';
static int termchar_en, srq_queued, handler_enabled, locked;
static ViHndlr handler;
static void *handler_user;
static unsigned stb;

ViStatus viOpenDefaultRM(ViSession *rm) { *rm = RM; return VI_SUCCESS; }

ViStatus viOpen(ViSession rm, const char *name, ViUInt32 mode, ViUInt32 timeout, ViSession *vi)
{
    (void)mode; (void)timeout;
    if (rm != RM) return VI_ERROR_INV_OBJECT;
    if (strcmp(name, "TCPIP0::fake::INSTR") != 0) return VI_ERROR_RSRC_NFOUND;
    *vi = INSTR;
    return VI_SUCCESS;
}

ViStatus viClose(ViSession vi) { return vi >= RM && vi <= FIND_LIST ? VI_SUCCESS : VI_ERROR_INV_OBJECT; }

static void *raise_srq(void *unused)
{
    (void)unused;
    usleep(20000);
    stb = 0x40;
    if (handler_enabled && handler) handler(INSTR, SRQ, EVENT_CONTEXT, handler_user);
    else srq_queued = 1;
    return 0;
}

ViStatus viWrite(ViSession vi, const unsigned char *buf, ViUInt32 cnt, ViUInt32 *ret)
{
    if (vi != INSTR) return VI_ERROR_INV_OBJECT;
    if (cnt >= 5 && memcmp(buf, "*IDN?", 5) == 0) {
        strcpy(reply, "FAKE,VISA,1,0\n");
        reply_len = strlen(reply);
    } else if (cnt >= 6 && memcmp(buf, "VENDOR", 6) == 0) {
        return FAKE_VENDOR_ERROR;
    } else if (cnt >= 3 && memcmp(buf, "SRQ", 3) == 0) {
        pthread_t t;
        pthread_create(&t, 0, raise_srq, 0);
        pthread_detach(t);
        reply_len = 0;
    } else {
        size_t n = cnt < sizeof reply ? cnt : sizeof reply;
        memcpy(reply, buf, n);
        reply_len = n;
    }
    reply_pos = 0;
    if (ret) *ret = cnt;
    return VI_SUCCESS;
}

ViStatus viRead(ViSession vi, unsigned char *buf, ViUInt32 cnt, ViUInt32 *ret)
{
    ViUInt32 n = 0;
    if (vi != INSTR) return VI_ERROR_INV_OBJECT;
    if (reply_pos >= reply_len) { if (ret) *ret = 0; return VI_ERROR_TMO; }
    while (n < cnt && reply_pos < reply_len) {
        unsigned char c = (unsigned char)reply[reply_pos++];
        buf[n++] = c;
        if (termchar_en && c == termchar) { if (ret) *ret = n; return VI_SUCCESS_TERM_CHAR; }
    }
    if (ret) *ret = n;
    return reply_pos < reply_len ? VI_SUCCESS_MAX_CNT : VI_SUCCESS;
}

ViStatus viGetAttribute(ViSession vi, ViUInt32 attr, void *value)
{
    if (vi < RM || vi > INSTR) return VI_ERROR_INV_OBJECT;
    switch (attr) {
    case 0x3FFF001Au: *(uint32_t *)value = timeout_ms; return VI_SUCCESS;                  /* TMO_VALUE */
    case 0x3FFF0018u: *(unsigned char *)value = termchar; return VI_SUCCESS;               /* TERMCHAR */
    case 0x3FFF0038u: *(uint16_t *)value = (uint16_t)termchar_en; return VI_SUCCESS;       /* TERMCHAR_EN */
    case 0xBFFF0174u: strcpy((char *)value, "Fake VISA Inc."); return VI_SUCCESS;          /* RSRC_MANF_NAME */
    case 0x3FFF0003u: *(uint32_t *)value = 0x00100200u; return VI_SUCCESS;                 /* RSRC_IMPL_VERSION */
    case 0x3FFF0170u: *(uint32_t *)value = 0x00700000u; return VI_SUCCESS;                 /* RSRC_SPEC_VERSION */
    case 0xBFFF0002u: strcpy((char *)value, vi == RM ? "::INSTR0::1" : "TCPIP0::fake::INSTR"); return VI_SUCCESS;
    case VENDOR_ATTR: *(uint64_t *)value = vendor_value; return VI_SUCCESS;
    default: return VI_ERROR_NSUP_ATTR;
    }
}

ViStatus viSetAttribute(ViSession vi, ViUInt32 attr, ViAttrState value)
{
    if (vi != INSTR) return VI_ERROR_INV_OBJECT;
    switch (attr) {
    case 0x3FFF001Au: timeout_ms = (uint32_t)value; return VI_SUCCESS;
    case 0x3FFF0018u: termchar = (unsigned char)value; return VI_SUCCESS;
    case 0x3FFF0038u: termchar_en = value != 0; return VI_SUCCESS;
    case VENDOR_ATTR: vendor_value = (uint64_t)value; return VI_SUCCESS;
    default: return VI_ERROR_NSUP_ATTR;
    }
}

ViStatus viStatusDesc(ViSession vi, ViStatus status, char *desc)
{
    (void)vi;
    if (status == FAKE_VENDOR_ERROR) strcpy(desc, "Fake vendor failure: the fake instrument refused VENDOR.");
    else strcpy(desc, "Fake VISA status.");
    return VI_SUCCESS;
}

ViStatus viFindRsrc(ViSession rm, const char *expr, ViSession *list, ViUInt32 *count, char *desc)
{
    if (rm != RM) return VI_ERROR_INV_OBJECT;
    if (strstr(expr, "INTFC")) return VI_ERROR_RSRC_NFOUND;
    *list = FIND_LIST;
    *count = 2;
    strcpy(desc, "TCPIP0::fake::INSTR");
    return VI_SUCCESS;
}

ViStatus viFindNext(ViSession list, char *desc)
{
    if (list != FIND_LIST) return VI_ERROR_INV_OBJECT;
    strcpy(desc, "ASRL1::INSTR");
    return VI_SUCCESS;
}

#ifndef FAKE_MINIMAL
ViStatus viReadSTB(ViSession vi, ViUInt16 *status)
{
    if (vi != INSTR) return VI_ERROR_INV_OBJECT;
    *status = (ViUInt16)stb;
    stb = 0;
    return VI_SUCCESS;
}

ViStatus viClear(ViSession vi) { reply_len = reply_pos = 0; return vi == INSTR ? VI_SUCCESS : VI_ERROR_INV_OBJECT; }

ViStatus viLock(ViSession vi, ViUInt32 type, ViUInt32 timeout, const char *requested, char *key)
{
    (void)timeout;
    if (vi != INSTR) return VI_ERROR_INV_OBJECT;
    locked++;
    if (type == 2 && key) strcpy(key, requested ? requested : "fake-key-1");
    return VI_SUCCESS;
}

ViStatus viUnlock(ViSession vi)
{
    if (vi != INSTR) return VI_ERROR_INV_OBJECT;
    if (locked == 0) return (ViStatus)0xBFFF009C; /* VI_ERROR_SESN_NLOCKED */
    locked--;
    return VI_SUCCESS;
}

ViStatus viEnableEvent(ViSession vi, ViUInt32 type, ViUInt16 mechanism, ViUInt32 context)
{
    (void)context;
    if (vi != INSTR) return VI_ERROR_INV_OBJECT;
    if (type != SRQ) return VI_ERROR_INV_EVENT;
    if (mechanism & 2) handler_enabled = 1;
    return VI_SUCCESS;
}

ViStatus viDisableEvent(ViSession vi, ViUInt32 type, ViUInt16 mechanism)
{
    (void)type;
    if (vi != INSTR) return VI_ERROR_INV_OBJECT;
    if (mechanism & 2) handler_enabled = 0;
    return VI_SUCCESS;
}

ViStatus viDiscardEvents(ViSession vi, ViUInt32 type, ViUInt16 mechanism)
{
    (void)type; (void)mechanism;
    srq_queued = 0;
    return vi == INSTR ? VI_SUCCESS : VI_ERROR_INV_OBJECT;
}

ViStatus viWaitOnEvent(ViSession vi, ViUInt32 type, ViUInt32 timeout, ViUInt32 *out_type, ViSession *context)
{
    uint32_t waited = 0;
    if (vi != INSTR) return VI_ERROR_INV_OBJECT;
    while (!srq_queued) {
        if (waited >= timeout) return VI_ERROR_TMO;
        usleep(1000);
        waited++;
    }
    srq_queued = 0;
    if (out_type) *out_type = type == 0x3FFF7FFF ? SRQ : type;
    if (context) *context = EVENT_CONTEXT;
    return VI_SUCCESS;
}

ViStatus viInstallHandler(ViSession vi, ViUInt32 type, ViHndlr h, void *user)
{
    (void)type;
    if (vi != INSTR) return VI_ERROR_INV_OBJECT;
    handler = h;
    handler_user = user;
    return VI_SUCCESS;
}

ViStatus viUninstallHandler(ViSession vi, ViUInt32 type, ViHndlr h, void *user)
{
    (void)type; (void)h; (void)user;
    if (vi != INSTR) return VI_ERROR_INV_OBJECT;
    handler = 0;
    handler_user = 0;
    return VI_SUCCESS;
}
#endif
