namespace OpenVisa.Native;

/// <summary>
/// The VISA C API as function-pointer calls with the C widths: <c>ViSession</c>, <c>ViStatus</c>, <c>ViUInt32</c> and
/// <c>ViEventType</c> are 32-bit, <c>ViUInt16</c> and <c>ViBoolean</c> 16-bit, and <c>ViAttrState</c> is
/// pointer-sized (<c>ViUInt64</c> on 64-bit platforms, <c>ViUInt32</c> on 32-bit ones), hence <see cref="nuint"/>.
/// Every method returns the raw <c>ViStatus</c>; <see cref="IviLibrary"/> turns errors into exceptions.
/// </summary>
/// <remarks>
/// <c>delegate* unmanaged</c> uses the platform's default convention, which is VISA's <c>_VI_FUNC</c> on every
/// 64-bit platform and on 32-bit Linux and macOS (32-bit Windows' <c>__stdcall</c> is the platform default there too).
/// </remarks>
internal sealed unsafe class VisaApi(VisaFunctionTable table)
{
    /// <summary>The size of the <c>ViChar[256]</c> buffers the C API fills (descriptions, resource names, keys).</summary>
    public const int TextBufferSize = 256;

    public VisaFunctionTable Table => table;

    public int OpenDefaultRM(uint* session) =>
        ((delegate* unmanaged<uint*, int>)table.Get(VisaFunction.viOpenDefaultRM))(session);

    public int FindRsrc(uint rm, byte* expression, uint* findList, uint* count, byte* description) =>
        ((delegate* unmanaged<uint, byte*, uint*, uint*, byte*, int>)table.Get(VisaFunction.viFindRsrc))(rm, expression, findList, count, description);

    public int FindNext(uint findList, byte* description) =>
        ((delegate* unmanaged<uint, byte*, int>)table.Get(VisaFunction.viFindNext))(findList, description);

    public int ParseRsrcEx(uint rm, byte* name, ushort* interfaceType, ushort* board, byte* resourceClass, byte* expanded, byte* alias) =>
        ((delegate* unmanaged<uint, byte*, ushort*, ushort*, byte*, byte*, byte*, int>)table.Get(VisaFunction.viParseRsrcEx))(rm, name, interfaceType, board, resourceClass, expanded, alias);

    public int ParseRsrc(uint rm, byte* name, ushort* interfaceType, ushort* board) =>
        ((delegate* unmanaged<uint, byte*, ushort*, ushort*, int>)table.Get(VisaFunction.viParseRsrc))(rm, name, interfaceType, board);

    public int Open(uint rm, byte* name, uint accessMode, uint timeout, uint* session) =>
        ((delegate* unmanaged<uint, byte*, uint, uint, uint*, int>)table.Get(VisaFunction.viOpen))(rm, name, accessMode, timeout, session);

    public int Close(uint vi) => ((delegate* unmanaged<uint, int>)table.Get(VisaFunction.viClose))(vi);

    public int GetAttribute(uint vi, uint attribute, void* value) =>
        ((delegate* unmanaged<uint, uint, void*, int>)table.Get(VisaFunction.viGetAttribute))(vi, attribute, value);

    public int SetAttribute(uint vi, uint attribute, nuint value) =>
        ((delegate* unmanaged<uint, uint, nuint, int>)table.Get(VisaFunction.viSetAttribute))(vi, attribute, value);

    public int StatusDesc(uint vi, int status, byte* description) =>
        ((delegate* unmanaged<uint, int, byte*, int>)table.Get(VisaFunction.viStatusDesc))(vi, status, description);

    public int Terminate(uint vi, ushort degree, uint jobId) =>
        ((delegate* unmanaged<uint, ushort, uint, int>)table.Get(VisaFunction.viTerminate))(vi, degree, jobId);

    public int Lock(uint vi, uint lockType, uint timeout, byte* requestedKey, byte* accessKey) =>
        ((delegate* unmanaged<uint, uint, uint, byte*, byte*, int>)table.Get(VisaFunction.viLock))(vi, lockType, timeout, requestedKey, accessKey);

    public int Unlock(uint vi) => ((delegate* unmanaged<uint, int>)table.Get(VisaFunction.viUnlock))(vi);

    public int EnableEvent(uint vi, uint eventType, ushort mechanism, uint context) =>
        ((delegate* unmanaged<uint, uint, ushort, uint, int>)table.Get(VisaFunction.viEnableEvent))(vi, eventType, mechanism, context);

    public int DisableEvent(uint vi, uint eventType, ushort mechanism) =>
        ((delegate* unmanaged<uint, uint, ushort, int>)table.Get(VisaFunction.viDisableEvent))(vi, eventType, mechanism);

