/*
 * A fake libusb-1.0 for the USB tests: it exports the libusb functions OpenVisa binds (same names and signatures as
 * libusb's public API) and simulates three devices on bus 1, so the USBTMC and USB RAW code runs without USB:
 *
 *   F4CE:0001 "FAKE0001"  a USB488 instrument: interface 0 is class FE/03/01 with bulk OUT 0x02, bulk IN 0x81 and
 *                         interrupt IN 0x83; a small SCPI responder answers what it is sent (see respond()).
 *   F4CE:0002 "RAW0002"   a vendor-specific device: bulk OUT 0x01 / bulk IN 0x82 echo, vendor control requests.
 *   F4CE:0003             a USBTMC device the user may not open (libusb_open fails with LIBUSB_ERROR_ACCESS).
 *
 * SCPI commands that inject faults: FAULT:BTAG (next reply carries a wrong bTag; FAULT:BTAG:SECOND the one after), FAULT:LONG (next reply announces more
 * than was requested), FAULT:SHORT (next bulk-IN transfer is 5 bytes), STALL (bulk IN halts until cleared),
 * VANISH (the device is unplugged: every later call fails with LIBUSB_ERROR_NO_DEVICE), SILENT? (no reply at all).
 * fake_usb_counter(name) lets a test read what the device saw.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <errno.h>
#include <sys/types.h>

enum {
    LIBUSB_SUCCESS = 0, LIBUSB_ERROR_IO = -1, LIBUSB_ERROR_INVALID_PARAM = -2, LIBUSB_ERROR_ACCESS = -3,
    LIBUSB_ERROR_NO_DEVICE = -4, LIBUSB_ERROR_NOT_FOUND = -5, LIBUSB_ERROR_BUSY = -6, LIBUSB_ERROR_TIMEOUT = -7,
    LIBUSB_ERROR_OVERFLOW = -8, LIBUSB_ERROR_PIPE = -9, LIBUSB_ERROR_OTHER = -99,
};

struct libusb_device_descriptor {
    uint8_t bLength, bDescriptorType; uint16_t bcdUSB;
    uint8_t bDeviceClass, bDeviceSubClass, bDeviceProtocol, bMaxPacketSize0;
    uint16_t idVendor, idProduct, bcdDevice;
    uint8_t iManufacturer, iProduct, iSerialNumber, bNumConfigurations;
};
struct libusb_endpoint_descriptor {
    uint8_t bLength, bDescriptorType, bEndpointAddress, bmAttributes; uint16_t wMaxPacketSize;
    uint8_t bInterval, bRefresh, bSynchAddress; const unsigned char *extra; int extra_length;
};
struct libusb_interface_descriptor {
    uint8_t bLength, bDescriptorType, bInterfaceNumber, bAlternateSetting, bNumEndpoints;
    uint8_t bInterfaceClass, bInterfaceSubClass, bInterfaceProtocol, iInterface;
    const struct libusb_endpoint_descriptor *endpoint; const unsigned char *extra; int extra_length;
};
struct libusb_interface { const struct libusb_interface_descriptor *altsetting; int num_altsetting; };
struct libusb_config_descriptor {
    uint8_t bLength, bDescriptorType; uint16_t wTotalLength;
    uint8_t bNumInterfaces, bConfigurationValue, iConfiguration, bmAttributes, MaxPower;
    const struct libusb_interface *interface; const unsigned char *extra; int extra_length;
};

typedef struct libusb_context { int unused; } libusb_context;
typedef struct libusb_device {
    int index;
    struct libusb_device_descriptor descriptor;
    struct libusb_config_descriptor config;
    const char *serial;
    int deny_open;
} libusb_device;
typedef struct libusb_device_handle { libusb_device *device; int claimed; } libusb_device_handle;

static const struct libusb_endpoint_descriptor TmcEndpoints[] = {
    { 7, 5, 0x02, 2, 512, 0, 0, 0, NULL, 0 },
    { 7, 5, 0x81, 2, 512, 0, 0, 0, NULL, 0 },
    { 7, 5, 0x83, 3, 8, 1, 0, 0, NULL, 0 },
};
static const struct libusb_interface_descriptor TmcInterface[] = { { 9, 4, 0, 0, 3, 0xFE, 0x03, 0x01, 0, TmcEndpoints, NULL, 0 } };
static const struct libusb_interface TmcInterfaces[] = { { TmcInterface, 1 } };
static const struct libusb_endpoint_descriptor RawEndpoints[] = {
    { 7, 5, 0x01, 2, 64, 0, 0, 0, NULL, 0 },
    { 7, 5, 0x82, 2, 64, 0, 0, 0, NULL, 0 },
};
static const struct libusb_interface_descriptor RawInterface[] = { { 9, 4, 0, 0, 2, 0xFF, 0x00, 0x00, 0, RawEndpoints, NULL, 0 } };
static const struct libusb_interface RawInterfaces[] = { { RawInterface, 1 } };

static libusb_device Devices[3] = {
    { 0, { 18, 1, 0x0200, 0, 0, 0, 64, 0xF4CE, 0x0001, 0x0100, 1, 2, 3, 1 }, { 9, 2, 39, 1, 1, 0, 0x80, 50, TmcInterfaces, NULL, 0 }, "FAKE0001", 0 },
    { 1, { 18, 1, 0x0200, 0, 0, 0, 64, 0xF4CE, 0x0002, 0x0100, 1, 2, 3, 1 }, { 9, 2, 32, 1, 1, 0, 0x80, 50, RawInterfaces, NULL, 0 }, "RAW0002", 0 },
    { 2, { 18, 1, 0x0200, 0, 0, 0, 64, 0xF4CE, 0x0003, 0x0100, 1, 2, 3, 1 }, { 9, 2, 39, 1, 1, 0, 0x80, 50, TmcInterfaces, NULL, 0 }, "LOCKED3", 1 },
};

/* ---- the USB488 instrument's state, guarded by Gate -------------------------------------------------------------- */
static pthread_mutex_t Gate = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t Changed = PTHREAD_COND_INITIALIZER;
/* The interrupt endpoint's own: a bulk request never wakes the thread polling it, as on a real bus. */
static pthread_cond_t InterruptChanged = PTHREAD_COND_INITIALIZER;
static unsigned char *Command; static size_t CommandLength, CommandCapacity;   /* DEV_DEP_MSG_OUT bytes until EOM */
static unsigned char *Reply; static size_t ReplyLength, ReplyOffset;           /* the response being sent */
static int RequestPending, RequestTag, RequestTermCharEnabled; static uint32_t RequestSize; static unsigned char RequestTermChar;
static int FaultBTag, FaultBTagSecond, FaultLong, FaultShort, InHalted, Vanished, KernelDriverBound = 1;
static unsigned char StatusByte;
static unsigned char Interrupts[64][2]; static int InterruptCount;
static int AbortInPending;
static long Counters[16];
enum { C_CLEAR, C_TRIGGER, C_ABORT_IN, C_ABORT_OUT, C_REN, C_GTL, C_LLO, C_DETACH, C_ATTACH, C_CLEAR_HALT, C_REQUESTS, C_MESSAGES, C_COUNT };
static const char *CounterNames[C_COUNT] = { "clear", "trigger", "abort_in", "abort_out", "ren", "gtl", "llo", "detach", "attach", "clear_halt", "requests", "messages" };
static unsigned char RawEcho[4096]; static int RawEchoLength; static unsigned char RawControl[64]; static int RawControlLength;

