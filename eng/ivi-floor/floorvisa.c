/* The floor of any VISA library under PyVISA's @ivi backend: the VISA C functions PyVISA calls to open a TCPIP SOCKET
   resource and to query it, and nothing more.
   Built plain, it answers at once from memory (no I/O, no lookup beyond one comparison): viRead hands back a fixed
   reply the length of `ovisa serve --demo`'s *IDN? reply, ending in the termination character, with
   VI_SUCCESS_TERM_CHAR. What PyVISA costs over it is what PyVISA costs over any VISA library.
   Built with -DFLOOR_IO, viOpen connects to the SOCKET resource's host and port, viWrite is one send() and viRead one
   recv() (more only when the reply arrives in pieces): the least any VISA library that does the I/O can cost.
   See docs/performance.md, "@ivi over libopenvisa". Built by eng/ivi-floor/measure.sh (gcc), not by CI. A measuring
   tool, not a VISA library: one session at a time, no events, no locks. Types follow visatype.h on LP64
   (ViSession and ViStatus 32-bit, ViAttrState 64-bit). */
#include <stdint.h>
#include <string.h>
#ifdef FLOOR_IO
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>
#endif

typedef int32_t ViStatus;
typedef uint32_t ViSession;
typedef uint32_t ViUInt32;
typedef uint16_t ViUInt16;
typedef uint64_t ViAttrState;

#define VI_SUCCESS 0
#define VI_SUCCESS_TERM_CHAR 0x3FFF0005
#define VI_SUCCESS_MAX_CNT 0x3FFF0006
#define VI_ERROR_INV_OBJECT ((ViStatus)0xBFFF000E)
#define VI_ERROR_RSRC_NFOUND ((ViStatus)0xBFFF0011)
#define VI_ERROR_NSUP_ATTR ((ViStatus)0xBFFF001D)
#define VI_ERROR_TMO ((ViStatus)0xBFFF0015)
#define VI_ERROR_IO ((ViStatus)0xBFFF003E)
#define VI_INTF_TCPIP 6
#define RM 1
#define INSTR 2
#define FIND_LIST 3

#ifndef FLOOR_IO
/* As long as the demo server's "OpenVisa,Demo Instrument,<serial>,<version>\n", so PyVISA copies as many bytes. */
static const char reply[] = "OpenVisa,Floor Stub Inst,0,0.1.0.0\n";
#endif
static uint32_t timeout_ms = 2000;
static unsigned char termchar = '\n';
static uint16_t termchar_en;
static char name[256] = "TCPIP0::127.0.0.1::5025::SOCKET";

#ifdef FLOOR_IO
static int fd = -1;

static void apply_timeout(void)
{
    struct timeval tv = { (time_t)(timeout_ms / 1000), (suseconds_t)(timeout_ms % 1000) * 1000 };
    if (fd >= 0) setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
}

/* "TCPIP[board]::host::port::SOCKET": connects with TCP_NODELAY, as every SOCKET client does. */
static ViStatus connect_socket(const char *rsrc)
{
    char host[256], port[16];
    const char *h = strstr(rsrc, "::"), *p, *e;
    struct addrinfo hints = { 0 }, *found;
    int one = 1;
    if (!h) return VI_ERROR_RSRC_NFOUND;
    h += 2;
    p = strstr(h, "::");
    if (!p || (size_t)(p - h) >= sizeof host) return VI_ERROR_RSRC_NFOUND;
    memcpy(host, h, (size_t)(p - h));
    host[p - h] = 0;
    p += 2;
    e = strstr(p, "::");
    if (!e || (size_t)(e - p) >= sizeof port) return VI_ERROR_RSRC_NFOUND;
    memcpy(port, p, (size_t)(e - p));
    port[e - p] = 0;
    hints.ai_socktype = SOCK_STREAM;
    if (getaddrinfo(host, port, &hints, &found) != 0) return VI_ERROR_RSRC_NFOUND;
    fd = socket(found->ai_family, SOCK_STREAM, 0);
    if (fd < 0 || connect(fd, found->ai_addr, found->ai_addrlen) != 0) {
        freeaddrinfo(found);
        if (fd >= 0) close(fd);
        fd = -1;
        return VI_ERROR_RSRC_NFOUND;
    }
    freeaddrinfo(found);
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    apply_timeout();
    return VI_SUCCESS;
}
#endif