    public int DiscardEvents(uint vi, uint eventType, ushort mechanism) =>
        ((delegate* unmanaged<uint, uint, ushort, int>)table.Get(VisaFunction.viDiscardEvents))(vi, eventType, mechanism);

    public int WaitOnEvent(uint vi, uint eventType, uint timeout, uint* outType, uint* outContext) =>
        ((delegate* unmanaged<uint, uint, uint, uint*, uint*, int>)table.Get(VisaFunction.viWaitOnEvent))(vi, eventType, timeout, outType, outContext);

    public int InstallHandler(uint vi, uint eventType, delegate* unmanaged<uint, uint, uint, nint, int> handler, nint userHandle) =>
        ((delegate* unmanaged<uint, uint, delegate* unmanaged<uint, uint, uint, nint, int>, nint, int>)table.Get(VisaFunction.viInstallHandler))(vi, eventType, handler, userHandle);

    public int UninstallHandler(uint vi, uint eventType, delegate* unmanaged<uint, uint, uint, nint, int> handler, nint userHandle) =>
        ((delegate* unmanaged<uint, uint, delegate* unmanaged<uint, uint, uint, nint, int>, nint, int>)table.Get(VisaFunction.viUninstallHandler))(vi, eventType, handler, userHandle);

    public int Read(uint vi, byte* buffer, uint count, uint* returned) =>
        ((delegate* unmanaged<uint, byte*, uint, uint*, int>)table.Get(VisaFunction.viRead))(vi, buffer, count, returned);

    public int Write(uint vi, byte* buffer, uint count, uint* returned) =>
        ((delegate* unmanaged<uint, byte*, uint, uint*, int>)table.Get(VisaFunction.viWrite))(vi, buffer, count, returned);

    public int ReadToFile(uint vi, byte* file, uint count, uint* returned) =>
        ((delegate* unmanaged<uint, byte*, uint, uint*, int>)table.Get(VisaFunction.viReadToFile))(vi, file, count, returned);

    public int WriteFromFile(uint vi, byte* file, uint count, uint* returned) =>
        ((delegate* unmanaged<uint, byte*, uint, uint*, int>)table.Get(VisaFunction.viWriteFromFile))(vi, file, count, returned);

    public int AssertTrigger(uint vi, ushort protocol) =>
        ((delegate* unmanaged<uint, ushort, int>)table.Get(VisaFunction.viAssertTrigger))(vi, protocol);

    public int ReadSTB(uint vi, ushort* status) =>
        ((delegate* unmanaged<uint, ushort*, int>)table.Get(VisaFunction.viReadSTB))(vi, status);

    public int Clear(uint vi) => ((delegate* unmanaged<uint, int>)table.Get(VisaFunction.viClear))(vi);

    public int SetBuf(uint vi, ushort mask, uint size) =>
        ((delegate* unmanaged<uint, ushort, uint, int>)table.Get(VisaFunction.viSetBuf))(vi, mask, size);

    public int Flush(uint vi, ushort mask) => ((delegate* unmanaged<uint, ushort, int>)table.Get(VisaFunction.viFlush))(vi, mask);

    public int GpibControlREN(uint vi, ushort mode) => ((delegate* unmanaged<uint, ushort, int>)table.Get(VisaFunction.viGpibControlREN))(vi, mode);

    public int GpibControlATN(uint vi, ushort mode) => ((delegate* unmanaged<uint, ushort, int>)table.Get(VisaFunction.viGpibControlATN))(vi, mode);

    public int GpibSendIFC(uint vi) => ((delegate* unmanaged<uint, int>)table.Get(VisaFunction.viGpibSendIFC))(vi);

    public int GpibCommand(uint vi, byte* buffer, uint count, uint* returned) =>
        ((delegate* unmanaged<uint, byte*, uint, uint*, int>)table.Get(VisaFunction.viGpibCommand))(vi, buffer, count, returned);

    public int GpibPassControl(uint vi, ushort primary, ushort secondary) =>
        ((delegate* unmanaged<uint, ushort, ushort, int>)table.Get(VisaFunction.viGpibPassControl))(vi, primary, secondary);

    public int UsbControlOut(uint vi, short requestType, short request, ushort value, ushort index, ushort length, byte* buffer) =>
        ((delegate* unmanaged<uint, short, short, ushort, ushort, ushort, byte*, int>)table.Get(VisaFunction.viUsbControlOut))(vi, requestType, request, value, index, length, buffer);

    public int UsbControlIn(uint vi, short requestType, short request, ushort value, ushort index, ushort length, byte* buffer, ushort* returned) =>
        ((delegate* unmanaged<uint, short, short, ushort, ushort, ushort, byte*, ushort*, int>)table.Get(VisaFunction.viUsbControlIn))(vi, requestType, request, value, index, length, buffer, returned);
}
