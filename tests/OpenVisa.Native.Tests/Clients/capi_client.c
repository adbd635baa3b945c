/* A C program built with gcc against libopenvisa's generated visa.h: run by LibOpenVisaCProgramTests with
   OPENVISA_BACKEND=@sim. Prints one "name: value" line per check; exits non-zero at the first failed call. */
#include <stdio.h>
#include <string.h>
#include "visa.h"

#define CHECK(call) do { ViStatus s_ = (call); if (s_ < VI_SUCCESS) { char d_[256]; viStatusDesc(vi ? vi : rm, s_, d_); \
    printf("failed: %s -> %d %s\n", #call, (int)s_, d_); return 1; } } while (0)

int main(void)
{
    ViSession rm = VI_NULL, vi = VI_NULL;
    ViFindList list;
    ViUInt32 count, n;
    ViChar desc[VI_FIND_BUFLEN];
    unsigned char buf[4096];
    ViUInt32 timeout;

    printf("attr_state_bytes: %u\n", (unsigned)sizeof(ViAttrState));
    CHECK(viOpenDefaultRM(&rm));
    CHECK(viFindRsrc(rm, "TCPIP?*::INSTR", &list, &count, desc));
    printf("found: %s\n", count > 0 ? "yes" : "no");
    viClose(list);
    CHECK(viOpen(rm, "TCPIP0::sim-scope.local::inst0::INSTR", VI_NULL, 2000, &vi));
    CHECK(viSetAttribute(vi, VI_ATTR_TMO_VALUE, 5000));
    CHECK(viGetAttribute(vi, VI_ATTR_TMO_VALUE, &timeout));
    printf("timeout: %u\n", timeout);
    CHECK(viSetAttribute(vi, VI_ATTR_TERMCHAR_EN, VI_TRUE));
    CHECK(viWrite(vi, (ViConstBuf)"*IDN?\n", 6, &n));
    CHECK(viRead(vi, buf, sizeof buf - 1, &n));
    buf[n] = 0;
    printf("idn: %s", (char *)buf);
    CHECK(viSetAttribute(vi, VI_ATTR_TERMCHAR_EN, VI_FALSE));
    CHECK(viWrite(vi, (ViConstBuf)":WAVeform:DATA?\n", 16, &n));
    CHECK(viRead(vi, buf, sizeof buf, &n));
    printf("block_header: %c\n", buf[0]);
    printf("block_bytes: %u\n", n);
#ifdef WITH_FORMATTED_IO
    {
        ViChar idn[256];
        ViInt32 points = 0;
        ViReal64 scale = 0;
        CHECK(viPrintf(vi, "*IDN?\n"));
        CHECK(viScanf(vi, "%255t", idn));
        printf("printf_scanf: %s", idn);
        CHECK(viQueryf(vi, ":WAVeform:POINts?\n", "%d", &points));
        printf("queryf_points: %d\n", (int)points);
        CHECK(viPrintf(vi, ":CHANnel%d:SCALe %f\n", 1, 0.5));
        CHECK(viQueryf(vi, ":CHANnel%d:SCALe?\n", "%lf", 1, &scale));
        printf("queryf_scale: %g\n", scale);
    }
    {
        ViInt32 values[3] = {1, -2, 30}, parsed[8], parsedCount = 8;
        unsigned char block[4] = {'A', 'B', 'C', 'D'}, text[128];
        ViInt16 words[2];
        ViInt32 wordCount = 2;
        ViChar word[16];
        CHECK(viSPrintf(vi, text, "%,3d;%-6.2f|%+05d;%#b;%x", values, 1.5, 42, 4, block, 255));
        printf("sprintf: %s\n", (char *)text);
        CHECK(viSScanf(vi, (ViConstBuf)"7, 8,9 rest #14\x01\x02\x03\x04", "%,#d %15s %#hb", &parsedCount, parsed, word, &wordCount, words));
        printf("sscanf: %d %d %d %d %s %d 0x%04x 0x%04x\n", (int)parsedCount, (int)parsed[0], (int)parsed[1], (int)parsed[2], word, (int)wordCount,
               (unsigned)(unsigned short)words[0], (unsigned)(unsigned short)words[1]);
    }
#endif
    CHECK(viClose(vi));
    vi = VI_NULL;
    CHECK(viClose(rm));
    printf("done: ok\n");
    return 0;
}