static int is_object(ViSession vi) { return vi == RM || vi == INSTR || vi == FIND_LIST; }

static ViStatus copy_name(char *to, const char *from)
{
    size_t n = strlen(from);
    if (n >= 256) n = 255;
    memcpy(to, from, n);
    to[n] = 0;
    return VI_SUCCESS;
}

ViStatus viOpenDefaultRM(ViSession *rm) { *rm = RM; return VI_SUCCESS; }

ViStatus viOpen(ViSession rm, const char *rsrc, ViUInt32 mode, ViUInt32 timeout, ViSession *vi)
{
    (void)mode; (void)timeout;
    if (rm != RM) return VI_ERROR_INV_OBJECT;
    if (strncmp(rsrc, "TCPIP", 5) != 0) return VI_ERROR_RSRC_NFOUND;
    copy_name(name, rsrc);
#ifdef FLOOR_IO
    {
        ViStatus status = connect_socket(rsrc);
        if (status != VI_SUCCESS) return status;
    }
#endif
    *vi = INSTR;
    return VI_SUCCESS;
}

ViStatus viClose(ViSession vi)
{
    if (!is_object(vi)) return VI_ERROR_INV_OBJECT;
#ifdef FLOOR_IO
    if (vi == INSTR && fd >= 0) { close(fd); fd = -1; }
#endif
    return VI_SUCCESS;
}

ViStatus viParseRsrc(ViSession rm, const char *rsrc, ViUInt16 *type, ViUInt16 *board)
{
    if (rm != RM) return VI_ERROR_INV_OBJECT;
    if (strncmp(rsrc, "TCPIP", 5) != 0) return VI_ERROR_RSRC_NFOUND;
    *type = VI_INTF_TCPIP;
    *board = 0;
    return VI_SUCCESS;
}

ViStatus viParseRsrcEx(ViSession rm, const char *rsrc, ViUInt16 *type, ViUInt16 *board, char *cls, char *canonical, char *alias)
{
    ViStatus status = viParseRsrc(rm, rsrc, type, board);
    if (status != VI_SUCCESS) return status;
    if (cls) copy_name(cls, strstr(rsrc, "::SOCKET") ? "SOCKET" : "INSTR");
    if (canonical) copy_name(canonical, rsrc);
    if (alias) alias[0] = 0;
    return VI_SUCCESS;
}

ViStatus viFindRsrc(ViSession rm, const char *expr, ViSession *list, ViUInt32 *count, char *desc)
{
    (void)expr;
    if (rm != RM) return VI_ERROR_INV_OBJECT;
    *list = FIND_LIST;
    *count = 1;
    return copy_name(desc, name);
}

ViStatus viFindNext(ViSession list, char *desc)
{
    if (list != FIND_LIST) return VI_ERROR_INV_OBJECT;
    return copy_name(desc, name);
}

ViStatus viWrite(ViSession vi, const unsigned char *buf, ViUInt32 cnt, ViUInt32 *ret)
{
    if (vi != INSTR) return VI_ERROR_INV_OBJECT;
#ifdef FLOOR_IO
    {
        ViUInt32 sent = 0;
        while (sent < cnt) {
            ssize_t n = send(fd, buf + sent, cnt - sent, MSG_NOSIGNAL);
            if (n <= 0) { if (ret) *ret = sent; return VI_ERROR_IO; }
            sent += (ViUInt32)n;
        }
    }
#else
    (void)buf;
#endif
    if (ret) *ret = cnt;
    return VI_SUCCESS;
}

