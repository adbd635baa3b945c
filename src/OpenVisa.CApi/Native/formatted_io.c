/* The varargs side of libopenvisa's formatted I/O (viPrintf, viScanf, viQueryf, viSPrintf, viSScanf and their
   viV* forms). C# cannot take "..." or a va_list, so this file only walks the format string far enough to take each
   argument with its C type, and hands the format and the collected arguments to C# (OpenVisaFormatWrite,
   OpenVisaFormatRead), where all formatting and parsing is done. Compiled into libopenvisa by OpenVisa.CApi.csproj. */
#include <stdarg.h>
#include <stddef.h>

typedef int ViStatus;
typedef unsigned int ViSession;
typedef struct { long long i; double d; void *p; } ov_arg;

#define OV_MAX_ARGS 128
#define VI_ERROR_INV_FMT ((ViStatus)0xBFFF003F)
#define VI_ERROR_NSUP_FMT ((ViStatus)0xBFFF0041)

/* Exported by the C# part. */
ViStatus OpenVisaFormatWrite(ViSession vi, const char *format, const ov_arg *args, int count, unsigned char *destination);
ViStatus OpenVisaFormatRead(ViSession vi, const char *format, const ov_arg *args, int count, const unsigned char *source);

/* Takes the arguments a viPrintf format needs. Returns the count, or -1 for a format it cannot walk. */
static int collect_write(const char *f, va_list *ap, ov_arg *args)
{
    int n = 0;
    while (*f) {
        int hash = 0, array = 0, length = 0;
        if (*f++ != '%') continue;
        if (*f == '%') { f++; continue; }
        for (;;) {                                      /* flags, byte-order and array modifiers */
            if (*f == '-' || *f == '+' || *f == ' ' || *f == '0') f++;
            else if (*f == '#') { hash = 1; f++; }
            else if (*f == '!' && f[1] == 'o' && (f[2] == 'l' || f[2] == 'b' || f[2] == 'f')) f += 3;
            else if (*f == ',') {
                array = 1; f++;
                if (*f == '#' || *f == '*') { if (n >= OV_MAX_ARGS) return -1; args[n++].i = va_arg(*ap, int); f++; }
                else while (*f >= '0' && *f <= '9') f++;
            }
            else break;
        }
        if (*f == '*') { if (n >= OV_MAX_ARGS) return -1; args[n++].i = va_arg(*ap, int); f++; }
        else while (*f >= '0' && *f <= '9') f++;
        if (*f == '.') {
            f++;
            if (*f == '*') { if (n >= OV_MAX_ARGS) return -1; args[n++].i = va_arg(*ap, int); f++; }
            else while (*f >= '0' && *f <= '9') f++;
        }
        while (*f == 'h' || *f == 'l' || *f == 'L' || *f == 'z' || *f == 'Z') { length = *f == 'l' ? length + 1 : *f == 'L' ? 9 : length; f++; }
        if (n >= OV_MAX_ARGS - 1) return -1;
        switch (*f) {
        case 'd': case 'i': case 'o': case 'u': case 'x': case 'X': case 'c':
            if (array) args[n++].p = va_arg(*ap, void *);
            else if (length >= 2) args[n++].i = va_arg(*ap, long long);
            else if (length == 1) args[n++].i = (int)va_arg(*ap, long); /* %ld is a ViInt32 in VISA */
            else args[n++].i = va_arg(*ap, int);
            break;
        case 'f': case 'e': case 'E': case 'g': case 'G': case 'a': case 'A':
            if (array) args[n++].p = va_arg(*ap, void *);
            else if (length == 9) args[n++].d = (double)va_arg(*ap, long double);
            else args[n++].d = va_arg(*ap, double);
            break;
        case 'b': case 'B': case 'y':
            if (hash) args[n++].i = va_arg(*ap, int);
            args[n++].p = va_arg(*ap, void *);
            break;
        case 's':
            args[n++].p = va_arg(*ap, void *);
            break;
        case '\0':
            return -1;
        default:
            return -1;
        }
        f++;
    }
    return n;
}

/* Takes the pointers a viScanf format needs (every stored conversion is a pointer; '#' adds a count pointer). */
static int collect_read(const char *f, va_list *ap, ov_arg *args)
{
    int n = 0;
    while (*f) {
        int suppress = 0, hash = 0;
        if (*f++ != '%') continue;
        if (*f == '%') { f++; continue; }
        if (*f == '*') { suppress = 1; f++; }
        for (;;) {
            if (*f == '#') { hash = 1; f++; }
            else if (*f == '!' && f[1] == 'o' && (f[2] == 'l' || f[2] == 'b' || f[2] == 'f')) f += 3;
            else if (*f == ',') {
                f++;
                if (*f == '#') { hash = 1; f++; }
                else while (*f >= '0' && *f <= '9') f++;
            }
            else break;
        }
        while (*f >= '0' && *f <= '9') f++;
        while (*f == 'h' || *f == 'l' || *f == 'L' || *f == 'z' || *f == 'Z') f++;
        if (*f == '\0') return -1;
        if (*f == '[') {
            f++;
            if (*f == '^') f++;
            if (*f == ']') f++;
            while (*f && *f != ']') f++;
            if (!*f) return -1;
        }
        if (!suppress && *f != 'n') {
            if (n >= OV_MAX_ARGS - 1) return -1;
            if (hash) args[n++].p = va_arg(*ap, void *);
            args[n++].p = va_arg(*ap, void *);
        }
        f++;
    }
    return n;
}