long fake_usb_counter(const char *name)
{
    for (int i = 0; i < C_COUNT; i++)
        if (strcmp(name, CounterNames[i]) == 0) { pthread_mutex_lock(&Gate); long v = Counters[i]; pthread_mutex_unlock(&Gate); return v; }
    if (strcmp(name, "kernel_driver") == 0) return KernelDriverBound;
    return -1;
}

static void set_reply(const char *text, size_t length)
{
    free(Reply);
    Reply = malloc(length ? length : 1);
    memcpy(Reply, text, length);
    ReplyLength = length;
    ReplyOffset = 0;
    pthread_cond_broadcast(&Changed);
}

static void push_interrupt(unsigned char a, unsigned char b)
{
    if (InterruptCount < 64) { Interrupts[InterruptCount][0] = a; Interrupts[InterruptCount][1] = b; InterruptCount++; }
    pthread_cond_broadcast(&InterruptChanged);
}

/* The SCPI responder: one complete message (EOM seen) in Command. */
static void respond(void)
{
    char text[256];
    size_t n = CommandLength < sizeof text - 1 ? CommandLength : sizeof text - 1;
    memcpy(text, Command, n);
    text[n] = 0;
    while (n > 0 && (text[n - 1] == '\n' || text[n - 1] == '\r')) text[--n] = 0;
    CommandLength = 0;
    Counters[C_MESSAGES]++;
    if (strcasecmp(text, "*IDN?") == 0) { const char *r = "FAKE,USBTMC,FAKE0001,1.0\n"; set_reply(r, strlen(r)); }
    else if (strcasecmp(text, "*OPC?") == 0) set_reply("1\n", 2);
    else if (strcasecmp(text, "TWO?") == 0) set_reply("first\nsecond\n", 13);
    else if (strncasecmp(text, "DATA? ", 6) == 0) {
        long count = atol(text + 6);
        char head[32];
        int h = snprintf(head, sizeof head, "#8%08ld", count);
        free(Reply);
        Reply = malloc(h + count + 1);
        memcpy(Reply, head, h);
        for (long i = 0; i < count; i++) Reply[h + i] = (unsigned char)(i * 7);
        Reply[h + count] = '\n';
        ReplyLength = h + count + 1;
        ReplyOffset = 0;
        pthread_cond_broadcast(&Changed);
    }
    else if (strncasecmp(text, "STB ", 4) == 0) StatusByte = (unsigned char)atoi(text + 4);
    else if (strcasecmp(text, "SRQ") == 0) { StatusByte |= 0x40; push_interrupt(0x81, StatusByte); }
    else if (strcasecmp(text, "FAULT:BTAG") == 0) FaultBTag = 1;
    else if (strcasecmp(text, "FAULT:BTAG:SECOND") == 0) FaultBTagSecond = 1; /* the second reply from now on */
    else if (strcasecmp(text, "FAULT:LONG") == 0) FaultLong = 1;
    else if (strcasecmp(text, "FAULT:SHORT") == 0) FaultShort = 1;
    else if (strcasecmp(text, "STALL") == 0) InHalted = 1;
    else if (strcasecmp(text, "VANISH") == 0) { Vanished = 1; pthread_cond_broadcast(&Changed); pthread_cond_broadcast(&InterruptChanged); }
    else if (strcasecmp(text, "SILENT?") == 0) { /* never answers */ }
    else if (strcasecmp(text, "COUNTS?") == 0) {
        char r[256];
        int len = snprintf(r, sizeof r, "%ld,%ld,%ld,%ld,%ld,%ld,%ld\n", Counters[C_CLEAR], Counters[C_TRIGGER], Counters[C_ABORT_IN],
            Counters[C_ABORT_OUT], Counters[C_REN], Counters[C_GTL], Counters[C_LLO]);
        set_reply(r, len);
    }
    else if (text[0] != '*' && strchr(text, '?')) { const char *r = "ERR unknown query\n"; set_reply(r, strlen(r)); }
}

