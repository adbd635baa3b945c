using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace OpenVisa.CApi;

/// <summary>
/// Writes <c>visatype.h</c> and <c>visa.h</c> for C programs that use libopenvisa, following VPP-4.3.2/VPP-4.3.3. The
/// status codes, attribute identifiers and event types come from OpenVisa's own tables (<see cref="StatusCodes"/>,
/// <see cref="VisaAttributes"/>, <see cref="EventType"/>), so the headers never disagree with the library.
/// </summary>
internal static class VisaHeaders
{
    /// <summary>Writes both headers into <paramref name="folder"/>.</summary>
    public static void Write(string folder)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "visatype.h"), TypeHeader());
        File.WriteAllText(Path.Combine(folder, "visa.h"), ApiHeader());
    }

    /// <summary>
    /// <c>OpenVisaWriteHeaders(const char *folder)</c>: lets <c>eng/build-libopenvisa.sh</c> write the headers from the
    /// library it just built, so they come from the same tables. Returns 0, or a VISA error status.
    /// </summary>
    [UnmanagedCallersOnly(EntryPoint = "OpenVisaWriteHeaders")]
    public static unsafe int WriteExport(byte* folder)
    {
        try
        {
            Write(CText.Read(folder, "folder", "OpenVisaWriteHeaders"));
            return CStatus.Success;
        }
        catch (Exception e)
        {
            return CStatus.From(e);
        }
    }

    public static string TypeHeader() => """
        /* visatype.h: VISA data types (VPP-4.3.2), written by OpenVisa for libopenvisa. Do not edit: regenerate with
           eng/build-libopenvisa.sh. */
        #ifndef __VISATYPE_HEADER__
        #define __VISATYPE_HEADER__

        #if defined(_WIN64) || defined(__LP64__) || defined(_LP64) || defined(__x86_64__) || defined(__aarch64__)
        #define _VISA_ENV_IS_64_BIT
        #endif

        #if defined(_WIN32) && !defined(_WIN64)
        #define _VI_FAR
        #define _VI_FUNC __stdcall
        #define _VI_FUNCC __cdecl
        #define _VI_FUNCH __stdcall
        #define _VI_SIGNED signed
        #else
        #define _VI_FAR
        #define _VI_FUNC
        #define _VI_FUNCC
        #define _VI_FUNCH
        #define _VI_SIGNED signed
        #endif
        #define _VI_ERROR (-2147483647L - 1)
        #define _VI_PTR _VI_FAR *

        #define _VI_INT64_UINT64_DEFINED
        typedef unsigned long long ViUInt64;
        typedef _VI_SIGNED long long ViInt64;
        typedef ViUInt64 _VI_PTR ViPUInt64;
        typedef ViUInt64 _VI_PTR ViAUInt64;
        typedef ViInt64 _VI_PTR ViPInt64;
        typedef ViInt64 _VI_PTR ViAInt64;

        typedef unsigned int ViUInt32;
        typedef _VI_SIGNED int ViInt32;
        typedef ViUInt32 _VI_PTR ViPUInt32;
        typedef ViUInt32 _VI_PTR ViAUInt32;
        typedef ViInt32 _VI_PTR ViPInt32;
        typedef ViInt32 _VI_PTR ViAInt32;
        typedef unsigned short ViUInt16;
        typedef ViUInt16 _VI_PTR ViPUInt16;
        typedef ViUInt16 _VI_PTR ViAUInt16;
        typedef _VI_SIGNED short ViInt16;
        typedef ViInt16 _VI_PTR ViPInt16;
        typedef ViInt16 _VI_PTR ViAInt16;
        typedef unsigned char ViUInt8;
        typedef ViUInt8 _VI_PTR ViPUInt8;
        typedef ViUInt8 _VI_PTR ViAUInt8;
        typedef _VI_SIGNED char ViInt8;
        typedef ViInt8 _VI_PTR ViPInt8;
        typedef ViInt8 _VI_PTR ViAInt8;
        typedef char ViChar;
        typedef ViChar _VI_PTR ViPChar;
        typedef ViChar _VI_PTR ViAChar;
        typedef unsigned char ViByte;
        typedef ViByte _VI_PTR ViPByte;
        typedef ViByte _VI_PTR ViAByte;
        typedef void _VI_PTR ViAddr;
        typedef ViAddr _VI_PTR ViPAddr;
        typedef ViAddr _VI_PTR ViAAddr;
        typedef float ViReal32;
        typedef ViReal32 _VI_PTR ViPReal32;
        typedef ViReal32 _VI_PTR ViAReal32;
        typedef double ViReal64;
        typedef ViReal64 _VI_PTR ViPReal64;
        typedef ViReal64 _VI_PTR ViAReal64;
        typedef ViPByte ViBuf;
        typedef const ViByte * ViConstBuf;
        typedef ViPByte ViPBuf;
        typedef ViPByte _VI_PTR ViABuf;
        typedef ViPChar ViString;
        typedef const ViChar * ViConstString;
        typedef ViPChar ViPString;
        typedef ViPChar _VI_PTR ViAString;
        typedef ViString ViRsrc;
        typedef ViConstString ViConstRsrc;
        typedef ViString ViPRsrc;
        typedef ViString _VI_PTR ViARsrc;
        typedef ViUInt16 ViBoolean;
        typedef ViBoolean _VI_PTR ViPBoolean;
        typedef ViBoolean _VI_PTR ViABoolean;
        typedef ViInt32 ViStatus;
        typedef ViStatus _VI_PTR ViPStatus;
        typedef ViStatus _VI_PTR ViAStatus;
        typedef ViUInt32 ViVersion;
        typedef ViVersion _VI_PTR ViPVersion;
        typedef ViVersion _VI_PTR ViAVersion;
        typedef ViUInt32 ViObject;
        typedef ViObject _VI_PTR ViPObject;
        typedef ViObject _VI_PTR ViAObject;
        typedef ViObject ViSession;
        typedef ViSession _VI_PTR ViPSession;
        typedef ViSession _VI_PTR ViASession;
        typedef ViUInt32 ViAttr;
        typedef const ViChar * ViConstKeyId;

        #define VI_NULL (0)
        #define VI_TRUE (1)
        #define VI_FALSE (0)

        #endif

        """;

    public static string ApiHeader()
    {
        var text = new StringBuilder();
        text.Append("""
            /* visa.h: the VISA C API (VPP-4.3.2, VPP-4.3.3), written by OpenVisa for libopenvisa. The status codes,
               attribute identifiers and event types are generated from OpenVisa's own tables. Do not edit: regenerate
               with eng/build-libopenvisa.sh. */
            #ifndef __VISA_HEADER__
            #define __VISA_HEADER__

            #include <stdarg.h>
            #include "visatype.h"

            #define VI_SPEC_VERSION (0x00700000UL)

            #if defined(__cplusplus)
            extern "C" {
            #endif

            typedef ViObject ViEvent;
            typedef ViEvent _VI_PTR ViPEvent;
            typedef ViObject ViFindList;
            typedef ViFindList _VI_PTR ViPFindList;
            #if defined(_VI_INT64_UINT64_DEFINED) && defined(_VISA_ENV_IS_64_BIT)
            typedef ViUInt64 ViBusAddress;
            typedef ViUInt64 ViBusSize;
            typedef ViUInt64 ViAttrState;
            #else
            typedef ViUInt32 ViBusAddress;
            typedef ViUInt32 ViBusSize;
            typedef ViUInt32 ViAttrState;
            #endif
            typedef ViBusAddress _VI_PTR ViPBusAddress;
            typedef ViString ViKeyId;
            typedef ViPString ViPKeyId;
            typedef ViUInt32 ViJobId;
            typedef ViJobId _VI_PTR ViPJobId;
            typedef ViUInt32 ViAccessMode;
            typedef ViAccessMode _VI_PTR ViPAccessMode;
            typedef ViUInt32 ViEventType;
            typedef ViEventType _VI_PTR ViPEventType;
            typedef ViUInt32 ViEventFilter;
            typedef va_list ViVAList;

            typedef ViStatus (_VI_FUNCH _VI_PTR ViHndlr)(ViSession vi, ViEventType eventType, ViEvent event, ViAddr userHandle);

            ViStatus _VI_FUNC viOpenDefaultRM(ViPSession vi);
            ViStatus _VI_FUNC viFindRsrc(ViSession sesn, ViConstString expr, ViPFindList vi, ViPUInt32 retCnt, ViChar _VI_FAR desc[]);
            ViStatus _VI_FUNC viFindNext(ViFindList vi, ViChar _VI_FAR desc[]);
            ViStatus _VI_FUNC viParseRsrc(ViSession rmSesn, ViConstRsrc rsrcName, ViPUInt16 intfType, ViPUInt16 intfNum);
            ViStatus _VI_FUNC viParseRsrcEx(ViSession rmSesn, ViConstRsrc rsrcName, ViPUInt16 intfType, ViPUInt16 intfNum,
                                            ViChar _VI_FAR rsrcClass[], ViChar _VI_FAR expandedUnaliasedName[], ViChar _VI_FAR aliasIfExists[]);
            ViStatus _VI_FUNC viOpen(ViSession sesn, ViConstRsrc name, ViAccessMode mode, ViUInt32 timeout, ViPSession vi);
            ViStatus _VI_FUNC viClose(ViObject vi);
            ViStatus _VI_FUNC viSetAttribute(ViObject vi, ViAttr attrName, ViAttrState attrValue);
            ViStatus _VI_FUNC viGetAttribute(ViObject vi, ViAttr attrName, void _VI_PTR attrValue);
            ViStatus _VI_FUNC viStatusDesc(ViObject vi, ViStatus status, ViChar _VI_FAR desc[]);
            ViStatus _VI_FUNC viTerminate(ViObject vi, ViUInt16 degree, ViJobId jobId);
            ViStatus _VI_FUNC viLock(ViSession vi, ViAccessMode lockType, ViUInt32 timeout, ViConstKeyId requestedKey, ViChar _VI_FAR accessKey[]);
            ViStatus _VI_FUNC viUnlock(ViSession vi);
            ViStatus _VI_FUNC viEnableEvent(ViSession vi, ViEventType eventType, ViUInt16 mechanism, ViEventFilter context);
            ViStatus _VI_FUNC viDisableEvent(ViSession vi, ViEventType eventType, ViUInt16 mechanism);
            ViStatus _VI_FUNC viDiscardEvents(ViSession vi, ViEventType eventType, ViUInt16 mechanism);
            ViStatus _VI_FUNC viWaitOnEvent(ViSession vi, ViEventType inEventType, ViUInt32 timeout, ViPEventType outEventType, ViPEvent outContext);
            ViStatus _VI_FUNC viInstallHandler(ViSession vi, ViEventType eventType, ViHndlr handler, ViAddr userHandle);
            ViStatus _VI_FUNC viUninstallHandler(ViSession vi, ViEventType eventType, ViHndlr handler, ViAddr userHandle);
            ViStatus _VI_FUNC viRead(ViSession vi, ViPBuf buf, ViUInt32 cnt, ViPUInt32 retCnt);
            ViStatus _VI_FUNC viReadAsync(ViSession vi, ViPBuf buf, ViUInt32 cnt, ViPJobId jobId);
            ViStatus _VI_FUNC viReadToFile(ViSession vi, ViConstString filename, ViUInt32 cnt, ViPUInt32 retCnt);
            ViStatus _VI_FUNC viWrite(ViSession vi, ViConstBuf buf, ViUInt32 cnt, ViPUInt32 retCnt);
            ViStatus _VI_FUNC viWriteAsync(ViSession vi, ViConstBuf buf, ViUInt32 cnt, ViPJobId jobId);
            ViStatus _VI_FUNC viWriteFromFile(ViSession vi, ViConstString filename, ViUInt32 cnt, ViPUInt32 retCnt);
            ViStatus _VI_FUNC viAssertTrigger(ViSession vi, ViUInt16 protocol);
            ViStatus _VI_FUNC viReadSTB(ViSession vi, ViPUInt16 status);
            ViStatus _VI_FUNC viClear(ViSession vi);
            ViStatus _VI_FUNC viSetBuf(ViSession vi, ViUInt16 mask, ViUInt32 size);
            ViStatus _VI_FUNC viFlush(ViSession vi, ViUInt16 mask);
            ViStatus _VI_FUNC viBufWrite(ViSession vi, ViConstBuf buf, ViUInt32 cnt, ViPUInt32 retCnt);
            ViStatus _VI_FUNC viBufRead(ViSession vi, ViPBuf buf, ViUInt32 cnt, ViPUInt32 retCnt);
            ViStatus _VI_FUNCC viPrintf(ViSession vi, ViConstString writeFmt, ...);
            ViStatus _VI_FUNC viVPrintf(ViSession vi, ViConstString writeFmt, ViVAList params);
            ViStatus _VI_FUNCC viSPrintf(ViSession vi, ViPBuf buf, ViConstString writeFmt, ...);
            ViStatus _VI_FUNC viVSPrintf(ViSession vi, ViPBuf buf, ViConstString writeFmt, ViVAList parms);
            ViStatus _VI_FUNCC viScanf(ViSession vi, ViConstString readFmt, ...);
            ViStatus _VI_FUNC viVScanf(ViSession vi, ViConstString readFmt, ViVAList params);
            ViStatus _VI_FUNCC viSScanf(ViSession vi, ViConstBuf buf, ViConstString readFmt, ...);
            ViStatus _VI_FUNC viVSScanf(ViSession vi, ViConstBuf buf, ViConstString readFmt, ViVAList parms);
            ViStatus _VI_FUNCC viQueryf(ViSession vi, ViConstString writeFmt, ViConstString readFmt, ...);
            ViStatus _VI_FUNC viVQueryf(ViSession vi, ViConstString writeFmt, ViConstString readFmt, ViVAList params);
            ViStatus _VI_FUNC viGpibControlREN(ViSession vi, ViUInt16 mode);
            ViStatus _VI_FUNC viGpibControlATN(ViSession vi, ViUInt16 mode);
            ViStatus _VI_FUNC viGpibSendIFC(ViSession vi);
            ViStatus _VI_FUNC viGpibCommand(ViSession vi, ViConstBuf cmd, ViUInt32 cnt, ViPUInt32 retCnt);
            ViStatus _VI_FUNC viGpibPassControl(ViSession vi, ViUInt16 primAddr, ViUInt16 secAddr);
            ViStatus _VI_FUNC viUsbControlOut(ViSession vi, ViInt16 bmRequestType, ViInt16 bRequest, ViUInt16 wValue,
                                              ViUInt16 wIndex, ViUInt16 wLength, ViConstBuf buf);
            ViStatus _VI_FUNC viUsbControlIn(ViSession vi, ViInt16 bmRequestType, ViInt16 bRequest, ViUInt16 wValue,
                                             ViUInt16 wIndex, ViUInt16 wLength, ViPBuf buf, ViPUInt16 retCnt);

            /* Attributes (OpenVisa's attribute table). */

            """);
        foreach (var info in VisaAttributes.All)
            text.Append(Define(info.Name, $"(0x{(uint)info.Id:X8}UL)", $"{info.ValueType.VisaTypeName()}, {(info.Access == AttributeAccess.ReadWrite ? "read/write" : "read-only")}"));
        text.Append("\n/* Event types. */\n\n");
        foreach (var type in Enum.GetValues<EventType>())
            text.Append(Define(EventName(type), $"(0x{(uint)type:X8}UL)", null));
        text.Append("\n/* Completion and error codes (OpenVisa's status table). */\n\n");
        foreach (var status in StatusCodes.All)
        {
            var value = (int)status.Code == 0 ? "(0L)" : status.Code.IsError() ? $"(_VI_ERROR+0x{(uint)status.Code & 0x7FFFFFFF:X8}L)" : $"(0x{(uint)status.Code:X8}L)";
            text.Append(Define(status.Abbreviation, value, null));
        }
        text.Append("""

            /* Other values. */

            #define VI_FIND_BUFLEN (256)
            #define VI_NULL (0)
            #define VI_TRUE (1)
            #define VI_FALSE (0)
            #define VI_INTF_GPIB (1)
            #define VI_INTF_VXI (2)
            #define VI_INTF_GPIB_VXI (3)
            #define VI_INTF_ASRL (4)
            #define VI_INTF_PXI (5)
            #define VI_INTF_TCPIP (6)
            #define VI_INTF_USB (7)
            #define VI_PROT_NORMAL (1)
            #define VI_PROT_FDC (2)
            #define VI_PROT_HS488 (3)
            #define VI_PROT_4882_STRS (4)
            #define VI_PROT_USBTMC_VENDOR (5)
            #define VI_NO_LOCK (0)
            #define VI_EXCLUSIVE_LOCK (1)
            #define VI_SHARED_LOCK (2)
            #define VI_LOAD_CONFIG (4)
            #define VI_TMO_IMMEDIATE (0L)
            #define VI_TMO_INFINITE (0xFFFFFFFFUL)
            #define VI_QUEUE (1)
            #define VI_HNDLR (2)
            #define VI_SUSPEND_HNDLR (4)
            #define VI_ALL_MECH (0xFFFF)
            #define VI_ANY_HNDLR (0)
            #define VI_TRIG_PROT_DEFAULT (0)
            #define VI_TRIG_PROT_ON (1)
            #define VI_TRIG_PROT_OFF (2)
            #define VI_TRIG_PROT_SYNC (5)
            #define VI_TRIG_PROT_RESERVE (6)
            #define VI_TRIG_PROT_UNRESERVE (7)
            #define VI_READ_BUF (1)
            #define VI_WRITE_BUF (2)
            #define VI_READ_BUF_DISCARD (4)
            #define VI_WRITE_BUF_DISCARD (8)
            #define VI_IO_IN_BUF (16)
            #define VI_IO_OUT_BUF (32)
            #define VI_IO_IN_BUF_DISCARD (64)
            #define VI_IO_OUT_BUF_DISCARD (128)
            #define VI_FLUSH_ON_ACCESS (1)
            #define VI_FLUSH_WHEN_FULL (2)
            #define VI_FLUSH_DISABLE (3)
            #define VI_GPIB_REN_DEASSERT (0)
            #define VI_GPIB_REN_ASSERT (1)
            #define VI_GPIB_REN_DEASSERT_GTL (2)
            #define VI_GPIB_REN_ASSERT_ADDRESS (3)
            #define VI_GPIB_REN_ASSERT_LLO (4)
            #define VI_GPIB_REN_ASSERT_ADDRESS_LLO (5)
            #define VI_GPIB_REN_ADDRESS_GTL (6)
            #define VI_GPIB_ATN_DEASSERT (0)
            #define VI_GPIB_ATN_ASSERT (1)
            #define VI_GPIB_ATN_DEASSERT_HANDSHAKE (2)
            #define VI_GPIB_ATN_ASSERT_IMMEDIATE (3)
            #define VI_NO_SEC_ADDR (0xFFFF)

            #if defined(__cplusplus)
            }
            #endif

            #endif

            """);
        return text.ToString();
    }

    /// <summary>The VISA name of an event type, as VPP-4.3.2 spells it.</summary>
    public static string EventName(EventType type) => type switch
    {
        EventType.IOCompletion => "VI_EVENT_IO_COMPLETION",
        EventType.Trigger => "VI_EVENT_TRIG",
        EventType.ServiceRequest => "VI_EVENT_SERVICE_REQ",
        EventType.Clear => "VI_EVENT_CLEAR",
        EventType.Exception => "VI_EVENT_EXCEPTION",
        EventType.GpibControllerInCharge => "VI_EVENT_GPIB_CIC",
        EventType.GpibTalk => "VI_EVENT_GPIB_TALK",
        EventType.GpibListen => "VI_EVENT_GPIB_LISTEN",
        EventType.VxiVmeSysfail => "VI_EVENT_VXI_VME_SYSFAIL",
        EventType.VxiSignalInterrupt => "VI_EVENT_VXI_SIGP",
        EventType.TcpipConnect => "VI_EVENT_TCPIP_CONNECT",
        EventType.UsbInterrupt => "VI_EVENT_USB_INTR",
        EventType.AllEnabled => "VI_ALL_ENABLED_EVENTS",
        _ => $"VI_EVENT_0x{(uint)type:X8}",
    };

    private static string Define(string name, string value, string? comment) =>
        comment is null
            ? string.Create(CultureInfo.InvariantCulture, $"#define {name,-40} {value}\n")
            : string.Create(CultureInfo.InvariantCulture, $"#define {name,-40} {value,-16} /* {comment} */\n");
}