#ifdef FLOOR_IO
ViStatus viRead(ViSession vi, unsigned char *buf, ViUInt32 cnt, ViUInt32 *ret)
{
    ViUInt32 got = 0;
    if (vi != INSTR) return VI_ERROR_INV_OBJECT;
    while (got < cnt) {
        ssize_t n = recv(fd, buf + got, cnt - got, 0);
        if (n <= 0) { if (ret) *ret = got; return n < 0 ? VI_ERROR_TMO : VI_ERROR_IO; }
        got += (ViUInt32)n;
        if (termchar_en && buf[got - 1] == termchar) { if (ret) *ret = got; return VI_SUCCESS_TERM_CHAR; }
    }
    if (ret) *ret = got;
    return VI_SUCCESS_MAX_CNT;
}
#else
ViStatus viRead(ViSession vi, unsigned char *buf, ViUInt32 cnt, ViUInt32 *ret)
{
    ViUInt32 n = sizeof reply - 1;
    if (vi != INSTR) return VI_ERROR_INV_OBJECT;
    if (n > cnt) n = cnt;
    memcpy(buf, reply, n);
    if (ret) *ret = n;
    return n == sizeof reply - 1 ? VI_SUCCESS_TERM_CHAR : VI_SUCCESS_MAX_CNT;
}
#endif

ViStatus viGetAttribute(ViSession vi, ViUInt32 attr, void *value)
{
    if (!is_object(vi)) return VI_ERROR_INV_OBJECT;
    switch (attr) {
    case 0x3FFF001Au: *(uint32_t *)value = timeout_ms; return VI_SUCCESS;                 /* VI_ATTR_TMO_VALUE */
    case 0x3FFF0018u: *(unsigned char *)value = termchar; return VI_SUCCESS;              /* VI_ATTR_TERMCHAR */
    case 0x3FFF0038u: *(uint16_t *)value = termchar_en; return VI_SUCCESS;                /* VI_ATTR_TERMCHAR_EN */
    case 0x3FFF0171u: *(uint16_t *)value = VI_INTF_TCPIP; return VI_SUCCESS;              /* VI_ATTR_INTF_TYPE */
    case 0x3FFF0176u: *(uint16_t *)value = 0; return VI_SUCCESS;                          /* VI_ATTR_INTF_NUM */
    case 0xBFFF0174u: return copy_name(value, "OpenVisa floor stub");                     /* VI_ATTR_RSRC_MANF_NAME */
    case 0x3FFF0003u: *(uint32_t *)value = 0x00000100u; return VI_SUCCESS;                /* VI_ATTR_RSRC_IMPL_VERSION */
    case 0x3FFF0170u: *(uint32_t *)value = 0x00700000u; return VI_SUCCESS;                /* VI_ATTR_RSRC_SPEC_VERSION */
    case 0xBFFF0002u: return copy_name(value, vi == INSTR ? name : "::INSTR0::1");       /* VI_ATTR_RSRC_NAME */
    case 0xBFFF0001u: copy_name(value, strstr(name, "::SOCKET") ? "SOCKET" : "INSTR"); return VI_SUCCESS; /* VI_ATTR_RSRC_CLASS */
    default: return VI_ERROR_NSUP_ATTR;
    }
}

ViStatus viSetAttribute(ViSession vi, ViUInt32 attr, ViAttrState value)
{
    if (vi != INSTR) return VI_ERROR_INV_OBJECT;
    switch (attr) {
    case 0x3FFF001Au:
        timeout_ms = (uint32_t)value;
#ifdef FLOOR_IO
        apply_timeout();
#endif
        return VI_SUCCESS;
    case 0x3FFF0018u: termchar = (unsigned char)value; return VI_SUCCESS;
    case 0x3FFF0038u: termchar_en = value != 0; return VI_SUCCESS;
    default: return VI_ERROR_NSUP_ATTR;
    }
}

/* PyVISA switches events off when it closes a resource; nothing is ever enabled here. */
ViStatus viDisableEvent(ViSession vi, ViUInt32 type, ViUInt16 mechanism)
{
    (void)type; (void)mechanism;
    return vi == INSTR ? VI_SUCCESS : VI_ERROR_INV_OBJECT;
}

ViStatus viDiscardEvents(ViSession vi, ViUInt32 type, ViUInt16 mechanism)
{
    (void)type; (void)mechanism;
    return vi == INSTR ? VI_SUCCESS : VI_ERROR_INV_OBJECT;
}

ViStatus viStatusDesc(ViSession vi, ViStatus status, char *desc)
{
    (void)vi; (void)status;
    return copy_name(desc, "OpenVisa floor stub status.");
}