static void deadline_after(struct timespec *ts, unsigned int ms)
{
    clock_gettime(CLOCK_REALTIME, ts);
    if (ms == 0) ms = 60000; /* libusb: 0 waits forever; the fake gives up after a minute */
    ts->tv_sec += ms / 1000;
    ts->tv_nsec += (long)(ms % 1000) * 1000000L;
    if (ts->tv_nsec >= 1000000000L) { ts->tv_sec++; ts->tv_nsec -= 1000000000L; }
}

static uint32_t le32(const unsigned char *p) { return p[0] | (p[1] << 8) | (p[2] << 16) | ((uint32_t)p[3] << 24); }
static void put32(unsigned char *p, uint32_t v) { p[0] = v; p[1] = v >> 8; p[2] = v >> 16; p[3] = v >> 24; }

static int tmc_bulk_out(const unsigned char *data, int length, int *transferred)
{
    if (length < 12 || (unsigned char)data[2] != (unsigned char)~data[1])
        return LIBUSB_ERROR_PIPE; /* a device stalls on a header it cannot parse */
    switch (data[0]) {
    case 1: { /* DEV_DEP_MSG_OUT */
        uint32_t size = le32(data + 4);
        if (size > (uint32_t)(length - 12)) return LIBUSB_ERROR_PIPE;
        if (CommandLength + size > CommandCapacity) { CommandCapacity = (CommandLength + size) * 2; Command = realloc(Command, CommandCapacity); }
        memcpy(Command + CommandLength, data + 12, size);
        CommandLength += size;
        if (data[8] & 1) respond();
        break;
    }
    case 2: /* REQUEST_DEV_DEP_MSG_IN */
        RequestPending = 1; RequestTag = data[1]; RequestSize = le32(data + 4);
        RequestTermCharEnabled = (data[8] & 2) != 0; RequestTermChar = data[9];
        Counters[C_REQUESTS]++;
        pthread_cond_broadcast(&Changed);
        break;
    case 128: Counters[C_TRIGGER]++; break; /* USB488 TRIGGER */
    default: return LIBUSB_ERROR_PIPE;
    }
    *transferred = length;
    return 0;
}