ViStatus viVPrintf(ViSession vi, const char *format, va_list params)
{
    ov_arg args[OV_MAX_ARGS];
    va_list ap;
    int n;
    if (!format) return OpenVisaFormatWrite(vi, format, NULL, 0, NULL);
    va_copy(ap, params);
    n = collect_write(format, &ap, args);
    va_end(ap);
    return n < 0 ? VI_ERROR_NSUP_FMT : OpenVisaFormatWrite(vi, format, args, n, NULL);
}

ViStatus viPrintf(ViSession vi, const char *format, ...)
{
    va_list ap;
    ViStatus status;
    va_start(ap, format);
    status = viVPrintf(vi, format, ap);
    va_end(ap);
    return status;
}

ViStatus viVSPrintf(ViSession vi, unsigned char *buffer, const char *format, va_list params)
{
    ov_arg args[OV_MAX_ARGS];
    va_list ap;
    int n;
    if (!format || !buffer) return OpenVisaFormatWrite(vi, format, NULL, 0, buffer);
    va_copy(ap, params);
    n = collect_write(format, &ap, args);
    va_end(ap);
    return n < 0 ? VI_ERROR_NSUP_FMT : OpenVisaFormatWrite(vi, format, args, n, buffer);
}

ViStatus viSPrintf(ViSession vi, unsigned char *buffer, const char *format, ...)
{
    va_list ap;
    ViStatus status;
    va_start(ap, format);
    status = viVSPrintf(vi, buffer, format, ap);
    va_end(ap);
    return status;
}

ViStatus viVScanf(ViSession vi, const char *format, va_list params)
{
    ov_arg args[OV_MAX_ARGS];
    va_list ap;
    int n;
    if (!format) return OpenVisaFormatRead(vi, format, NULL, 0, NULL);
    va_copy(ap, params);
    n = collect_read(format, &ap, args);
    va_end(ap);
    return n < 0 ? VI_ERROR_NSUP_FMT : OpenVisaFormatRead(vi, format, args, n, NULL);
}

ViStatus viScanf(ViSession vi, const char *format, ...)
{
    va_list ap;
    ViStatus status;
    va_start(ap, format);
    status = viVScanf(vi, format, ap);
    va_end(ap);
    return status;
}

ViStatus viVSScanf(ViSession vi, const unsigned char *buffer, const char *format, va_list params)
{
    ov_arg args[OV_MAX_ARGS];
    va_list ap;
    int n;
    if (!format || !buffer) return OpenVisaFormatRead(vi, format, NULL, 0, buffer);
    va_copy(ap, params);
    n = collect_read(format, &ap, args);
    va_end(ap);
    return n < 0 ? VI_ERROR_NSUP_FMT : OpenVisaFormatRead(vi, format, args, n, buffer);
}

ViStatus viSScanf(ViSession vi, const unsigned char *buffer, const char *format, ...)
{
    va_list ap;
    ViStatus status;
    va_start(ap, format);
    status = viVSScanf(vi, buffer, format, ap);
    va_end(ap);
    return status;
}

ViStatus viVQueryf(ViSession vi, const char *writeFormat, const char *readFormat, va_list params)
{
    ov_arg writeArgs[OV_MAX_ARGS], readArgs[OV_MAX_ARGS];
    va_list ap;
    int w, r;
    ViStatus status;
    if (!writeFormat || !readFormat) return OpenVisaFormatWrite(vi, NULL, NULL, 0, NULL);
    va_copy(ap, params);
    w = collect_write(writeFormat, &ap, writeArgs);
    r = w < 0 ? -1 : collect_read(readFormat, &ap, readArgs);
    va_end(ap);
    if (w < 0 || r < 0) return VI_ERROR_NSUP_FMT;
    status = OpenVisaFormatWrite(vi, writeFormat, writeArgs, w, NULL);
    return status < 0 ? status : OpenVisaFormatRead(vi, readFormat, readArgs, r, NULL);
}

ViStatus viQueryf(ViSession vi, const char *writeFormat, const char *readFormat, ...)
{
    va_list ap;
    ViStatus status;
    va_start(ap, readFormat);
    status = viVQueryf(vi, writeFormat, readFormat, ap);
    va_end(ap);
    return status;
}
