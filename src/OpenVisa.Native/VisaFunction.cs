namespace OpenVisa.Native;

/// <summary>The VISA C functions <see cref="VisaApi"/> calls; the names are the exports looked up.</summary>
internal enum VisaFunction
{
    viOpenDefaultRM, viFindRsrc, viFindNext, viParseRsrc, viParseRsrcEx, viOpen, viClose,
    viGetAttribute, viSetAttribute, viStatusDesc, viTerminate, viLock, viUnlock,
    viEnableEvent, viDisableEvent, viDiscardEvents, viWaitOnEvent, viInstallHandler, viUninstallHandler,
    viRead, viWrite, viReadToFile, viWriteFromFile, viAssertTrigger, viReadSTB, viClear, viSetBuf, viFlush,
    viGpibControlREN, viGpibControlATN, viGpibSendIFC, viGpibCommand, viGpibPassControl,
    viUsbControlOut, viUsbControlIn,
}