static int tmc_bulk_in(unsigned char *data, int length, int *transferred, unsigned int timeout)
{
    struct timespec until;
    deadline_after(&until, timeout);
    *transferred = 0;
    if (InHalted) return LIBUSB_ERROR_PIPE;
    if (AbortInPending) { AbortInPending = 0; return 0; } /* the short packet that ends an aborted transfer */
    while (!Vanished && !(RequestPending && ReplyOffset < ReplyLength))
        if (pthread_cond_timedwait(&Changed, &Gate, &until) == ETIMEDOUT) return LIBUSB_ERROR_TIMEOUT;
    if (Vanished) return LIBUSB_ERROR_NO_DEVICE;
    if (FaultShort) { FaultShort = 0; RequestPending = 0; memset(data, 2, 5); *transferred = 5; return 0; }
    size_t left = ReplyLength - ReplyOffset, count = left < RequestSize ? left : RequestSize;
    int term = 0;
    if (RequestTermCharEnabled) {
        unsigned char *found = memchr(Reply + ReplyOffset, RequestTermChar, count);
        if (found) { count = found - (Reply + ReplyOffset) + 1; term = 1; }
    }
    size_t padded = (12 + count + 3) & ~(size_t)3;
    if ((size_t)length < padded) return LIBUSB_ERROR_OVERFLOW;
    memset(data, 0, padded);
    data[0] = 2;
    data[1] = FaultBTag ? (unsigned char)(RequestTag + 1) : (unsigned char)RequestTag;
    data[2] = (unsigned char)~data[1];
    put32(data + 4, FaultLong ? RequestSize + 100 : (uint32_t)count);
    int eom = ReplyOffset + count == ReplyLength;
    data[8] = (eom ? 1 : 0) | (term ? 2 : 0);
    memcpy(data + 12, Reply + ReplyOffset, count);
    ReplyOffset += count;
    FaultBTag = FaultLong = 0;
    if (FaultBTagSecond && --FaultBTagSecond == 0) FaultBTag = 1;
    RequestPending = 0;
    *transferred = (int)padded;
    return 0;
}

