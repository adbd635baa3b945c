namespace OpenVisa;

/// <summary>
/// The operation names of a session file (the <c>op</c> field of each line), one per <see cref="VisaLibrary"/> member,
/// and which of them a replay serves in order.
/// </summary>
public static class SessionOps
{
    /// <summary>A resource-manager session was opened.</summary>
    public const string OpenResourceManager = "openRM";
    /// <summary>A resource-manager session was closed (with every session it opened).</summary>
    public const string CloseResourceManager = "closeRM";
    /// <summary>Resources were listed.</summary>
    public const string List = "list";
    /// <summary>A resource name was parsed (looked up, never matched in order).</summary>
    public const string Parse = "parse";
    /// <summary>A resource session was opened.</summary>
    public const string Open = "open";
    /// <summary>A resource session was closed.</summary>
    public const string Close = "close";
    /// <summary>The backend's default terminations for a new session (looked up, never matched in order).</summary>
    public const string Terminations = "terminations";
    /// <summary>An attribute was read.</summary>
    public const string GetAttribute = "getAttr";
    /// <summary>An attribute was written.</summary>
    public const string SetAttribute = "setAttr";
    /// <summary>Bytes were written.</summary>
    public const string Write = "write";
    /// <summary>One low-level read: a chunk of a message with the status that ended it.</summary>
    public const string Read = "read";
    /// <summary>The status byte was read.</summary>
    public const string ReadStb = "readStb";
    /// <summary>Device clear.</summary>
    public const string Clear = "clear";
    /// <summary>A trigger was sent.</summary>
    public const string Trigger = "trigger";
    /// <summary>The resource was locked.</summary>
    public const string Lock = "lock";
    /// <summary>A lock was released.</summary>
    public const string Unlock = "unlock";
    /// <summary>Buffers were flushed.</summary>
    public const string Flush = "flush";
    /// <summary>Buffer sizes were set.</summary>
    public const string SetBuffer = "setBuffer";
    /// <summary>An asynchronous operation was aborted.</summary>
    public const string Terminate = "terminate";
    /// <summary>Bytes were read into a file.</summary>
    public const string ReadToFile = "readToFile";
    /// <summary>Bytes of a file were written.</summary>
    public const string WriteFromFile = "writeFromFile";
    /// <summary>Events of a type were enabled.</summary>
    public const string EnableEvent = "enableEvent";
    /// <summary>Events of a type were disabled.</summary>
    public const string DisableEvent = "disableEvent";
    /// <summary>Queued events were discarded.</summary>
    public const string DiscardEvents = "discardEvents";
    /// <summary>The program waited for an event.</summary>
    public const string WaitOnEvent = "waitOnEvent";
    /// <summary>An event handler was installed.</summary>
    public const string InstallHandler = "installHandler";
    /// <summary>An event handler was removed.</summary>
    public const string UninstallHandler = "uninstallHandler";
    /// <summary>An event reached an installed handler (delivered by the backend, not asked for by the program).</summary>
    public const string Event = "event";
    /// <summary>GPIB command bytes were sent.</summary>
    public const string GpibCommand = "gpibCommand";
    /// <summary>The GPIB ATN line was controlled.</summary>
    public const string GpibControlAtn = "gpibControlAtn";
    /// <summary>REN was controlled (remote/local).</summary>
    public const string GpibControlRen = "gpibControlRen";
    /// <summary>GPIB control was passed.</summary>
    public const string GpibPassControl = "gpibPassControl";
    /// <summary>GPIB IFC was pulsed.</summary>
    public const string GpibSendIfc = "gpibSendIfc";
    /// <summary>A USB control-OUT request.</summary>
    public const string UsbControlOut = "usbControlOut";
    /// <summary>A USB control-IN request.</summary>
    public const string UsbControlIn = "usbControlIn";
    /// <summary>A VXI Word Serial command or query.</summary>
    public const string VxiCommandQuery = "vxiCommandQuery";
    /// <summary>A VXI interrupt or signal was asserted.</summary>
    public const string AssertInterruptSignal = "assertInterruptSignal";
    /// <summary>A VXI utility signal was asserted.</summary>
    public const string AssertUtilitySignal = "assertUtilitySignal";
    /// <summary>A trigger line was mapped.</summary>
    public const string MapTrigger = "mapTrigger";
    /// <summary>A trigger mapping was undone.</summary>
    public const string UnmapTrigger = "unmapTrigger";
    /// <summary>A register value was read.</summary>
    public const string In = "in";
    /// <summary>A register value was written.</summary>
    public const string Out = "out";
    /// <summary>A block of register values was read.</summary>
    public const string MoveIn = "moveIn";
    /// <summary>A block of register values was written.</summary>
    public const string MoveOut = "moveOut";
    /// <summary>A block was moved between address spaces.</summary>
    public const string Move = "move";
    /// <summary>An address window was mapped.</summary>
    public const string MapAddress = "mapAddress";
    /// <summary>An address window was unmapped.</summary>
    public const string UnmapAddress = "unmapAddress";
    /// <summary>A mapped address was read.</summary>
    public const string Peek = "peek";
    /// <summary>A mapped address was written.</summary>
    public const string Poke = "poke";
    /// <summary>Device memory was allocated.</summary>
    public const string MemoryAllocation = "memAlloc";
    /// <summary>Device memory was freed.</summary>
    public const string MemoryFree = "memFree";

    /// <summary>
    /// True for the lines a replay looks things up in instead of matching them in order (<see cref="Parse"/>,
    /// <see cref="Terminations"/>), and for <see cref="Event"/> lines, which the replay delivers itself.
    /// </summary>
    public static bool IsUnsequenced(string op) => op is Parse or Terminations or Event;

    /// <summary>True for operations on a resource-manager session rather than a resource session.</summary>
    public static bool IsManagerLevel(string op) => op is OpenResourceManager or CloseResourceManager or List or Parse;
}