static int tmc_interrupt_in(unsigned char *data, int length, int *transferred, unsigned int timeout)
{
    struct timespec until;
    deadline_after(&until, timeout);
    *transferred = 0;
    while (!Vanished && InterruptCount == 0)
        if (pthread_cond_timedwait(&InterruptChanged, &Gate, &until) == ETIMEDOUT) return LIBUSB_ERROR_TIMEOUT;
    if (Vanished) return LIBUSB_ERROR_NO_DEVICE;
    if (length < 2) return LIBUSB_ERROR_OVERFLOW;
    data[0] = Interrupts[0][0]; data[1] = Interrupts[0][1];
    memmove(Interrupts, Interrupts + 1, sizeof Interrupts[0] * (size_t)--InterruptCount);
    *transferred = 2;
    return 0;
}

static int tmc_control(uint8_t type, uint8_t request, uint16_t value, uint16_t index, unsigned char *data, uint16_t length)
{
    if ((type & 0x60) != 0x20) return LIBUSB_ERROR_PIPE; /* only class requests */
    unsigned char reply[24] = { 0 };
    int n;
    switch (request) {
    case 7: /* GET_CAPABILITIES */
        reply[0] = 1; reply[2] = 0x00; reply[3] = 0x01; reply[4] = 0x00; reply[5] = 0x01; /* TermChar supported */
        reply[12] = 0x00; reply[13] = 0x01; reply[14] = 0x07; reply[15] = 0x0F; n = 24; break;
    case 5: /* INITIATE_CLEAR */
        Counters[C_CLEAR]++; CommandLength = 0; ReplyLength = ReplyOffset = 0; RequestPending = 0;
        reply[0] = 1; n = 1; break;
    case 6: reply[0] = 1; reply[1] = 0; n = 2; break; /* CHECK_CLEAR_STATUS: done, nothing queued */
    case 3: /* INITIATE_ABORT_BULK_IN */
        if (!RequestPending && ReplyOffset >= ReplyLength) { reply[0] = 0x81; reply[1] = (unsigned char)value; n = 2; break; }
        Counters[C_ABORT_IN]++; RequestPending = 0; ReplyLength = ReplyOffset = 0; AbortInPending = 1;
        reply[0] = 1; reply[1] = (unsigned char)value; n = 2; break;
    case 4: reply[0] = 1; n = 8; break; /* CHECK_ABORT_BULK_IN_STATUS */
    case 1: /* INITIATE_ABORT_BULK_OUT */
        Counters[C_ABORT_OUT]++; CommandLength = 0; reply[0] = 1; reply[1] = (unsigned char)value; n = 2; break;
    case 2: reply[0] = 1; n = 8; break; /* CHECK_ABORT_BULK_OUT_STATUS */
    case 128: /* READ_STATUS_BYTE: the byte comes on the interrupt endpoint */
        reply[0] = 1; reply[1] = (unsigned char)value; reply[2] = 0; n = 3;
        push_interrupt(0x80 | (value & 0x7F), StatusByte);
        StatusByte &= (unsigned char)~0x40;
        break;
    case 160: Counters[C_REN]++; reply[0] = 1; n = 1; break;
    case 161: Counters[C_GTL]++; reply[0] = 1; n = 1; break;
    case 162: Counters[C_LLO]++; reply[0] = 1; n = 1; break;
    default: return LIBUSB_ERROR_PIPE;
    }
    (void)index;
    if (n > length) n = length;
    memcpy(data, reply, n);
    return n;
}

/* ---- the libusb API ------------------------------------------------------------------------------------------------- */
int libusb_init(libusb_context **ctx) { static libusb_context context; if (ctx) *ctx = &context; return 0; }
void libusb_exit(libusb_context *ctx) { (void)ctx; }
const char *libusb_error_name(int code)
{
    switch (code) {
    case 0: return "LIBUSB_SUCCESS"; case -1: return "LIBUSB_ERROR_IO"; case -2: return "LIBUSB_ERROR_INVALID_PARAM";
    case -3: return "LIBUSB_ERROR_ACCESS"; case -4: return "LIBUSB_ERROR_NO_DEVICE"; case -5: return "LIBUSB_ERROR_NOT_FOUND";
    case -6: return "LIBUSB_ERROR_BUSY"; case -7: return "LIBUSB_ERROR_TIMEOUT"; case -8: return "LIBUSB_ERROR_OVERFLOW";
    case -9: return "LIBUSB_ERROR_PIPE"; default: return "LIBUSB_ERROR_OTHER";
    }
}
ssize_t libusb_get_device_list(libusb_context *ctx, libusb_device ***list)
{
    (void)ctx;
    libusb_device **l = calloc(4, sizeof *l);
    int n = 0;
    for (int i = 0; i < 3; i++)
        if (!(i == 0 && Vanished)) l[n++] = &Devices[i];
    *list = l;
    return n;
}
void libusb_free_device_list(libusb_device **list, int unref) { (void)unref; free(list); }
uint8_t libusb_get_bus_number(libusb_device *dev) { (void)dev; return 1; }
uint8_t libusb_get_device_address(libusb_device *dev) { return (uint8_t)(dev->index + 2); }
int libusb_get_device_descriptor(libusb_device *dev, struct libusb_device_descriptor *desc) { *desc = dev->descriptor; return 0; }
int libusb_get_active_config_descriptor(libusb_device *dev, struct libusb_config_descriptor **config)
{
    *config = &dev->config;
    return 0;
}
void libusb_free_config_descriptor(struct libusb_config_descriptor *config) { (void)config; }
int libusb_open(libusb_device *dev, libusb_device_handle **handle)
{
    if (dev->deny_open) return LIBUSB_ERROR_ACCESS;
    if (dev->index == 0 && Vanished) return LIBUSB_ERROR_NO_DEVICE;
    *handle = calloc(1, sizeof **handle);
    (*handle)->device = dev;
    return 0;
}
void libusb_close(libusb_device_handle *handle) { free(handle); }
int libusb_get_string_descriptor_ascii(libusb_device_handle *h, uint8_t index, unsigned char *data, int length)
{
    const char *text = index == 1 ? "OpenVisa Fakes" : index == 2 ? (h->device->index == 1 ? "Raw Gadget" : "Fake Meter") : index == 3 ? h->device->serial : NULL;
    if (!text) return LIBUSB_ERROR_INVALID_PARAM;
    int n = (int)strlen(text);
    if (n > length - 1) n = length - 1;
    memcpy(data, text, n);
    data[n] = 0;
    return n;
}
int libusb_kernel_driver_active(libusb_device_handle *h, int iface) { (void)iface; return h->device->index == 0 ? KernelDriverBound : 0; }
int libusb_detach_kernel_driver(libusb_device_handle *h, int iface)
{
    (void)iface;
    if (h->device->index != 0 || !KernelDriverBound) return LIBUSB_ERROR_NOT_FOUND;
    pthread_mutex_lock(&Gate); KernelDriverBound = 0; Counters[C_DETACH]++; pthread_mutex_unlock(&Gate);
    return 0;
}
int libusb_attach_kernel_driver(libusb_device_handle *h, int iface)
{
    (void)iface;
    if (h->device->index != 0) return LIBUSB_ERROR_NOT_FOUND;
    if (Vanished) return LIBUSB_ERROR_NO_DEVICE;
    pthread_mutex_lock(&Gate); KernelDriverBound = 1; Counters[C_ATTACH]++; pthread_mutex_unlock(&Gate);
    return 0;
}
int libusb_claim_interface(libusb_device_handle *h, int iface)
{
    if (iface != 0) return LIBUSB_ERROR_NOT_FOUND;
    if (h->device->index == 0 && KernelDriverBound) return LIBUSB_ERROR_BUSY;
    h->claimed = 1;
    return 0;
}
int libusb_release_interface(libusb_device_handle *h, int iface) { (void)iface; h->claimed = 0; return Vanished && h->device->index == 0 ? LIBUSB_ERROR_NO_DEVICE : 0; }
int libusb_clear_halt(libusb_device_handle *h, unsigned char endpoint)
{
    if (h->device->index != 0) return 0;
    pthread_mutex_lock(&Gate);
    if (endpoint == 0x81) InHalted = 0;
    Counters[C_CLEAR_HALT]++;
    int vanished = Vanished;
    pthread_mutex_unlock(&Gate);
    return vanished ? LIBUSB_ERROR_NO_DEVICE : 0;
}

int libusb_bulk_transfer(libusb_device_handle *h, unsigned char endpoint, unsigned char *data, int length, int *transferred, unsigned int timeout)
{
    if (!h->claimed) return LIBUSB_ERROR_IO;
    if (h->device->index == 1) {
        if (endpoint == 0x01) { int n = length < (int)sizeof RawEcho ? length : (int)sizeof RawEcho; memcpy(RawEcho, data, n); RawEchoLength = n; *transferred = n; return 0; }
        if (endpoint == 0x82) {
            if (RawEchoLength == 0) { struct timespec t = { timeout / 1000, (long)(timeout % 1000) * 1000000L }; nanosleep(&t, NULL); *transferred = 0; return LIBUSB_ERROR_TIMEOUT; }
            int n = RawEchoLength < length ? RawEchoLength : length;
            memcpy(data, RawEcho, n); RawEchoLength = 0; *transferred = n; return 0;
        }
        return LIBUSB_ERROR_INVALID_PARAM;
    }
    pthread_mutex_lock(&Gate);
    int result;
    if (Vanished) result = LIBUSB_ERROR_NO_DEVICE;
    else if (endpoint == 0x02) result = tmc_bulk_out(data, length, transferred);
    else if (endpoint == 0x81) result = tmc_bulk_in(data, length, transferred, timeout);
    else result = LIBUSB_ERROR_INVALID_PARAM;
    pthread_mutex_unlock(&Gate);
    return result;
}

int libusb_interrupt_transfer(libusb_device_handle *h, unsigned char endpoint, unsigned char *data, int length, int *transferred, unsigned int timeout)
{
    if (!h->claimed || h->device->index != 0 || endpoint != 0x83) return LIBUSB_ERROR_INVALID_PARAM;
    pthread_mutex_lock(&Gate);
    int result = Vanished ? LIBUSB_ERROR_NO_DEVICE : tmc_interrupt_in(data, length, transferred, timeout);
    pthread_mutex_unlock(&Gate);
    return result;
}

int libusb_control_transfer(libusb_device_handle *h, uint8_t type, uint8_t request, uint16_t value, uint16_t index, unsigned char *data, uint16_t length, unsigned int timeout)
{
    (void)timeout;
    if (h->device->index == 1) { /* the raw device's vendor requests: 0x01 IN reads back what 0x02 OUT stored */
        if (type == 0xC0 && request == 0x01) { int n = RawControlLength < length ? RawControlLength : length; memcpy(data, RawControl, n); return n; }
        if (type == 0x40 && request == 0x02) { int n = length < 64 ? length : 64; memcpy(RawControl, data, n); RawControlLength = n; return n; }
        return LIBUSB_ERROR_PIPE;
    }
    pthread_mutex_lock(&Gate);
    int result = Vanished ? LIBUSB_ERROR_NO_DEVICE : tmc_control(type, request, value, index, data, length);
    pthread_mutex_unlock(&Gate);
    return result;
}
